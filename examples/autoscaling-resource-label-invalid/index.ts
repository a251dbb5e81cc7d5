import * as aws from "@pulumi/aws";

const template = new aws.ec2.LaunchTemplate("web", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro" });
const group = new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 4,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    launchTemplate: { id: template.id, version: "$Latest" },
});

// "lb/tg" names, not the app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id> label AWS needs.
new aws.autoscaling.Policy("requests", {
    autoscalingGroupName: group.name,
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: "web-lb/web-tg" },
        targetValue: 1000,
    },
});
