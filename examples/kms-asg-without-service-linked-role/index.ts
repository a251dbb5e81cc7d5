import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");

// The key trusts only the account root. Auto Scaling launches instances as its service-linked role, which then
// cannot use the key: every launch fails with Client.InvalidKMSKey.InvalidState.
const key = new aws.kms.Key("ebs-key", {
    description: "EBS volumes of the web tier",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
        ],
    }),
});

const template = new aws.ec2.LaunchTemplate("web", {
    imageId: "ami-0c02fb55956c7d316",
    instanceType: "t3.micro",
    blockDeviceMappings: [{
        deviceName: "/dev/xvda",
        ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true", kmsKeyId: key.arn },
    }],
});

new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 3,
    availabilityZones: ["us-east-1a", "us-east-1b"],
    launchTemplate: { id: template.id, version: "$Latest" },
});
