import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

// The fix: CI exports ENVIRONMENT_SUFFIX=pr6264 to `pulumi preview`, so the program and the policy pack (which
// runs with the CLI's environment) both see it.
const suffix = process.env.ENVIRONMENT_SUFFIX || "dev";

new aws.sqs.Queue("orders", { name: `tap-orders-${suffix}` });
new aws.sqs.Queue("payments", { name: `tap-payments-${suffix}` });
new aws.sns.Topic("events", { name: `tap-events-${suffix}` });
new aws.iam.Role("worker", {
    name: `tap-worker-${suffix}`,
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.dynamodb.Table("sessions", {
    name: `tap-sessions-${suffix}`,
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
});
new aws.cloudwatch.LogGroup("app-logs", { name: `/tap/app-${suffix}`, retentionInDays: 14 });
export const stack = pulumi.getStack();
