import * as aws from "@pulumi/aws";

const bucketName = "acme-public-downloads-dev";
const bucket = new aws.s3.Bucket("downloads", { bucket: bucketName });

// The bucket's own Block Public Access settings allow a public policy; the account allows it as well (the example's
// policy config sets accountBlocksPublicAccess: false).
const access = new aws.s3.BucketPublicAccessBlock("downloads-access", {
    bucket: bucket.id,
    blockPublicAcls: true,
    ignorePublicAcls: true,
    blockPublicPolicy: false,
    restrictPublicBuckets: false,
});

new aws.s3.BucketPolicy("downloads-public-read", {
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
}, { dependsOn: [access] });
