import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");

// "Let any service create grants": with Principal AWS "*" and no condition, any AWS account can grant itself
// every use of the key.
new aws.kms.Key("shared-key", {
    description: "shared data key",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "Grants", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:CreateGrant", "kms:ListGrants"], Resource: "*" },
        ],
    }),
});

// The same statement restricted to callers of this account: not reported.
new aws.kms.Key("restricted-key", {
    description: "grants for this account only",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "Grants",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { StringEquals: { "kms:CallerAccount": accountId }, Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        ],
    }),
});
