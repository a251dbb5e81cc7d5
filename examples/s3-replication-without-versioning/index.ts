import * as aws from "@pulumi/aws";

const west = new aws.Provider("us-west-2", { region: "us-west-2" });
const source = new aws.s3.Bucket("orders", {});
const replica = new aws.s3.Bucket("orders-replica", {}, { provider: west });
const sourceVersioning = new aws.s3.BucketVersioning("orders-versioning", {
    bucket: source.id,
    versioningConfiguration: { status: "Enabled" },
});

// Copied from an EC2 role: S3 cannot assume it.
const role = new aws.iam.Role("orders-replication", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

// The replica bucket has no versioning: PutBucketReplication fails with
// "InvalidRequest: Destination bucket must have versioning enabled."
new aws.s3.BucketReplicationConfig("orders-replication", {
    bucket: source.id,
    role: role.arn,
    rules: [{ id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Disabled" }, destination: { bucket: replica.arn } }],
}, { dependsOn: [sourceVersioning] });
