import * as aws from "@pulumi/aws";

const bucket = new aws.s3.Bucket("reports", {});

// Deprecated in @pulumi/aws v7: aws.s3.BucketVersioning and aws.s3.BucketServerSideEncryptionConfiguration take
// the same arguments and alias these types, so switching is a rename without replacement.
new aws.s3.BucketVersioningV2("reports", {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
});
new aws.s3.BucketServerSideEncryptionConfigurationV2("reports", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});

// The current v7 class: nothing to report.
new aws.s3.BucketPublicAccessBlock("reports", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
