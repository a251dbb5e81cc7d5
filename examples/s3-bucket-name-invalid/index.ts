import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const environmentSuffix = config.require("environmentSuffix");

// "PR6247" makes the name uppercase: S3 answers `pulumi up` with InvalidBucketName.
new aws.s3.Bucket("static-assets", { bucket: `webapp-static-${environmentSuffix}-dev` });

// An underscore and two adjacent periods.
new aws.s3.Bucket("access-logs", { bucket: "webapp_access..logs" });

// Reserved suffix and too long: nothing the pack can fix without changing the meaning.
new aws.s3.Bucket("alias-like", { bucket: "webapp-static-content-for-the-marketing-department-s3alias" });

// A prefix longer than 37 characters leaves no room for the 26 characters AWS appends.
new aws.s3.Bucket("prefixed", { bucketPrefix: "webapp-static-content-for-marketing-team-" });
