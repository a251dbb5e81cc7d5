import type * as aws from "@pulumi/aws";
import { evaluate, PolicyDocument, PrincipalRef, Statement, statementLabel, ValueList } from "../../lib/aws/iam";
import {
    AUTOSCALING_ACTIONS,
    AUTOSCALING_ERROR,
    AUTOSCALING_GRANT_ACTIONS,
    AUTOSCALING_SERVICE_LINKED_ROLE,
    CLOUDTRAIL_ACTIONS,
    CLOUDTRAIL_ERROR,
    concreteActions,
    EffectivePolicy,
    EVENT_BUS_ACTIONS,
    KeyIndex,
    KeyLink,
    LOGS_ACCESS_DENIED,
    LOGS_ACTIONS,
    ServiceGrant,
    SNS_TOPIC_ACTIONS,
    SQS_QUEUE_ACTIONS,
} from "../../lib/aws/kms/keys";
import { IdentifierIndex, referencedResources } from "../../lib/framework/links";
import { StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { joinPath, Path, PathSegment, UNKNOWN } from "../../lib/framework/properties";
import { regionOfResource } from "../../lib/aws/region";
import { accountOfArn, arnResourceName, partitionOf } from "../../lib/aws/arn";
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

const LOG_GROUP_KEY: keyof aws.cloudwatch.LogGroupArgs = "kmsKeyId";
const TRAIL_KEY: keyof aws.cloudtrail.TrailArgs = "kmsKeyId";
const TOPIC_KEY: keyof aws.sns.TopicArgs = "kmsMasterKeyId";
const QUEUE_KEY: keyof aws.sqs.QueueArgs = "kmsMasterKeyId";
const EVENT_BUS_KEY: keyof aws.cloudwatch.EventBusArgs = "kmsKeyIdentifier";
const BLOCK_DEVICE_MAPPINGS: keyof aws.ec2.LaunchTemplateArgs = "blockDeviceMappings";
const DEFAULT_KEY_ARN: keyof aws.ebs.DefaultKmsKeyArgs = "keyArn";
const ENCRYPTION_BY_DEFAULT_ENABLED: keyof aws.ebs.EncryptionByDefaultArgs = "enabled";
const ALARM_ACTIONS: readonly (keyof aws.cloudwatch.MetricAlarmArgs)[] = ["alarmActions", "okActions", "insufficientDataActions"];

const PATH_SEPARATOR = /[.[]/;
const REGION_PLACEHOLDER = /\{region\}/g;
const NOT_ALPHANUMERIC = /[^A-Za-z0-9]/g;

const TOPIC_TYPES: ReadonlySet<string> = new Set([SNS_TOPIC]);
const QUEUE_TYPES: ReadonlySet<string> = new Set([SQS_QUEUE]);
const TOPIC_OR_QUEUE_TYPES: ReadonlySet<string> = new Set([SNS_TOPIC, SQS_QUEUE]);
const LAUNCH_TEMPLATE_TYPES: ReadonlySet<string> = new Set([EC2_LAUNCH_TEMPLATE]);

/** Display names of the services that publish to topics or deliver to queues. */
const PUBLISHER_NAMES: Readonly<Record<string, string>> = {
    "cloudwatch.amazonaws.com": "CloudWatch alarms",
    "events.amazonaws.com": "EventBridge",
    "s3.amazonaws.com": "S3",
    "sns.amazonaws.com": "SNS",
};

const KIND: Readonly<Record<string, string>> = {
    [CLOUDWATCH_LOG_GROUP]: "log group",
    [CLOUDTRAIL_TRAIL]: "trail",
    [SNS_TOPIC]: "topic",
    [SQS_QUEUE]: "queue",
    [CLOUDWATCH_EVENT_BUS]: "event bus",
    [EC2_LAUNCH_TEMPLATE]: "launch template",
};

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
        const pairs = new Pairs();
        addLogGroups(ctx, keys, pairs);
        addTrails(ctx, keys, pairs);
        addEventBuses(ctx, keys, pairs);
        addTopicsAndQueues(ctx, keys, pairs);
        addLaunchTemplates(ctx, keys, pairs);
        addExtraConsumers(ctx, keys, pairs);
        for (const pair of pairs.all()) {
            checkPair(ctx, keys, pair);
        }
    },
});

// ---------------------------------------------------------------------------------------------------------------
// Consumer -> key pairs

