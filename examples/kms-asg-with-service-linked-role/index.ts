import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");
const autoScalingRole = `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

// The two statements AWS documents for EBS encryption with Auto Scaling: use of the key, and grants for AWS
// resources only.
const key = new aws.kms.Key("ebs-key", {
    description: "EBS volumes of the web tier",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "AllowAutoScalingServiceLinkedRole",
                Effect: "Allow",
                Principal: { AWS: autoScalingRole },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
            },
            {
                Sid: "AllowAutoScalingServiceLinkedRoleGrants",
                Effect: "Allow",
                Principal: { AWS: autoScalingRole },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
            },
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
