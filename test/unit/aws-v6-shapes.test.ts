// The same policies on resources recorded from a real @pulumi/aws v6 program (installed as @pulumi/aws-v6): the
// legacy v6 `Bucket` with inline policy and ACL, v6 `BucketV2` and its V2 satellites, and a v6 launch template.
// The engine gives these resources the v6 default provider, which is what s3-no-deprecated-v2-resources keys on.
import * as assert from "assert";
import * as aws6 from "@pulumi/aws-v6";
import { ebsEncryptionExplicitKmsKey } from "../../policies/ebs/ebs-encryption-explicit-kms-key";
import { s3BucketNameValid } from "../../policies/s3/s3-bucket-name-valid";
import { s3BucketPolicyNotPublic } from "../../policies/s3/s3-bucket-policy-not-public";
import { s3NoDeprecatedV2Resources } from "../../policies/s3/s3-no-deprecated-v2-resources";
import { ResourceRecord } from "../../lib/runner/engine";
import { validateResource, validateStack } from "../harness/policy-harness";
import { recordProgram } from "../../lib/runner/program";

const V6_VERSION: string = require("@pulumi/aws-v6/package.json").version;

describe("@pulumi/aws v6 resource shapes", () => {
    let records: ResourceRecord[];
    const byName = (name: string) => records.find(r => r.name === name)!;

    before(async () => {
        records = await recordProgram(() => {
            new aws6.s3.Bucket("legacy", {
                bucket: "legacy-site-dev",
                acl: "public-read",
                versioning: { enabled: true },
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::legacy-site-dev/*" }],
                }),
            });
            const v2 = new aws6.s3.BucketV2("assets", { bucket: "Assets_Dev" });
            new aws6.s3.BucketVersioningV2("assets-versioning", { bucket: v2.id, versioningConfiguration: { status: "Enabled" } });
            new aws6.ec2.LaunchTemplate("web", {
                namePrefix: "web-",
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 20 } }],
            });
        }, { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } });
    });

    it("records the v6 default provider for v6 resources", () => {
        assert.strictEqual(V6_VERSION.split(".")[0], "6");
        assert.strictEqual(byName("assets").provider?.properties.version, V6_VERSION);
        assert.strictEqual(byName("assets").provider?.name, `default_${V6_VERSION.replace(/\./g, "_")}`);
    });

    it("s3-no-deprecated-v2-resources stays silent under v6, where BucketV2 is the current type", () => {
        assert.deepStrictEqual(validateResource(s3NoDeprecatedV2Resources, byName("assets")), []);
        assert.deepStrictEqual(validateResource(s3NoDeprecatedV2Resources, byName("assets-versioning")), []);
    });

    it("s3-bucket-name-valid checks a v6 BucketV2 name", () => {
        const reported = validateResource(s3BucketNameValid, byName("assets"));
        assert.ok(reported.some(r => /uppercase 'A' at position 1/.test(r.message)), JSON.stringify(reported));
    });

    it("s3-bucket-policy-not-public reads the inline policy and ACL of a legacy v6 Bucket", () => {
        const reported = validateStack(s3BucketPolicyNotPublic, records);
        const legacy = reported.filter(r => r.urn === byName("legacy").urn);
        assert.ok(legacy.some(r => /^policy\.Statement\[0\]/m.test(r.message)), JSON.stringify(legacy));
        assert.ok(legacy.some(r => /^acl: /m.test(r.message) && /public-read/.test(r.message)), JSON.stringify(legacy));
    });

    it("ebs-encryption-explicit-kms-key reads the v6 launch template's string \"true\"", () => {
        const reported = validateResource(ebsEncryptionExplicitKmsKey, byName("web"));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: /m);
    });
});
