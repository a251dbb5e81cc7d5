import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const uploads = new aws.s3.Bucket("uploads");

// JSON.stringify over Outputs writes Pulumi's "Calling [toJSON] on an [Output<T>]" text into the document, and the
// template literal its "Calling [toString]" text: IAM refuses the policy at pulumi up (MalformedPolicyDocument).
const readUploads = new aws.iam.Policy("read-uploads", {
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [uploads.arn, `${uploads.arn}/*`] }],
    }),
});

const role = new aws.iam.Role("worker", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.iam.RolePolicyAttachment("worker-read-uploads", { role: role.name, policyArn: readUploads.arn });

// A resource instead of its property: the function gets "[object Object]" and silently reads nothing.
new aws.lambda.Function("worker", {
    runtime: "nodejs22.x",
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") }),
    environment: { variables: { UPLOADS_BUCKET: `${uploads}` } },
});
