// Every AWS type token the pack's policies cover, in one place. `aws:alb/*` tokens are aliases of `aws:lb/*`.

export const S3_BUCKET = "aws:s3/bucket:Bucket";
/** @pulumi/aws v6 only; deprecated in v7 in favour of `aws:s3/bucket:Bucket`. */
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;
export const S3_DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";
