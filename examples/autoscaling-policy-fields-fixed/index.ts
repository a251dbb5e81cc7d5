import * as aws from "@pulumi/aws";

const template = new aws.ec2.LaunchTemplate("web", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro" });
const group = new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 4,
    defaultInstanceWarmup: 120,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchTemplate: { id: template.id, version: "$Latest" },
});

// Target tracking takes no cooldown: new instances' warm-up is estimatedInstanceWarmup (or the group's default).
new aws.autoscaling.Policy("cpu", {
    autoscalingGroupName: group.name,
    policyType: "TargetTrackingScaling",
    estimatedInstanceWarmup: 120,
    targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: 60,
    },
});

// SimpleScaling (the default type) with its required scalingAdjustment and a cooldown.
new aws.autoscaling.Policy("scale-out", {
    autoscalingGroupName: group.name,
    adjustmentType: "ChangeInCapacity",
    scalingAdjustment: 1,
    cooldown: 300,
});
