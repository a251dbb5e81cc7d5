import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");
const region = aws.config.requireRegion();

// The key policy lives in a separate aws.kms.KeyPolicy resource, which trusts only the account root.
const key = new aws.kms.Key("logs-key", { description: "application logs", enableKeyRotation: true });

new aws.kms.KeyPolicy("logs-key-policy", {
    keyId: key.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
        ],
    }),
});

new aws.cloudwatch.LogGroup("app-logs", { name: "/app/orders-dev", retentionInDays: 14, kmsKeyId: key.arn });
