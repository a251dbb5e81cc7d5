import type * as aws from "@pulumi/aws";
import { wildcardMatch } from "../../lib/aws/iam";
import { AWS_MANAGED_EBS_ALIAS, KMS_KEY_REF_FORMS, parseKmsKeyRef } from "../../lib/aws/kms/key-ref";
import { resourcePolicy, ResourceContext } from "../../lib/framework/policy";
import { cutText, quoteValue } from "../../lib/framework/quote";
import { formatPath, PathSegment, PropertyBag, UNKNOWN } from "../../lib/framework/properties";
import { EBS_VOLUME, EC2_INSTANCE, EC2_LAUNCH_CONFIGURATION, EC2_LAUNCH_TEMPLATE } from "../../lib/aws/resource-types";
import { regionOf } from "../../lib/aws/region";

interface Config {
    allowedKeyArns?: string[];
}

const BLOCK_DEVICE_MAPPINGS: keyof aws.ec2.LaunchTemplateArgs = "blockDeviceMappings";
const EBS: keyof aws.types.input.ec2.LaunchTemplateBlockDeviceMapping = "ebs";
const ROOT_BLOCK_DEVICE: keyof aws.ec2.InstanceArgs & keyof aws.ec2.LaunchConfigurationArgs = "rootBlockDevice";
const EBS_BLOCK_DEVICES: keyof aws.ec2.InstanceArgs & keyof aws.ec2.LaunchConfigurationArgs = "ebsBlockDevices";
const ENCRYPTED: keyof aws.ebs.VolumeArgs & keyof aws.types.input.ec2.LaunchTemplateBlockDeviceMappingEbs = "encrypted";
const KMS_KEY_ID: keyof aws.ebs.VolumeArgs & keyof aws.types.input.ec2.LaunchTemplateBlockDeviceMappingEbs = "kmsKeyId";
const DEVICE_NAME: keyof aws.types.input.ec2.LaunchConfigurationEbsBlockDevice = "deviceName";
const IMAGE_ID: keyof aws.ec2.LaunchConfigurationArgs = "imageId";
/** The root device's name depends on the AMI (/dev/xvda on Amazon Linux, /dev/sda1 on Ubuntu and others): never guessed. */
const ROOT_DEVICE_PLACEHOLDER = "<your AMI's root device name, e.g. /dev/xvda or /dev/sda1>";
const DEVICE_PLACEHOLDER = "<this volume's device name>";

export const INVALID_KMS_KEY_STATE_ERROR = "Client.InvalidKMSKey.InvalidState: The KMS key provided is in an incorrect state";

const DEFAULT_KEY = "the account's default EBS key (aws/ebs, or the encryption-by-default key), outside this program's control";
const SERVICE_ROLE_NOTE = "Your key must also let the Auto Scaling service-linked role use it " +
    "(kms-key-grants-service-principals checks that).";
/** How much of a key a headline quotes (a key ARN is about 75 characters): the headline stays about 160. */
const HEADLINE_VALUE_LIMIT = 32;
/** How many allowedKeyArns entries a message lists. */
const LISTED_ALLOWED = 5;

/** One place that holds `encrypted` and `kmsKeyId`: a launch template mapping's `ebs`, an instance device, a volume. */
interface Device {
    readonly bag: PropertyBag;
    readonly path: readonly PathSegment[];
    /** What the message calls it: "volumes launched from this template", "the root volume", ... */
    readonly subject: string;
    /** What fails when the key cannot be used ("instances fail to launch"). */
    readonly failure: string;
    /** Whether that failure is the documented Client.InvalidKMSKey.InvalidState launch error. */
    readonly launches: boolean;
    /** Launch templates spell `encrypted` as a string. */
    readonly stringFlag: boolean;
}

