import * as aws from "@pulumi/aws";

const role = new aws.iam.ServiceLinkedRole("config", { awsServiceName: "config.amazonaws.com" });
const recorder = new aws.cfg.Recorder("recorder", { name: "main", roleArn: role.arn });

// The order AWS needs: recorder, then the delivery channel and managed rules, then starting the recorder.
const channel = new aws.cfg.DeliveryChannel("channel", { name: "main", s3BucketName: "config-history-111122223333" },
    { dependsOn: [recorder] });
new aws.cfg.RecorderStatus("recorder-status", { name: recorder.name, isEnabled: true }, { dependsOn: [channel] });
new aws.cfg.Rule("bucket-versioning", {
    name: "s3-bucket-versioning",
    source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED" },
}, { dependsOn: [recorder] });
