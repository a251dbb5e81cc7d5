// The physical-name properties of AWS resources, the rule AWS applies to each name, and the scope in which a name
// must be unique (aws-facts.md section 3). The naming policies read only this table: adding a type is one row.
//
// Sources: aws-facts.md section 3 (AWS API references per service); S3 rules live in lib/s3-bucket-names.ts and are
// referenced here, not repeated. Prefix limits: the AWS provider appends a 26-character unique id to a name prefix
// (Terraform `id.UniqueIDSuffixLength`), so a prefix fits when it leaves 26 characters of the name's maximum;
// load balancers and target groups are the exception (their `namePrefix` is at most 6, Terraform elbv2
// `validNamePrefix`).
import type * as aws from "@pulumi/aws";
import type { ProviderInfo, StackResource } from "../../framework/policy";
import { UNKNOWN, Unknown } from "../../framework/properties";
import { StackInfo, stackConfigValue } from "../../framework/stack";
import {
    ALB_LOAD_BALANCER, ALB_TARGET_GROUP, APIGATEWAYV2_API, AUTOSCALING_GROUP, CLOUDWATCH_LOG_GROUP, DYNAMODB_TABLE,
    EC2_LAUNCH_TEMPLATE, ECR_REPOSITORY, ECS_CLUSTER, ECS_SERVICE, ELASTICACHE_REPLICATION_GROUP, IAM_POLICY, IAM_ROLE,
    IAM_USER, KMS_ALIAS, LAMBDA_FUNCTION, LB_LOAD_BALANCER, LB_TARGET_GROUP, RDS_CLUSTER, RDS_INSTANCE, S3_BUCKET_TYPES,
    SECRETSMANAGER_SECRET, SFN_STATE_MACHINE, SNS_TOPIC, SQS_QUEUE,
} from "../resource-types";
import { bucketNameRuleBreaks, BUCKET_NAME_MAX, BUCKET_PREFIX_MAX, describeCharacters } from "../s3/bucket-names";
import { regionOfResource } from "../region";
import { accountOfArn, parseArn } from "../arn";

/** Where a name must be unique: per account and region, per account (IAM), across all of AWS (S3), or nowhere. */
export type UniquenessScope = "account-region" | "account" | "global" | "none";

/** Length of the unique id the AWS provider appends to a name prefix. */
export const PREFIX_GENERATED_LENGTH = 26;
export const FIFO_SUFFIX = ".fifo";

export type NameKind = "name" | "prefix";

export interface CharacterRule {
    /** Tests one character (no `g` flag). */
    readonly allowed: RegExp;
    /** The allowed characters in words, as AWS documents them. */
    readonly text: string;
}

export interface NameRule {
    readonly min: number;
    readonly max: number;
    readonly characters?: CharacterRule;
    /** Uppercase letters are rejected (reported apart from other characters). */
    readonly lowercase?: boolean;
    /** What the first character must be, e.g. a letter. */
    readonly first?: { readonly allowed: RegExp; readonly text: string };
    readonly noLeadingHyphen?: boolean;
    readonly noTrailingHyphen?: boolean;
    readonly noConsecutiveHyphens?: boolean;
    /** Every name starts with this, e.g. KMS `alias/`. */
    readonly requiredPrefix?: string;
    /** Case-insensitive prefixes AWS reserves. */
    readonly reservedPrefixes?: readonly { readonly prefix: string; readonly why: string }[];
    /** A structural pattern checked once the characters are right (ECR repository names). */
    readonly pattern?: { readonly regex: RegExp; readonly text: string };
    /** The boolean property that makes the resource FIFO; FIFO names end with `.fifo`, others must not. */
    readonly fifoProperty?: string;
    /** Delegates the whole check to another rule set (S3: lib/s3-bucket-names.ts). */
    readonly custom?: (name: string, kind: NameKind) => readonly RuleBreak[];
}

export interface PhysicalNameRow {
    /** Every type token of the resource (v6 and v7, `aws:alb/*` aliases). */
    readonly types: readonly string[];
    /** Human name of the resource, e.g. "load balancer". */
    readonly label: string;
    /** What AWS calls the name, when not "name": "identifier", "id". */
    readonly noun?: string;
    /** Names of one family share a namespace (aws:lb and aws:alb load balancers; v6/v7 S3 buckets). */
    readonly family: string;
    readonly nameProperty: string;
    readonly prefixProperty?: string;
    /** Longest accepted prefix when the provider documents its own limit; otherwise the name's maximum less the
     * 26-character generated id (and `.fifo` for FIFO resources). */
    readonly prefixMax?: number;
    readonly rule: NameRule;
    /** False when AWS treats `Name` and `name` as the same name (or only accepts lowercase). */
    readonly caseSensitive: boolean;
    readonly scope: UniquenessScope;
    /** A property that narrows the namespace inside the scope: ECS service names are unique per cluster. */
    readonly scopeProperty?: string;
    /** The error AWS returns when the name is taken, where it is known. */
    readonly conflictError?: string;
    /** The create API is idempotent: a second create with the same name returns the existing resource. "same-settings":
     * only with identical settings, differing ones fail (SQS, SNS, ELBv2); "always": whatever the settings (ECS
     * CreateCluster returns the existing active cluster, and the provider adopts it). */
    readonly idempotentCreate?: "same-settings" | "always";
    /** Names under this prefix are chosen by the service from another resource's name (CloudWatch Logs `/aws/...`:
     * `/aws/lambda/<function name>`); a suffix belongs on that resource, not at the end of this name. */
    readonly serviceNamedPrefix?: { readonly prefix: string; readonly example: string };
    /** Another policy validates these names; `physical-name-valid` leaves them alone. */
    readonly validatedBy?: string;
    /** An AWS error text for a name that is too long, where a verified one exists. */
    readonly lengthError?: (name: string) => string;
}

export interface RuleBreak {
    readonly rule: string;
    readonly message: string;
}

