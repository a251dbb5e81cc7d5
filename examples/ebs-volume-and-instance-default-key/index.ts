import * as aws from "@pulumi/aws";

// Both are encrypted with whatever the account's default EBS key is.
new aws.ebs.Volume("data", {
    availabilityZone: "us-east-1a",
    size: 100,
    type: "gp3",
    encrypted: true,
});

new aws.ec2.Instance("bastion", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    rootBlockDevice: { volumeSize: 20, encrypted: true },
});