export const ebsEncryptionExplicitKmsKey = resourcePolicy<Config>({
    name: "ebs-encryption-explicit-kms-key",
    description: "Encrypted EBS volumes must name their KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ebs", "ec2", "kms", "encryption", "deployment-blocker"],
    remediationSteps: "Give every encrypted EBS volume an explicit kmsKeyId: the ARN of a KMS key you manage in the same " +
        "region as the volume (key ARN, key id, alias name or alias ARN are accepted). Launch templates take " +
        "blockDeviceMappings[].ebs: { encrypted: \"true\", kmsKeyId: key.arn }; instances take it on rootBlockDevice and " +
        "ebsBlockDevices[]; launch configurations cannot take a key: replace them with a launch template.",
    resourceTypes: [EC2_LAUNCH_TEMPLATE, EC2_INSTANCE, EBS_VOLUME, EC2_LAUNCH_CONFIGURATION],
    config: {
        allowedKeyArns: {
            type: "array",
            items: { type: "string" },
            description: "KMS keys your organisation requires for EBS: key or alias ARNs, or patterns with * and ? " +
                "(e.g. arn:aws:kms:*:111122223333:key/*). When set, every known kmsKeyId must match one of them.",
        },
    },
    docs: {
        failure: "An encrypted volume without kmsKeyId uses the account's default EBS key. When that key is disabled, " +
            "pending deletion, in another state, or its policy does not let the launching service use it (accounts " +
            "with EBS encryption by default set to a customer managed key), instances fail to launch although " +
            "`pulumi preview` and the launch template were fine. A malformed key id or a key in another region is " +
            "accepted at first and fails later, because EC2 checks the key asynchronously. This policy does not check " +
            "key policies: kms-key-grants-service-principals does, so the two never report the same problem.",
        awsError: INVALID_KMS_KEY_STATE_ERROR,
    },
    validate: ctx => {
        const region = regionOf(ctx).region;
        const regionText = typeof region === "string" ? region : "the resource's region";
        switch (ctx.type) {
            case EC2_LAUNCH_TEMPLATE: {
                const count = ctx.props.length(BLOCK_DEVICE_MAPPINGS);
                for (let i = 0; i < count; i++) {
                    const mapping = ctx.props.object([BLOCK_DEVICE_MAPPINGS, i]);
                    if (mapping === undefined || mapping === UNKNOWN) {
                        continue;
                    }
                    const ebs = new PropertyBag(mapping).objectOrFirst(EBS);
                    if (ebs === undefined || ebs === UNKNOWN) {
                        continue;
                    }
                    checkDevice(ctx, {
                        bag: new PropertyBag(ebs),
                        path: [BLOCK_DEVICE_MAPPINGS, i, EBS],
                        subject: "volumes launched from this template",
                        failure: "instances fail to launch",
                        launches: true,
                        stringFlag: true,
                    }, regionText);
                }
                return;
            }
            case EC2_INSTANCE:
                for (const device of instanceDevices(ctx)) {
                    checkDevice(ctx, {
                        bag: device.bag,
                        path: device.path,
                        subject: device.path[0] === ROOT_BLOCK_DEVICE ? "the instance's root volume" : "this volume of the instance",
                        failure: "the instance fails to launch",
                        launches: true,
                        stringFlag: false,
                    }, regionText);
                }
                return;
            case EBS_VOLUME:
                checkDevice(ctx, {
                    bag: ctx.props,
                    path: [],
                    subject: "the volume",
                    failure: "creating or attaching the volume fails",
                    launches: false,
                    stringFlag: false,
                }, regionText);
                return;
            case EC2_LAUNCH_CONFIGURATION:
                for (const device of instanceDevices(ctx)) {
                    checkLaunchConfigurationDevice(ctx, device.bag, device.path);
                }
                return;
            default:
                return;
        }
    },
});

function instanceDevices(ctx: ResourceContext<Config>): { bag: PropertyBag; path: PathSegment[] }[] {
    const devices: { bag: PropertyBag; path: PathSegment[] }[] = [];
    const root = ctx.props.objectOrFirst(ROOT_BLOCK_DEVICE);
    if (root !== undefined && root !== UNKNOWN) {
        devices.push({ bag: new PropertyBag(root), path: [ROOT_BLOCK_DEVICE] });
    }
    const count = ctx.props.length(EBS_BLOCK_DEVICES);
    for (let i = 0; i < count; i++) {
        const device = ctx.props.object([EBS_BLOCK_DEVICES, i]);
        if (device !== undefined && device !== UNKNOWN) {
            devices.push({ bag: new PropertyBag(device), path: [EBS_BLOCK_DEVICES, i] });
        }
    }
    return devices;
}

