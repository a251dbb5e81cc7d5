import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { s3ReplicationPrerequisites } from "../../../policies/s3/s3-replication-prerequisites";
import { ResourceRecord, secret, UNKNOWN, urnOf } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const ROLE = "aws:iam/role:Role";
const STACK = { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } };

const run = (records: readonly ResourceRecord[]) => validateStack(s3ReplicationPrerequisites, records, {}, STACK);
const headline = (message: string) => message.split("\n")[0];
const S3_TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const EC2_TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });

interface Options {
    sourceVersioning?: "Enabled" | "Suspended" | "none";
    destinationVersioning?: "Enabled" | "Suspended" | "none";
    waitForVersioning?: boolean;
    trust?: string;
    kms?: boolean;
    selectKms?: boolean;
    replicaKey?: "same-region" | "other-region" | "none";
}

/** Source and destination buckets, their versioning, a role and a BucketReplicationConfig, as a real v7 program. */
function program(o: Options = {}) {
    return recordProgram(() => {
        const west = new aws.Provider("west", { region: "us-west-2" });
        const source = new aws.s3.Bucket("source", {});
        const destination = new aws.s3.Bucket("replica", {}, { provider: west });
        const versionings: aws.s3.BucketVersioning[] = [];
        if ((o.sourceVersioning ?? "Enabled") !== "none") {
            versionings.push(new aws.s3.BucketVersioning("source-versioning", { bucket: source.id, versioningConfiguration: { status: o.sourceVersioning ?? "Enabled" } }));
        }
        if ((o.destinationVersioning ?? "Enabled") !== "none") {
            versionings.push(new aws.s3.BucketVersioning("replica-versioning", { bucket: destination.id, versioningConfiguration: { status: o.destinationVersioning ?? "Enabled" } }, { provider: west }));
        }
        if (o.kms) {
            new aws.s3.BucketServerSideEncryptionConfiguration("source-sse", { bucket: source.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
        }
        const westKey = new aws.kms.Key("replica-key", {}, { provider: west });
        const eastKey = new aws.kms.Key("source-key", {});
        const role = new aws.iam.Role("replication", { assumeRolePolicy: o.trust ?? S3_TRUST });
        const key = o.replicaKey === "other-region" ? eastKey.arn : westKey.arn;
        new aws.s3.BucketReplicationConfig("replication", {
            bucket: source.id,
            role: role.arn,
            rules: [{
                id: "all",
                status: "Enabled",
                filter: {},
                deleteMarkerReplication: { status: "Disabled" },
                destination: {
                    bucket: destination.arn,
                    ...(o.replicaKey && o.replicaKey !== "none" ? { encryptionConfiguration: { replicaKmsKeyId: key } } : {}),
                },
                ...(o.selectKms ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } } } : {}),
            }],
        }, { dependsOn: o.waitForVersioning === false ? [] : versionings });
    }, STACK);
}

