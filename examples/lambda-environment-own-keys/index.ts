import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("fn-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") });

new aws.lambda.Function("replicator", {
    runtime: "nodejs22.x", handler: "index.handler", role: role.arn, code,
    environment: { variables: { TARGET_REGION: "eu-west-1", TABLE_NAME: "orders" } },
});

// The bundle lives in SSM; the function gets its name and reads it at start-up.
const bundle = new aws.ssm.Parameter("ca-bundle", { type: "String", tier: "Advanced", value: "-----BEGIN CERTIFICATE-----\n" + "MIIB".repeat(1100) + "\n-----END CERTIFICATE-----" });
new aws.lambda.Function("tls-client", {
    runtime: "nodejs22.x", handler: "index.handler", role: role.arn, code,
    environment: { variables: { CA_BUNDLE_PARAMETER: bundle.name } },
});