interface Pair {
    readonly consumer: StackResource;
    readonly path: Path;
    readonly link: KeyLink;
    readonly grants: ServiceGrant[];
    /** Extra sentence about how the key was found (the default EBS key). */
    readonly via?: string;
    /** Whether the consumer uses the key at all is unknown during preview: report as advisory. */
    readonly uncertain?: boolean;
}

class Pairs {
    private readonly byKey = new Map<string, Pair>();

    add(consumer: StackResource, path: Path, link: KeyLink, grant: ServiceGrant, via?: string, uncertain?: boolean): void {
        const id = `${consumer.urn}\u0000${link.key.urn}`;
        let pair = this.byKey.get(id);
        if (!pair) {
            pair = { consumer, path, link, grants: [], via, uncertain };
            this.byKey.set(id, pair);
        }
        if (!pair.grants.some(g => g.principal.id === grant.principal.id)) {
            pair.grants.push(grant);
        }
    }

    all(): IterableIterator<Pair> {
        return this.byKey.values();
    }
}

function presentKeyReference(value: unknown): boolean {
    return value === UNKNOWN || (typeof value === "string" && value !== "");
}

interface Place {
    readonly region: string | undefined;
    readonly partition: string;
    readonly dnsSuffix: string;
    /** The account from the key's ARN when known, for the recommended statement. */
    readonly account: string | undefined;
}

function placeOf(consumer: StackResource, key: StackResource): Place {
    const resolved = regionOfResource(consumer).region;
    const region = typeof resolved === "string" && resolved !== "" ? resolved : undefined;
    const { partition, dnsSuffix } = partitionOf(region ?? "");
    const keyArn = key.props.string("arn");
    const account = typeof keyArn === "string" ? accountOfArn(keyArn) : undefined;
    return { region, partition, dnsSuffix, account };
}

function knownName(consumer: StackResource): string | undefined {
    const name = consumer.props.string("name");
    if (typeof name === "string" && name !== "") {
        return name;
    }
    const prefix = consumer.props.string("namePrefix");
    return typeof prefix === "string" && prefix !== "" ? `${prefix}*` : undefined;
}

function service(name: string): PrincipalRef {
    return { type: "Service", id: name };
}

function addLogGroups(ctx: StackContext<Config>, keys: KeyIndex, pairs: Pairs): void {
    for (const group of ctx.ofType(CLOUDWATCH_LOG_GROUP)) {
        const value = group.props.get(LOG_GROUP_KEY);
        if (!presentKeyReference(value)) {
            continue;
        }
        for (const link of keys.resolve(group, LOG_GROUP_KEY, value)) {
            const place = placeOf(group, link.key);
            const principal = `logs.${place.region ?? "*"}.${place.dnsSuffix}`;
            const name = knownName(group);
            const contextKey = "kms:EncryptionContext:aws:logs:arn";
            const arn = (account: string) => `arn:${place.partition}:logs:${place.region ?? "<region>"}:${account}:log-group:${name ?? "*"}`;
            pairs.add(group, LOG_GROUP_KEY, link, {
                principal: service(principal),
                principalElement: { Service: place.region ? principal : `logs.<region>.${place.dnsSuffix}` },
                actions: LOGS_ACTIONS,
                context: name ? { [contextKey]: arn("*").replace("<region>", "*") } : undefined,
                condition: { ArnLike: { [contextKey]: arn(place.account ?? "<account-id>") } },
                who: "CloudWatch Logs",
                failure: `AWS rejects the log group at pulumi up with "${LOGS_ACCESS_DENIED}"`,
            });
        }
    }
}

function addTrails(ctx: StackContext<Config>, keys: KeyIndex, pairs: Pairs): void {
    for (const trail of ctx.ofType(CLOUDTRAIL_TRAIL)) {
        const value = trail.props.get(TRAIL_KEY);
        if (!presentKeyReference(value)) {
            continue;
        }
        for (const link of keys.resolve(trail, TRAIL_KEY, value)) {
            const place = placeOf(trail, link.key);
            const name = knownName(trail);
            const account = place.account ?? "<account-id>";
            const contextKey = "kms:EncryptionContext:aws:cloudtrail:arn";
            const trailArn = `arn:${place.partition}:cloudtrail:${place.region ?? "*"}:*:trail/${name ?? "*"}`;
            pairs.add(trail, TRAIL_KEY, link, {
                principal: service("cloudtrail.amazonaws.com"),
                principalElement: { Service: "cloudtrail.amazonaws.com" },
                actions: CLOUDTRAIL_ACTIONS,
                context: name ? { [contextKey]: trailArn, "aws:SourceArn": trailArn } : undefined,
                condition: { StringLike: { [contextKey]: `arn:${place.partition}:cloudtrail:*:${account}:trail/*` } },
                who: "CloudTrail",
                failure: `CloudTrail rejects the trail at pulumi up with ${CLOUDTRAIL_ERROR}`,
            });
        }
    }
}

