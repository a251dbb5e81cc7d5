import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { elasticacheEngineVersionSupported } from "../../../policies/versions/elasticache-engine-version-supported";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { StackSettings, validateOne } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { fixture, useFixtureClock } from "./fixtures";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const DATA = { dataFile: fixture("elasticache-engine-versions") };
const STACK: StackSettings = { config: { "aws:region": "eu-west-1" } };

const group = (args: Partial<aws.elasticache.ReplicationGroupArgs> | Record<string, unknown>) =>
    ({ type: REPLICATION_GROUP, properties: { description: "cache", ...args } as Record<string, unknown> });
const cluster = (args: Partial<aws.elasticache.ClusterArgs> | Record<string, unknown>) => ({ type: CLUSTER, properties: args as Record<string, unknown> });
const check = (resource: { type: string; properties: Record<string, unknown>; outputs?: Record<string, unknown> }, config: Record<string, unknown> = {}) =>
    validateOne(elasticacheEngineVersionSupported, resource, { ...DATA, ...config }, STACK);

describe("elasticache-engine-version-supported", () => {
    useFixtureClock();

    it("has its public metadata", () => {
        const p = elasticacheEngineVersionSupported.policy;
        assert.strictEqual(p.name, "elasticache-engine-version-supported");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["dataFile", "maxDataAgeDays"]);
        assert.strictEqual(p.configSchema!.properties.maxDataAgeDays.default, 180);
        assert.deepStrictEqual(elasticacheEngineVersionSupported.metadata.resourceTypes, [REPLICATION_GROUP, CLUSTER]);
    });

    it("reports Redis 7 without the minor on a recorded replication group (engine defaults to redis)", async () => {
        const records = await recordProgram(() => {
            new aws.elasticache.ReplicationGroup("cache", { description: "sessions", engineVersion: "7", nodeType: "cache.t4g.micro" });
        }, { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } });
        const reported = validateOne(elasticacheEngineVersionSupported, records.find(r => r.type === REPLICATION_GROUP)!, DATA, STACK);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(reported[0].message, /^engineVersion: "7" is not a form ElastiCache accepts for redis: use "7\.1"\.\n\nredis 7 and later need <major>\.<minor>/m);
        assert.match(reported[0].message, /redis 7 versions: 7\.1, 7\.0\.$/);
    });

    it("the fix from the message validates clean", () => {
        const reported = check(group({ engineVersion: "7" }));
        const fixed = /: use "([^"]+)"/.exec(reported[0].message)![1];
        assert.deepStrictEqual(check(group({ engineVersion: fixed })), []);
    });

    it("accepts listed versions and the 6.x form", () => {
        for (const engineVersion of ["7.1", "7.0", "6.2", "6.x", "5.0.6"]) {
            assert.deepStrictEqual(check(group({ engineVersion })), [], engineVersion);
        }
        assert.deepStrictEqual(check(group({ engine: "valkey", engineVersion: "8.0" })), []);
        assert.deepStrictEqual(check(cluster({ engine: "memcached", engineVersion: "1.6.22" })), []);
        assert.deepStrictEqual(check(cluster({ engine: "redis", engineVersion: "7.1" })), []);
    });

    it("reports the forms ElastiCache does not take", () => {
        const cases: [Record<string, unknown>, RegExp][] = [
            [{ engineVersion: "7.x" }, /: use "7\.1"\.\n\nredis 7 and later need <major>\.<minor>/],
            [{ engineVersion: "6" }, /: use "6\.2"\.\n\nredis 6 takes <major>\.<minor> or 6\.x/],
            [{ engineVersion: "5" }, /: use "5\.0\.6"\.\n\nredis 5 needs the full version/],
            [{ engineVersion: "7.0.7" }, /"7\.0\.7" names a patch release: use "7\.0"\./],
            [{ engine: "valkey", engineVersion: "8" }, /: use "8\.0"\.\n\nvalkey 8 and later need <major>\.<minor>/],
            [{ engineVersion: "5.0.0" }, /"5\.0\.0" is not a version of redis that ElastiCache offers: use "5\.0\.6"\./],
            [{ engine: "memcached", engineVersion: "1.6" }, /"1\.6" is not a version of memcached[^]*1\.6\.22, 1\.6\.17/],
        ];
        for (const [props, expected] of cases) {
            const reported = check(group(props));
            assert.strictEqual(reported.length, 1, JSON.stringify(props));
            assert.strictEqual(reported[0].level, "mandatory", JSON.stringify(props));
            assert.match(reported[0].message, expected);
        }
    });

    it("gives an advisory for versions newer than the data", () => {
        const reported = check(group({ engine: "valkey", engineVersion: "9.1" }));
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /newer than the pack's data \(newest 8\.0\), so it was not checked/);
    });

    it("reports an unknown engine", () => {
        const reported = check(cluster({ engine: "redis-oss", engineVersion: "7.1" }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^engine: "redis-oss" is not an ElastiCache engine/m);
        assert.match(reported[0].message, /is not an ElastiCache engine: use "redis"\./);
        assert.strictEqual(reported[0].level, "mandatory", "a known engine plus a suffix is a misspelling");
        const other = check(cluster({ engine: "dragonfly", engineVersion: "1.0" }));
        assert.strictEqual(other[0].level, "advisory");
        assert.match(other[0].message, /not an ElastiCache engine the pack's data knows/);
    });

    it("stays silent on unknown values, missing values and wrong shapes", () => {
        const cases: Record<string, unknown>[] = [
            { engineVersion: UNKNOWN },
            { engine: UNKNOWN, engineVersion: "7" },
            {},
            { engineVersion: 7 },
            { engineVersion: ["7"] },
            { engineVersion: { major: 7 } },
            { engineVersion: [null] },
            { engine: 42, engineVersion: "7" },
        ];
        for (const props of cases) {
            assert.deepStrictEqual(check(group(props)), [], JSON.stringify(props));
        }
        // A cluster that joins a replication group has no engine of its own.
        assert.deepStrictEqual(check(cluster({ replicationGroupId: "rg", engineVersion: "7" })), []);
    });

    it("never prints a secret value", () => {
        const reported = check(group({ engineVersion: secret("7.0.7") }));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("7.0.7"), reported[0].message);
    });

    it("maxDataAgeDays and dataFile", () => {
        const old = check(group({ engineVersion: "7.1" }), { maxDataAgeDays: 10 });
        assert.strictEqual(old.length, 1);
        assert.strictEqual(old[0].level, "advisory");
        assert.match(old[0].message, /96 days old \(maxDataAgeDays: 10\)/);
        const broken = check(group({ engineVersion: "7" }), { dataFile: "/nonexistent.json" });
        assert.strictEqual(broken.length, 1);
        assert.match(broken[0].message, /could not use its data file/);
        const shipped = validateOne(elasticacheEngineVersionSupported, group({ engineVersion: "7" }), {}, STACK);
        assert.ok(shipped.some(r => /redis 7 and later need <major>\.<minor>/.test(r.message)), JSON.stringify(shipped));
    });

    it("is mandatory for a replication group being created and advisory for one that exists", () => {
        const inputs = { description: "sessions", engineVersion: "7" };
        const created = check({ ...group(inputs), outputs: { ...inputs, engine: "redis", id: UNKNOWN, arn: UNKNOWN } });
        assert.strictEqual(created.length, 1);
        assert.strictEqual(created[0].level, "mandatory");
        const existing = check({ ...group(inputs), outputs: { ...inputs, engine: "redis", id: "sessions", arn: "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:sessions" } });
        assert.strictEqual(existing.length, 1);
        assert.strictEqual(existing[0].level, "advisory");
        assert.match(existing[0].message, /: move to "7\.1"\.\n\n.*This one already exists and keeps running/);
    });
});
