import * as aws from "@pulumi/aws";

// Every name below is the same in every stack of this program: a second PR environment, a retried CI run or the
// leftovers of a half-failed deployment in the same account collide with it ("already exists").
new aws.lb.LoadBalancer("web", {
    name: "webapp-alb",
    loadBalancerType: "application",
    subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
});

new aws.iam.Role("app-role", {
    name: "webapp-role",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.s3.Bucket("assets", { bucket: "webapp-assets" });

new aws.cloudwatch.LogGroup("app-logs", { name: "/webapp/app", retentionInDays: 14 });

new aws.dynamodb.Table("sessions", {
    name: "webapp-sessions",
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
});

new aws.sqs.Queue("jobs", { name: "webapp-jobs" });

new aws.sns.Topic("events", { name: "webapp-events" });

// The cluster is auto-named; the service name is static (ECS: "Creation of service was not idempotent").
const cluster = new aws.ecs.Cluster("cluster");
new aws.ecs.Service("api", {
    name: "webapp-api",
    cluster: cluster.arn,
    taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/webapp-api:1",
    desiredCount: 1,
});
