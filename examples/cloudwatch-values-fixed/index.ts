import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

new aws.cloudwatch.Dashboard("ops", {
    dashboardName: `ops-${pulumi.getStack()}`,
    dashboardBody: JSON.stringify({
        widgets: [{
            type: "metric", x: 0, y: 0, width: 12, height: 6,
            properties: { metrics: [["AWS/EC2", "CPUUtilization"]], period: 300, stat: "Average", region: "us-east-1", title: "CPU" },
        }],
    }),
});

// The dimension takes the instance's id: unknown during preview, known at pulumi up.
const web = new aws.ec2.Instance("web", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" });
new aws.cloudwatch.MetricAlarm("cpu-high", {
    comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 2, threshold: 80,
    metricName: "CPUUtilization", namespace: "AWS/EC2", period: 300, statistic: "Average",
    dimensions: { InstanceId: web.id },
});

const logs = new aws.cloudwatch.LogGroup("api", { retentionInDays: 30 });
new aws.cloudwatch.LogMetricFilter("errors", {
    logGroupName: logs.name,
    pattern: '{ $.level = "ERROR" }',
    metricTransformation: { name: "Errors", namespace: "App", value: "1", dimensions: { Service: "$.service" } },
});
