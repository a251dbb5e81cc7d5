import * as aws from "@pulumi/aws";

const bucketName = "acme-marketing-site-assets-dev";
const bucket = new aws.s3.Bucket("site", { bucket: bucketName });

// "Principal": "*" with s3:GetObject and no condition is a public policy. New buckets have Block Public Access on,
// so PutBucketPolicy fails at `pulumi up` with AccessDenied ... BlockPublicPolicy, after the bucket exists.
new aws.s3.BucketPolicy("site-public-read", {
    bucket: bucket.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "PublicRead",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::${bucketName}/*`,
        }],
    }),
});
