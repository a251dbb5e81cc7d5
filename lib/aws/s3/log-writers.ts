// The services that write logs into a bucket: one row per writer, saying what the bucket policy must let it do and,
// for a bucket whose default encryption is SSE-KMS, what the key policy must let it do (`key`: the rows the KMS
// consumer engine checks, lib/aws/kms/bucket-writers.ts). One table for both targets, so a writer is described once.
// Sources: ALB docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html (account table
// as in terraform-provider-aws internal/service/elb/service_account_data_source.go), CloudTrail
// docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html, Config
// docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html, vended logs
// docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html.
import type { StackResource } from "../../framework/policy";
import { PathSegment, UNKNOWN } from "../../framework/properties";
import type { PrincipalRef } from "../iam";
import { ALB_LOAD_BALANCER, CFG_DELIVERY_CHANNEL, CLOUDTRAIL_TRAIL, EC2_FLOW_LOG, LB_LOAD_BALANCER } from "../resource-types";

/**
 * The Elastic Load Balancing account of each Region available before August 2022. Newer Regions use the
 * `logdelivery.elasticloadbalancing.amazonaws.com` service principal instead.
 */
export const ELB_ACCOUNTS: Readonly<Record<string, string>> = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
    "af-south-1": "098369216593", "ap-east-1": "754344448648", "ap-south-1": "718504428378",
    "ap-northeast-1": "582318560864", "ap-northeast-2": "600734575887", "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266", "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-west-1": "156460612806",
    "eu-west-2": "652711504416", "eu-west-3": "009996457667", "eu-south-1": "635631232127", "eu-north-1": "897822967062",
    "me-south-1": "076674570225", "sa-east-1": "507241528517", "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635", "cn-north-1": "638102146993", "cn-northwest-1": "037604701340",
};
export const ELB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com";
export const VENDED_LOG_DELIVERY = "delivery.logs.amazonaws.com";

export const ALB_ACCESS_DENIED = "InvalidConfigurationRequest: Access Denied for bucket: <bucket>. Please check S3bucket permission";
export const CLOUDTRAIL_BUCKET_ERROR = "InsufficientS3BucketPolicyException: Incorrect S3 bucket policy is detected for bucket";
export const CONFIG_BUCKET_ERROR = "InsufficientDeliveryPolicyException";
const OWNER_FULL_CONTROL = "bucket-owner-full-control";

