// Every AWS type token the pack's policies cover, in one place. `aws:alb/*` tokens are aliases of `aws:lb/*`.

export const S3_BUCKET = "aws:s3/bucket:Bucket";
/** @pulumi/aws v6 only; deprecated in v7 in favour of `aws:s3/bucket:Bucket`. */
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;
export const S3_DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";

// ---- versions: engine versions, instance classes and runtimes AWS still accepts ----
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
