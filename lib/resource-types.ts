// Every AWS type token the pack's policies cover, in one place. `aws:alb/*` tokens are aliases of `aws:lb/*`.

export const S3_BUCKET = "aws:s3/bucket:Bucket";
/** @pulumi/aws v6 only; deprecated in v7 in favour of `aws:s3/bucket:Bucket`. */
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;
export const S3_DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";

// Physical names (policies/naming): every type with a name property in lib/physical-names.ts.
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
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const SFN_STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
export const ECR_REPOSITORY = "aws:ecr/repository:Repository";
export const APIGATEWAYV2_API = "aws:apigatewayv2/api:Api";
