import * as aws from "@pulumi/aws";

// ALB access logs to a bucket with no policy: the load balancer's create fails with "Access Denied for bucket".
const albLogs = new aws.s3.Bucket("alb-logs", { bucket: "example-alb-logs-dev" });
new aws.lb.LoadBalancer("web", {
    subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
    accessLogs: { bucket: albLogs.id, prefix: "web", enabled: true },
});

// A trail whose bucket policy allows PutObject but not GetBucketAcl: CreateTrail fails.
const trailLogs = new aws.s3.Bucket("trail-logs", { bucket: "example-trail-logs-dev" });
const trailPolicy = new aws.s3.BucketPolicy("trail-logs", {
    bucket: trailLogs.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::example-trail-logs-dev/AWSLogs/111122223333/*",
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        }],
    }),
});
new aws.cloudtrail.Trail("main", { name: "main", s3BucketName: trailLogs.id }, { dependsOn: [trailPolicy] });
