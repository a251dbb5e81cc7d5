import * as aws from "@pulumi/aws";

const account = "111122223333";

// us-east-1's Elastic Load Balancing account may write under the prefix (Regions opened since August 2022 use the
// logdelivery.elasticloadbalancing.amazonaws.com service principal instead).
const albLogs = new aws.s3.Bucket("alb-logs", { bucket: "example-alb-logs-dev" });
const albPolicy = new aws.s3.BucketPolicy("alb-logs", {
    bucket: albLogs.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::127311923021:root" },
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::example-alb-logs-dev/web/AWSLogs/${account}/*`,
        }],
    }),
});
new aws.lb.LoadBalancer("web", {
    subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
    accessLogs: { bucket: albLogs.id, prefix: "web", enabled: true },
}, { dependsOn: [albPolicy] });

const trailLogs = new aws.s3.Bucket("trail-logs", { bucket: "example-trail-logs-dev" });
const trailPolicy = new aws.s3.BucketPolicy("trail-logs", {
    bucket: trailLogs.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: "arn:aws:s3:::example-trail-logs-dev",
            },
            {
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::example-trail-logs-dev/AWSLogs/${account}/*`,
                Condition: {
                    StringEquals: {
                        "s3:x-amz-acl": "bucket-owner-full-control",
                        "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${account}:trail/main`,
                    },
                },
            },
        ],
    }),
});
new aws.cloudtrail.Trail("main", { name: "main", s3BucketName: trailLogs.id }, { dependsOn: [trailPolicy] });
