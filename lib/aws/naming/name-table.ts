// The physical-name properties of AWS resources, the rule AWS applies to each name, and the scope in which a name
// must be unique (aws-facts.md section 3). The naming policies read only this table: adding a type is one row.
//
// Sources: aws-facts.md section 3 (AWS API references per service); S3 rules live in lib/aws/s3/bucket-names.ts and are
// referenced here, not repeated. Prefix limits: the AWS provider appends a 26-character unique id to a name prefix
// (Terraform `id.UniqueIDSuffixLength`), so a prefix fits when it leaves 26 characters of the name's maximum;
// load balancers and target groups are the exception (their `namePrefix` is at most 6, Terraform elbv2
// `validNamePrefix`).
import type * as aws from "@pulumi/aws";
import {
    ALB_LOAD_BALANCER, ALB_TARGET_GROUP, APIGATEWAYV2_API, AUTOSCALING_GROUP, CLOUDWATCH_LOG_GROUP, DYNAMODB_TABLE,
    EC2_LAUNCH_TEMPLATE, ECR_REPOSITORY, ECS_CLUSTER, ECS_SERVICE, ELASTICACHE_REPLICATION_GROUP, IAM_POLICY, IAM_ROLE,
    IAM_USER, KMS_ALIAS, LAMBDA_FUNCTION, LB_LOAD_BALANCER, LB_TARGET_GROUP, RDS_CLUSTER, RDS_INSTANCE, S3_BUCKET_TYPES,
    SECRETSMANAGER_SECRET, SFN_STATE_MACHINE, SNS_TOPIC, SQS_QUEUE, XRAY_SAMPLING_RULE, EVENTBRIDGE_RULE, EVENTBRIDGE_BUS,
    SFN_ACTIVITY, WAFV2_WEB_ACL, WAFV2_RULE_GROUP, GLUE_JOB, GLUE_CRAWLER, COGNITO_USER_POOL, CODEBUILD_PROJECT,
    EC2_SECURITY_GROUP,
} from "../resource-types";
import { bucketNameRuleBreaks, BUCKET_NAME_MAX, BUCKET_PREFIX_MAX } from "../s3/bucket-names";
import { NameRule, PhysicalNameRow, PREFIX_GENERATED_LENGTH } from "./name-rules";

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
const SAMPLING_RULE_NAME: keyof aws.xray.SamplingRuleArgs = "ruleName";
const EVENT_RULE_NAME: keyof aws.cloudwatch.EventRuleArgs = "name";
const EVENT_RULE_PREFIX: keyof aws.cloudwatch.EventRuleArgs = "namePrefix";
const EVENT_RULE_BUS: keyof aws.cloudwatch.EventRuleArgs = "eventBusName";
const EVENT_BUS_NAME: keyof aws.cloudwatch.EventBusArgs = "name";
const ACTIVITY_NAME: keyof aws.sfn.ActivityArgs = "name";
const WEB_ACL_NAME: keyof aws.wafv2.WebAclArgs & keyof aws.wafv2.RuleGroupArgs = "name";
const WEB_ACL_PREFIX: keyof aws.wafv2.WebAclArgs & keyof aws.wafv2.RuleGroupArgs = "namePrefix";
const WAF_SCOPE: keyof aws.wafv2.WebAclArgs & keyof aws.wafv2.RuleGroupArgs = "scope";
const GLUE_NAME: keyof aws.glue.JobArgs & keyof aws.glue.CrawlerArgs = "name";
const USER_POOL_NAME: keyof aws.cognito.UserPoolArgs = "name";
const CODEBUILD_NAME: keyof aws.codebuild.ProjectArgs = "name";
const SECURITY_GROUP_NAME: keyof aws.ec2.SecurityGroupArgs = "name";
const SECURITY_GROUP_PREFIX: keyof aws.ec2.SecurityGroupArgs = "namePrefix";
const SECURITY_GROUP_VPC: keyof aws.ec2.SecurityGroupArgs = "vpcId";

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
    // The rows below: limits and characters from each service's API reference (Create* request, Name parameter);
    // the AWS provider's own validation already rejects some of them in its Check during `pulumi preview` (noted
    // per row), so for those this pack's finding matters for `aws-preflight check`, which has no provider Check.
    {
        types: [XRAY_SAMPLING_RULE], label: "X-Ray sampling rule", family: "xray-sampling-rule", nameProperty: SAMPLING_RULE_NAME,
        rule: { min: 1, max: 32 }, caseSensitive: true, scope: "account-region",
    },
    {
        // PutRule creates or updates: a second stack with the same rule name silently takes the rule over.
        // Rule names are unique per event bus. The provider validates length and characters (validateEventRuleName).
        types: [EVENTBRIDGE_RULE], label: "EventBridge rule", family: "eventbridge-rule",
        nameProperty: EVENT_RULE_NAME, prefixProperty: EVENT_RULE_PREFIX,
        rule: { min: 1, max: 64, characters: { allowed: /^[A-Za-z0-9._-]$/, text: "letters, digits, periods (.), hyphens (-) and underscores (_)" } },
        caseSensitive: true, scope: "account-region", scopeProperty: EVENT_RULE_BUS, idempotentCreate: "always",
    },
    {
        // CreateEventBus Name: 1 to 256 of [/\.\-_A-Za-z0-9]; "default" is the default bus.
        types: [EVENTBRIDGE_BUS], label: "EventBridge event bus", family: "eventbridge-bus", nameProperty: EVENT_BUS_NAME,
        rule: {
            min: 1, max: 256, characters: { allowed: /^[A-Za-z0-9/._-]$/, text: "letters, digits and / . - _" },
        },
        caseSensitive: true, scope: "account-region", conflictError: "ResourceAlreadyExistsException",
    },
    {
        // CreateActivity is idempotent on the name: a second create returns the existing activity.
        types: [SFN_ACTIVITY], label: "Step Functions activity", family: "sfn-activity", nameProperty: ACTIVITY_NAME,
        rule: { min: 1, max: 80 }, caseSensitive: true, scope: "account-region", idempotentCreate: "always",
    },
    {
        // Unique per account and `scope` (REGIONAL: per region; CLOUDFRONT: us-east-1). The provider validates both.
        types: [WAFV2_WEB_ACL], label: "WAFv2 web ACL", family: "wafv2-web-acl",
        nameProperty: WEB_ACL_NAME, prefixProperty: WEB_ACL_PREFIX,
        rule: { min: 1, max: 128, characters: { allowed: /^[A-Za-z0-9_-]$/, text: "letters, digits, hyphens (-) and underscores (_)" } },
        caseSensitive: true, scope: "account-region", scopeProperty: WAF_SCOPE, conflictError: "WAFDuplicateItemException",
    },
    {
        types: [WAFV2_RULE_GROUP], label: "WAFv2 rule group", family: "wafv2-rule-group",
        nameProperty: WEB_ACL_NAME, prefixProperty: WEB_ACL_PREFIX,
        rule: { min: 1, max: 128, characters: { allowed: /^[A-Za-z0-9_-]$/, text: "letters, digits, hyphens (-) and underscores (_)" } },
        caseSensitive: true, scope: "account-region", scopeProperty: WAF_SCOPE, conflictError: "WAFDuplicateItemException",
    },
    {
        types: [GLUE_JOB], label: "Glue job", family: "glue-job", nameProperty: GLUE_NAME,
        rule: { min: 1, max: 255 }, caseSensitive: true, scope: "account-region", conflictError: "IdempotentParameterMismatchException",
    },
    {
        types: [GLUE_CRAWLER], label: "Glue crawler", family: "glue-crawler", nameProperty: GLUE_NAME,
        rule: { min: 1, max: 255 }, caseSensitive: true, scope: "account-region", conflictError: "AlreadyExistsException",
    },
    {
        // Cognito accepts any number of user pools with one name: only the rule applies.
        types: [COGNITO_USER_POOL], label: "Cognito user pool", family: "cognito-user-pool", nameProperty: USER_POOL_NAME,
        rule: { min: 1, max: 128, characters: { allowed: /^[\w\s+=,.@-]$/, text: "letters, digits, spaces and + = , . @ _ -" } },
        caseSensitive: true, scope: "none",
    },
    {
        types: [CODEBUILD_PROJECT], label: "CodeBuild project", family: "codebuild-project", nameProperty: CODEBUILD_NAME,
        rule: {
            min: 2, max: 150, characters: { allowed: ALNUM_HYPHEN_UNDERSCORE, text: "letters, digits, hyphens (-) and underscores (_)" },
            first: { allowed: /^[A-Za-z0-9]$/, text: "a letter or digit" },
        },
        caseSensitive: true, scope: "account-region", conflictError: "ResourceAlreadyExistsException",
    },
    {
        // EC2 CreateSecurityGroup: "InvalidParameterValue: ... Group names may not be in the format sg-*"; unique per VPC
        // (the default VPC when vpcId is not set). terraform-provider-aws (security_group.go) also rejects `sg-` in name
        // and namePrefix in its Check, which `pulumi preview` runs after auto-naming ("invalid value for name (cannot
        // begin with sg-)"); the rule here covers `aws-preflight check` and the logical name of auto-named groups.
        types: [EC2_SECURITY_GROUP], label: "security group", family: "ec2-security-group",
        nameProperty: SECURITY_GROUP_NAME, prefixProperty: SECURITY_GROUP_PREFIX,
        rule: {
            min: 1, max: 255,
            characters: { allowed: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]$/, text: "letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *" },
            reservedPrefixes: [{ prefix: "sg-", why: 'AWS reserves it for group ids ("InvalidParameterValue: Group names may not be in the format sg-*")', matchCase: true }],
        },
        caseSensitive: true, scope: "account-region", scopeProperty: SECURITY_GROUP_VPC, conflictError: "InvalidGroup.Duplicate",
        autoNameChecked: true,
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
