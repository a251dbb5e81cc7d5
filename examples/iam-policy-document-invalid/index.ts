import * as aws from "@pulumi/aws";

// A Version that is today's date, "allow" in lower case, an action without its service prefix, a bucket name where
// an ARN belongs: IAM answers pulumi up with MalformedPolicyDocument.
new aws.iam.Policy("reports-read", {
    policy: JSON.stringify({
        Version: "2024-05-01",
        Statement: [{ Effect: "allow", Action: ["GetObject", "s3:ListBucket"], Resource: ["reports-bucket"] }],
    }),
});

// A trust policy needs a Principal and must not have a Resource.
const role = new aws.iam.Role("worker", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
    }),
});

// IAM accepts an action no service defines (the statement then grants nothing): advisory.
new aws.iam.RolePolicy("worker-queue", {
    role: role.name,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMesage", Resource: "*" }] }),
});

// S3 checks bucket policies itself and refuses a condition key it does not define.
// (An existing bucket, so that the document is known during preview.)
new aws.s3.BucketPolicy("archive", {
    bucket: "acme-reports-archive",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-reports-archive/*",
            Condition: { StringNotEquals: { "s3:x-acl": "bucket-owner-full-control" } },
        }],
    }),
});
