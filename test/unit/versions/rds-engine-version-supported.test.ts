import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { rdsEngineVersionSupported } from "../../../policies/versions/rds-engine-version-supported";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { StackSettings, validateOne } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { fixture, useFixtureClock } from "./fixtures";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
const DATA = { dataFile: fixture("rds-engine-versions") };
const TOKYO = { config: { "aws:region": "ap-northeast-1" } };

const instance = (args: Partial<aws.rds.InstanceArgs> | Record<string, unknown>) => ({ type: INSTANCE, properties: args as Record<string, unknown> });
const cluster = (args: Partial<aws.rds.ClusterArgs> | Record<string, unknown>) => ({ type: CLUSTER, properties: args as Record<string, unknown> });
const check = (resource: { type: string; properties: Record<string, unknown>; outputs?: Record<string, unknown> }, config: Record<string, unknown> = {}, stack: StackSettings = TOKYO) =>
    validateOne(rdsEngineVersionSupported, resource, { ...DATA, ...config }, stack);

describe("rds-engine-version-supported", () => {
    useFixtureClock();

    it("has its public metadata", () => {
        const p = rdsEngineVersionSupported.policy;
        assert.strictEqual(p.name, "rds-engine-version-supported");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["dataFile", "maxDataAgeDays"]);
        assert.strictEqual(p.configSchema!.properties.maxDataAgeDays.default, 180);
        assert.strictEqual(p.configSchema!.properties.dataFile.default, undefined);
        assert.deepStrictEqual(rdsEngineVersionSupported.metadata.resourceTypes, [INSTANCE, CLUSTER, GLOBAL_CLUSTER]);
    });

    it("reports a deprecated postgres minor of a recorded program with the AWS error and the 15.13+ versions, newest first", async () => {
        const records = await recordProgram(() => {
            new aws.rds.Instance("db", { engine: "postgres", engineVersion: "15.5", instanceClass: "db.t4g.micro", allocatedStorage: 20 });
        }, { project: "app", stack: "dev", config: { "aws:region": "ap-northeast-1" } });
        const recorded = records.find(r => r.type === INSTANCE)!;
        const reported = validateOne(rdsEngineVersionSupported, recorded, DATA, TOKYO);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        const message = reported[0].message;
        assert.match(message, /^engineVersion: "15\.5" can no longer be created for postgres: use "15\.15" \(or "15"\)\.\n\nRDS deprecated it/m);
        assert.match(message, /"InvalidParameterCombination: Cannot find version 15\.5 for postgres"/);
        assert.match(message, /postgres 15 versions that can be created: 15\.15, 15\.14, 15\.13\./);
        assert.match(message, /"15" gets the default minor version/);
        assert.match(message, /Other majors: 16\.4, 17\.2\./);
    });

    it("is mandatory for a DB being created and advisory, with an upgrade headline, for one that exists", () => {
        const created = check({ ...instance({ engine: "postgres", engineVersion: "15.5" }), outputs: { engine: "postgres", engineVersion: "15.5", id: UNKNOWN, arn: UNKNOWN } });
        assert.strictEqual(created.length, 1);
        assert.strictEqual(created[0].level, "mandatory");
        assert.match(created[0].message, /: use "15\.15" \(or "15"\)\.\n\n.*pulumi up fails with/);
        const existing = check({ ...instance({ engine: "postgres", engineVersion: "15.5" }),
            outputs: { engine: "postgres", engineVersion: "15.5", id: "db-1", arn: "arn:aws:rds:ap-northeast-1:123456789012:db:db-1" } });
        assert.strictEqual(existing.length, 1);
        assert.strictEqual(existing[0].level, "advisory");
        assert.match(existing[0].message, /^engineVersion: "15\.5" can no longer be created for postgres: upgrade to "15\.15" \(or "15"\)\.\n\n/m);
        assert.match(existing[0].message, /This DB instance already exists and keeps running; RDS rejects the version when it creates one/);
        const misspelt = check({ type: INSTANCE, properties: { engine: "postgresql", engineVersion: "15.13" }, outputs: { engine: "postgresql", engineVersion: "15.13", id: "db-1" } });
        assert.strictEqual(misspelt[0].level, "advisory", "an existing DB's engine was accepted by AWS");
        assert.match(rdsEngineVersionSupported.metadata.docs.failure, /advisory for one that already exists/);
        assert.strictEqual(rdsEngineVersionSupported.kind, "stack");
    });

    it("the fix from the message validates clean", () => {
        const reported = check(instance({ engine: "postgres", engineVersion: "15.5" }));
        const fixed = /: use "([^"]+)"/.exec(reported[0].message)![1];
        assert.deepStrictEqual(check(instance({ engine: "postgres", engineVersion: fixed })), []);
    });

    it("accepts current minors, a major alone and a prefix with creatable versions", () => {
        for (const engineVersion of ["15.13", "15.15", "17.2", "15", "16", "17"]) {
            assert.deepStrictEqual(check(instance({ engine: "postgres", engineVersion })), [], engineVersion);
        }
        assert.deepStrictEqual(check(instance({ engine: "mysql", engineVersion: "8.0" })), []);
        assert.deepStrictEqual(check(cluster({ engine: "aurora-mysql", engineVersion: "8.0" })), []);
    });

    it("reports a major whose versions are all deprecated and points at the next majors", () => {
        const reported = check(instance({ engine: "postgres", engineVersion: "9.6" }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /Every postgres 9\.6 version is deprecated: use "15\.15" \(a major upgrade: test your application\)\.\n\n9\.6\.24, 9\.6\.1 \(data of/);
        assert.match(reported[0].message, /closest majors: 15\.15, 16\.4, 17\.2\./);
    });

    it("reports an unknown version with the closest creatable ones", () => {
        const reported = check(instance({ engine: "postgres", engineVersion: "15.99.1" }));
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "advisory", "newer than the data: it may have been released since");
        assert.match(reported[0].message, /newer than the pack's data \(newest 15\.15\), so it was not checked/);
        const older = check(instance({ engine: "postgres", engineVersion: "15.0" }));
        assert.strictEqual(older[0].level, "mandatory");
        assert.match(older[0].message, /"15\.0" is not a version of postgres that RDS offers/);
        assert.match(older[0].message, /Cannot find version 15\.0 for postgres/);
        assert.match(older[0].message, /15\.15, 15\.14, 15\.13/);
    });

    it("maps the short Aurora MySQL form (3.09.0, 3.05.2) to the full version instead of suggesting MySQL 5.7", () => {
        const creatable = check(cluster({ engine: "aurora-mysql", engineVersion: "3.09.0" }));
        assert.strictEqual(creatable.length, 1);
        assert.strictEqual(creatable[0].level, "mandatory");
        assert.match(creatable[0].message, /is not an aurora-mysql version: write it with its MySQL major, "8\.0\.mysql_aurora\.3\.09\.0"\.\n/);
        assert.match(creatable[0].message, /^engineVersion: "3\.09\.0"/m);
        const deprecated = check(cluster({ engine: "aurora-mysql", engineVersion: "3.05.2" }))[0].message;
        assert.match(deprecated, /"8\.0\.mysql_aurora\.3\.05\.2" cannot be created either/);
        assert.match(deprecated, /cannot be created either: use "8\.0\.mysql_aurora\.3\.10\.0"/);
        assert.ok(!/use "5\.7/.test(deprecated), deprecated);
        const fixed = /MySQL major, "([^"]+)"/.exec(creatable[0].message)![1];
        assert.deepStrictEqual(check(cluster({ engine: "aurora-mysql", engineVersion: fixed })), []);
        assert.match(check(cluster({ engine: "aurora-mysql", engineVersion: "2.12.5" }))[0].message, /"5\.7\.mysql_aurora\.2\.12\.5"/);
    });

    it("reports a version with surrounding spaces as malformed, not as newer than the data", () => {
        const reported = check(instance({ engine: "postgres", engineVersion: " 15.13" }));
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(reported[0].message, /has spaces around it: use "15\.13"\./);
        assert.deepStrictEqual(check(instance({ engine: "postgres", engineVersion: "15.13" })), []);
    });

    it("compares aurora-mysql versions numerically segment by segment", () => {
        const reported = check(cluster({ engine: "aurora-mysql", engineVersion: "8.0.mysql_aurora.3.05.2" }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /Cannot find version 8\.0\.mysql_aurora\.3\.05\.2 for aurora-mysql/);
        // 3.10.0 is newer than 3.09.0: newest first.
        assert.match(reported[0].message, /aurora-mysql 8\.0 versions that can be created: 8\.0\.mysql_aurora\.3\.10\.0, 8\.0\.mysql_aurora\.3\.09\.0\./);
        assert.ok(!/or engineVersion: "8\.0"/.test(reported[0].message), "no major alias suggested for aurora-mysql");
        assert.deepStrictEqual(check(cluster({ engine: "aurora-mysql", engineVersion: "8.0.mysql_aurora.3.10.0" })), []);
    });

    it("reports deprecated aurora-postgresql clusters and global clusters", () => {
        const reported = check(cluster({ engine: "aurora-postgresql", engineVersion: "15.5" }));
        assert.match(reported[0].message, /Cannot find version 15\.5 for aurora-postgresql/);
        assert.match(reported[0].message, /aurora-postgresql 15 versions that can be created: 15\.13\./);
        const global = check({ type: GLOBAL_CLUSTER, properties: { globalClusterIdentifier: "g", engine: "aurora-postgresql", engineVersion: "14.3" } });
        assert.strictEqual(global.length, 1);
        assert.match(global[0].message, /No aurora-postgresql 14 version can be created any more/);
    });

    it("reports an unknown engine with a suggestion, and is silent on engines without version data", () => {
        const reported = check(instance({ engine: "postgresql", engineVersion: "15.13" }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^engine: "postgresql" is not an RDS engine/m);
        assert.match(reported[0].message, /is not an RDS engine: use "postgres"\./);
        assert.strictEqual(reported[0].level, "mandatory", "a clear misspelling");
        // An engine the data does not list and that is no misspelling may be newer than the data: advisory.
        const newer = check(instance({ engine: "db2-ae", engineVersion: "11.5" }));
        assert.strictEqual(newer.length, 1);
        assert.strictEqual(newer[0].level, "advisory");
        assert.match(newer[0].message, /"db2-ae" is not an RDS engine the pack's data knows, so it was not checked: refresh the data\.\n\nIf AWS added it recently/);
        assert.deepStrictEqual(check(instance({ engine: "oracle-ee", engineVersion: "19.0.0.0.ru-2020-04.rur-2020-04.r1" })), []);
        assert.deepStrictEqual(check(instance({ engine: "Postgres", engineVersion: "15.13" })), [], "engine names are case-insensitive");
    });

    it("per-region data wins over global data", () => {
        const paris = { config: { "aws:region": "eu-west-3" } };
        const reported = check(instance({ engine: "postgres", engineVersion: "15.13" }), {}, paris);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /"15\.13" can no longer be created for postgres in eu-west-3/);
        assert.match(reported[0].message, /: use "15\.14"/);
        assert.deepStrictEqual(check(instance({ engine: "postgres", engineVersion: "15.13" })), [], "global data elsewhere");
        // The resource's own region (v7) decides.
        assert.strictEqual(check(instance({ engine: "postgres", engineVersion: "15.13", region: "eu-west-3" })).length, 1);
        // Engines the region has no data for use the global data.
        assert.deepStrictEqual(check(instance({ engine: "mysql", engineVersion: "8.0.42" }), {}, paris), []);
    });

    it("stays silent on unknown values, missing values and wrong shapes", () => {
        const cases: Record<string, unknown>[] = [
            { engine: UNKNOWN, engineVersion: "15.5" },
            { engine: "postgres", engineVersion: UNKNOWN },
            { engine: "postgres" },
            { engineVersion: "15.5" },
            {},
            { engine: "postgres", engineVersion: 15.5 },
            { engine: ["postgres"], engineVersion: "15.5" },
            { engine: { name: "postgres" }, engineVersion: "15.5" },
            { engine: "postgres", engineVersion: [null] },
            { engine: null, engineVersion: null },
            { engine: "", engineVersion: "" },
        ];
        for (const props of cases) {
            assert.deepStrictEqual(check(instance(props)), [], JSON.stringify(props));
        }
        // An unknown region: global data.
        assert.strictEqual(check(instance({ engine: "postgres", engineVersion: "15.5", region: UNKNOWN }), {}, {}).length, 1);
    });

    it("never prints a secret value", () => {
        const reported = check(instance({ engine: "postgres", engineVersion: secret("15.12") }));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("15.12"), reported[0].message);
    });

    it("maxDataAgeDays: one advisory per process when the data is older, none when 0", () => {
        const first = check(instance({ engine: "postgres", engineVersion: "15.13" }), { maxDataAgeDays: 30 });
        assert.strictEqual(first.length, 1);
        assert.strictEqual(first[0].level, "advisory");
        assert.match(first[0].message, /from 2026-08-19, 96 days old \(maxDataAgeDays: 30\)/);
        assert.match(first[0].message, /npm run data:refresh/);
        assert.deepStrictEqual(check(instance({ engine: "postgres", engineVersion: "15.14" }), { maxDataAgeDays: 30 }), [], "only once");
        assert.deepStrictEqual(check(instance({ engine: "postgres", engineVersion: "15.13" }), { maxDataAgeDays: 100 }), []);
    });

    it("dataFile: a missing or wrong file gives one advisory and checks nothing", () => {
        const missing = check(instance({ engine: "postgres", engineVersion: "15.5" }), { dataFile: "/nonexistent/versions.json" });
        assert.strictEqual(missing.length, 1);
        assert.strictEqual(missing[0].level, "advisory");
        assert.match(missing[0].message, /could not use its data file \/nonexistent\/versions\.json: the file does not exist/);
        const wrongKind = check(instance({ engine: "postgres", engineVersion: "15.5" }), { dataFile: fixture("lambda-runtimes") });
        assert.match(wrongKind[0].message, /"format" is "aws-preflight\/lambda-runtimes@1", expected "aws-preflight\/rds-engine-versions@1"/);
        assert.deepStrictEqual(check(instance({ engine: "postgres", engineVersion: "15.5" }), { dataFile: "/nonexistent/versions.json" }), [],
            "the note comes once");
    });

    it("without dataFile it uses the shipped data", () => {
        const reported = validateOne(rdsEngineVersionSupported, instance({ engine: "postgres", engineVersion: "15.5" }), {}, TOKYO);
        assert.ok(reported.some(r => /Cannot find version 15\.5 for postgres/.test(r.message)), JSON.stringify(reported));
    });
});