function addEventBuses(ctx: StackContext<Config>, keys: KeyIndex, pairs: Pairs): void {
    for (const bus of ctx.ofType(CLOUDWATCH_EVENT_BUS)) {
        const value = bus.props.get(EVENT_BUS_KEY);
        if (!presentKeyReference(value)) {
            continue;
        }
        for (const link of keys.resolve(bus, EVENT_BUS_KEY, value)) {
            const place = placeOf(bus, link.key);
            const name = knownName(bus);
            const contextKey = "kms:EncryptionContext:aws:events:event-bus:arn";
            const busArn = (account: string, region: string) => `arn:${place.partition}:events:${region}:${account}:event-bus/${name ?? "*"}`;
            pairs.add(bus, EVENT_BUS_KEY, link, {
                principal: service("events.amazonaws.com"),
                principalElement: { Service: "events.amazonaws.com" },
                actions: EVENT_BUS_ACTIONS,
                context: name ? { [contextKey]: busArn("*", place.region ?? "*") } : undefined,
                condition: { StringEquals: { [contextKey]: busArn(place.account ?? "<account-id>", place.region ?? "<region>") } },
                who: "EventBridge",
                failure: "EventBridge cannot use the key for the bus's events",
            });
        }
    }
}

// SNS topics and SQS queues need a statement only for the AWS services that publish or deliver to them.
function addTopicsAndQueues(ctx: StackContext<Config>, keys: KeyIndex, pairs: Pairs): void {
    const topics = ctx.ofType(SNS_TOPIC).filter(t => presentKeyReference(t.props.get(TOPIC_KEY)));
    const queues = ctx.ofType(SQS_QUEUE).filter(q => presentKeyReference(q.props.get(QUEUE_KEY)));
    if (topics.length === 0 && queues.length === 0) {
        return;
    }
    const encrypted = new Set([...topics, ...queues]);
    const index = new IdentifierIndex();
    for (const resource of encrypted) {
        index.add(resource, resource.props.string("arn"), resource.props.string("id"), resource.props.string("url"));
    }
    const byName = new IdentifierIndex();
    for (const resource of encrypted) {
        const name = resource.props.string("name");
        if (typeof name === "string") {
            byName.add(resource, `${resource.type}\u0000${name}`);
        }
    }
    const find = (from: StackResource, property: string, value: unknown, types: ReadonlySet<string>) => {
        const found = referencedResources(from, property, value, types, index);
        if (found.length === 0 && typeof value === "string") {
            // An ARN built from a known name: arn:aws:sns:<region>:<account>:<name>
            const name = arnResourceName(value, "");
            for (const type of types) {
                const byArnName = name ? byName.get(`${type}\u0000${name}`) : undefined;
                if (byArnName) {
                    found.push(byArnName);
                }
            }
        }
        return found.filter(r => encrypted.has(r));
    };
    const publishers = new Map<StackResource, Map<string, string>>();
    const publishes = (target: StackResource, principal: string, by: StackResource) => {
        let map = publishers.get(target);
        if (!map) {
            map = new Map();
            publishers.set(target, map);
        }
        if (!map.has(principal)) {
            map.set(principal, by.name);
        }
    };

    for (const alarm of ctx.ofType(CLOUDWATCH_METRIC_ALARM)) {
        for (const property of ALARM_ACTIONS) {
            const actions = alarm.props.array(property);
            const values = actions === UNKNOWN ? [UNKNOWN] : actions ?? [];
            for (const value of values) {
                for (const topic of find(alarm, property, value, TOPIC_TYPES)) {
                    publishes(topic, "cloudwatch.amazonaws.com", alarm);
                }
            }
        }
    }
    for (const target of ctx.ofType(CLOUDWATCH_EVENT_TARGET)) {
        for (const found of find(target, "arn", target.props.get("arn"), TOPIC_OR_QUEUE_TYPES)) {
            publishes(found, "events.amazonaws.com", target);
        }
    }
    for (const notification of ctx.ofType(S3_BUCKET_NOTIFICATION)) {
        for (const [property, field, types] of [["topics", "topicArn", TOPIC_TYPES], ["queues", "queueArn", QUEUE_TYPES]] as const) {
            const list = notification.props.array(property);
            const values = list === UNKNOWN ? [UNKNOWN] : (list ?? []).map((_, i) => notification.props.get([property, i, field]));
            for (const value of values) {
                for (const found of find(notification, property, value, types)) {
                    publishes(found, "s3.amazonaws.com", notification);
                }
            }
        }
    }
    for (const subscription of ctx.ofType(SNS_TOPIC_SUBSCRIPTION)) {
        const protocol = subscription.props.string("protocol");
        if (protocol !== "sqs" && protocol !== UNKNOWN) {
            continue;
        }
        for (const queue of find(subscription, "endpoint", subscription.props.get("endpoint"), QUEUE_TYPES)) {
            publishes(queue, "sns.amazonaws.com", subscription);
        }
    }

    for (const [target, principals] of publishers) {
        const isTopic = target.type === SNS_TOPIC;
        const property = isTopic ? TOPIC_KEY : QUEUE_KEY;
        for (const link of keys.resolve(target, property, target.props.get(property))) {
            for (const [principal, by] of principals) {
                pairs.add(target, property, link, {
                    principal: service(principal),
                    principalElement: { Service: principal },
                    actions: isTopic ? SNS_TOPIC_ACTIONS : SQS_QUEUE_ACTIONS,
                    who: `${PUBLISHER_NAMES[principal] ?? principal}, for '${by}', which ${isTopic ? "publishes to" : "delivers to"} this ${KIND[target.type]}`,
                    failure: `the ${isTopic ? "messages it publishes" : "messages it delivers"} are dropped silently, with no error at pulumi up`,
                });
            }
        }
    }
}

