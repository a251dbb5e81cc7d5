import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// Whether these creates succeed depends on what already exists in the account: a GuardDuty detector from AWS
// Organizations, the region's unreserved Lambda concurrency and Elastic IP quota, whether the AMI, key pair and hosted
// zone written as literals exist. The account-aware policies ask AWS, read-only, when you enable them
// (--policy-pack-config with e.g. {"account-singletons-free": "mandatory"}); by default they are disabled and say nothing.
new aws.guardduty.Detector("detector", { enable: true });

const role = new aws.iam.Role("worker-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.lambda.Function("worker", {
    role: role.arn,
    runtime: "nodejs22.x",
    handler: "index.handler",
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") }),
    reservedConcurrentExecutions: 50,
});

new aws.ec2.Eip("nat", { domain: "vpc" });

new aws.ec2.Instance("bastion", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    keyName: "ops",
});

new aws.route53.Record("www", {
    zoneId: "Z0123456789ABCDEFGHIJ",
    name: "www.internal.acme.dev",
    type: "CNAME",
    ttl: 300,
    records: ["origin.internal.acme.dev"],
});
