import * as aws from "@pulumi/aws";

const template = new aws.ec2.LaunchTemplate("web", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro" });
const group = new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 4,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchTemplate: { id: template.id, version: "$Latest" },
});

// cooldown belongs to SimpleScaling: pulumi up fails with "cooldown is only supported for policy type SimpleScaling".
new aws.autoscaling.Policy("cpu-cooldown", {
    autoscalingGroupName: group.name,
    policyType: "TargetTrackingScaling",
    cooldown: 120,
    targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: 60,
    },
});

// scaleInCooldown is an Application Auto Scaling field (aws.appautoscaling.Policy); copied from an ECS example it
// type-checks only through a variable, and the provider's check then rejects it ("Invalid or unknown key").
const copiedFromEcs = {
    predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
    targetValue: 60,
    scaleInCooldown: 300,
};
new aws.autoscaling.Policy("cpu-scale-in-cooldown", {
    autoscalingGroupName: group.name,
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: copiedFromEcs,
});
