import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { s3NoDeprecatedV2Resources } from "../../../policies/s3/s3-no-deprecated-v2-resources";
import { ProviderRecord, UNKNOWN } from "../../../lib/runner/engine";
import { validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

function provider(version: unknown): ProviderRecord {
    return {
        type: "pulumi:providers:aws", name: "default", urn: "urn:pulumi:dev::app::pulumi:providers:aws::default",
        properties: version === undefined ? { region: "us-east-1" } : { region: "us-east-1", version },
    };
}

describe("s3-no-deprecated-v2-resources", () => {
    it("has its public metadata", () => {
        const p = s3NoDeprecatedV2Resources.policy;
        assert.strictEqual(p.name, "s3-no-deprecated-v2-resources");
        assert.strictEqual(p.enforcementLevel, "advisory");
        assert.strictEqual(p.severity, "low");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), []);
        assert.strictEqual(s3NoDeprecatedV2Resources.metadata.resourceTypes.length, 11);
    });

    it("names the replacement of each recorded V2 resource under @pulumi/aws v7", async () => {
        const records = await recordProgram(() => {
            const bucket = new aws.s3.BucketV2("data", {});
            new aws.s3.BucketVersioningV2("data", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
            new aws.s3.BucketServerSideEncryptionConfigurationV2("data", {
                bucket: bucket.id,
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
            });
        }, { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } });
        const expected: Record<string, RegExp> = {
            [BUCKET_V2]: /aws\.s3\.BucketV2 .*use aws\.s3\.Bucket \(same arguments\)/,
            [VERSIONING_V2]: /use aws\.s3\.BucketVersioning \(same arguments\)[\s\S]*becomes aws:s3\/bucketVersioning:BucketVersioning/,
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2":
                /use aws\.s3\.BucketServerSideEncryptionConfiguration /,
        };
        for (const [type, pattern] of Object.entries(expected)) {
            const record = records.find(r => r.type === type)!;
            assert.ok(record.provider, "recorded with the default provider");
            const reported = validateResource(s3NoDeprecatedV2Resources, record);
            assert.strictEqual(reported.length, 1, type);
            assert.match(reported[0].message, pattern);
            assert.match(reported[0].message, /This stack uses 7\.\d+\.\d+/);
            assert.match(reported[0].message, /pulumi up renames it in the state and replaces nothing/);
            assert.strictEqual(reported[0].level, "advisory");
        }
    });

    it("covers every deprecated V2 type of aws-facts.md section 2", () => {
        for (const type of ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "aws:s3/bucketLoggingV2:BucketLoggingV2",
            "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
            "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2",
            "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
            "aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2"]) {
            const reported = validateResource(s3NoDeprecatedV2Resources, { type, properties: {}, provider: provider("7.48.0") });
            assert.strictEqual(reported.length, 1, type);
            const replacement = type.replace(/V2/g, "");
            assert.ok(reported[0].message.includes(`becomes ${replacement};`), reported[0].message);
        }
    });

    it("stays silent under @pulumi/aws v6, where the V2 types are current", () => {
        for (const version of ["6.83.0", "6.0.0", "5.43.0", "v6.1.2"]) {
            assert.deepStrictEqual(validateResource(s3NoDeprecatedV2Resources,
                { type: VERSIONING_V2, properties: { bucket: "b" }, provider: provider(version) }), [], version);
        }
    });

    it("applying the fix (the type without V2) is clean", () => {
        for (const type of ["aws:s3/bucket:Bucket", "aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketObjectv2:BucketObjectv2"]) {
            assert.deepStrictEqual(validateResource(s3NoDeprecatedV2Resources, { type, properties: {}, provider: provider("7.48.0") }), []);
        }
    });

    it("assumes v7 and says so when the provider version is missing, unknown or malformed", () => {
        for (const p of [undefined, provider(undefined), provider(UNKNOWN), provider("latest"), provider(7),
            { ...provider("6.1.0"), type: "pulumi:providers:kubernetes" }]) {
            const reported = validateResource(s3NoDeprecatedV2Resources, { type: BUCKET_V2, properties: {}, provider: p });
            assert.strictEqual(reported.length, 1, JSON.stringify(p));
            assert.match(reported[0].message, /version is not known here; with v6 the V2 type is the current one/);
        }
    });

    it("does not look at properties, so odd shapes are fine", () => {
        for (const properties of [{ bucket: UNKNOWN }, { bucket: 42 }, { versioningConfiguration: "x" }, { rules: [null] }]) {
            assert.strictEqual(validateResource(s3NoDeprecatedV2Resources,
                { type: VERSIONING_V2, properties, provider: provider("7.0.0") }).length, 1);
        }
    });

    describe("explicit providers (issue 13 section 4): the provider resource's version is read", () => {
        const explicit = (version: unknown): ProviderRecord => ({
            type: "pulumi:providers:aws", name: "east", urn: "urn:pulumi:dev::app::pulumi:providers:aws::east",
            properties: version === undefined ? { region: "us-east-1" } : { region: "us-east-1", version },
        });

        it("a known version decides: silent under v6, the v7 replacement named under v7", () => {
            assert.deepStrictEqual(validateResource(s3NoDeprecatedV2Resources, { type: BUCKET_V2, properties: {}, provider: explicit("6.83.0") }), []);
            const v7 = validateResource(s3NoDeprecatedV2Resources, { type: BUCKET_V2, properties: {}, provider: explicit("7.2.0") });
            assert.strictEqual(v7.length, 1);
            assert.match(v7[0].message, /This stack uses 7\.2\.0/);
        });

        it("an unknown or missing version: assumes v7 and says the version is not known", () => {
            for (const version of [UNKNOWN, undefined]) {
                const reported = validateResource(s3NoDeprecatedV2Resources, { type: BUCKET_V2, properties: {}, provider: explicit(version) });
                assert.strictEqual(reported.length, 1, String(version));
                assert.match(reported[0].message, /The provider's version is not known here/);
            }
        });

        it("a program's `new aws.Provider(...)` is recorded with the SDK's version, so the message names it", async () => {
            const records = await recordProgram(() => {
                const east = new aws.Provider("east", { region: "us-east-1" });
                new aws.s3.BucketV2("data", {}, { provider: east });
            }, { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } });
            const bucket = records.find(r => r.type === BUCKET_V2)!;
            assert.strictEqual(bucket.provider?.name, "east", "the explicit provider, not the default one");
            const sdkVersion: string = require("@pulumi/aws/package.json").version;
            assert.strictEqual(bucket.provider?.properties.version, sdkVersion);
            const reported = validateResource(s3NoDeprecatedV2Resources, bucket);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, new RegExp(`This stack uses ${sdkVersion.replace(/\./g, "\\.")}`));
        });
    });
});
