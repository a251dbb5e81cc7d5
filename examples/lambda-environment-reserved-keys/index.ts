import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("fn-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") });

// Lambda sets AWS_REGION itself and refuses a function that sets it: InvalidParameterValueException at pulumi up.
new aws.lambda.Function("replicator", {
    runtime: "nodejs22.x", handler: "index.handler", role: role.arn, code,
    environment: { variables: { AWS_REGION: "eu-west-1", TABLE_NAME: "orders" } },
});

// A certificate bundle in the environment: more than the 4 KB Lambda allows for all variables together.
new aws.lambda.Function("tls-client", {
    runtime: "nodejs22.x", handler: "index.handler", role: role.arn, code,
    environment: { variables: { CA_BUNDLE: "-----BEGIN CERTIFICATE-----\n" + "MIIB".repeat(1100) + "\n-----END CERTIFICATE-----" } },
});
