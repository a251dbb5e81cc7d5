// Every AWS type token the pack's policies cover, in one place. `aws:alb/*` tokens are aliases of `aws:lb/*`.

export const S3_BUCKET = "aws:s3/bucket:Bucket";
/** @pulumi/aws v6 only; deprecated in v7 in favour of `aws:s3/bucket:Bucket`. */
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;
export const S3_DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";

// KMS key policies (kms-key-grants-service-principals, kms-key-policy-least-privilege): keys, and the resources
// that use a key or link a consumer to the service that writes to it.
export const KMS_KEY = "aws:kms/key:Key";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const KMS_ALIAS = "aws:kms/alias:Alias";
export const CLOUDWATCH_LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";
export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SNS_TOPIC_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
export const SQS_QUEUE = "aws:sqs/queue:Queue";
export const CLOUDWATCH_EVENT_BUS = "aws:cloudwatch/eventBus:EventBus";
export const CLOUDWATCH_EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
export const CLOUDWATCH_METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const S3_BUCKET_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const EBS_DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";

// S3 public access (s3-bucket-policy-not-public).
export const S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const S3_BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
/** @pulumi/aws v6 name; deprecated in v7 in favour of `aws:s3/bucketAcl:BucketAcl`. */
export const S3_BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
export const S3_BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
