import * as aws from "@pulumi/aws";

// No `policy`: AWS gives the key its default policy, which trusts only the account root. CloudWatch Logs cannot use
// the key, so creating the log group fails at `pulumi up` with AccessDeniedException, after the key exists.
const key = new aws.kms.Key("logs-key", { description: "API Gateway access logs", enableKeyRotation: true });

new aws.cloudwatch.LogGroup("api-access-logs", {
    name: "/aws/apigateway/orders-api-dev",
    retentionInDays: 30,
    kmsKeyId: key.arn,
});