/** One permission: an action on the bucket itself or on the objects under the writer's log prefix. */
export interface Need {
    readonly action: string;
    readonly on: "bucket" | "objects";
    /** Condition-key values the service's requests carry. */
    readonly context?: Readonly<Record<string, string>>;
    readonly condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Where a writer resource sends its logs. */
export interface LogDelivery {
    readonly path: readonly PathSegment[];
    /** Top-level property holding the bucket reference (for its dependencies). */
    readonly property: string;
    /** The bucket reference as a value: a name, an ARN (`arn:aws:s3:::name/prefix`) or UNKNOWN. */
    readonly bucket: unknown;
    /** The key prefix before `AWSLogs/`, without a trailing slash ("" for none); UNKNOWN when unknown. */
    readonly prefix: string | typeof UNKNOWN;
    readonly prefixSecret: boolean;
}

export interface WriterPrincipals {
    /** The principal to write into a statement. */
    readonly recommended: { readonly type: "AWS" | "Service"; readonly id: string };
    /** Every principal that AWS accepts for this writer. */
    readonly accepted: readonly PrincipalRef[];
}

/** What the writer needs of the bucket's default SSE-KMS key (checked by kms-key-grants-service-principals). */
export interface KeyNeeds {
    /** Needed: without one of them the service cannot write an object encrypted with the key. */
    readonly actions: readonly string[];
    /** The statement AWS documents for the key policy (pasted). */
    readonly recommendedActions: readonly string[];
    /** A property of the writer that names its own key: objects are then encrypted with that key, not the bucket's. */
    readonly ownKey?: string;
    /** What happens without it, short (headline) and in detail. */
    readonly consequence: string;
    readonly failure: string;
    /** The writer may write with a role of the account instead, which the key policy may let in through IAM. */
    readonly uncertain?: boolean;
    readonly source: string;
}

export interface LogWriter {
    readonly types: readonly string[];
    readonly who: string;
    /** The delivery, or undefined when the resource does not deliver logs to S3 (or it is unknown whether it does). */
    delivery(resource: StackResource): LogDelivery | undefined | "unknown";
    /** The principals, or undefined when they depend on something unknown (the Region). */
    principals(region: string | undefined): WriterPrincipals | undefined;
    /** Object keys the service writes, after the prefix. */
    readonly objects: string;
    readonly needs: readonly Need[];
    /** Without the grant: mandatory when the create fails; advisory when AWS may manage without it. */
    readonly advisory: boolean;
    /** What happens without it (the AWS error quoted, or described). */
    readonly failure: string;
    /** The bucket must use SSE-S3 (ALB access logs). */
    readonly sseS3Only?: boolean;
    /** For an SSE-KMS bucket: what the key policy must allow. */
    readonly key?: KeyNeeds;
    readonly source: string;
}

function prefixOf(resource: StackResource, property: string): Pick<LogDelivery, "prefix" | "prefixSecret"> {
    const value = resource.props.get(property);
    const prefixSecret = resource.props.isSecret(property);
    if (value === UNKNOWN) {
        return { prefix: UNKNOWN, prefixSecret };
    }
    return { prefix: typeof value === "string" ? value.replace(/^\/+|\/+$/g, "") : "", prefixSecret };
}

const service = (id: string): WriterPrincipals => ({ recommended: { type: "Service", id }, accepted: [{ type: "Service", id }] });

/** A writer that names its bucket by name in one property and its key prefix in another (trails, Config). */
function namedBucket(bucketProperty: string, prefixProperty: string): LogWriter["delivery"] {
    return resource => {
        const bucket = resource.props.get(bucketProperty);
        return bucket === undefined || bucket === null || bucket === ""
            ? undefined
            : { path: [bucketProperty], property: bucketProperty, bucket, ...prefixOf(resource, prefixProperty) };
    };
}

/** The bucket ACL check most writers make before they write. */
const ACL_CHECK: Need = { action: "s3:GetBucketAcl", on: "bucket" };
/** Objects written with the `bucket-owner-full-control` canned ACL, as the bucket policy statement AWS documents asks. */
const OWNER_WRITE: Need = {
    action: "s3:PutObject", on: "objects",
    context: { "s3:x-amz-acl": OWNER_FULL_CONTROL },
    condition: { StringEquals: { "s3:x-amz-acl": OWNER_FULL_CONTROL } },
};

const loadBalancer: LogWriter = {
    types: [LB_LOAD_BALANCER, ALB_LOAD_BALANCER],
    who: "Elastic Load Balancing",
    delivery: lb => {
        const type = lb.props.string("loadBalancerType");
        if (type === UNKNOWN) {
            return "unknown";
        }
        // NLB access logs are vended logs (delivery.logs), which add their bucket policy statement themselves.
        if (type !== undefined && type !== "application") {
            return undefined;
        }
        const enabled = lb.props.boolean(["accessLogs", "enabled"]);
        const bucket = lb.props.get(["accessLogs", "bucket"]);
        if (bucket === undefined || bucket === null || bucket === "" || enabled === false) {
            return undefined;
        }
        // The provider's `enabled` defaults to false, even with a bucket set.
        if (enabled === undefined) {
            return undefined;
        }
        if (enabled === UNKNOWN) {
            return "unknown";
        }
        return { path: ["accessLogs", "bucket"], property: "accessLogs", bucket, ...prefixOf(lb, "accessLogs.prefix") };
    },
    principals: region => {
        if (region === undefined) {
            return undefined;
        }
        const account = ELB_ACCOUNTS[region];
        const logDelivery = { type: "Service", id: ELB_LOG_DELIVERY } as const;
        if (account === undefined) {
            return { recommended: logDelivery, accepted: [logDelivery] };
        }
        const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        const root = `arn:${partition}:iam::${account}:root`;
        return { recommended: { type: "AWS" as const, id: root }, accepted: [{ type: "AWS", id: root }, { type: "AWS", id: account }, logDelivery] };
    },
    objects: "AWSLogs/<account-id>/*",
    needs: [{ action: "s3:PutObject", on: "objects" }],
    advisory: false,
    failure: `the load balancer's create or update fails: "${ALB_ACCESS_DENIED}"`,
    sseS3Only: true,
    source: "docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
};

const trail: LogWriter = {
    types: [CLOUDTRAIL_TRAIL],
    who: "CloudTrail",
    delivery: namedBucket("s3BucketName", "s3KeyPrefix"),
    principals: () => service("cloudtrail.amazonaws.com"),
    objects: "AWSLogs/<account-id>/*",
    needs: [ACL_CHECK, OWNER_WRITE],
    advisory: false,
    failure: `CreateTrail fails: "${CLOUDTRAIL_BUCKET_ERROR}"`,
    // "Granting encrypt permissions" is kms:GenerateDataKey*; kms:Decrypt only with an S3 Bucket Key
    // (create-kms-key-policy-for-cloudtrail.html). A trail's own kmsKeyId encrypts its files instead.
    key: {
        actions: ["kms:GenerateDataKey"],
        recommendedActions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        ownKey: "kmsKeyId",
        consequence: "the trail cannot write log files to its bucket",
        failure: "S3 cannot encrypt the trail's log files with the bucket's default key, so none is delivered (no error at pulumi up)",
        source: "docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
    },
    source: "docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
};

const configChannel: LogWriter = {
    types: [CFG_DELIVERY_CHANNEL],
    who: "AWS Config",
    delivery: namedBucket("s3BucketName", "s3KeyPrefix"),
    principals: () => service("config.amazonaws.com"),
    objects: "AWSLogs/<account-id>/Config/*",
    needs: [ACL_CHECK, { action: "s3:ListBucket", on: "bucket" }, OWNER_WRITE],
    // In the same account AWS Config can write with the recorder's role instead.
    advisory: true,
    failure: `AWS Config delivers nothing unless the recorder's role may write to the bucket (else "${CONFIG_BUCKET_ERROR}")`,
    // "Permissions for the KMS Key": kms:Decrypt and kms:GenerateDataKey for config.amazonaws.com
    // (s3-kms-key-policy.html). The channel's s3KmsKeyArn encrypts its objects instead; in the same account Config
    // may write with the recorder's role, which IAM can let into the key: advisory.
    key: {
        actions: ["kms:GenerateDataKey"],
        recommendedActions: ["kms:Decrypt", "kms:GenerateDataKey"],
        ownKey: "s3KmsKeyArn",
        consequence: "AWS Config may not deliver to its bucket",
        failure: "S3 cannot encrypt AWS Config's history and snapshot files with the bucket's default key unless the " +
            "recorder's role may use it (no error at pulumi up)",
        uncertain: true,
        source: "docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html",
    },
    source: "docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html",
};

const flowLog: LogWriter = {
    types: [EC2_FLOW_LOG],
    who: "VPC Flow Logs (delivery.logs)",
    delivery: log => {
        const type = log.props.string("logDestinationType");
        if (type === UNKNOWN) {
            return "unknown";
        }
        if (type !== "s3") {
            return undefined;
        }
        const destination = log.props.get("logDestination");
        if (destination === undefined || destination === null || destination === "") {
            return undefined;
        }
        if (typeof destination !== "string") {
            return destination === UNKNOWN ? { path: ["logDestination"], property: "logDestination", bucket: UNKNOWN, prefix: "", prefixSecret: false } : undefined;
        }
        const key = /^arn:[a-z-]+:s3:::[^/]+\/?(.*)$/.exec(destination)?.[1] ?? "";
        return {
            path: ["logDestination"], property: "logDestination", bucket: destination,
            prefix: key.replace(/^\/+|\/+$/g, ""), prefixSecret: log.props.isSecret("logDestination"),
        };
    },
    principals: () => service(VENDED_LOG_DELIVERY),
    objects: "AWSLogs/<account-id>/*",
    needs: [ACL_CHECK, OWNER_WRITE],
    // The service appends its statement to the bucket policy when the caller may; Pulumi's next update of a
    // BucketPolicy it manages drops that statement again.
    advisory: true,
    failure: "AWS appends the statement when creating the flow log, but the next update of this bucket policy removes it " +
        "and delivery stops silently",
    // "Amazon S3 bucket server-side encryption" (AWS-logs-infrastructure-V2-S3.html#AWS-logs-SSE-KMS-S3): the key
    // policy must let delivery.logs.amazonaws.com in; a flow log to a bucket whose key does not is created and
    // delivers nothing.
    key: {
        actions: ["kms:GenerateDataKey"],
        recommendedActions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        consequence: "the flow log deploys, then delivers nothing",
        failure: "S3 cannot encrypt the flow log files with the bucket's default key, so none is delivered (no error at pulumi up)",
        source: "docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html",
    },
    source: "docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html",
};

/** The built-in writers, in the order their findings are reported. */
export const LOG_WRITERS: readonly LogWriter[] = [loadBalancer, trail, configChannel, flowLog];