describe("s3-replication-prerequisites", () => {
    it("has its public metadata", () => {
        const p = s3ReplicationPrerequisites.policy;
        assert.strictEqual(p.name, "s3-replication-prerequisites");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.strictEqual(s3ReplicationPrerequisites.kind, "stack");
    });

    it("is clean with versioning on both buckets, dependsOn, and a role S3 can assume", async () => {
        assert.deepStrictEqual(run(await program()), []);
    });

    it("reports a source without versioning, quoting the AWS error", async () => {
        const records = await program({ sourceVersioning: "none" });
        const reported = run(records);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].urn, records.find(r => r.type === REPLICATION)!.urn);
        assert.match(headline(reported[0].message), /^bucket: source bucket 'source' needs versioning Enabled: add a BucketVersioning \(status "Enabled"\) and dependsOn it$/);
        assert.match(reported[0].message, /InvalidRequest: Versioning must be 'Enabled' on the bucket to apply a replication configuration/);
        assert.match(reported[0].message, /the bucket has no versioning/);
    });

    it("reports a suspended destination at the rule's destination bucket", async () => {
        const reported = run(await program({ destinationVersioning: "Suspended" }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(headline(reported[0].message), /^rules\[0\]\.destination\.bucket: destination bucket 'replica' needs versioning Enabled/);
        assert.match(reported[0].message, /InvalidRequest: Destination bucket must have versioning enabled\./);
        assert.match(reported[0].message, /BucketVersioning 'replica-versioning' sets status "Suspended"/);
    });

    it("reports replication that does not wait for the versioning resources", async () => {
        const reported = run(await program({ waitForVersioning: false }));
        assert.strictEqual(reported.length, 2, JSON.stringify(reported));
        assert.match(headline(reported[0].message), /^bucket: replication can fail: it does not wait for BucketVersioning 'source-versioning' of source bucket 'source'\. Add it to dependsOn$/);
        assert.match(headline(reported[1].message), /^rules\[0\]\.destination\.bucket: replication can fail: it does not wait for BucketVersioning 'replica-versioning'/);
    });

    it("reports a role whose trust policy does not let S3 assume it", async () => {
        const reported = run(await program({ trust: EC2_TRUST }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(headline(reported[0].message), /^role: S3 cannot assume role 'replication': its trust policy does not allow s3\.amazonaws\.com/);
        assert.match(reported[0].message, /deploys, then no object replicates/);
    });

    describe("SSE-KMS", () => {
        it("reports an SSE-KMS source whose rule does not select SSE-KMS objects", async () => {
            const reported = run(await program({ kms: true }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /^rules\[0\]: bucket 'source' is SSE-KMS encrypted and this rule skips those objects\. Add sourceSelectionCriteria\.sseKmsEncryptedObjects \+ replicaKmsKeyId$/);
        });

        it("reports a selection without replicaKmsKeyId, and a key in another region than the destination", async () => {
            const missing = run(await program({ kms: true, selectKms: true, replicaKey: "none" }));
            assert.strictEqual(missing.length, 1, JSON.stringify(missing));
            assert.match(headline(missing[0].message), /^rules\[0\]\.destination\.encryptionConfiguration\.replicaKmsKeyId: SSE-KMS objects are replicated but no replicaKmsKeyId is set/);
            const wrongRegion = run(await program({ kms: true, selectKms: true, replicaKey: "other-region" }));
            assert.strictEqual(wrongRegion.length, 1, JSON.stringify(wrongRegion));
            assert.match(headline(wrongRegion[0].message), /replicaKmsKeyId is a key in us-east-1, but destination bucket 'replica' is in us-west-2\. Use a key in us-west-2$/);
        });

        it("the fix from the messages is clean", async () => {
            assert.deepStrictEqual(run(await program({ kms: true, selectKms: true, replicaKey: "same-region" })), []);
        });
    });

    describe("inline replication (v7 Bucket, v6 legacy Bucket, v6 BucketV2)", () => {
        it("reads inline versioning and configuration in each shape", async () => {
            const records = await recordProgram(() => {
                const role = new aws.iam.Role("role", { assumeRolePolicy: S3_TRUST });
                const replica = new aws.s3.Bucket("replica", { versioning: { enabled: true } });
                new aws.s3.Bucket("v7", { replicationConfiguration: { role: role.arn, rules: [{ status: "Enabled", destination: { bucket: replica.arn } }] } });
                new aws6.s3.Bucket("legacy", { versioning: { enabled: true }, replicationConfiguration: { role: role.arn, rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] } });
                new aws6.s3.BucketV2("v2", { replicationConfigurations: [{ role: role.arn, rules: [{ status: "Enabled", destinations: [{ bucket: "arn:aws:s3:::elsewhere" }] }] }] });
                new aws6.s3.BucketV2("v2-versioned", { versionings: [{ enabled: true }], replicationConfigurations: [{ role: role.arn, rules: [{ status: "Enabled", destinations: [{ bucket: "arn:aws:s3:::elsewhere" }] }] }] });
            }, STACK);
            const reported = run(records);
            const names = reported.map(r => records.find(x => x.urn === r.urn)!.name).sort();
            assert.deepStrictEqual(names, ["v2", "v7"], JSON.stringify(reported));
            for (const r of reported) {
                assert.match(headline(r.message), /^replicationConfigurations?: source bucket '[^']+' needs versioning Enabled/);
            }
        });

        it("reports inline replication on a new bucket whose versioning is a separate resource", async () => {
            const records = await recordProgram(() => {
                const role = new aws.iam.Role("role", { assumeRolePolicy: S3_TRUST });
                const source = new aws.s3.Bucket("source", { replicationConfiguration: { role: role.arn, rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] } });
                new aws.s3.BucketVersioning("source-versioning", { bucket: source.id, versioningConfiguration: { status: "Enabled" } });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /^replicationConfiguration: inline replication fails on the new bucket 'source': it comes before BucketVersioning 'source-versioning'/);
        });
    });

    describe("unknown, secret and malformed inputs", () => {
        const dep = (property: string, ...urns: string[]) => ({ [property]: urns });
        it("says nothing when the buckets, versioning, role or trust policy are unknown or outside the stack", () => {
            const src = record(BUCKET, "source", {});
            assert.deepStrictEqual(run([record(REPLICATION, "r", { bucket: "outside-bucket", role: "arn:aws:iam::111122223333:role/outside", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::other" } }] })]), []);
            assert.deepStrictEqual(run([src, record(REPLICATION, "r", { bucket: UNKNOWN, role: UNKNOWN, rules: UNKNOWN })]), []);
            assert.deepStrictEqual(run([
                src,
                record(VERSIONING, "v", { bucket: UNKNOWN, versioningConfiguration: { status: UNKNOWN } }, { propertyDependencies: dep("bucket", urnOf(BUCKET, "source")) }),
                record(ROLE, "role", { assumeRolePolicy: UNKNOWN }),
                record(REPLICATION, "r", { bucket: UNKNOWN, role: UNKNOWN, rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::other" } }] },
                    { propertyDependencies: { ...dep("bucket", urnOf(BUCKET, "source")), ...dep("role", urnOf(ROLE, "role")) }, dependencies: [urnOf(VERSIONING, "v")] }),
            ]), []);
            // An existing bucket whose state lacks versioning may have it managed elsewhere.
            assert.deepStrictEqual(run([record(BUCKET, "old", { arn: "arn:aws:s3:::old", id: "old", bucket: "old" }),
                record(REPLICATION, "r", { bucket: "old", role: "x", rules: [] })]), []);
        });

        it("never shows a secret versioning status or key", () => {
            const records = [
                record(BUCKET, "source", { bucket: "src" }),
                record(VERSIONING, "v", { bucket: "src", versioningConfiguration: { status: secret("Suspended") } }),
                record(REPLICATION, "r", { bucket: "src", role: "x", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::other", encryptionConfiguration: { replicaKmsKeyId: secret("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab") } } }] }, { dependencies: [urnOf(VERSIONING, "v")] }),
            ];
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.doesNotMatch(reported[0].message, /Suspended|eu-west-1/);
        });

        it("survives wrong shapes", () => {
            const shapes: Record<string, unknown>[] = [
                { bucket: "src", rules: "all" }, { bucket: "src", rules: [null, 1, []] }, { bucket: "src", role: {}, rules: [{ destination: "x", status: "Enabled" }] },
                { bucket: "src", rules: [{ status: "Enabled", sourceSelectionCriteria: "kms", destination: { bucket: 5 } }] },
            ];
            for (const properties of shapes) {
                const reported = run([record(BUCKET, "source", { bucket: "src", versioning: { enabled: true } }), record(REPLICATION, "r", properties)]);
                assert.deepStrictEqual(reported, [], JSON.stringify(properties));
            }
            assert.deepStrictEqual(run([record(BUCKET, "b", { replicationConfiguration: "on", versioning: "yes" })]), []);
            assert.deepStrictEqual(run([record("aws:s3/bucketV2:BucketV2", "b", { replicationConfigurations: [null], versionings: [null] })]), []);
        });
    });
});
