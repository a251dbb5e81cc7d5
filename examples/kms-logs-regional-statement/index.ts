import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");
const region = aws.config.requireRegion();
const logGroupName = "/aws/apigateway/orders-api-dev";

// The statement AWS documents: the regional Logs principal, the five action groups, and a condition that ties the
// grant to this log group's ARN.
const key = new aws.kms.Key("logs-key", {
    description: "API Gateway access logs",
    enableKeyRotation: true,
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
                Condition: {
                    ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}` },
                },
            },
        ],
    }),
});

new aws.cloudwatch.LogGroup("api-access-logs", { name: logGroupName, retentionInDays: 30, kmsKeyId: key.arn });
