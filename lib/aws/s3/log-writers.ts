// The services that write logs into a bucket, and what the bucket policy must let them do: one row per writer.
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
    delivery: t => {
        const bucket = t.props.get("s3BucketName");
        return bucket === undefined || bucket === null || bucket === ""
            ? undefined
            : { path: ["s3BucketName"], property: "s3BucketName", bucket, ...prefixOf(t, "s3KeyPrefix") };
    },
    principals: () => service("cloudtrail.amazonaws.com"),
    objects: "AWSLogs/<account-id>/*",
    needs: [
        { action: "s3:GetBucketAcl", on: "bucket" },
        {
            action: "s3:PutObject", on: "objects",
            context: { "s3:x-amz-acl": OWNER_FULL_CONTROL },
            condition: { StringEquals: { "s3:x-amz-acl": OWNER_FULL_CONTROL } },
        },
    ],
    advisory: false,
    failure: `CreateTrail fails: "${CLOUDTRAIL_BUCKET_ERROR}"`,
    source: "docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
};

const configChannel: LogWriter = {
    types: [CFG_DELIVERY_CHANNEL],
    who: "AWS Config",
    delivery: channel => {
        const bucket = channel.props.get("s3BucketName");
        return bucket === undefined || bucket === null || bucket === ""
            ? undefined
            : { path: ["s3BucketName"], property: "s3BucketName", bucket, ...prefixOf(channel, "s3KeyPrefix") };
    },
    principals: () => service("config.amazonaws.com"),
    objects: "AWSLogs/<account-id>/Config/*",
    needs: [
        { action: "s3:GetBucketAcl", on: "bucket" },
        { action: "s3:ListBucket", on: "bucket" },
        {
            action: "s3:PutObject", on: "objects",
            context: { "s3:x-amz-acl": OWNER_FULL_CONTROL },
            condition: { StringEquals: { "s3:x-amz-acl": OWNER_FULL_CONTROL } },
        },
    ],
    // In the same account AWS Config can write with the recorder's role instead.
    advisory: true,
    failure: `AWS Config delivers nothing unless the recorder's role may write to the bucket (else "${CONFIG_BUCKET_ERROR}")`,
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
    needs: [
        { action: "s3:GetBucketAcl", on: "bucket" },
        {
            action: "s3:PutObject", on: "objects",
            context: { "s3:x-amz-acl": OWNER_FULL_CONTROL },
            condition: { StringEquals: { "s3:x-amz-acl": OWNER_FULL_CONTROL } },
        },
    ],
    // The service appends its statement to the bucket policy when the caller may; Pulumi's next update of a
    // BucketPolicy it manages drops that statement again.
    advisory: true,
    failure: "AWS appends the statement when creating the flow log, but the next update of this bucket policy removes it " +
        "and delivery stops silently",
    source: "docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html",
};

/** The built-in writers, in the order their findings are reported. */
export const LOG_WRITERS: readonly LogWriter[] = [loadBalancer, trail, configChannel, flowLog];
