import * as aws from "@pulumi/aws";

// encrypted "true" without kmsKeyId: the volume uses the account's default EBS key. In an account whose EBS
// encryption by default points at a key the Auto Scaling role cannot use, every launch fails with
// "Client.InvalidKMSKey.InvalidState: The KMS key provided is in an incorrect state".
const template = new aws.ec2.LaunchTemplate("web", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    blockDeviceMappings: [{
        deviceName: "/dev/xvda",
        ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true" },
    }],
});

new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 2,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchTemplate: { id: template.id, version: "$Latest" },
});
