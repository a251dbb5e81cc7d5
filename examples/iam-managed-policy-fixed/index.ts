import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("config-recorder", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

// The AWS Config service role policy, with its path.
new aws.iam.RolePolicyAttachment("config-recorder", {
    role: role.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
});

// The Lambda execution policy, under service-role/.
const fn = new aws.iam.Role("worker", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.iam.RolePolicyAttachment("worker-logs", { role: fn.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" });

// The replacement AWS names for the deprecated AWSLambdaFullAccess.
new aws.iam.RolePolicyAttachment("worker-admin", { role: fn.name, policyArn: "arn:aws:iam::aws:policy/AWSLambda_FullAccess" });
