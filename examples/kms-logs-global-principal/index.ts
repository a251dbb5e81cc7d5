import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");

// The global `logs.amazonaws.com` works like the regional `logs.<region>.amazonaws.com` that AWS documents.
const key = new aws.kms.Key("logs-key", {
    description: "application logs",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "Logs",
                Effect: "Allow",
                Principal: { Service: "logs.amazonaws.com" },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
            },
        ],
    }),
});

new aws.cloudwatch.LogGroup("app-logs", { name: "/app/orders-dev", retentionInDays: 14, kmsKeyId: key.arn });
