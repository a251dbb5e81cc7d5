import * as aws from "@pulumi/aws";

new aws.iam.Policy("reports-read", {
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::reports-bucket", "arn:aws:s3:::reports-bucket/*"] }],
    }),
});

const role = new aws.iam.Role("worker", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.iam.RolePolicy("worker-queue", {
    role: role.name,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] }),
});

// (An existing bucket, so that the document is known during preview.)
new aws.s3.BucketPolicy("archive", {
    bucket: "acme-reports-archive",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-reports-archive/*",
            Condition: { StringNotEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        }],
    }),
});
