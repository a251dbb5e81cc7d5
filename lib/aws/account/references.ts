// Literal references to things that must exist in the account: an AMI, a key pair, a hosted zone, a certificate, a
// secret. Only literals are looked up: a value computed from a resource of the stack (a property dependency) or equal
// to a resource of the stack that creates the thing is not.
import { errorCode, Call } from "./session";
import { send, Target } from "./clients";
import { parseArn } from "../arn";

export interface ReferenceRow {
    /** The referring resource types and the property that holds the reference. */
    readonly types: readonly string[];
    readonly property: string;
    readonly what: string;
    /** Stack resources of this type and property that create the referenced thing (then it is not looked up). */
    readonly createdBy?: { readonly type: string; readonly property: string };
    readonly pattern: RegExp;
    readonly error: string;
    /** Where the thing lives, when not in the referring resource's region (an ARN names its own region). */
    regionOf?(value: string): string | undefined;
    lookup(value: string, target: Target): Call<true>;
}

const absentWhen = (...names: string[]) => (error: unknown) => names.includes(errorCode(error).name);
const regionOfArn = (value: string) => parseArn(value)?.region || undefined;

export const REFERENCE_ROWS: readonly ReferenceRow[] = [
    {
        types: ["aws:ec2/instance:Instance"], property: "ami", what: "AMI", pattern: /^ami-[0-9a-f]{8,17}$/,
        error: "InvalidAMIID.NotFound: The image id '[<id>]' does not exist",
        lookup: (id, target) => imageLookup(id, target),
    },
    {
        types: ["aws:ec2/launchTemplate:LaunchTemplate"], property: "imageId", what: "AMI", pattern: /^ami-[0-9a-f]{8,17}$/,
        error: "InvalidAMIID.NotFound: The image id '[<id>]' does not exist (when an instance is launched from the template)",
        lookup: (id, target) => imageLookup(id, target),
    },
    {
        types: ["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate"], property: "keyName", what: "EC2 key pair",
        createdBy: { type: "aws:ec2/keyPair:KeyPair", property: "keyName" }, pattern: /^[\x20-\x7e]{1,255}$/,
        error: "InvalidKeyPair.NotFound: The key pair '<id>' does not exist",
        lookup: (name, target) => ({
            key: `ec2:DescribeKeyPairs:${target.region}:${name}`, action: "ec2:DescribeKeyPairs",
            isAbsent: absentWhen("InvalidKeyPair.NotFound"),
            run: async signal => {
                const out = await send("@aws-sdk/client-ec2", "EC2Client", "DescribeKeyPairsCommand", { KeyNames: [name] }, target, signal);
                return Array.isArray(out?.KeyPairs) && out.KeyPairs.length > 0 ? true : undefined;
            },
        }),
    },
    {
        types: ["aws:route53/record:Record"], property: "zoneId", what: "Route 53 hosted zone",
        createdBy: { type: "aws:route53/zone:Zone", property: "zoneId" }, pattern: /^(\/hostedzone\/)?Z[A-Z0-9]{1,32}$/,
        error: "NoSuchHostedZone: No hosted zone found with ID: <id>",
        lookup: (id, target) => ({
            key: `route53:GetHostedZone:${id}`, action: "route53:GetHostedZone", isAbsent: absentWhen("NoSuchHostedZone"),
            run: async signal => {
                await send("@aws-sdk/client-route-53", "Route53Client", "GetHostedZoneCommand", { Id: id }, target, signal);
                return true;
            },
        }),
    },
    {
        types: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"], property: "certificateArn", what: "ACM certificate",
        pattern: /^arn:[a-z-]+:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, regionOf: regionOfArn,
        error: "CertificateNotFound: Certificate '<id>' not found (described)",
        lookup: (arn, target) => certificateLookup(arn, target),
    },
    {
        types: ["aws:cloudfront/distribution:Distribution"], property: "viewerCertificate.acmCertificateArn", what: "ACM certificate",
        pattern: /^arn:[a-z-]+:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, regionOf: regionOfArn,
        error: "InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.",
        lookup: (arn, target) => certificateLookup(arn, target),
    },
    {
        types: ["aws:secretsmanager/secretVersion:SecretVersion"], property: "secretId", what: "secret",
        createdBy: { type: "aws:secretsmanager/secret:Secret", property: "name" }, pattern: /^[\x21-\x7e]{1,2048}$/,
        regionOf: value => value.startsWith("arn:") ? regionOfArn(value) : undefined,
        error: "ResourceNotFoundException: Secrets Manager can't find the specified secret.",
        lookup: (id, target) => ({
            key: `secretsmanager:DescribeSecret:${target.region}:${id}`, action: "secretsmanager:DescribeSecret",
            isAbsent: absentWhen("ResourceNotFoundException"),
            run: async signal => {
                const out = await send("@aws-sdk/client-secrets-manager", "SecretsManagerClient", "DescribeSecretCommand", { SecretId: id }, target, signal);
                // A secret scheduled for deletion cannot take a new version either.
                return out?.DeletedDate ? undefined : true;
            },
        }),
    },
];

function imageLookup(id: string, target: Target): Call<true> {
    return {
        key: `ec2:DescribeImages:${target.region}:${id}`, action: "ec2:DescribeImages",
        isAbsent: absentWhen("InvalidAMIID.NotFound", "InvalidAMIID.Unavailable"),
        run: async signal => {
            const out = await send("@aws-sdk/client-ec2", "EC2Client", "DescribeImagesCommand", { ImageIds: [id] }, target, signal);
            return Array.isArray(out?.Images) && out.Images.length > 0 ? true : undefined;
        },
    };
}

function certificateLookup(arn: string, target: Target): Call<true> {
    return {
        key: `acm:DescribeCertificate:${arn}`, action: "acm:DescribeCertificate", isAbsent: absentWhen("ResourceNotFoundException"),
        run: async signal => {
            await send("@aws-sdk/client-acm", "ACMClient", "DescribeCertificateCommand", { CertificateArn: arn }, target, signal);
            return true;
        },
    };
}
