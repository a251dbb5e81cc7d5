import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const uploads = new aws.s3.Bucket("uploads");

// pulumi.jsonStringify waits for the Outputs; pulumi.interpolate builds the object ARN from one.
const readUploads = new aws.iam.Policy("read-uploads", {
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [uploads.arn, pulumi.interpolate`${uploads.arn}/*`] }],
    }),
});

const role = new aws.iam.Role("worker", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.iam.RolePolicyAttachment("worker-read-uploads", { role: role.name, policyArn: readUploads.arn });

new aws.lambda.Function("worker", {
    runtime: "nodejs22.x",
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") }),
    environment: { variables: { UPLOADS_BUCKET: uploads.bucket } },
});