// Character classes, compiled once.
const ALNUM_HYPHEN = /^[A-Za-z0-9-]$/;
const ALNUM_HYPHEN_UNDERSCORE = /^[A-Za-z0-9_-]$/;
const IAM_CHARACTERS = /^[\w+=,.@-]$/;
const LETTER = /^[A-Za-z]$/;
const LOWER_ALNUM_HYPHEN = /^[a-z0-9-]$/;

const ELB_NAME = {
    min: 1, max: 32,
    characters: { allowed: ALNUM_HYPHEN, text: "letters, digits and hyphens (-)" },
    noLeadingHyphen: true, noTrailingHyphen: true,
} as const;
const RDS_IDENTIFIER: NameRule = {
    min: 1, max: 63,
    characters: { allowed: LOWER_ALNUM_HYPHEN, text: "lowercase letters, digits and hyphens (-)" },
    lowercase: true,
    first: { allowed: LETTER, text: "a letter" },
    noTrailingHyphen: true, noConsecutiveHyphens: true,
};
const SQS_SNS_CHARACTERS = { allowed: ALNUM_HYPHEN_UNDERSCORE, text: "letters, digits, hyphens (-) and underscores (_)" };

// Typed property names: a misspelt property fails to compile.
const LB_NAME: keyof aws.lb.LoadBalancerArgs & keyof aws.alb.LoadBalancerArgs = "name";
const LB_PREFIX: keyof aws.lb.LoadBalancerArgs & keyof aws.alb.LoadBalancerArgs = "namePrefix";
const TG_NAME: keyof aws.lb.TargetGroupArgs & keyof aws.alb.TargetGroupArgs = "name";
const TG_PREFIX: keyof aws.lb.TargetGroupArgs & keyof aws.alb.TargetGroupArgs = "namePrefix";
const ROLE_NAME: keyof aws.iam.RoleArgs = "name";
const ROLE_PREFIX: keyof aws.iam.RoleArgs = "namePrefix";
const USER_NAME: keyof aws.iam.UserArgs = "name";
const POLICY_NAME: keyof aws.iam.PolicyArgs = "name";
const POLICY_PREFIX: keyof aws.iam.PolicyArgs = "namePrefix";
const BUCKET_NAME: keyof aws.s3.BucketArgs & keyof aws.s3.BucketV2Args = "bucket";
const BUCKET_PREFIX: keyof aws.s3.BucketArgs & keyof aws.s3.BucketV2Args = "bucketPrefix";
const TABLE_NAME: keyof aws.dynamodb.TableArgs = "name";
const DB_IDENTIFIER: keyof aws.rds.InstanceArgs = "identifier";
const DB_IDENTIFIER_PREFIX: keyof aws.rds.InstanceArgs = "identifierPrefix";
const CLUSTER_IDENTIFIER: keyof aws.rds.ClusterArgs = "clusterIdentifier";
const CLUSTER_IDENTIFIER_PREFIX: keyof aws.rds.ClusterArgs = "clusterIdentifierPrefix";
const ECS_SERVICE_NAME: keyof aws.ecs.ServiceArgs = "name";
const ECS_SERVICE_CLUSTER: keyof aws.ecs.ServiceArgs = "cluster";
const ECS_CLUSTER_NAME: keyof aws.ecs.ClusterArgs = "name";
const FUNCTION_NAME: keyof aws.lambda.FunctionArgs = "name";
const LOG_GROUP_NAME: keyof aws.cloudwatch.LogGroupArgs = "name";
const LOG_GROUP_PREFIX: keyof aws.cloudwatch.LogGroupArgs = "namePrefix";
const TOPIC_NAME: keyof aws.sns.TopicArgs = "name";
const TOPIC_PREFIX: keyof aws.sns.TopicArgs = "namePrefix";
const TOPIC_FIFO: keyof aws.sns.TopicArgs = "fifoTopic";
const QUEUE_NAME: keyof aws.sqs.QueueArgs = "name";
const QUEUE_PREFIX: keyof aws.sqs.QueueArgs = "namePrefix";
const QUEUE_FIFO: keyof aws.sqs.QueueArgs = "fifoQueue";
const SECRET_NAME: keyof aws.secretsmanager.SecretArgs = "name";
const SECRET_PREFIX: keyof aws.secretsmanager.SecretArgs = "namePrefix";
const ALIAS_NAME: keyof aws.kms.AliasArgs = "name";
const ALIAS_PREFIX: keyof aws.kms.AliasArgs = "namePrefix";
const REPLICATION_GROUP_ID: keyof aws.elasticache.ReplicationGroupArgs = "replicationGroupId";
const ASG_NAME: keyof aws.autoscaling.GroupArgs = "name";
const ASG_PREFIX: keyof aws.autoscaling.GroupArgs = "namePrefix";
const LAUNCH_TEMPLATE_NAME: keyof aws.ec2.LaunchTemplateArgs = "name";
const LAUNCH_TEMPLATE_PREFIX: keyof aws.ec2.LaunchTemplateArgs = "namePrefix";
const STATE_MACHINE_NAME: keyof aws.sfn.StateMachineArgs = "name";
const STATE_MACHINE_PREFIX: keyof aws.sfn.StateMachineArgs = "namePrefix";
const REPOSITORY_NAME: keyof aws.ecr.RepositoryArgs = "name";
const API_NAME: keyof aws.apigatewayv2.ApiArgs = "name";

const prefixRoom = (max: number) => max - PREFIX_GENERATED_LENGTH;

