// rds-configuration-supported, the checks that read orderable-option data: Performance Insights per class, instance
// classes per engine version, global database versions and classes. Fixed fixture data (test/fixtures/rds).
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { rdsConfigurationSupported } from "../../../policies/rds/rds-configuration-supported";
import { PACK_DIR, ResourceRecord, secret, UNKNOWN } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { setClock } from "../../../lib/framework/clock";
import { loadedDataFiles, resetDataFiles, shippedDataFile } from "../../../lib/data/data-files";
import { supports } from "../../../lib/data/orderable-options";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } };
const FIXTURE = path.join(PACK_DIR, "test", "fixtures", "rds", "rds-orderable-options.json");
const run = (records: readonly ResourceRecord[], config: Record<string, unknown> = { dataFile: FIXTURE }) =>
    validateStack(rdsConfigurationSupported, records, config, STACK);
const program = (fn: () => void) => recordProgram(fn, STACK);
const A3 = "8.0.mysql_aurora.3.05.2";
const mysql = (extra: Partial<aws.rds.InstanceArgs>): aws.rds.InstanceArgs =>
    ({ engine: "mysql", instanceClass: "db.t3.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true, ...extra });

describe("rds-configuration-supported: orderable options", () => {
    beforeEach(() => { resetDataFiles(); setClock("2026-12-01T00:00:00Z"); });
    afterEach(() => { setClock(); resetDataFiles(); });

    describe("Performance Insights", () => {
        it("reports it on a class that does not support it, with AWS's error; the fix from the message is clean", async () => {
            const reported = run(await program(() => { new aws.rds.Instance("db", mysql({ performanceInsightsEnabled: true })); }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /^performanceInsightsEnabled: Performance Insights is not available on db\.t3\.micro for mysql; set performanceInsightsEnabled: false or use a larger class\.$/m);
            assert.match(reported[0].message, /"InvalidParameterCombination: Performance Insights not supported for this configuration\."/);
            assert.strictEqual(reported[0].level, "mandatory");
            assert.deepStrictEqual(run(await program(() => {
                new aws.rds.Instance("off", mysql({ performanceInsightsEnabled: false }));
                new aws.rds.Instance("bigger", mysql({ instanceClass: "db.m7g.large", performanceInsightsEnabled: true }));
            })), []);
        });

        it("reads an Aurora member's class and its cluster's version (v6 shapes too); supported classes are clean", async () => {
            const reported = run(await program(() => {
                const cluster = new aws6.rds.Cluster("c", { engine: "aurora-mysql", engineVersion: A3, masterUsername: "app", manageMasterUserPassword: true });
                new aws6.rds.ClusterInstance("small", { clusterIdentifier: cluster.id, engine: "aurora-mysql", instanceClass: "db.t3.medium", performanceInsightsEnabled: true });
                new aws.rds.ClusterInstance("big", { clusterIdentifier: cluster.id, engine: "aurora-mysql", instanceClass: "db.r7g.large", performanceInsightsEnabled: true });
            }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /Performance Insights is not available on db\.t3\.medium for aurora-mysql/);
        });
    });

    describe("instance classes per engine version", () => {
        it("reports db.t3.small on Aurora MySQL 3 with AWS's error and a version the class supports; Aurora MySQL 2 is clean", async () => {
            const reported = run(await program(() => {
                const cluster = new aws.rds.Cluster("c", { engine: "aurora-mysql", engineVersion: A3, masterUsername: "app", manageMasterUserPassword: true });
                new aws.rds.ClusterInstance("writer", { clusterIdentifier: cluster.id, engine: "aurora-mysql", instanceClass: "db.t3.small" });
            }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /^instanceClass: db\.t3\.small is not offered for aurora-mysql 8\.0\.mysql_aurora\.3\.05\.2: use a newer class, or version 5\.7\.mysql_aurora\.2\.11\.2\.$/m);
            assert.match(reported[0].message, /DBInstanceClass=db\.t3\.small, Engine=aurora-mysql, EngineVersion=8\.0\.mysql_aurora\.3\.05\.2/);
            assert.deepStrictEqual(run(await program(() => {
                const v2 = new aws.rds.Cluster("v2", { engine: "aurora-mysql", engineVersion: "5.7.mysql_aurora.2.11.2", masterUsername: "app", manageMasterUserPassword: true });
                new aws.rds.ClusterInstance("writer", { clusterIdentifier: v2.id, engine: "aurora-mysql", instanceClass: "db.t3.small" });
                const v3 = new aws.rds.Cluster("v3", { engine: "aurora-mysql", engineVersion: A3, masterUsername: "app", manageMasterUserPassword: true });
                new aws.rds.ClusterInstance("fixed", { clusterIdentifier: v3.id, engine: "aurora-mysql", instanceClass: "db.r7g.large" });
            })), []);
        });

        it("judges short and major versions only when every version they name agrees; an existing instance is advisory", () => {
            assert.strictEqual(supports({ supported: ["8.0.a.1"], unsupported: ["8.0.a.2"] }, "x", "8.0"), "unknown");
            assert.strictEqual(supports({ unsupported: ["8.0.a.1", "8.0.a.2"] }, "x", "8.0"), "no");
            assert.strictEqual(supports({ unsupported: [A3] }, "aurora-mysql", "3.05.2"), "no");
            assert.strictEqual(supports({ unsupported: ["*"] }, "x", undefined), "no");
            assert.strictEqual(supports({ unsupported: [A3] }, "aurora-mysql", undefined), "unknown");
            const reported = run([record("aws:rds/clusterInstance:ClusterInstance", "old", { id: "old", engine: "aurora-mysql", engineVersion: "8.0", instanceClass: "db.t3.small" })]);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].level, "advisory");
            assert.match(reported[0].message, /It already exists/);
        });
    });

    describe("global databases", () => {
        it("reports a global cluster on a version without global support, with AWS's error; a supported version is clean", async () => {
            const reported = run(await program(() => {
                new aws.rds.GlobalCluster("g", { globalClusterIdentifier: "g", engine: "aurora-mysql", engineVersion: "5.7.mysql_aurora.2.04.9" });
            }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /^engineVersion: aurora-mysql 5\.7\.mysql_aurora\.2\.04\.9 does not support Aurora global databases; use 8\.0\.mysql_aurora\.3\.05\.2 or 8\.0\.mysql_aurora\.3\.04\.0\.$/m);
            assert.match(reported[0].message, /The requested engine version was not found or does not support global functionality/);
            assert.deepStrictEqual(run(await program(() => {
                new aws.rds.GlobalCluster("g", { globalClusterIdentifier: "g", engine: "aurora-mysql", engineVersion: A3 });
            })), []);
        });

        it("reports a member cluster's version and a member class without global support (from live data)", async () => {
            const reported = run(await program(() => {
                const g = new aws.rds.GlobalCluster("g", { globalClusterIdentifier: "g", engine: "aurora-mysql" });
                const old = new aws.rds.Cluster("old", { engine: "aurora-mysql", engineVersion: "5.6.mysql_aurora.1.22.3", globalClusterIdentifier: g.id, masterUsername: "app", manageMasterUserPassword: true });
                const c = new aws.rds.Cluster("c", { engine: "aurora-mysql", engineVersion: A3, globalClusterIdentifier: g.id, masterUsername: "app", manageMasterUserPassword: true });
                new aws.rds.ClusterInstance("burst", { clusterIdentifier: c.id, engine: "aurora-mysql", instanceClass: "db.t3.medium" });
                new aws.rds.ClusterInstance("ok", { clusterIdentifier: c.id, engine: "aurora-mysql", instanceClass: "db.r7g.large" });
                void old;
            }));
            assert.strictEqual(reported.length, 2, JSON.stringify(reported));
            assert.ok(reported.some(r => /^engineVersion: aurora-mysql 5\.6\.mysql_aurora\.1\.22\.3 does not support/m.test(r.message)));
            assert.ok(reported.some(r => /^instanceClass: db\.t3\.medium does not support Aurora global databases/m.test(r.message)));
        });
    });

    it("stays silent on unknown, secret and uncovered inputs, and survives wrong shapes", () => {
        const INSTANCE = "aws:rds/instance:Instance";
        const weird: Record<string, unknown>[] = [
            { engine: "mysql", instanceClass: UNKNOWN, performanceInsightsEnabled: true },
            { engine: UNKNOWN, instanceClass: "db.t3.micro", performanceInsightsEnabled: true },
            { engine: "mysql", instanceClass: "db.t3.micro", performanceInsightsEnabled: UNKNOWN },
            { engine: "postgres", instanceClass: "db.t3.micro", performanceInsightsEnabled: true },
            { engine: "mysql", instanceClass: "db.t3.micro", performanceInsightsEnabled: "true" },
            { engine: secret("mysql"), instanceClass: secret("db.t3.micro"), performanceInsightsEnabled: true },
            { engine: ["mysql"], instanceClass: { a: 1 }, engineVersion: [null] },
            { engine: "constructor", instanceClass: "__proto__", performanceInsightsEnabled: true },
        ];
        const records = weird.map((props, i) => record(INSTANCE, `w${i}`, props));
        records.push(record("aws:rds/globalCluster:GlobalCluster", "g", { engine: "aurora-mysql", engineVersion: UNKNOWN }));
        records.push(record("aws:rds/cluster:Cluster", "c", { engine: "aurora-mysql", engineVersion: "8.0.mysql_aurora.9.99.0", globalClusterIdentifier: UNKNOWN }));
        const reported = run(records);
        // Only "true" as a string (how some providers hand booleans over) is reported; a secret class is never judged.
        assert.deepStrictEqual(reported.map(r => (r.urn ?? "").split("::").pop()), ["w4"], JSON.stringify(reported));
    });

    it("loads the data only when the stack has RDS resources, and notes unusable data once", () => {
        run([record("aws:s3/bucket:Bucket", "b", {})], {});
        assert.deepStrictEqual(loadedDataFiles().filter(f => /orderable/.test(f)), []);
        const reported = run([record("aws:rds/instance:Instance", "db", { engine: "mysql", instanceClass: "db.t3.micro", performanceInsightsEnabled: true })],
            { dataFile: "/nonexistent/rds-orderable-options.json" });
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /could not use its data file .*the file does not exist/);
        assert.strictEqual(reported[0].level, "advisory");
        resetDataFiles();
        run([record("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.t4g.micro" })], {});
        assert.deepStrictEqual(loadedDataFiles().filter(f => /orderable/.test(f)), [], "nothing to judge without PI, Aurora or global");
        run([record("aws:rds/clusterInstance:ClusterInstance", "db", { engine: "aurora-mysql", instanceClass: "db.r7g.large" })], {});
        assert.ok(loadedDataFiles().includes(shippedDataFile("rds-orderable-options")));
    });

    it("the shipped data covers the documented rules", () => {
        const reported = run([record("aws:rds/instance:Instance", "db", { engine: "mysql", instanceClass: "db.t4g.micro", performanceInsightsEnabled: true })], {});
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /db\.t4g\.micro for mysql/);
    });
});
