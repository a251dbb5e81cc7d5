// Every AWS type token the pack's policies cover, in one place. `aws:alb/*` tokens are aliases of `aws:lb/*`.

export const S3_BUCKET = "aws:s3/bucket:Bucket";
/** @pulumi/aws v6 only; deprecated in v7 in favour of `aws:s3/bucket:Bucket`. */
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;
export const S3_DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";

// Deprecated S3 "V2" resources: deprecated in @pulumi/aws v7 in favour of the type without V2 (each replacement
// declares an alias to its V2 token, so the rename does not replace anything); the current types in v6.
export const S3_DEPRECATED_V2_REPLACEMENTS: Readonly<Record<string, string>> = {
    [S3_BUCKET_V2]: S3_BUCKET,
    "aws:s3/bucketVersioningV2:BucketVersioningV2": "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2":
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketAclV2:BucketAclV2": "aws:s3/bucketAcl:BucketAcl",
    "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2": "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLoggingV2:BucketLoggingV2": "aws:s3/bucketLogging:BucketLogging",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2":
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2":
        "aws:s3/bucketRequestPaymentConfiguration:BucketRequestPaymentConfiguration",
    "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2":
        "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    "aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2":
        "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
};
export const S3_DEPRECATED_V2_TYPES: readonly string[] = Object.keys(S3_DEPRECATED_V2_REPLACEMENTS);

// Auto Scaling: EC2 Auto Scaling and Application Auto Scaling policies.
export const AUTOSCALING_POLICY = "aws:autoscaling/policy:Policy";
export const APPAUTOSCALING_POLICY = "aws:appautoscaling/policy:Policy";

// ElastiCache.
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

// EBS volumes and the EC2 resources that create them.
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const EC2_LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const EBS_VOLUME = "aws:ebs/volume:Volume";

// Physical names (policies/naming): every type with a name property in lib/aws/naming/name-table.ts (with
// ELASTICACHE_REPLICATION_GROUP and EC2_LAUNCH_TEMPLATE above).
export const LB_LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer";
export const LB_TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
export const ALB_TARGET_GROUP = "aws:alb/targetGroup:TargetGroup";
export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_USER = "aws:iam/user:User";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const ECS_SERVICE = "aws:ecs/service:Service";
export const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
export const CLOUDWATCH_LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SQS_QUEUE = "aws:sqs/queue:Queue";
export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";
export const KMS_ALIAS = "aws:kms/alias:Alias";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const SFN_STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
export const ECR_REPOSITORY = "aws:ecr/repository:Repository";
export const APIGATEWAYV2_API = "aws:apigatewayv2/api:Api";
export const XRAY_SAMPLING_RULE = "aws:xray/samplingRule:SamplingRule";
export const EVENTBRIDGE_RULE = "aws:cloudwatch/eventRule:EventRule";
export const EVENTBRIDGE_BUS = "aws:cloudwatch/eventBus:EventBus";
export const SFN_ACTIVITY = "aws:sfn/activity:Activity";
export const WAFV2_WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const WAFV2_RULE_GROUP = "aws:wafv2/ruleGroup:RuleGroup";
export const GLUE_JOB = "aws:glue/job:Job";
export const GLUE_CRAWLER = "aws:glue/crawler:Crawler";
export const COGNITO_USER_POOL = "aws:cognito/userPool:UserPool";
export const CODEBUILD_PROJECT = "aws:codebuild/project:Project";
export const EC2_SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

// Engine versions, instance classes and runtimes (policies/versions), beside RDS_INSTANCE, RDS_CLUSTER,
// ELASTICACHE_REPLICATION_GROUP and LAMBDA_FUNCTION above.
export const RDS_GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster";

// KMS key policies (kms-key-grants-service-principals, kms-key-policy-least-privilege): keys, and the resources
// that use a key or link a consumer to the service that writes to it (beside KMS_ALIAS, CLOUDWATCH_LOG_GROUP,
// SNS_TOPIC, SQS_QUEUE, EC2_LAUNCH_TEMPLATE and AUTOSCALING_GROUP above).
export const KMS_KEY = "aws:kms/key:Key";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";
export const SNS_TOPIC_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
export const CLOUDWATCH_EVENT_BUS = "aws:cloudwatch/eventBus:EventBus";
export const CLOUDWATCH_EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
export const CLOUDWATCH_METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const S3_BUCKET_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
export const EBS_DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
export const EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";

