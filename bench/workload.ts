// A realistic stack for the benchmark: the resource types the pack covers, in the shapes @pulumi/aws produces
// during preview (computed ids unknown, passwords secret), mixed with unrelated resources; about 10% violating.
import { ProviderRecord, ResourceRecord, secret, UNKNOWN } from "../lib/runner/engine";

type Template = (i: number, violating: boolean) => Record<string, unknown>;

const ROOT_STATEMENT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
const LOGS_STATEMENT = {
    Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.us-east-1.amazonaws.com" },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], Resource: "*",
    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*" } },
};
const ASSUME_LAMBDA = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });

export const COVERED: Readonly<Record<string, Template>> = {
    "aws:s3/bucket:Bucket": (i, bad) => ({ bucket: bad ? `App_Assets_${i}` : `app-assets-${i}-dev`, tags: { env: "dev" } }),
    "aws:s3/bucketV2:BucketV2": (i, bad) => ({ bucket: bad ? `Legacy.${i}..x` : `legacy-${i}-dev` }),
    "aws:s3/bucketPolicy:BucketPolicy": (i, bad) => ({
        bucket: UNKNOWN,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: bad ? "*" : { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::app-assets-${i}-dev/*` }] }),
    }),
    "aws:kms/key:Key": (_i, bad) => ({
        description: "app key", enableKeyRotation: true, deletionWindowInDays: 7,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: bad ? [ROOT_STATEMENT, { Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }] : [ROOT_STATEMENT, LOGS_STATEMENT] }),
    }),
    "aws:kms/alias:Alias": i => ({ name: `alias/app-${i}-dev`, targetKeyId: UNKNOWN }),
    "aws:cloudwatch/logGroup:LogGroup": (i, bad) => ({ name: `/aws/lambda/fn-${i}-dev`, retentionInDays: 30, kmsKeyId: bad ? "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" : UNKNOWN }),
    "aws:lb/loadBalancer:LoadBalancer": (i, bad) => ({ name: bad ? `web-frontend-${i}-dev-20261123123456` : `web-${i}-dev`, loadBalancerType: "application", internal: false, subnets: [UNKNOWN, UNKNOWN] }),
    "aws:lb/targetGroup:TargetGroup": i => ({ name: `tg-${i}-dev`, port: 80, protocol: "HTTP", vpcId: UNKNOWN }),
    "aws:iam/role:Role": (i, bad) => ({ name: bad ? "app-role" : `app-role-${i}-dev`, assumeRolePolicy: ASSUME_LAMBDA }),
    "aws:rds/instance:Instance": (i, bad) => ({
        identifier: `db-${i}-dev`, engine: "postgres", engineVersion: bad ? "15.5" : "15.13", instanceClass: "db.t3.micro",
        allocatedStorage: 20, username: "app", password: secret(`pw-${i}-correct-horse`), skipFinalSnapshot: true,
    }),
    "aws:rds/cluster:Cluster": (i, bad) => ({ clusterIdentifier: `aurora-${i}-dev`, engine: "aurora-postgresql", engineVersion: bad ? "11.9" : "15.10", masterUsername: "app", masterPassword: secret(`pw-${i}`) }),
    "aws:lambda/function:Function": (i, bad) => ({ name: `fn-${i}-dev`, runtime: bad ? "nodejs14.x" : "nodejs22.x", handler: "index.handler", role: UNKNOWN, code: UNKNOWN, environment: { variables: { TABLE: UNKNOWN } } }),
    "aws:ec2/launchTemplate:LaunchTemplate": (_i, bad) => ({
        namePrefix: "web-", imageId: "ami-0123456789abcdef0", instanceType: "t3.micro",
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: bad ? { encrypted: "true", volumeSize: 20 } : { encrypted: "true", kmsKeyId: UNKNOWN, volumeSize: 20 } }],
    }),
    "aws:autoscaling/group:Group": i => ({ name: `asg-${i}-dev`, maxSize: 3, minSize: 1, launchTemplate: { id: UNKNOWN, version: "$Latest" }, vpcZoneIdentifiers: [UNKNOWN] }),
    "aws:autoscaling/policy:Policy": (_i, bad) => ({
        autoscalingGroupName: UNKNOWN, policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: { targetValue: 50, predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" } },
        ...(bad ? { cooldown: 300 } : {}),
    }),
    "aws:elasticache/replicationGroup:ReplicationGroup": (i, bad) => ({
        replicationGroupId: `cache-${i}-dev`, description: "cache", engine: "redis", engineVersion: bad ? "7" : "7.1",
        nodeType: "cache.t3.micro", transitEncryptionEnabled: true, authToken: secret(`token-${i}-abcdefghijklmnop`),
    }),
    "aws:sqs/queue:Queue": (i, bad) => ({ name: bad ? `jobs-${i}-dev` : `jobs-${i}-dev.fifo`, fifoQueue: true }),
    "aws:sns/topic:Topic": i => ({ name: `alerts-${i}-dev`, kmsMasterKeyId: UNKNOWN }),
    "aws:ebs/volume:Volume": (_i, bad) => ({ availabilityZone: "us-east-1a", size: 20, encrypted: true, ...(bad ? {} : { kmsKeyId: UNKNOWN }) }),
    "aws:ec2/instance:Instance": () => ({ ami: "ami-0123456789abcdef0", instanceType: "t3.micro", rootBlockDevice: { encrypted: true, kmsKeyId: UNKNOWN, volumeSize: 20 } }),
    "aws:dynamodb/table:Table": i => ({ name: `table-${i}-dev`, hashKey: "id", billingMode: "PAY_PER_REQUEST", attributes: [{ name: "id", type: "S" }] }),
    "aws:ecs/service:Service": i => ({ name: `svc-${i}-dev`, cluster: UNKNOWN, desiredCount: 2, taskDefinition: UNKNOWN }),
};

const UNRELATED: Readonly<Record<string, Template>> = {
    "aws:ec2/securityGroup:SecurityGroup": i => ({ description: `sg ${i}`, vpcId: UNKNOWN, ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] }),
    "aws:ec2/subnet:Subnet": i => ({ vpcId: UNKNOWN, cidrBlock: `10.0.${i % 256}.0/24`, availabilityZone: "us-east-1a" }),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": () => ({ role: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }),
    "aws:route53/record:Record": i => ({ zoneId: UNKNOWN, name: `svc${i}.example.com`, type: "CNAME", ttl: 300, records: [UNKNOWN] }),
    "aws:ec2/vpc:Vpc": () => ({ cidrBlock: "10.0.0.0/16", enableDnsHostnames: true }),
    "aws:ecs/taskDefinition:TaskDefinition": i => ({ family: `task-${i}`, containerDefinitions: JSON.stringify([{ name: "app", image: "nginx", memory: 512 }]) }),
};

const PROVIDER: ProviderRecord = {
    type: "pulumi:providers:aws", name: "default_7_48_0",
    urn: "urn:pulumi:bench::bench::pulumi:providers:aws::default_7_48_0",
    properties: { region: "us-east-1", version: "7.48.0" },
};

/** `count` resources: 60% covered types round-robin, 40% unrelated; about 10% get a diagnostic. */
export function workload(count: number): ResourceRecord[] {
    const covered = Object.entries(COVERED);
    const unrelated = Object.entries(UNRELATED);
    const resources: ResourceRecord[] = [];
    let lastKeyUrn: string | undefined;
    let coveredCount = 0;
    for (let i = 0; i < count; i++) {
        const isCovered = i % 5 < 3;
        const [type, template] = isCovered ? covered[coveredCount % covered.length] : unrelated[i % unrelated.length];
        // Each type violates in one of every four rounds over the covered types; not every violating variant is caught by
        // Analyze (some only by stack policies) and BucketV2 is always advisory: about 10% of all resources get a
        // diagnostic from Analyze (the benchmark measures and prints it).
        const violating = isCovered && (Math.floor(coveredCount / covered.length) + coveredCount % covered.length) % 4 === 0;
        coveredCount += isCovered ? 1 : 0;
        const name = `${type.split(":").pop()!.toLowerCase()}-${i}`;
        const urn = `urn:pulumi:bench::bench::${type}::${name}`;
        const properties = template(i, violating);
        const propertyDependencies: Record<string, string[]> = {};
        if (type === "aws:kms/key:Key") {
            lastKeyUrn = urn;
        } else if (lastKeyUrn && (properties.kmsKeyId === UNKNOWN || properties.kmsMasterKeyId === UNKNOWN || properties.targetKeyId === UNKNOWN)) {
            propertyDependencies[properties.kmsMasterKeyId === UNKNOWN ? "kmsMasterKeyId" : properties.targetKeyId === UNKNOWN ? "targetKeyId" : "kmsKeyId"] = [lastKeyUrn];
        }
        resources.push({
            type, name, urn, properties, provider: PROVIDER,
            parent: "urn:pulumi:bench::bench::pulumi:pulumi:Stack::bench-bench",
            dependencies: Object.values(propertyDependencies).flat(),
            propertyDependencies,
        });
    }
    return resources;
}