function checkDevice(ctx: ResourceContext<Config>, device: Device, regionText: string): void {
    const encrypted = device.bag.boolean(ENCRYPTED);
    const rawKey = device.bag.get(KMS_KEY_ID);
    // An empty string is "not set"; anything else is sent to AWS as written (whitespace included).
    const key = rawKey === UNKNOWN || (typeof rawKey === "string" && rawKey !== "") ? rawKey : undefined;
    const flag = typeof device.bag.get(ENCRYPTED) === "string" ? `encrypted is "true"` : "encrypted is true";
    const encryptedTrue = device.stringFlag ? `encrypted: "true"` : "encrypted: true";
    const failure = device.launches ? `${device.failure} with "${INVALID_KMS_KEY_STATE_ERROR}"` : device.failure;
    const verb = device.subject.startsWith("volumes") ? "are" : "is";

    if (encrypted === true && key === undefined) {
        ctx.report({
            path: [...device.path, KMS_KEY_ID],
            message: `${flag} but no kmsKeyId: set it to a KMS key you manage in ${regionText}.\n\n` +
                `Otherwise ${device.subject} ${verb} encrypted with ${DEFAULT_KEY}: if it cannot be used, ${failure}.` +
                (device.stringFlag ? ` ${SERVICE_ROLE_NOTE}` : ""),
        });
    }
    if (key !== undefined && (encrypted === false || encrypted === undefined)) {
        ctx.report({
            path: [...device.path, ENCRYPTED],
            message: `${encrypted === false ? "false" : "not set"}, but kmsKeyId is set: set ${encryptedTrue} next to kmsKeyId.\n\n` +
                `AWS requires the encrypted state to be true when a KMS key is given, so ${device.subject} cannot be ` +
                "created as written.",
        });
    }
    if (typeof key !== "string") {
        return; // no key, or one created in this stack (known at apply)
    }
    const keyPath = [...device.path, KMS_KEY_ID];
    const secret = device.bag.isSecret(KMS_KEY_ID) || ctx.props.isSecret(keyPath);
    if (key !== key.trim()) {
        const trimmed = key.trim();
        ctx.report({
            path: keyPath,
            message: "has leading or trailing whitespace: " +
                `${trimmed === "" ? "name a key (e.g. kmsKeyId: ebsKey.arn)" : secret ? "remove the whitespace" : `use ${quoteValue(trimmed, HEADLINE_VALUE_LIMIT)}`}.\n\n` +
                "AWS takes the value as written, so it is not a key identifier; EC2 checks the key only after accepting " +
                `the request, so ${device.failure}.`,
        });
        return;
    }
    const ref = parseKmsKeyRef(key);
    if (ref === undefined) {
        ctx.report({
            path: keyPath,
            message: `${secret ? "The key (a secret, not shown)" : quoteValue(key, HEADLINE_VALUE_LIMIT)} is not a KMS key id: use a key ` +
                "ARN, key id, alias name or alias ARN.\n\n" +
                `Accepted forms: ${KMS_KEY_REF_FORMS}. EC2 checks the key only after accepting the request, so ` +
                `${device.failure}.`,
        });
    } else {
        const region = regionOf(ctx).region;
        if (ref.region !== undefined && typeof region === "string" && ref.region !== region) {
            const what = ref.kind === "alias-arn" ? "alias" : "key";
            // A secret key's region and whether it is a multi-Region key are parts of the secret: neither is shown.
            ctx.report({
                path: keyPath,
                message: (secret ? `the ${what} ARN (a secret, not shown) is in another region, but ${device.subject} `
                    : `the ${what} ARN is in ${ref.region}, but ${device.subject} `) +
                    `${verb} in ${region}: use a key in ${region}.\n\n` +
                    `EBS can only use a KMS key in the volume's own region, so ${device.failure}.` +
                    (secret ? " For a multi-Region key, use the ARN of its replica there." :
                        ref.kind === "key-arn" && key.includes(":key/mrk-") ? ` For this multi-Region key, use the ARN of its replica in ${region}.` : ""),
            });
        }
        // An accepted form, but not a key the program controls. No note for a secret key: it would say what the secret is.
        if (ref.alias === AWS_MANAGED_EBS_ALIAS && !secret) {
            ctx.report({
                path: keyPath,
                advisory: true,
                message: `${AWS_MANAGED_EBS_ALIAS} is the AWS managed EBS key, whose policy you cannot change: to control it, ` +
                    "use a customer managed key (kmsKeyId: ebsKey.arn).\n\n" +
                    "AWS manages its key policy, so you cannot grant other accounts or roles anything it does not already " +
                    "allow. Keep it if that is what you want.",
            });
        }
    }
    checkAllowed(ctx, key, keyPath, ref?.kind, secret);
}

