import * as aws from "@pulumi/aws";

// The key the organisation manages for EBS in us-east-1 (its key policy lets the Auto Scaling role use it).
const ebsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const template = new aws.ec2.LaunchTemplate("web", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    blockDeviceMappings: [{
        deviceName: "/dev/xvda",
        ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true", kmsKeyId: ebsKeyArn },
    }],
});

new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 2,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchTemplate: { id: template.id, version: "$Latest" },
});