// S3 public access (s3-bucket-policy-not-public).
export const S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const S3_BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
/** @pulumi/aws v6 name; deprecated in v7 in favour of `aws:s3/bucketAcl:BucketAcl`. */
export const S3_BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
export const S3_BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

// Values programs get wrong (policies/values, policies/iam, policies/lambda, policies/cloudwatch), beside IAM_ROLE,
// IAM_POLICY, IAM_USER, LAMBDA_FUNCTION, SQS_QUEUE, SNS_TOPIC, SECRETSMANAGER_SECRET, ECR_REPOSITORY,
// SFN_STATE_MACHINE, S3_BUCKET_POLICY, KMS_KEY and KMS_KEY_POLICY above.
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
export const IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
// AWS managed policy attachments (iam-managed-policy-exists), beside IAM_ROLE and the attachments above.
export const IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
export const IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive";
export const IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive";
export const SQS_QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
export const SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
export const ECR_REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
export const SECRETSMANAGER_SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
export const CLOUDWATCH_DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
// Master credentials (rds-master-credentials-valid), beside RDS_INSTANCE and RDS_CLUSTER above; the random
// provider's generators are followed through property dependencies to tell which characters a password can hold.
export const DOCDB_CLUSTER = "aws:docdb/cluster:Cluster";
export const REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster";
export const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
export const RANDOM_STRING = "random:index/randomString:RandomString";

// RDS configuration (rds-configuration-supported), beside RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE and
// IAM_ROLE above: subnet groups and the subnets whose zones they cover.
export const RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
export const EC2_SUBNET = "aws:ec2/subnet:Subnet";

// Region-bound resources (policies/regions), beside LAMBDA_FUNCTION above.
export const CLOUDFRONT_DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
export const ACM_CERTIFICATE = "aws:acm/certificate:Certificate";
export const ACM_CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
/** WAFv2 resources with a `scope` that may be CLOUDFRONT. */
export const WAFV2_CLOUDFRONT_SCOPED_TYPES = [
    "aws:wafv2/webAcl:WebAcl",
    "aws:wafv2/ipSet:IpSet",
    "aws:wafv2/regexPatternSet:RegexPatternSet",
    "aws:wafv2/ruleGroup:RuleGroup",
] as const;
export const ROUTE53_ZONE = "aws:route53/zone:Zone";
/** Availability zones (availability-zone-in-region), beside the EC2, EBS, RDS, ElastiCache and Auto Scaling types above. */
export const EC2_CAPACITY_RESERVATION = "aws:ec2/capacityReservation:CapacityReservation";
// S3 ACLs and the resources that need them (s3-acl-requires-ownership-controls), beside the bucket, ACL and
// access-block types above.
export const S3_BUCKET_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const S3_BUCKET_LOGGING = "aws:s3/bucketLogging:BucketLogging";
/** @pulumi/aws v6 name; deprecated in v7 in favour of `aws:s3/bucketLogging:BucketLogging`. */
export const S3_BUCKET_LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";

// S3 replication (s3-replication-prerequisites), beside the bucket, IAM role and KMS key types above.
export const S3_BUCKET_REPLICATION_CONFIG = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
export const S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
/** @pulumi/aws v6 name; deprecated in v7 in favour of `aws:s3/bucketVersioning:BucketVersioning`. */
export const S3_BUCKET_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
export const S3_BUCKET_SSE_CONFIGURATION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
/** @pulumi/aws v6 name; deprecated in v7. */
export const S3_BUCKET_SSE_CONFIGURATION_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const CFG_DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
export const EC2_FLOW_LOG = "aws:ec2/flowLog:FlowLog";
export const CLOUDWATCH_LOG_METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
/** Hosted zones and the Cloud Map namespaces that create one (route53-zone-name-not-reserved), beside ROUTE53_ZONE. */
export const SERVICEDISCOVERY_PUBLIC_DNS_NAMESPACE = "aws:servicediscovery/publicDnsNamespace:PublicDnsNamespace";
export const SERVICEDISCOVERY_PRIVATE_DNS_NAMESPACE = "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace";