function checkAllowed(ctx: ResourceContext<Config>, key: string, path: PathSegment[], kind: string | undefined, secret: boolean): void {
    const allowed = Array.isArray(ctx.config.allowedKeyArns)
        ? ctx.config.allowedKeyArns.filter((entry): entry is string => typeof entry === "string" && entry !== "")
        : [];
    if (allowed.length === 0 || allowed.some(pattern => wildcardMatch(pattern, key))) {
        return;
    }
    const notArn = kind !== "key-arn" && kind !== "alias-arn";
    const listed = allowed.slice(0, LISTED_ALLOWED).map(entry => quoteValue(entry, 120)).join(", ") +
        (allowed.length > LISTED_ALLOWED ? ` and ${allowed.length - LISTED_ALLOWED} more` : "");
    ctx.report({
        path,
        message: `${secret ? "The key (a secret, not shown)" : quoteValue(key, HEADLINE_VALUE_LIMIT)} is not in allowedKeyArns: use one ` +
            "of the keys your organisation allows for EBS.\n\n" +
            `allowedKeyArns: ${listed}.${notArn ? " Give the key's full ARN so it can be compared." : ""}`,
    });
}

function checkLaunchConfigurationDevice(ctx: ResourceContext<Config>, bag: PropertyBag, path: PathSegment[]): void {
    if (bag.boolean(ENCRYPTED) !== true) {
        return;
    }
    const root = path[0] === ROOT_BLOCK_DEVICE;
    const deviceName = root ? undefined : bag.string(DEVICE_NAME); // a launch configuration's root device has no name
    const name = typeof deviceName === "string" && deviceName !== "" && !bag.isSecret(DEVICE_NAME) ? deviceName
        : root ? ROOT_DEVICE_PLACEHOLDER : DEVICE_PLACEHOLDER;
    const imageId = ctx.props.string(IMAGE_ID);
    const image = typeof imageId === "string" && imageId !== "" && !ctx.props.isSecret(IMAGE_ID) ? imageId : "<your AMI id>";
    const lookUp = root ? ` Root device name: aws ec2 describe-images --image-ids ${cutText(image, 64)} ` +
        "--query \"Images[0].RootDeviceName\" (another name adds a volume instead)." : "";
    ctx.report({
        path: [...path, ENCRYPTED],
        message: "true, but a launch configuration cannot name a KMS key: replace it with an aws.ec2.LaunchTemplate that sets kmsKeyId.\n\n" +
            `It always uses ${DEFAULT_KEY}: if it cannot be used, instances fail to launch with ` +
            `"${INVALID_KMS_KEY_STATE_ERROR}". Template: blockDeviceMappings: [{ deviceName: "${cutText(name, 64)}", ebs: ` +
            "{ encrypted: \"true\", kmsKeyId: ebsKey.arn } }]; group: launchTemplate: { id: template.id, " +
            "version: \"$Latest\" }." + lookUp,
    });
}
