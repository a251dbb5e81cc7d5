// The services that must be let into a customer-managed key's policy (aws-facts.md section 1): one row per
// consumer, in the shape of the `extraConsumers` option of kms-key-grants-service-principals.
import type { ConsumerRule, TargetFamily } from "../consumers";
import { wildcardMatch } from "../iam";
import { accountOfArn } from "../arn";
import type { StackResource } from "../../framework/policy";
import {
    CFG_DELIVERY_CHANNEL,
    CLOUDTRAIL_TRAIL,
    CLOUDWATCH_EVENT_BUS,
    CLOUDWATCH_EVENT_TARGET,
    CLOUDWATCH_LOG_GROUP,
    CLOUDWATCH_METRIC_ALARM,
    EC2_FLOW_LOG,
    EC2_LAUNCH_TEMPLATE,
    S3_BUCKET_NOTIFICATION,
    SNS_TOPIC,
    SNS_TOPIC_SUBSCRIPTION,
    SQS_QUEUE,
} from "../resource-types";
import { KeyIndex, KeyLink } from "./keys";
import { launchTemplateRule } from "./launch-templates";
import { BUCKET_WRITER_CONSUMERS } from "./bucket-writers";

export const LOGS_ACCESS_DENIED = "AccessDeniedException: The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:…'";
export const CLOUDTRAIL_ERROR = "InsufficientEncryptionPolicyException";

/**
 * The KMS operations services perform with a customer-managed key. A required action written with a wildcard
 * (`kms:GenerateDataKey*`, as AWS documents it) is checked as every one of these it matches; an action that
 * matches none of them (from `extraConsumers`) is checked as written.
 */
export const KMS_SERVICE_ACTIONS: readonly string[] = [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:DescribeKey",
    "kms:CreateGrant",
];

/** The concrete operations a required action stands for. */
export function concreteActions(required: string): string[] {
    const matching = KMS_SERVICE_ACTIONS.filter(action => wildcardMatch(required, action, true));
    return matching.length > 0 ? matching : [required];
}

// Per row: `actions` are what the service calls, so their absence fails the create or stops the service writing
// (mandatory); `recommendedActions` are the statement AWS documents, pasted as the fix but never required.

/**
 * CloudWatch Logs encrypts with data keys it generates and decrypts (kms:GenerateDataKey, kms:Decrypt: the KMS calls
 * the AWS managed policy CloudWatchLogsAPIKeyAccess allows through logs, docs.aws.amazon.com/aws-managed-policy/
 * latest/reference/CloudWatchLogsAPIKeyAccess.html). Log groups were created with logs granted only Encrypt, Decrypt,
 * GenerateDataKey and DescribeKey, so the documented ReEncrypt* and GenerateDataKeyWithoutPlaintext are not needed.
 */
const LOGS_NEEDED = ["kms:GenerateDataKey", "kms:Decrypt"];
const LOGS_DOCUMENTED = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];
/**
 * CloudTrail: "Granting encrypt permissions" is kms:GenerateDataKey* (create-kms-key-policy-for-cloudtrail.html);
 * trails were created with cloudtrail granted only kms:GenerateDataKey and kms:Decrypt, so kms:DescribeKey is not
 * needed at create. (kms:Decrypt is needed only for an S3 bucket key on the trail's bucket.)
 */
const CLOUDTRAIL_NEEDED = ["kms:GenerateDataKey"];
const CLOUDTRAIL_DOCUMENTED = ["kms:GenerateDataKey*", "kms:DescribeKey"];
/** SNS: a publisher generates the data key and decrypts it (sns-key-management.html, "Enable compatibility ..."). */
const SNS_NEEDED = ["kms:GenerateDataKey", "kms:Decrypt"];
const SNS_DOCUMENTED = ["kms:GenerateDataKey*", "kms:Decrypt"];
/** SQS: "the producer must have kms:GenerateDataKey and kms:Decrypt" (sqs-key-management.html). */
const SQS_NEEDED = ["kms:GenerateDataKey", "kms:Decrypt"];
/**
 * EventBridge "requires the following permissions to use customer managed keys": kms:DescribeKey (to resolve the key
 * and check it is symmetric), kms:GenerateDataKey, kms:Decrypt (eb-encryption-key-policy.html).
 */
const EVENT_BUS_NEEDED = ["kms:DescribeKey", "kms:GenerateDataKey", "kms:Decrypt"];

const TOPIC_KEY = "kmsMasterKeyId";
const QUEUE_KEY = "kmsMasterKeyId";
const TOPIC_DROPS = "the topic deploys, then every notification it publishes is dropped (no error at pulumi up)";
const QUEUE_DROPS = "the queue deploys, then every message it delivers is dropped (no error at pulumi up)";

/** A topic or queue needs a statement only for the AWS services that publish or deliver to it. */
function publisherRule(type: string, principal: string, service: string, usedBy: ConsumerRule["usedBy"], source: string): ConsumerRule<KeyLink> {
    const topic = type === SNS_TOPIC;
    return {
        type,
        property: topic ? TOPIC_KEY : QUEUE_KEY,
        principal,
        actions: topic ? SNS_NEEDED : SQS_NEEDED,
        recommendedActions: topic ? SNS_DOCUMENTED : SQS_NEEDED,
        service,
        who: `${service}, for '{user}', which ${topic ? "publishes to this topic" : "delivers to this queue"}`,
        consequence: topic ? "the topic deploys, then drops every notification" : "the queue deploys, then drops every message",
        failure: topic ? TOPIC_DROPS : QUEUE_DROPS,
        usedBy,
        source,
    };
}