function addLaunchTemplates(ctx: StackContext<Config>, keys: KeyIndex, pairs: Pairs): void {
    const groups = ctx.ofType(AUTOSCALING_GROUP);
    const templates = ctx.ofType(EC2_LAUNCH_TEMPLATE);
    if (groups.length === 0 || templates.length === 0) {
        return;
    }
    const index = new IdentifierIndex();
    for (const template of templates) {
        index.add(template, template.props.string("id"), template.props.string("name"));
    }
    const used = new Map<StackResource, StackResource[]>();
    const uses = (group: StackResource, template: StackResource) => {
        const list = used.get(template);
        list ? list.includes(group) || list.push(group) : used.set(template, [group]);
    };
    for (const group of groups) {
        const direct = group.props.objectOrFirst("launchTemplate");
        if (direct !== undefined) {
            const reference = direct === UNKNOWN ? UNKNOWN : group.props.get("launchTemplate.id") ?? group.props.get("launchTemplate.name")
                ?? group.props.get("launchTemplate[0].id") ?? group.props.get("launchTemplate[0].name");
            for (const template of referencedResources(group, "launchTemplate", reference, LAUNCH_TEMPLATE_TYPES, index)) {
                uses(group, template);
            }
        }
        const mixed = group.props.get("mixedInstancesPolicy");
        if (mixed !== undefined && mixed !== null) {
            const spec = ["mixedInstancesPolicy", "launchTemplate", "launchTemplateSpecification"];
            const reference = mixed === UNKNOWN ? UNKNOWN : firstPresent(group, [
                [...spec, "launchTemplateId"], [...spec, "launchTemplateName"],
                ["mixedInstancesPolicy", 0, "launchTemplate", 0, "launchTemplateSpecification", 0, "launchTemplateId"],
                ["mixedInstancesPolicy", 0, "launchTemplate", 0, "launchTemplateSpecification", 0, "launchTemplateName"],
            ]);
            for (const template of referencedResources(group, "mixedInstancesPolicy", reference, LAUNCH_TEMPLATE_TYPES, index)) {
                uses(group, template);
            }
        }
    }
    if (used.size === 0) {
        return;
    }
    const defaultKeys = ctx.ofType(EBS_DEFAULT_KMS_KEY).flatMap(d =>
        keys.resolve(d, DEFAULT_KEY_ARN, d.props.get(DEFAULT_KEY_ARN)).map(link => ({ link, setter: d })));
    const byDefault = defaultKeys.length > 0 ? encryptionByDefault(ctx) : undefined;
    // Groups whose serviceLinkedRoleArn is computed: the role is not known, so no guess; one advisory per template/key.
    const unverifiedRoles = new Map<string, { template: StackResource; path: Path; link: KeyLink; names: string[] }>();
    for (const [template, groupsUsing] of used) {
        const mappings = template.props.array(BLOCK_DEVICE_MAPPINGS);
        if (mappings === UNKNOWN) {
            continue;
        }
        // Groups with a custom service-linked role (serviceLinkedRoleArn) launch as that role; the others as the default.
        const roles = new Map<string | undefined, string[]>();
        const unknownRoles: string[] = [];
        for (const group of groupsUsing) {
            const custom = group.props.string("serviceLinkedRoleArn");
            // Unset, the planned value is computed too (AWS fills in the default role): only a value computed from
            // another resource (a ServiceLinkedRole with a customSuffix) is a custom role that is not known yet.
            if (custom === UNKNOWN && group.dependenciesOf("serviceLinkedRoleArn").length > 0) {
                unknownRoles.push(`'${group.name}'`);
                continue;
            }
            const role = typeof custom === "string" && custom.startsWith("arn:") ? custom : undefined;
            roles.set(role, [...(roles.get(role) ?? []), `'${group.name}'`]);
        }
        const grants = (link: KeyLink) => [...roles].map(([role, names]) => autoScalingGrant(template, link, names.join(", "), role));
        const addAll = (path: Path, link: KeyLink, via?: string, uncertain?: boolean) => {
            for (const grant of grants(link)) {
                pairs.add(template, path, link, grant, via, uncertain);
            }
            if (unknownRoles.length > 0) {
                const id = `${template.urn}\u0000${link.key.urn}`;
                if (!unverifiedRoles.has(id)) {
                    unverifiedRoles.set(id, { template, path, link, names: unknownRoles });
                }
            }
        };
        const defaultKeyVia = (setter: StackResource, reason: string) =>
            `${reason}, so EC2 uses the account's default EBS key, which DefaultKmsKey '${setter.name}' sets to this key.`;
        const list = Array.isArray(mappings) ? mappings : [];
        for (let i = 0; i < list.length; i++) {
            const ebsPath = [BLOCK_DEVICE_MAPPINGS, i, "ebs"];
            const kmsKeyId = template.props.get([...ebsPath, "kmsKeyId"]);
            if (presentKeyReference(kmsKeyId)) {
                for (const link of keys.resolve(template, BLOCK_DEVICE_MAPPINGS, kmsKeyId)) {
                    addAll(joinPath(ebsPath, "kmsKeyId"), link);
                }
            } else if (template.props.boolean([...ebsPath, "encrypted"]) === true) {
                // Without a key id EC2 uses the account's default EBS key; only a default key set in this stack is
                // checked here (ebs-encryption-explicit-kms-key reports the missing key id itself).
                for (const { link, setter } of defaultKeys) {
                    addAll(joinPath(ebsPath, "encrypted"), link, defaultKeyVia(setter, "The volume is encrypted without a kmsKeyId"));
                }
            }
        }
        if (byDefault) {
            // EBS encryption by default encrypts every volume the template launches, the AMI's root volume and
            // mappings without `encrypted` included, with the default key.
            for (const { link, setter } of defaultKeys) {
                addAll(BLOCK_DEVICE_MAPPINGS, link, defaultKeyVia(setter, byDefault.sentence), byDefault.unknown);
            }
        }
    }
    for (const { template, path, link, names } of unverifiedRoles.values()) {
        ctx.report(template, {
            advisory: true,
            path,
            message: `Auto Scaling group ${names.join(", ")} launches instances from this template with a serviceLinkedRoleArn ` +
                `that is computed during preview, so whether the policy of ${keyLabel({ link })} lets that service-linked ` +
                "role use the key could not be verified now; it will be at pulumi up.",
        });
    }
}

