import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

// CI runs `pulumi preview --stack TapStackpr6264` but never exports ENVIRONMENT_SUFFIX to the program, so every
// name falls back to "dev": every PR stack gets the same names and the second one collides with the first.
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
