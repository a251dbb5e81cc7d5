import * as aws from "@pulumi/aws";

const role = new aws.iam.ServiceLinkedRole("config", { awsServiceName: "config.amazonaws.com" });
const recorder = new aws.cfg.Recorder("recorder", { name: "main", roleArn: role.arn });

// No dependencies: Pulumi creates all four at once. The channel and the rule fail if they go before the recorder,
// and starting the recorder fails before the channel exists.
const channel = new aws.cfg.DeliveryChannel("channel", { name: "main", s3BucketName: "config-history-111122223333" });
new aws.cfg.RecorderStatus("recorder-status", { name: recorder.name, isEnabled: true });
new aws.cfg.Rule("bucket-versioning", {
    name: "s3-bucket-versioning",
    // The identifier is S3_BUCKET_VERSIONING_ENABLED.
    source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_VERSIONING" },
});
