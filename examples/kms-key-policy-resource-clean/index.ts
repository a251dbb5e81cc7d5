import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");
const region = aws.config.requireRegion();

// The key policy lives in a separate aws.kms.KeyPolicy resource; it trusts CloudWatch Logs for /app/* groups.
const key = new aws.kms.Key("logs-key", { description: "application logs", enableKeyRotation: true });

new aws.kms.KeyPolicy("logs-key-policy", {
    keyId: key.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
        {
            Sid: "AllowLogs",
            Effect: "Allow",
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:/app/*` } },
        },
        ],
    }),
});

new aws.cloudwatch.LogGroup("app-logs", { name: "/app/orders-dev", retentionInDays: 14, kmsKeyId: key.arn });
