import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const environmentSuffix = config.require("environmentSuffix").toLowerCase();

new aws.s3.Bucket("static-assets", { bucket: `webapp-static-${environmentSuffix}-dev` });
new aws.s3.Bucket("access-logs", { bucket: "webapp-access.logs" });
new aws.s3.Bucket("prefixed", { bucketPrefix: "webapp-static-" });

// No name at all: Pulumi auto-names it `uploads-<7 hex characters>`, lowercase and unique.
new aws.s3.Bucket("uploads");

// A name computed from another resource is unknown during preview: nothing to say yet.
const site = new aws.s3.Bucket("site");
new aws.s3.Bucket("site-replica", { bucket: pulumi.interpolate`${site.id}-replica` });
