import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");

// No kms:DescribeKey and no GenerateDataKey* wildcard: real programs created trails with exactly these two actions.
const key = new aws.kms.Key("trail-key", {
    description: "audit trail",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "CloudTrail",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: "*",
                Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${accountId}:trail/*` } },
            },
        ],
    }),
});

new aws.cloudtrail.Trail("audit", { name: "audit-dev", s3BucketName: "audit-logs-dev", kmsKeyId: key.arn });
