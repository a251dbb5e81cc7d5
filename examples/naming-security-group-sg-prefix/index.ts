import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const environmentSuffix = config.require("environmentSuffix");

// EC2 rejects group names that look like group ids: "InvalidParameterValue: Group names may not be in the format sg-*".
new aws.ec2.SecurityGroup("web", {
    name: `sg-web-${environmentSuffix}`,
    vpcId: "vpc-0a1b2c3d4e5f60001",
});

// Auto-naming derives the name from the logical name, so "sg-api" becomes "sg-api-1a2b3c4": the same error.
new aws.ec2.SecurityGroup("sg-api", { vpcId: "vpc-0a1b2c3d4e5f60001" });

// The fix: the role first, "sg" (if at all) later.
new aws.ec2.SecurityGroup("db", {
    name: `db-sg-${environmentSuffix}`,
    vpcId: "vpc-0a1b2c3d4e5f60001",
});
