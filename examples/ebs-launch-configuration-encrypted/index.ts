import * as aws from "@pulumi/aws";

// Launch configurations have no kmsKeyId: an encrypted root volume always uses the account's default EBS key.
const configuration = new aws.ec2.LaunchConfiguration("web", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    rootBlockDevice: { volumeSize: 20, encrypted: true },
});

new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 2,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchConfiguration: configuration.name,
});
