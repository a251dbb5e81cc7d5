import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const loadBalancer = new aws.lb.LoadBalancer("web", {
    loadBalancerType: "application",
    subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
});
const targetGroup = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId: "vpc-0123456789abcdef0" });
const template = new aws.ec2.LaunchTemplate("web", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro" });
const group = new aws.autoscaling.Group("web", {
    minSize: 1,
    maxSize: 4,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
    targetGroupArns: [targetGroup.arn],
    launchTemplate: { id: template.id, version: "$Latest" },
});

// app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>, known at apply.
new aws.autoscaling.Policy("requests", {
    autoscalingGroupName: group.name,
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: {
        predefinedMetricSpecification: {
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`,
        },
        targetValue: 1000,
    },
});
