import { collectConsumers, ConsumerPair, ConsumerRule, evaluateGrant, GrantResult, hasRecommendedCondition, principalLabel } from "../../lib/aws/consumers";
import { PolicyDocument } from "../../lib/aws/iam";
import { concreteActions, KMS_CONSUMERS, keyTargets, LOGS_ACCESS_DENIED } from "../../lib/aws/kms/consumers";
import { grantMessage } from "../../lib/aws/kms/grant-message";
import { KeyIndex, KeyLink, keyLabel } from "../../lib/aws/kms/keys";
import { StackContext, stackPolicy } from "../../lib/framework/policy";
import {
    AUTOSCALING_GROUP,
    CLOUDTRAIL_TRAIL,
    CLOUDWATCH_EVENT_BUS,
    CLOUDWATCH_EVENT_TARGET,
    CLOUDWATCH_LOG_GROUP,
    CLOUDWATCH_METRIC_ALARM,
    EBS_DEFAULT_KMS_KEY,
    EBS_ENCRYPTION_BY_DEFAULT,
    EC2_LAUNCH_TEMPLATE,
    KMS_ALIAS,
    KMS_KEY,
    KMS_KEY_POLICY,
    S3_BUCKET_NOTIFICATION,
    SNS_TOPIC,
    SNS_TOPIC_SUBSCRIPTION,
    SQS_QUEUE,
} from "../../lib/aws/resource-types";

/** A consumer the pack does not know, in the shape of the built-in rows (lib/aws/kms/consumers.ts). */
export interface ExtraConsumer {
    /** Pulumi type token of the consumer, e.g. `aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream`. */
    type: string;
    /** Property path holding the key reference, e.g. `serverSideEncryption.keyArn`. */
    property: string;
    /** Service principal (`{region}` is replaced by the consumer's region) or an IAM ARN. */
    principal: string;
    actions: string[];
}

interface Config {
    extraConsumers: ExtraConsumer[];
    requireConditions: boolean;
}

export const kmsKeyGrantsServicePrincipals = stackPolicy<Config>({
    name: "kms-key-grants-service-principals",
    description: "Customer-managed KMS keys must let the AWS services that use them (CloudWatch Logs, CloudTrail, SNS, " +
        "SQS, EventBridge, Auto Scaling) use the key.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["kms", "deployment-blocker", "encryption"],
    remediationSteps: "Add the statement from the message to the key policy (the key's `policy` or its " +
        "aws.kms.KeyPolicy): the service principal, the actions it needs, and the recommended condition that ties the " +
        "grant to the consuming resource.",
    resourceTypes: [KMS_KEY, KMS_KEY_POLICY, KMS_ALIAS, CLOUDWATCH_LOG_GROUP, CLOUDTRAIL_TRAIL, SNS_TOPIC, SQS_QUEUE,
        CLOUDWATCH_EVENT_BUS, EC2_LAUNCH_TEMPLATE, AUTOSCALING_GROUP, EBS_DEFAULT_KMS_KEY, EBS_ENCRYPTION_BY_DEFAULT, CLOUDWATCH_METRIC_ALARM,
        CLOUDWATCH_EVENT_TARGET, S3_BUCKET_NOTIFICATION, SNS_TOPIC_SUBSCRIPTION],
    config: {
        extraConsumers: {
            type: "array",
            default: [],
            items: {
                type: "object",
                properties: {
                    type: { type: "string" },
                    property: { type: "string" },
                    principal: { type: "string" },
                    actions: { type: "array", items: { type: "string" } },
                },
                required: ["type", "property", "principal", "actions"],
            },
            description: "Additional consumers: {type, property, principal, actions}. `property` is the path of the key " +
                "reference, `principal` a service principal (`{region}` becomes the consumer's region) or an IAM ARN.",
        },
        requireConditions: {
            type: "boolean",
            default: false,
            description: "Also require the recommended condition (e.g. kms:EncryptionContext:aws:logs:arn) on each " +
                "statement that grants a service principal the key.",
        },
    },
    docs: {
        failure: "A log group, trail or launch template that uses a customer-managed key whose policy does not trust " +
            "the service fails at `pulumi up`, after the key exists; SNS topics and SQS queues drop messages silently.",
        awsError: LOGS_ACCESS_DENIED,
    },
    validate: ctx => {
        const keyResources = ctx.ofType(KMS_KEY);
        if (keyResources.length === 0) {
            return; // keys outside the stack: nothing to check
        }
        const keys = new KeyIndex(keyResources, ctx.ofType(KMS_ALIAS), ctx.ofType(KMS_KEY_POLICY));
        const targets = keyTargets(ctx, keys);
        const { pairs, notes } = collectConsumers([...KMS_CONSUMERS, ...extraRules(ctx.config.extraConsumers)], targets);
        for (const note of notes) {
            ctx.report(note.consumer, { advisory: true, path: note.path, message: note.message });
        }
        for (const pair of pairs) {
            checkPair(ctx, keys, pair, targets.account(pair.target));
        }
    },
});