/** EBS encryption by default as the stack's EncryptionByDefault resources set it (`enabled` defaults to true). */
function encryptionByDefault(ctx: StackContext<Config>): { sentence: string; unknown: boolean } | undefined {
    let unknown: StackResource | undefined;
    for (const setting of ctx.ofType(EBS_ENCRYPTION_BY_DEFAULT)) {
        const enabled = setting.props.boolean(ENCRYPTION_BY_DEFAULT_ENABLED);
        if (enabled === true || enabled === undefined) {
            return { sentence: `EncryptionByDefault '${setting.name}' turns on EBS encryption by default: every volume the ` +
                "template launches (the AMI's root volume and mappings without a kmsKeyId included) is encrypted", unknown: false };
        }
        if (enabled === UNKNOWN) {
            unknown = setting;
        }
    }
    return unknown ? {
        sentence: `EncryptionByDefault '${unknown.name}' may turn on EBS encryption by default (its enabled is computed ` +
            "during preview); if it does, every volume the template launches is encrypted", unknown: true,
    } : undefined;
}

function firstPresent(resource: StackResource, paths: readonly PathSegment[][]): unknown {
    for (const path of paths) {
        const value = resource.props.get(path);
        if (value !== undefined && value !== null) {
            return value;
        }
    }
    return undefined;
}