export const PHYSICAL_NAME_TABLE: readonly PhysicalNameRow[] = [
    {
        types: [LB_LOAD_BALANCER, ALB_LOAD_BALANCER], label: "load balancer", family: "elbv2-load-balancer",
        nameProperty: LB_NAME, prefixProperty: LB_PREFIX, prefixMax: 6,
        rule: { ...ELB_NAME, reservedPrefixes: [{ prefix: "internal-", why: "AWS reserves it for the DNS names of internal load balancers" }] },
        caseSensitive: true, scope: "account-region", conflictError: "DuplicateLoadBalancerName", idempotentCreate: "same-settings",
        // Reported by users from CloudFormation/ELBv2 (research findings Q3g).
        lengthError: name => `The load balancer name '${name}' cannot be longer than '32' characters`,
    },
    {
        types: [LB_TARGET_GROUP, ALB_TARGET_GROUP], label: "target group", family: "elbv2-target-group",
        nameProperty: TG_NAME, prefixProperty: TG_PREFIX, prefixMax: 6, rule: ELB_NAME,
        caseSensitive: true, scope: "account-region", conflictError: "DuplicateTargetGroupName", idempotentCreate: "same-settings",
    },
    {
        types: [IAM_ROLE], label: "IAM role", family: "iam-role",
        nameProperty: ROLE_NAME, prefixProperty: ROLE_PREFIX,
        rule: { min: 1, max: 64, characters: { allowed: IAM_CHARACTERS, text: "letters, digits and + = , . @ _ -" } },
        caseSensitive: false, scope: "account", conflictError: "EntityAlreadyExists",
    },
    {
        types: [IAM_USER], label: "IAM user", family: "iam-user", nameProperty: USER_NAME,
        rule: { min: 1, max: 64, characters: { allowed: IAM_CHARACTERS, text: "letters, digits and + = , . @ _ -" } },
        caseSensitive: false, scope: "account", conflictError: "EntityAlreadyExists",
    },
    {
        types: [IAM_POLICY], label: "IAM policy", family: "iam-policy",
        nameProperty: POLICY_NAME, prefixProperty: POLICY_PREFIX,
        rule: { min: 1, max: 128, characters: { allowed: IAM_CHARACTERS, text: "letters, digits and + = , . @ _ -" } },
        caseSensitive: false, scope: "account", conflictError: "EntityAlreadyExists",
    },
    {
        types: S3_BUCKET_TYPES, label: "S3 bucket", family: "s3-bucket",
        nameProperty: BUCKET_NAME, prefixProperty: BUCKET_PREFIX, prefixMax: BUCKET_PREFIX_MAX,
        rule: { min: 3, max: BUCKET_NAME_MAX, lowercase: true, custom: (name, kind) => bucketNameRuleBreaks(name, kind === "prefix" ? "prefix" : "bucket") },
        caseSensitive: false, scope: "global", conflictError: "BucketAlreadyOwnedByYou (or BucketAlreadyExists when another account owns it)",
        validatedBy: "s3-bucket-name-valid",
    },
    {
        types: [DYNAMODB_TABLE], label: "DynamoDB table", family: "dynamodb-table", nameProperty: TABLE_NAME,
        rule: { min: 3, max: 255, characters: { allowed: /^[A-Za-z0-9_.-]$/, text: "letters, digits, underscores (_), hyphens (-) and periods (.)" } },
        caseSensitive: true, scope: "account-region", conflictError: "Table already exists",
    },
    {
        types: [RDS_INSTANCE], label: "RDS DB instance", noun: "identifier", family: "rds-instance",
        nameProperty: DB_IDENTIFIER, prefixProperty: DB_IDENTIFIER_PREFIX, rule: RDS_IDENTIFIER,
        caseSensitive: false, scope: "account-region", conflictError: "DBInstanceAlreadyExists",
    },
    {
        types: [RDS_CLUSTER], label: "RDS DB cluster", noun: "identifier", family: "rds-cluster",
        nameProperty: CLUSTER_IDENTIFIER, prefixProperty: CLUSTER_IDENTIFIER_PREFIX, rule: RDS_IDENTIFIER,
        caseSensitive: false, scope: "account-region", conflictError: "DBClusterAlreadyExistsFault",
    },
    {
        types: [ECS_SERVICE], label: "ECS service", family: "ecs-service", nameProperty: ECS_SERVICE_NAME,
        rule: { min: 1, max: 255, characters: SQS_SNS_CHARACTERS },
        caseSensitive: true, scope: "account-region", scopeProperty: ECS_SERVICE_CLUSTER,
        conflictError: "InvalidParameterException: Creation of service was not idempotent",
    },
    {
        types: [ECS_CLUSTER], label: "ECS cluster", family: "ecs-cluster", nameProperty: ECS_CLUSTER_NAME,
        rule: { min: 1, max: 255, characters: SQS_SNS_CHARACTERS },
        // terraform-provider-aws#44817: an existing cluster of that name is adopted without an error.
        caseSensitive: true, scope: "account-region", idempotentCreate: "always",
    },
    {
        types: [LAMBDA_FUNCTION], label: "Lambda function", family: "lambda-function", nameProperty: FUNCTION_NAME,
        rule: { min: 1, max: 64, characters: SQS_SNS_CHARACTERS },
        caseSensitive: true, scope: "account-region", conflictError: "ResourceConflictException: Function already exist",
    },
    {
        types: [CLOUDWATCH_LOG_GROUP], label: "CloudWatch log group", family: "log-group",
        nameProperty: LOG_GROUP_NAME, prefixProperty: LOG_GROUP_PREFIX,
        rule: { min: 1, max: 512, characters: { allowed: /^[.\-_/#A-Za-z0-9]$/, text: "letters, digits and . - _ / #" } },
        caseSensitive: true, scope: "account-region", conflictError: "ResourceAlreadyExistsException",
        serviceNamedPrefix: { prefix: "/aws/", example: "/aws/lambda/<function name>" },
    },
    {
        types: [SNS_TOPIC], label: "SNS topic", family: "sns-topic",
        nameProperty: TOPIC_NAME, prefixProperty: TOPIC_PREFIX,
        rule: { min: 1, max: 256, characters: SQS_SNS_CHARACTERS, fifoProperty: TOPIC_FIFO },
        caseSensitive: true, scope: "account-region", idempotentCreate: "same-settings",
    },
    {
        types: [SQS_QUEUE], label: "SQS queue", family: "sqs-queue",
        nameProperty: QUEUE_NAME, prefixProperty: QUEUE_PREFIX,
        rule: { min: 1, max: 80, characters: SQS_SNS_CHARACTERS, fifoProperty: QUEUE_FIFO },
        caseSensitive: true, scope: "account-region", conflictError: "QueueNameExists", idempotentCreate: "same-settings",
    },
    {
        types: [SECRETSMANAGER_SECRET], label: "Secrets Manager secret", family: "secretsmanager-secret",
        nameProperty: SECRET_NAME, prefixProperty: SECRET_PREFIX,
        rule: { min: 1, max: 512, characters: { allowed: /^[A-Za-z0-9/_+=.@-]$/, text: "letters, digits and / _ + = . @ -" } },
        caseSensitive: true, scope: "account-region", conflictError: "ResourceExistsException",
    },
    {
        types: [KMS_ALIAS], label: "KMS alias", family: "kms-alias",
        nameProperty: ALIAS_NAME, prefixProperty: ALIAS_PREFIX,
        rule: {
            min: 1, max: 256, requiredPrefix: "alias/",
            characters: { allowed: /^[A-Za-z0-9:/_-]$/, text: "letters, digits and : / _ -" },
            reservedPrefixes: [{ prefix: "alias/aws/", why: "AWS reserves it for AWS managed keys" }],
        },
        caseSensitive: true, scope: "account-region", conflictError: "AlreadyExistsException",
    },
    {
        types: [ELASTICACHE_REPLICATION_GROUP], label: "ElastiCache replication group", noun: "id", family: "elasticache-replication-group",
        nameProperty: REPLICATION_GROUP_ID,
        rule: {
            min: 1, max: 40, characters: { allowed: ALNUM_HYPHEN, text: "letters, digits and hyphens (-)" },
            first: { allowed: LETTER, text: "a letter" }, noTrailingHyphen: true, noConsecutiveHyphens: true,
        },
        // ElastiCache stores ids in lowercase.
        caseSensitive: false, scope: "account-region", conflictError: "ReplicationGroupAlreadyExists",
    },
    {
        types: [AUTOSCALING_GROUP], label: "Auto Scaling group", family: "autoscaling-group",
        nameProperty: ASG_NAME, prefixProperty: ASG_PREFIX, rule: { min: 1, max: 255 },
        caseSensitive: true, scope: "account-region", conflictError: "AlreadyExists",
    },
    {
        types: [EC2_LAUNCH_TEMPLATE], label: "launch template", family: "launch-template",
        nameProperty: LAUNCH_TEMPLATE_NAME, prefixProperty: LAUNCH_TEMPLATE_PREFIX,
        rule: { min: 3, max: 128, characters: { allowed: /^[A-Za-z0-9().\-/_]$/, text: "letters, digits and ( ) . - / _" } },
        caseSensitive: true, scope: "account-region", conflictError: "InvalidLaunchTemplateName.AlreadyExistsException",
    },
    {
        types: [SFN_STATE_MACHINE], label: "Step Functions state machine", family: "sfn-state-machine",
        nameProperty: STATE_MACHINE_NAME, prefixProperty: STATE_MACHINE_PREFIX,
        rule: { min: 1, max: 80, characters: SQS_SNS_CHARACTERS },
        caseSensitive: true, scope: "account-region", conflictError: "StateMachineAlreadyExists",
    },
    {
        types: [ECR_REPOSITORY], label: "ECR repository", family: "ecr-repository", nameProperty: REPOSITORY_NAME,
        rule: {
            min: 2, max: 256, lowercase: true,
            characters: { allowed: /^[a-z0-9._/-]$/, text: "lowercase letters, digits and . _ - /" },
            pattern: {
                regex: /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/,
                text: "components of lowercase letters and digits, separated by one '.', one or two '_' or hyphens, " +
                    "joined by '/'; no separator at the start or end of a component",
            },
        },
        caseSensitive: false, scope: "account-region", conflictError: "RepositoryAlreadyExistsException",
    },
    {
        // API Gateway accepts any number of APIs with the same name: only the length is a rule.
        types: [APIGATEWAYV2_API], label: "API Gateway v2 API", family: "apigatewayv2-api", nameProperty: API_NAME,
        rule: { min: 1, max: 128 }, caseSensitive: true, scope: "none",
    },
];

let rowsByType: Map<string, PhysicalNameRow> | undefined;

/** The row of a type token, or undefined when the type has no physical name in the table. */
export function physicalNameRow(type: string): PhysicalNameRow | undefined {
    if (!rowsByType) {
        rowsByType = new Map();
        for (const row of PHYSICAL_NAME_TABLE) {
            for (const t of row.types) {
                rowsByType.set(t, row);
            }
        }
    }
    return rowsByType.get(type);
}

export function physicalNameTypes(filter: (row: PhysicalNameRow) => boolean = () => true): string[] {
    return PHYSICAL_NAME_TABLE.filter(filter).flatMap(row => [...row.types]);
}

/** Longest prefix the row accepts, for FIFO resources `.fifo` included. */
export function prefixLimit(row: PhysicalNameRow, fifo: boolean | Unknown | undefined): number {
    const max = row.prefixMax ?? prefixRoom(row.rule.max);
    return row.rule.fifoProperty && fifo === true ? max - FIFO_SUFFIX.length : max;
}

/**
 * Every rule `value` breaks for the row's name (`kind` "name") or name prefix (`kind` "prefix"). `fifo` is the
 * value of the row's FIFO property (`UNKNOWN` skips the FIFO rule). An empty list means AWS accepts it.
 * `redact` (a secret name): the messages state the rules only, never the name's length, characters or positions.
 */
export function nameRuleBreaks(row: PhysicalNameRow, value: string, kind: NameKind,
    fifo: boolean | Unknown | undefined = undefined, redact = false): RuleBreak[] {
    const rule = row.rule;
    if (rule.custom) {
        return [...rule.custom(value, kind)];
    }
    const breaks: RuleBreak[] = [];
    const label = row.label;
    const noun = row.noun ?? "name";
    const names = `${capitalise(label)} ${noun}s`;
    const isFifo = !!rule.fifoProperty && fifo === true;
    let body = value;
    if (kind === "name") {
        if (value.length < rule.min || value.length > rule.max) {
            const over = value.length > rule.max ? ` (${value.length - rule.max} too many)` : "";
            const measured = redact ? `this one is ${value.length > rule.max ? "longer" : "shorter"}` : `this one has ${value.length}${over}`;
            breaks.push({
                rule: "length",
                message: `${names} must be ${rule.min === 1 ? "at most" : `${rule.min} to`} ${rule.max} characters long` +
                    `${isFifo ? ", .fifo included" : ""}; ${measured}.`,
            });
        }
        if (rule.fifoProperty) {
            const hasSuffix = value.endsWith(FIFO_SUFFIX);
            if (isFifo && !hasSuffix) {
                breaks.push({
                    rule: "fifo-suffix",
                    message: `The name of a FIFO ${label} must end with the .fifo suffix (${rule.fifoProperty} is true).`,
                });
            } else if (hasSuffix && fifo !== UNKNOWN && !isFifo) {
                breaks.push({
                    rule: "fifo-suffix",
                    message: `Only FIFO ${label}s may end with .fifo, and ${rule.fifoProperty} is not true: set ` +
                        `${rule.fifoProperty}: true, or drop the suffix.`,
                });
            }
            if (hasSuffix) {
                body = value.slice(0, -FIFO_SUFFIX.length);
            }
        }
    } else {
        const limit = prefixLimit(row, fifo);
        if (value.length > limit) {
            const why = row.prefixMax !== undefined
                ? `the provider accepts at most ${limit} characters in ${row.prefixProperty}`
                : `the provider appends a ${PREFIX_GENERATED_LENGTH}-character unique id${isFifo ? " and .fifo" : ""} and ` +
                  `${label} ${noun}s are at most ${rule.max} characters long`;
            breaks.push({
                rule: "length",
                message: `The ${label} ${noun} prefix ${redact ? "is too long" : `has ${value.length} characters`}; at most ` +
                    `${limit} fit, because ${why}.`,
            });
        }
    }
    if (rule.requiredPrefix && !value.startsWith(rule.requiredPrefix)) {
        breaks.push({ rule: "required-prefix", message: `${names} must begin with ${rule.requiredPrefix}.` });
    } else if (rule.requiredPrefix && kind === "name" && value === rule.requiredPrefix) {
        breaks.push({ rule: "required-prefix", message: `${names} need at least one character after ${rule.requiredPrefix}.` });
    }
    const lower = value.toLowerCase();
    for (const reserved of rule.reservedPrefixes ?? []) {
        if (lower.startsWith(reserved.prefix)) {
            breaks.push({
                rule: "reserved-prefix",
                message: `${names} must not begin with ${reserved.prefix}: ${reserved.why}.`,
            });
        }
    }
    const isUpper = (c: string) => c !== c.toLowerCase();
    if (rule.lowercase && [...body].some(isUpper)) {
        breaks.push({
            rule: "uppercase",
            message: `${names} can contain only ${rule.characters?.text ?? "lowercase characters"}: ` +
                (redact ? "this one contains uppercase letters." : `uppercase ${describeCharacters(body, isUpper)}.`),
        });
    }
    const characters = rule.characters;
    const isInvalid = characters ? (c: string) => !(rule.lowercase && isUpper(c)) && !characters.allowed.test(c) : () => false;
    const invalid = characters !== undefined && [...body].some(isInvalid);
    if (characters && invalid) {
        breaks.push({
            rule: "characters",
            message: `${names} can contain only ${characters.text}` +
                (redact ? "; this one contains other characters." : `: ${describeCharacters(body, isInvalid)}.`),
        });
    }
    const checked = rule.requiredPrefix && body.startsWith(rule.requiredPrefix) ? body.slice(rule.requiredPrefix.length) : body;
    if (checked.length > 0) {
        if (rule.first && !rule.first.allowed.test(checked[0])) {
            breaks.push({
                rule: "first-character",
                message: `${names} must begin with ${rule.first.text}` + (redact ? "." : `; this one begins with '${checked[0]}'.`),
            });
        }
        const leading = !rule.first && rule.noLeadingHyphen && checked.startsWith("-");
        const trailing = kind === "name" && rule.noTrailingHyphen && checked.endsWith("-");
        if (leading || trailing) {
            breaks.push({
                rule: "hyphen-ends",
                message: `${names} must not ${rule.noLeadingHyphen && !rule.first ? "begin or " : ""}end with a hyphen` +
                    (redact ? "." : `; this one ${leading ? "begins" : "ends"} with '-'.`),
            });
        }
    }
    if (rule.noConsecutiveHyphens && body.includes("--")) {
        breaks.push({
            rule: "consecutive-hyphens",
            message: `${names} must not contain two consecutive hyphens` + (redact ? "." : ` (at position ${body.indexOf("--") + 1}).`),
        });
    }
    // The structure only once the characters are right, so one problem is reported once.
    if (rule.pattern && kind === "name" && !invalid && !(rule.lowercase && [...body].some(isUpper)) && !rule.pattern.regex.test(body)) {
        breaks.push({ rule: "pattern", message: `${names} must be ${rule.pattern.text}.` });
    }
    return breaks;
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Uniqueness tokens and auto-names

const DELIMITER = /^[-_./]$/;
const AUTO_NAME_SUFFIX = /^-[0-9a-f]{7}(?:\.fifo)?$/;
/** A segment of 8 or more digits: an epoch time or a yyyymmdd[hhmmss] stamp. */
const TIMESTAMP_SEGMENT = /(^|[-_.])\d{8,}(?=$|[-_.])/g;

/** True when `token` occurs in `name` as a whole segment (delimited by - _ . / or the name's ends), ignoring case. */
export function hasTokenSegment(name: string, token: string): boolean {
    return tokenSegmentAt(name, token) >= 0;
}

/** Where `token` first occurs in `name` as a whole segment, ignoring case; -1 when it does not. */
export function tokenSegmentAt(name: string, token: string): number {
    if (token === "") {
        return -1;
    }
    const haystack = name.toLowerCase();
    const needle = token.toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if ((at === 0 || DELIMITER.test(haystack[at - 1])) && (end === haystack.length || DELIMITER.test(haystack[end]))) {
            return at;
        }
    }
    return -1;
}

/** True when `name` is what Pulumi auto-naming produces from the logical name: `<logical name>-<7 hex>`. */
export function isAutoName(name: string, logicalName: string): boolean {
    if (logicalName === "" || name.length <= logicalName.length) {
        return false;
    }
    return name.slice(0, logicalName.length).toLowerCase() === logicalName.toLowerCase() &&
        AUTO_NAME_SUFFIX.test(name.slice(logicalName.length));
}

/** A whole segment `-<7 hex>` (with at least one digit): a Pulumi auto-name inside a longer name, such as the log
 * group `/aws/lambda/orders-fn-1a2b3c4` of an auto-named function. */
const AUTO_NAME_SEGMENT = /-(?=[0-9a-f]{0,6}[0-9])[0-9a-f]{7}(?=$|[-_./])/;

/** True when `name` contains a Pulumi auto-name segment (`<name>-<7 hex>`), which makes it unique to its stack. */
export function hasAutoNameSegment(name: string): boolean {
    return AUTO_NAME_SEGMENT.test(name);
}

/** The segments of `name` that look like timestamps (8 or more digits). */
export function timestampSegments(name: string): string[] {
    return [...name.matchAll(TIMESTAMP_SEGMENT)].map(m => m[0].replace(/^[-_.]/, ""));
}

/**
 * A corrected name, or undefined when no safe one exists: characters fixed (lowercased where AWS wants lowercase,
 * others turned into hyphens), hyphen rules fixed, KMS `alias/` added, `.fifo` added for FIFO resources, and, when
 * too long, shortened by dropping timestamp-like segments and cutting the rest while keeping `token` (when given)
 * as the last segment. The result passes every rule of the row, or nothing is suggested.
 */
export function suggestName(row: PhysicalNameRow, value: string, kind: NameKind, fifo: boolean | Unknown | undefined,
    token?: string): string | undefined {
    const rule = row.rule;
    if (rule.custom) {
        return undefined;
    }
    const isFifo = !!rule.fifoProperty && fifo === true;
    let body = value;
    if (rule.fifoProperty && body.endsWith(FIFO_SUFFIX)) {
        if (!isFifo) {
            return undefined; // FIFO or not is the author's decision
        }
        body = body.slice(0, -FIFO_SUFFIX.length);
    }
    let fixed = rule.lowercase ? body.toLowerCase() : body;
    if (rule.characters) {
        const allowed = rule.characters.allowed;
        fixed = [...fixed].map(c => allowed.test(c) ? c : "-").join("");
    }
    if (rule.noConsecutiveHyphens) {
        fixed = fixed.replace(/-{2,}/g, "-");
    }
    if (rule.noLeadingHyphen || rule.first) {
        fixed = fixed.replace(/^-+/, "");
    }
    if (rule.requiredPrefix && !fixed.startsWith(rule.requiredPrefix)) {
        fixed = rule.requiredPrefix + fixed.replace(/^\/+/, "");
    }
    const suffix = isFifo && kind === "name" ? FIFO_SUFFIX : "";
    const limit = kind === "name" ? rule.max - suffix.length : prefixLimit(row, fifo);
    if (fixed.length > limit) {
        const shorter = shorten(fixed, limit, token, rule.requiredPrefix);
        if (shorter === undefined) {
            return undefined;
        }
        fixed = shorter;
    }
    if (kind === "name" && (rule.noTrailingHyphen || rule.noLeadingHyphen)) {
        fixed = fixed.replace(/-+$/, "");
    }
    const candidate = fixed + suffix;
    if (candidate === value || candidate.length === 0) {
        return undefined;
    }
    return nameRuleBreaks(row, candidate, kind, fifo).length === 0 ? candidate : undefined;
}

/** `name` with `token` appended as its own segment (before `.fifo`), fitted to the row's limits; see suggestName. */
export function nameWithToken(row: PhysicalNameRow, name: string, token: string, fifo: boolean | Unknown | undefined): string | undefined {
    if (row.rule.custom) {
        const candidate = `${name}-${token}`.toLowerCase();
        return nameRuleBreaks(row, candidate, "name").length === 0 ? candidate : undefined;
    }
    const isFifo = !!row.rule.fifoProperty && name.endsWith(FIFO_SUFFIX);
    const body = isFifo ? name.slice(0, -FIFO_SUFFIX.length) : name;
    const withToken = `${body}-${token}${isFifo ? FIFO_SUFFIX : ""}`;
    return suggestName(row, withToken, "name", isFifo ? true : fifo, token) ??
        (nameRuleBreaks(row, withToken, "name", isFifo ? true : fifo).length === 0 ? withToken : undefined);
}

function shorten(name: string, limit: number, token: string | undefined, keepPrefix: string | undefined): string | undefined {
    let rest = name;
    let tail = "";
    const at = token ? tokenSegmentAt(rest, token) : -1;
    if (token && at >= 0) {
        const end = at + token.length;
        tail = `-${rest.slice(at, end)}`;
        rest = rest.slice(0, at) + rest.slice(end);
    }
    rest = rest.replace(TIMESTAMP_SEGMENT, "").replace(/[-_./]{2,}/g, m => m[0]).replace(/[-_./]+$/, "");
    const room = limit - tail.length;
    if (keepPrefix && room <= keepPrefix.length) {
        return undefined;
    }
    if (rest.length > room) {
        // Cut at a segment boundary when that keeps at least half the room, not in the middle of a word.
        let cut = rest.slice(0, room);
        if (!DELIMITER.test(rest[room])) {
            const boundary = Math.max(cut.lastIndexOf("-"), cut.lastIndexOf("_"), cut.lastIndexOf("."), cut.lastIndexOf("/"));
            if (boundary >= room / 2) {
                cut = cut.slice(0, boundary);
            }
        }
        rest = cut;
    }
    rest = rest.replace(/[-_./]+$/, "");
    if (rest === "" || rest === keepPrefix) {
        return undefined;
    }
    return rest + tail;
}

// ---------------------------------------------------------------------------------------------------------------
// Uniqueness scopes (stack policy)

function parsedMaybeJson(value: unknown): unknown {
    if (typeof value === "string" && /^\s*[[{]/.test(value)) {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}

/**
 * The AWS account a provider deploys to, as far as its configuration tells: the only entry of
 * `allowedAccountIds`, else the account of the (last) assumed role, else its `profile`, else the ambient
 * credentials (`""`). Anything unknown during preview makes the provider its own account (keyed by its URN), so
 * two resources are never said to collide on a guess.
 */
export function providerAccountKey(provider: ProviderInfo | undefined): string {
    if (!provider) {
        return "";
    }
    const props = provider.props;
    const own = `provider:${provider.urn}`;
    const allowed = parsedMaybeJson(props.get("allowedAccountIds"));
    if (allowed === UNKNOWN) {
        return own;
    }
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string") {
        return `account:${allowed[0]}`;
    }
    for (const key of ["assumeRoles", "assumeRole"]) {
        let roles = parsedMaybeJson(props.get(key));
        if (roles === UNKNOWN) {
            return own;
        }
        if (Array.isArray(roles)) {
            roles = roles[roles.length - 1];
        }
        if (roles && typeof roles === "object") {
            const arn = (roles as Record<string, unknown>).roleArn;
            if (typeof arn === "string") {
                const account = parseArn(arn)?.service === "iam" ? accountOfArn(arn) : undefined;
                return account ? `account:${account}` : own;
            }
            if (arn !== undefined && arn !== null) {
                return own; // unknown or odd
            }
        }
    }
    const profile = props.string("profile");
    if (profile === UNKNOWN) {
        return own;
    }
    return typeof profile === "string" && profile !== "" ? `profile:${profile}` : "";
}

/**
 * The namespace key of a resource's physical name: family, then account and region as the scope requires, then
 * the scope property (ECS cluster). Undefined when the namespace cannot be told during preview.
 */
export function uniquenessScopeKey(row: PhysicalNameRow, resource: StackResource): string | undefined {
    if (row.scope === "none") {
        return undefined;
    }
    let key = row.family;
    if (row.scope === "account" || row.scope === "account-region") {
        key += `\u0000${providerAccountKey(resource.provider)}`;
    }
    if (row.scope === "account-region") {
        const { region } = regionOfResource(resource);
        // An unknown region is only known to be the same for resources of the same provider.
        key += `\u0000${region === UNKNOWN ? `unknown:${resource.provider?.urn ?? ""}` : region ?? ""}`;
    }
    if (row.scopeProperty) {
        const value = resource.props.get(row.scopeProperty);
        if (value === UNKNOWN) {
            const deps = resource.dependenciesOf(row.scopeProperty);
            if (deps.length === 0) {
                return undefined;
            }
            key += `\u0000${deps[0].urn}`;
        } else if (typeof value === "string" && value !== "") {
            key += `\u0000${value}`;
        } else if (value === undefined || value === null) {
            key += "\u0000default";
        } else {
            return undefined;
        }
    }
    return key;
}

export function scopeDescription(row: PhysicalNameRow): string {
    const what = `${capitalise(row.label)} ${row.noun ?? "name"}s`;
    const caseNote = row.caseSensitive ? "" : " (ignoring case)";
    switch (row.scope) {
        case "global": return `${what} are unique across all AWS accounts${caseNote}`;
        case "account": return `${what} are unique per AWS account, in every region${caseNote}`;
        case "account-region": return `${what} are unique per AWS account and region${row.scopeProperty ? ` and ${row.scopeProperty}` : ""}${caseNote}`;
        default: return `${what} need not be unique`;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The stack's uniqueness token

export interface UniquenessToken {
    readonly token: string;
    /** Where it came from, for messages: "stack config 'environmentSuffix'". */
    readonly source: string;
}

/**
 * The token every explicit name should carry: `suffix` when set, else the stack config value named by
 * `configKey` (as the engine passes stack config to the policy process), else the stack name.
 */
export function uniquenessToken(info: StackInfo, suffix: unknown, configKey: unknown): UniquenessToken | undefined {
    if (typeof suffix === "string" && suffix.trim() !== "") {
        return { token: suffix.trim(), source: "the policy's 'suffix' config" };
    }
    const key = typeof configKey === "string" && configKey.trim() !== "" ? configKey.trim() : DEFAULT_SUFFIX_CONFIG_KEY;
    const fromConfig = stackConfigValue(info, key);
    if (fromConfig !== undefined && fromConfig.trim() !== "") {
        return { token: fromConfig.trim(), source: `stack config '${key}'` };
    }
    if (info.stack) {
        return { token: info.stack, source: "the stack name" };
    }
    return undefined;
}

export const DEFAULT_SUFFIX_CONFIG_KEY = "environmentSuffix";

/**
 * Tokens a corrected name should keep, in order: the token `uniquenessToken` resolves from `suffix` and
 * `suffixConfigKey` (the same config as physical-name-has-uniqueness-suffix), then the stack name.
 */
export function candidateTokens(info: StackInfo, suffix?: unknown, configKey?: unknown): string[] {
    const out: string[] = [];
    const resolved = uniquenessToken(info, suffix, configKey);
    if (resolved) {
        out.push(resolved.token);
    }
    if (info.stack && !out.some(t => t.toLowerCase() === info.stack!.toLowerCase())) {
        out.push(info.stack);
    }
    return out;
}

/**
 * What happens when a second stack (or a second resource of one stack: `second` true) creates a name that exists:
 * the AWS error, or for idempotent creates, the silent adoption of the existing resource.
 */
export function collisionOutcome(row: PhysicalNameRow): string {
    const error = row.conflictError ? `fails with ${row.conflictError}` : "fails with an 'already exists' error";
    if (!row.idempotentCreate) {
        return `the create ${error}`;
    }
    if (row.idempotentCreate === "always") {
        return `the create does not fail: AWS returns the existing ${row.label}, so both stacks silently manage one ` +
            `${row.label}, and destroying either deletes it for both`;
    }
    return `the create ${error} when the settings differ; with identical settings (the same program deployed twice) ` +
        `AWS returns the existing ${row.label} instead, so both silently manage one ${row.label}, and destroying either ` +
        "deletes it for both";
}

// ---------------------------------------------------------------------------------------------------------------
// Custom Pulumi autonaming (stack config `pulumi:autonaming`)

const AUTONAMING_KEY = "pulumi:autonaming";
const PATTERN_VARIABLE = /\$\{([^}]*)\}/g;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const autonamingCache = new Map<string, AutonamingConfig | null>();

interface AutonamingConfig {
    readonly mode?: string;
    readonly pattern?: string;
    readonly providerMode?: string;
    readonly providerPattern?: string;
    readonly resources: ReadonlyMap<string, string>;
}

function autonamingConfig(info: StackInfo): AutonamingConfig | null {
    const raw = info.config.get(AUTONAMING_KEY);
    if (raw === undefined) {
        return null;
    }
    const cached = autonamingCache.get(raw);
    if (cached !== undefined) {
        return cached;
    }
    let parsed: AutonamingConfig | null = null;
    try {
        const value: unknown = JSON.parse(raw);
        const obj = (v: unknown) => v && typeof v === "object" && !Array.isArray(v) ? v as Record<string, unknown> : {};
        const str = (v: unknown) => typeof v === "string" ? v : undefined;
        const top = obj(value);
        const aws = obj(obj(top.providers).aws);
        const resources = new Map<string, string>();
        for (const [type, cfg] of Object.entries(obj(aws.resources))) {
            const pattern = str(obj(cfg).pattern);
            if (pattern !== undefined) {
                resources.set(type, pattern);
            }
        }
        parsed = { mode: str(top.mode), pattern: str(top.pattern), providerMode: str(aws.mode), providerPattern: str(aws.pattern), resources };
    } catch {
        parsed = { resources: new Map() }; // present but unreadable: see isConfiguredAutoName
    }
    autonamingCache.set(raw, parsed);
    return parsed;
}

const patternRegexes = new Map<string, RegExp | null>();

/** A regular expression for what an autonaming pattern produces; each `${name}` is a capture group. Compiled once
 * per pattern and stack. */
function autonamingRegex(pattern: string, info: StackInfo): RegExp | undefined {
    const key = `${pattern}\u0000${info.project ?? ""}\u0000${info.stack ?? ""}\u0000${info.organization ?? ""}`;
    const cached = patternRegexes.get(key);
    if (cached !== undefined) {
        return cached ?? undefined;
    }
    const regex = compileAutonamingPattern(pattern, info);
    patternRegexes.set(key, regex ?? null);
    return regex;
}

function compileAutonamingPattern(pattern: string, info: StackInfo): RegExp | undefined {
    let source = "";
    let last = 0;
    for (const m of pattern.matchAll(PATTERN_VARIABLE)) {
        source += pattern.slice(last, m.index).replace(REGEX_SPECIAL, "\\$&");
        last = (m.index ?? 0) + m[0].length;
        const variable = m[1].trim();
        const sized = /^(hex|alphanum|string|num)\((\d+)\)$/.exec(variable);
        const literal = (v: string | undefined) => v === undefined ? undefined : v.replace(REGEX_SPECIAL, "\\$&");
        let part: string | undefined;
        if (variable === "name") part = "(.+?)";
        else if (variable === "project") part = literal(info.project);
        else if (variable === "stack") part = literal(info.stack);
        else if (variable === "organization") part = literal(info.organization);
        else if (variable === "uuid") part = "[0-9a-fA-F-]{36}";
        else if (sized) part = { hex: "[0-9a-fA-F]", alphanum: "[0-9A-Za-z]", string: "[A-Za-z]", num: "[0-9]" }[sized[1]] + `{${sized[2]}}`;
        else part = ".*?"; // a variable this pack does not know (e.g. config values): match anything
        if (part === undefined) {
            return undefined;
        }
        source += part;
    }
    source += pattern.slice(last).replace(REGEX_SPECIAL, "\\$&");
    try {
        return new RegExp(`^${source}$`, "i");
    } catch {
        return undefined;
    }
}

/**
 * True when the stack config `pulumi:autonaming` makes `name` what Pulumi generated for the resource: it matches the
 * configured pattern (per resource type, provider or stack), or the mode is `verbatim` and it equals the logical
 * name. When the setting is present but cannot be read, any name is taken as possibly generated.
 */
export function isConfiguredAutoName(info: StackInfo, type: string, name: string, logicalName: string): boolean {
    const cfg = autonamingConfig(info);
    if (!cfg) {
        return false;
    }
    const patterns = [cfg.resources.get(type), cfg.providerPattern, cfg.pattern].filter((p): p is string => p !== undefined);
    const modes = [cfg.providerMode, cfg.mode];
    if (patterns.length === 0 && modes.every(m => m === undefined)) {
        return true; // present but not understood
    }
    if (modes.includes("verbatim") && name === logicalName) {
        return true;
    }
    const pattern = patterns[0];
    if (pattern !== undefined) {
        const regex = autonamingRegex(pattern, info);
        const match = regex?.exec(name);
        return regex === undefined || (!!match && match.slice(1).every(n => n.toLowerCase() === logicalName.toLowerCase()));
    }
    return false;
}
