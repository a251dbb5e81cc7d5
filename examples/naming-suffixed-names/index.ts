import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const environmentSuffix = new pulumi.Config().require("environmentSuffix");

// The same names with the stack's environment suffix as their own segment: unique per stack, stable across
// updates (a timestamp would change on every run and force replacement).
new aws.lb.LoadBalancer("web", {
    name: `webapp-alb-${environmentSuffix}`,
    loadBalancerType: "application",
    subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
});

new aws.iam.Role("app-role", {
    name: `webapp-role-${environmentSuffix}`,
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.s3.Bucket("assets", { bucket: `webapp-assets-${environmentSuffix}` });

new aws.cloudwatch.LogGroup("app-logs", { name: `/webapp/${environmentSuffix}/app`, retentionInDays: 14 });

new aws.dynamodb.Table("sessions", {
    name: `webapp-sessions-${environmentSuffix}`,
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
});

new aws.sqs.Queue("jobs", { name: `webapp-jobs-${environmentSuffix}` });

new aws.sns.Topic("events", { name: `webapp-events-${environmentSuffix}` });

// The cluster is auto-named; the service carries the suffix.
const cluster = new aws.ecs.Cluster("cluster");
new aws.ecs.Service("api", {
    name: `webapp-api-${environmentSuffix}`,
    cluster: cluster.arn,
    taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/webapp-api:1",
    desiredCount: 1,
});