/** The user's extraConsumers as consumer rows; entries of the wrong shape are left out. */
function extraRules(extras: unknown): ConsumerRule<KeyLink>[] {
    if (!Array.isArray(extras)) {
        return [];
    }
    const rules: ConsumerRule<KeyLink>[] = [];
    for (const extra of extras as Partial<ExtraConsumer>[]) {
        if (!extra || typeof extra.type !== "string" || typeof extra.property !== "string" ||
            typeof extra.principal !== "string" || !Array.isArray(extra.actions)) {
            continue;
        }
        rules.push({
            type: extra.type,
            property: extra.property,
            principal: extra.principal,
            actions: extra.actions.filter((a): a is string => typeof a === "string"),
            who: `{principal} (extraConsumers rule for ${extra.type})`,
            failure: "the service cannot use the key",
        });
    }
    return rules;
}

const ROOT_ONLY: PolicyDocument = { version: undefined, statements: [], statementsUnknown: false };

function checkPair(ctx: StackContext<Config>, keys: KeyIndex, pair: ConsumerPair<KeyLink>, account: string | undefined): void {
    const policy = keys.effectivePolicy(pair.target.key);
    let document: PolicyDocument;
    switch (policy.parsed.kind) {
        case "unknown":
            ctx.report(pair.consumer, {
                advisory: true,
                path: pair.path,
                message: `the policy of ${keyLabel(pair.target)} is computed during preview, so whether it lets ` +
                    `${pair.grants.map(principalLabel).join(", ")} use the key could not be verified now; it will be ` +
                    "at pulumi up.",
            });
            return;
        case "malformed":
        case "invalid":
            return; // kms-key-policy-least-privilege reports it on the key
        case "absent":
            document = ROOT_ONLY;
            break;
        case "document":
            document = policy.parsed.document;
            break;
    }
    const results = pair.grants.map(grant => evaluateGrant(document, grant, concreteActions));
    const failing = results.filter(r => r.missing.length > 0);
    const unconditioned: GrantResult[] = ctx.config.requireConditions === true
        ? results.filter(r => r.missing.length === 0 && !r.unknown && !hasRecommendedCondition(r))
        : [];
    if (failing.length === 0 && unconditioned.length === 0) {
        if (results.some(r => r.unknown)) {
            ctx.report(pair.consumer, {
                advisory: true,
                path: pair.path,
                message: `parts of the policy of ${keyLabel(pair.target)} are computed during preview, so whether it lets ` +
                    `${results.filter(r => r.unknown).map(r => principalLabel(r.grant)).join(", ")} use the key could not be ` +
                    "verified now; it will be at pulumi up.",
            });
        }
        return;
    }
    ctx.report(pair.consumer, { advisory: pair.uncertain, path: pair.path, message: grantMessage(pair, policy, document, failing, unconditioned, account) });
}
