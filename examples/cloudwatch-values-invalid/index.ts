import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

// A metric written as one flat list instead of a list of metric arrays: InvalidParameterInput at pulumi up.
new aws.cloudwatch.Dashboard("ops", {
    dashboardName: `ops-${pulumi.getStack()}`,
    dashboardBody: JSON.stringify({
        widgets: [{
            type: "metric", x: 0, y: 0, width: 12, height: 6,
            properties: { metrics: ["AWS/EC2", "CPUUtilization"], period: 300, stat: "Average", region: "us-east-1", title: "CPU" },
        }],
    }),
});

// The instance id came from an environment variable that was not set: CloudWatch refuses the empty value.
new aws.cloudwatch.MetricAlarm("cpu-high", {
    comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 2, threshold: 80,
    metricName: "CPUUtilization", namespace: "AWS/EC2", period: 300, statistic: "Average",
    dimensions: { InstanceId: process.env.EXAMPLE_UNSET_INSTANCE_ID ?? "" },
});

// The JSON pattern misses its closing brace: "Invalid metric filter pattern".
const logs = new aws.cloudwatch.LogGroup("api", { retentionInDays: 30 });
new aws.cloudwatch.LogMetricFilter("errors", {
    logGroupName: logs.name,
    pattern: '{ $.level = "ERROR" ',
    metricTransformation: { name: "Errors", namespace: "App", value: "1" },
});