const ALARM_ACTIONS = { type: CLOUDWATCH_METRIC_ALARM, properties: ["alarmActions", "okActions", "insufficientDataActions"] };
const EVENT_TARGETS = { type: CLOUDWATCH_EVENT_TARGET, properties: ["arn"] };
const TOPIC_NOTIFICATIONS = { type: S3_BUCKET_NOTIFICATION, properties: ["topics"], field: "topicArn" };
const QUEUE_NOTIFICATIONS = { type: S3_BUCKET_NOTIFICATION, properties: ["queues"], field: "queueArn" };
const SQS_SUBSCRIPTIONS = { type: SNS_TOPIC_SUBSCRIPTION, properties: ["endpoint"], when: { property: "protocol", values: ["sqs"] } };

const SNS_SOURCE = "docs.aws.amazon.com/sns/latest/dg/sns-key-management.html";
const SQS_SOURCE = "docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html";

/** The built-in consumers, in the order their findings are reported. */
export const KMS_CONSUMERS: readonly ConsumerRule<KeyLink>[] = [
    {
        type: CLOUDWATCH_LOG_GROUP,
        property: "kmsKeyId",
        // The regional form is what AWS documents and what the pasted statement names; the global form counts too.
        principal: "logs.{region}.{dnsSuffix}",
        actions: LOGS_NEEDED,
        recommendedActions: LOGS_DOCUMENTED,
        service: "CloudWatch Logs",
        who: "CloudWatch Logs",
        consequence: "creating the log group fails",
        failure: `AWS rejects the log group at pulumi up with "${LOGS_ACCESS_DENIED}"`,
        context: { "kms:EncryptionContext:aws:logs:arn": "arn:{partition}:logs:{region}:*:log-group:{name}" },
        condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:{partition}:logs:{region}:{account}:log-group:{name}" } },
        source: "docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    },
    {
        type: CLOUDTRAIL_TRAIL,
        property: "kmsKeyId",
        principal: "cloudtrail.amazonaws.com",
        actions: CLOUDTRAIL_NEEDED,
        recommendedActions: CLOUDTRAIL_DOCUMENTED,
        service: "CloudTrail",
        who: "CloudTrail",
        consequence: "creating the trail fails",
        failure: `CloudTrail rejects the trail at pulumi up with ${CLOUDTRAIL_ERROR}`,
        context: {
            "kms:EncryptionContext:aws:cloudtrail:arn": "arn:{partition}:cloudtrail:{region}:*:trail/{name}",
            "aws:SourceArn": "arn:{partition}:cloudtrail:{region}:*:trail/{name}",
        },
        condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:{partition}:cloudtrail:*:{account}:trail/*" } },
        source: "docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
    },
    {
        type: CLOUDWATCH_EVENT_BUS,
        property: "kmsKeyIdentifier",
        principal: "events.amazonaws.com",
        actions: EVENT_BUS_NEEDED,
        service: "EventBridge",
        who: "EventBridge",
        consequence: "EventBridge cannot encrypt the bus's events",
        failure: "EventBridge cannot use the key for the bus's events (described in eb-encryption-key-policy.html)",
        context: { "kms:EncryptionContext:aws:events:event-bus:arn": "arn:{partition}:events:{region}:*:event-bus/{name}" },
        condition: { StringEquals: { "kms:EncryptionContext:aws:events:event-bus:arn": "arn:{partition}:events:{region}:{account}:event-bus/{name}" } },
        source: "docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html",
    },
    publisherRule(SNS_TOPIC, "cloudwatch.amazonaws.com", "CloudWatch alarms", ALARM_ACTIONS, SNS_SOURCE),
    publisherRule(SNS_TOPIC, "events.amazonaws.com", "EventBridge", EVENT_TARGETS, SNS_SOURCE),
    publisherRule(SQS_QUEUE, "events.amazonaws.com", "EventBridge", EVENT_TARGETS, SQS_SOURCE),
    publisherRule(SNS_TOPIC, "s3.amazonaws.com", "S3", TOPIC_NOTIFICATIONS, SNS_SOURCE),
    publisherRule(SQS_QUEUE, "s3.amazonaws.com", "S3", QUEUE_NOTIFICATIONS, SQS_SOURCE),
    publisherRule(SQS_QUEUE, "sns.amazonaws.com", "SNS", SQS_SUBSCRIPTIONS, SQS_SOURCE),
    launchTemplateRule,
    // Log writers to a bucket whose default encryption is a key of the stack (rows in lib/aws/s3/log-writers.ts).
    ...BUCKET_WRITER_CONSUMERS,
];

/** How kms-key-grants-service-principals words a consumer. */
export const CONSUMER_KIND: Readonly<Record<string, string>> = {
    [CLOUDWATCH_LOG_GROUP]: "log group",
    [CLOUDTRAIL_TRAIL]: "trail",
    [SNS_TOPIC]: "topic",
    [SQS_QUEUE]: "queue",
    [CLOUDWATCH_EVENT_BUS]: "event bus",
    [EC2_LAUNCH_TEMPLATE]: "launch template",
    [CFG_DELIVERY_CHANNEL]: "delivery channel",
    [EC2_FLOW_LOG]: "flow log",
};

/** The stack's KMS keys as the consumer engine's targets. */
export function keyTargets(stack: { ofType(...types: string[]): readonly StackResource[] }, keys: KeyIndex): TargetFamily<KeyLink> {
    return {
        ofType: (...types) => stack.ofType(...types),
        resolve: (consumer, property, value) => keys.resolve(consumer, property, value),
        id: link => link.key.urn,
        account: link => {
            // The account of a secret key ARN stays out of the pasted statement (a part of a secret).
            if (link.key.props.isSecret("arn")) {
                return undefined;
            }
            const arn = link.key.props.string("arn");
            return typeof arn === "string" ? accountOfArn(arn) : undefined;
        },
    };
}
