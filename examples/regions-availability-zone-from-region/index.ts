import * as aws from "@pulumi/aws";

// Zone names built from the stack's region (or read with aws.getAvailabilityZones()) follow the stack anywhere.
const region = aws.config.region ?? "eu-west-1";
const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
["a", "b"].forEach((letter, i) =>
    new aws.ec2.Subnet(`private-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: `${region}${letter}` }));
