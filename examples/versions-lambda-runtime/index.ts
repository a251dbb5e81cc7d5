import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("fn-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

const code = new pulumi.asset.AssetArchive({
    "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });"),
});

// AWS blocks creating nodejs14.x functions since 2024-01-09: pulumi up fails with InvalidParameterValueException.
new aws.lambda.Function("legacy-api", { runtime: "nodejs14.x", handler: "index.handler", role: role.arn, code });

// nodejs22.x can be created until 2027-06-01. With the default warnDays (90) it stays clean until 2027-03-02 and
// becomes an advisory from 2027-03-03; the shipped data's age note (maxDataAgeDays 180) comes first, on 2027-02-16,
// unless the data is refreshed. Either way, update this example's expectations then.
new aws.lambda.Function("api", { runtime: "nodejs22.x", handler: "index.handler", role: role.arn, code });
