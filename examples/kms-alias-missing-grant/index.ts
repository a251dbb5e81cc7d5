import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const accountId = new pulumi.Config().require("accountId");

// The topic names its key by alias. The key policy has no statement for CloudWatch, so the alarm's notifications
// are dropped silently: nothing fails at `pulumi up`, the alerts just never arrive.
const key = new aws.kms.Key("alerts-key", {
    description: "alert notifications",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
        ],
    }),
});
const alias = new aws.kms.Alias("alerts-key-alias", { name: "alias/alerts-dev", targetKeyId: key.keyId });

const topic = new aws.sns.Topic("alerts", { kmsMasterKeyId: alias.name });

new aws.cloudwatch.MetricAlarm("high-cpu", {
    comparisonOperator: "GreaterThanThreshold",
    evaluationPeriods: 2,
    metricName: "CPUUtilization",
    namespace: "AWS/EC2",
    period: 300,
    statistic: "Average",
    threshold: 80,
    alarmActions: [topic.arn],
});
