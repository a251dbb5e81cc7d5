import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const environmentSuffix = config.require("environmentSuffix");

// With `--policy-pack-config` setting s3-bucket-name-valid to "remediate", the pack rewrites these names
// before the engine creates anything: lowercased, underscore to hyphen, adjacent periods collapsed.
new aws.s3.Bucket("static-assets", { bucket: `webapp-static-${environmentSuffix}-dev` });
new aws.s3.Bucket("access-logs", { bucket: "webapp_access..logs" });

// Nothing safe to rewrite here (reserved suffix): it is still reported, as mandatory.
new aws.s3.Bucket("alias-like", { bucket: "webapp-static-s3alias" });
