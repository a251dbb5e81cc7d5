import * as aws from "@pulumi/aws";

// A key ARN copied from the eu-west-1 stack: EBS volumes in us-east-1 cannot use it.
const template = new aws.ec2.LaunchTemplate("web", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    blockDeviceMappings: [{
        deviceName: "/dev/xvda",
        ebs: {
            volumeSize: 20,
            encrypted: "true",
            kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
    }],
});

new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 2,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchTemplate: { id: template.id, version: "$Latest" },
});