function autoScalingGrant(template: StackResource, link: KeyLink, groupNames: string, customRole: string | undefined): ServiceGrant {
    const place = placeOf(template, link.key);
    const role = customRole ?? `arn:${place.partition}:iam::${place.account ?? "*"}:${AUTOSCALING_SERVICE_LINKED_ROLE}`;
    return {
        principal: { type: "AWS", id: role },
        principalElement: { AWS: customRole ?? `arn:${place.partition}:iam::${place.account ?? "<account-id>"}:${AUTOSCALING_SERVICE_LINKED_ROLE}` },
        actions: AUTOSCALING_ACTIONS,
        who: `the Auto Scaling service-linked role; Auto Scaling group ${groupNames} launches instances from this template`,
        failure: `the group's instance launches fail with "${AUTOSCALING_ERROR}"`,
        separateActions: { actions: AUTOSCALING_GRANT_ACTIONS, condition: { Bool: { "kms:GrantIsForAWSResource": true } } },
    };
}

function addExtraConsumers(ctx: StackContext<Config>, keys: KeyIndex, pairs: Pairs): void {
    const extras = Array.isArray(ctx.config.extraConsumers) ? ctx.config.extraConsumers : [];
    for (const extra of extras) {
        if (!extra || typeof extra.type !== "string" || typeof extra.property !== "string" ||
            typeof extra.principal !== "string" || !Array.isArray(extra.actions)) {
            continue;
        }
        const actions = extra.actions.filter((a): a is string => typeof a === "string");
        const topLevel = extra.property.split(PATH_SEPARATOR)[0];
        for (const consumer of ctx.ofType(extra.type)) {
            const value = consumer.props.get(extra.property);
            if (!presentKeyReference(value)) {
                continue;
            }
            for (const link of keys.resolve(consumer, topLevel, value)) {
                const place = placeOf(consumer, link.key);
                const isArn = extra.principal.startsWith("arn:");
                const id = extra.principal.replace(REGION_PLACEHOLDER, place.region ?? "*");
                pairs.add(consumer, extra.property, link, {
                    principal: { type: isArn ? "AWS" : "Service", id },
                    principalElement: { [isArn ? "AWS" : "Service"]: extra.principal.replace(REGION_PLACEHOLDER, place.region ?? "<region>") },
                    actions,
                    who: `${id} (extraConsumers rule for ${extra.type})`,
                    failure: "the service cannot use the key",
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation and the message

interface GrantResult {
    readonly grant: ServiceGrant;
    readonly missing: string[];
    readonly unknown: boolean;
    readonly deniedBy: Statement[];
    readonly excludedBy: Statement[];
    /** Statements that grant the main actions, and the separate ones (for requireConditions). */
    readonly allowedBy: Statement[];
    readonly separateAllowedBy: Statement[];
}

const ROOT_ONLY: PolicyDocument = { version: undefined, statements: [], statementsUnknown: false };

function checkPair(ctx: StackContext<Config>, keys: KeyIndex, pair: Pair): void {
    const policy = keys.effectivePolicy(pair.link.key);
    let document: PolicyDocument;
    switch (policy.parsed.kind) {
        case "unknown":
            ctx.report(pair.consumer, {
                advisory: true,
                path: pair.path,
                message: `the policy of ${keyLabel(pair)} is computed during preview, so whether it lets ` +
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
    const results = pair.grants.map(grant => evaluateGrant(document, grant));
    const failing = results.filter(r => r.missing.length > 0);
    const unconditioned = ctx.config.requireConditions === true
        ? results.filter(r => r.missing.length === 0 && !r.unknown && !hasRecommendedCondition(r))
        : [];
    if (failing.length === 0 && unconditioned.length === 0) {
        if (results.some(r => r.unknown)) {
            ctx.report(pair.consumer, {
                advisory: true,
                path: pair.path,
                message: `parts of the policy of ${keyLabel(pair)} are computed during preview, so whether it lets ` +
                    `${results.filter(r => r.unknown).map(r => principalLabel(r.grant)).join(", ")} use the key could not be ` +
                    "verified now; it will be at pulumi up.",
            });
        }
        return;
    }
    ctx.report(pair.consumer, { advisory: pair.uncertain, path: pair.path, message: message(pair, policy, document, failing, unconditioned) });
}

function evaluateGrant(document: PolicyDocument, grant: ServiceGrant): GrantResult {
    const missing: string[] = [];
    const deniedBy = new Set<Statement>();
    const excludedBy = new Set<Statement>();
    const allowedBy = new Set<Statement>();
    const separateAllowedBy = new Set<Statement>();
    let unknown = false;
    const check = (required: string, context: Readonly<Record<string, string>> | undefined, allowing: Set<Statement>) => {
        let missed = false;
        for (const action of concreteActions(required)) {
            const result = evaluate(document, { principal: grant.principal, action, context });
            result.deniedBy.forEach(s => deniedBy.add(s));
            result.excludedBy.forEach(s => excludedBy.add(s));
            result.allowedBy.forEach(s => allowing.add(s));
            if (result.decision === "missing" || result.decision === "denied") {
                missed = true;
            } else if (result.decision === "unknown") {
                unknown = true;
            }
        }
        if (missed) {
            missing.push(required);
        }
    };
    for (const action of grant.actions) {
        check(action, grant.context, allowedBy);
    }
    for (const action of grant.separateActions?.actions ?? []) {
        check(action, { ...grant.context, "kms:GrantIsForAWSResource": "true" }, separateAllowedBy);
    }
    return { grant, missing, unknown, deniedBy: [...deniedBy], excludedBy: [...excludedBy], allowedBy: [...allowedBy], separateAllowedBy: [...separateAllowedBy] };
}

type ConditionBlock = ServiceGrant["condition"];

function conditionKeys(condition: ConditionBlock): Set<string> {
    return new Set(Object.values(condition ?? {}).flatMap(block => Object.keys(block)).map(k => k.toLowerCase()));
}

function someHasCondition(statements: readonly Statement[], keys: ReadonlySet<string>): boolean {
    return keys.size === 0 || statements.some(s => s.conditions.some(c => keys.has(c.key.toLowerCase())));
}

/** requireConditions: the statements that grant the service carry the recommended condition. */
function hasRecommendedCondition(result: GrantResult): boolean {
    return someHasCondition(result.allowedBy, conditionKeys(result.grant.condition)) &&
        (!result.grant.separateActions || someHasCondition(result.separateAllowedBy, conditionKeys(result.grant.separateActions.condition)));
}

function keyLabel(pair: { readonly link: KeyLink }): string {
    const key = `KMS key '${pair.link.key.name}'`;
    return pair.link.alias ? `${key} (through alias '${pair.link.alias.name}')` : key;
}

function policySource(policy: EffectivePolicy): string {
    switch (policy.source) {
        case "default":
            // Also a planned policy that is computed with nothing in the program it depends on: that is the output of
            // a key created without one (see KeyIndex.effectivePolicy).
            return "has no key policy in the program, so AWS gives it the default policy, which trusts only the account root";
        case "keyPolicy":
            return `gets its policy from KeyPolicy '${policy.resource.name}'`;
        case "key":
            return "has a key policy";
    }
}

function message(pair: Pair, policy: EffectivePolicy, document: PolicyDocument, failing: GrantResult[], unconditioned: GrantResult[]): string {
    const kind = KIND[pair.consumer.type] ?? "resource";
    // A secret document's values (its Sids) stay out of the message; only the pack's own text and the pasted
    // statement, built from the consumer and the key's ARN, go in.
    const secret = policy.source !== "default" && policy.resource.props.isSecret("policy");
    const label = (statement: Statement) => statementLabel(statement, secret);
    const lines: string[] = [];
    lines.push(`this ${kind} uses ${keyLabel(pair)}, which ${policySource(policy)}.${pair.via ? ` ${pair.via}` : ""}`);
    for (const result of failing) {
        let line = `- ${principalLabel(result.grant)} (${result.grant.who}) is not allowed ` +
            `${result.missing.join(", ")}.`;
        if (result.deniedBy.length > 0) {
            line += ` ${result.deniedBy.map(label).join(", ")} denies it.`;
        }
        if (result.excludedBy.length > 0) {
            const keys = [...new Set(result.excludedBy.flatMap(s => s.conditions.map(c => c.key)))].join(", ");
            line += ` ${result.excludedBy.map(label).join(", ")} names it, but its condition on ${keys} cannot ` +
                `match this ${kind}.`;
        }
        const globalLogs = result.grant.principal.id.startsWith("logs.") ? globalLogsStatement(document) : undefined;
        if (globalLogs) {
            line += ` ${label(globalLogs)} allows logs.amazonaws.com, but CloudWatch Logs uses the regional ` +
                `principal ${principalLabel(result.grant)}.`;
        }
        line += ` Without it ${result.grant.failure}.`;
        lines.push(line);
    }
    for (const result of unconditioned) {
        lines.push(`- ${principalLabel(result.grant)} (${result.grant.who}) is allowed without the recommended condition ` +
            "(requireConditions is on).");
    }
    if (failing.some(r => r.grant.principal.type === "AWS" && r.grant.principal.id.endsWith(`/${AUTOSCALING_SERVICE_LINKED_ROLE.split("/").pop()}`))) {
        // KMS refuses a key policy that names a principal that does not exist yet.
        lines.push("The role AWSServiceRoleForAutoScaling must exist before a key policy can name it; AWS creates it with " +
            "the account's first Auto Scaling group. In a fresh account create it in the program first: new " +
            "aws.iam.ServiceLinkedRole(\"autoscaling\", {awsServiceName: \"autoscaling.amazonaws.com\"}), and let the key " +
            "depend on it.");
    }
    const statements = [...failing, ...unconditioned].flatMap(r => recommendedStatements(r.grant));
    if (policy.source === "default") {
        // There is no policy to add to: give a whole one. It keeps the account root's kms:* from AWS's default policy;
        // a policy without a principal that can manage the key fails KMS's policy lockout safety check.
        const place = placeOf(pair.consumer, pair.link.key);
        const root = {
            Sid: "EnableAccountRootAccess",
            Effect: "Allow",
            Principal: { AWS: `arn:${place.partition}:iam::${place.account ?? "<account-id>"}:root` },
            Action: "kms:*",
            Resource: "*",
        };
        lines.push(`Give key '${pair.link.key.name}' this policy (policy: JSON.stringify(...)); its first statement keeps the ` +
            "account root's access that AWS's default policy gives, without which KMS refuses the policy because no " +
            "principal could manage the key:");
        lines.push(JSON.stringify({ Version: "2012-10-17", Statement: [root, ...statements] }, null, 2));
        return lines.join("\n");
    }
    const where = policy.source === "keyPolicy" ? `KeyPolicy '${policy.resource.name}'` : `the policy of key '${pair.link.key.name}'`;
    lines.push(`Add ${statements.length === 1 ? "this statement" : "these statements"} to ${where}:`);
    lines.push(statements.map(s => JSON.stringify(s, null, 2)).join(",\n"));
    return lines.join("\n");
}

/** The principal as the statement should name it (placeholders for what is not known, e.g. `<account-id>`). */
function principalLabel(grant: ServiceGrant): string {
    return Object.values(grant.principalElement)[0] ?? grant.principal.id;
}

function globalLogsStatement(document: PolicyDocument): Statement | undefined {
    return document.statements.find(s => s.effect === "Allow" &&
        [...(s.principal?.byType ?? new Map<string, ValueList>()).entries()].some(([type, list]) =>
            type.toLowerCase() === "service" && list.values.some(v => v.toLowerCase() === "logs.amazonaws.com")));
}

function sidOf(grant: ServiceGrant): string {
    if (grant.principal.type === "AWS" && grant.principal.id.includes("AWSServiceRoleForAutoScaling")) {
        return "AllowAutoScalingServiceLinkedRole";
    }
    const label = grant.principal.id.split(".")[0].replace(NOT_ALPHANUMERIC, "");
    return `Allow${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

function recommendedStatements(grant: ServiceGrant): Record<string, unknown>[] {
    const sid = sidOf(grant);
    const statements: Record<string, unknown>[] = [{
        Sid: sid,
        Effect: "Allow",
        Principal: grant.principalElement,
        Action: [...grant.actions],
        Resource: "*",
        ...(grant.condition ? { Condition: grant.condition } : {}),
    }];
    if (grant.separateActions) {
        statements.push({
            Sid: `${sid}Grants`,
            Effect: "Allow",
            Principal: grant.principalElement,
            Action: [...grant.separateActions.actions],
            Resource: "*",
            Condition: grant.separateActions.condition,
        });
    }
    return statements;
}
