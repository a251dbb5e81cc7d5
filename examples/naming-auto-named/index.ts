import * as aws from "@pulumi/aws";

// No names at all: Pulumi names each resource `<logical name>-<7 random hex>`, unique per stack and stable
// across updates. The preferred way to stay unique.
new aws.lb.LoadBalancer("web", {
    loadBalancerType: "application",
    subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
});

new aws.iam.Role("app-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.s3.Bucket("assets");

new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 14 });

new aws.dynamodb.Table("sessions", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
});

new aws.sqs.Queue("jobs");

new aws.sns.Topic("events");

// Cluster and service are both auto-named.
const cluster = new aws.ecs.Cluster("cluster");
new aws.ecs.Service("api", {
    cluster: cluster.arn,
    taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/webapp-api:1",
    desiredCount: 1,
});
