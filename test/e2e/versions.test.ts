// End to end: the compiled pack, launched as the Pulumi CLI launches it, configured over gRPC with the schema
// defaults plus a policy config, analyzing resources of the versions family.
import * as assert from "assert";
import * as path from "path";
import { Diagnostic, PACK_DIR, PolicyPackProcess, UNKNOWN } from "../../lib/runner/engine";
import { record } from "../harness/policy-harness";

const FIXTURES = path.join(PACK_DIR, "test", "fixtures", "versions");
const POLICIES = ["rds-engine-version-supported", "rds-instance-class-supported", "elasticache-engine-version-supported", "lambda-runtime-supported"];

describe("versions end to end", () => {
    let pack: PolicyPackProcess | undefined;

    after(async () => {
        await pack?.close();
    });

    it("reports deprecated versions, missing instance classes, the Redis 7 form and blocked runtimes over the analyzer protocol", async () => {
        ({ pack } = await PolicyPackProcess.launch(PACK_DIR, { stack: "dev", project: "app", config: { "aws:region": "ap-northeast-1" } }));
        const info = await pack.getAnalyzerInfo();
        for (const name of POLICIES) {
            const policy = info.policies.find(p => p.name === name);
            assert.ok(policy, name);
            assert.strictEqual(policy.enforcementLevel, "mandatory", name);
            assert.strictEqual(policy.policyType, "resource", name);
            assert.strictEqual(policy.configSchema.maxDataAgeDays.default, 180, name);
            assert.ok("dataFile" in policy.configSchema, name);
        }
        assert.strictEqual(info.policies.find(p => p.name === "lambda-runtime-supported")!.configSchema.warnDays.default, 90);

        // The fixture data (dated 2026-08-19) for all but the RDS versions, which run on the shipped data; the data-age
        // note is switched off so the test does not depend on today's date.
        await pack.configure(info.policies, {
            "rds-engine-version-supported": { maxDataAgeDays: 0 },
            "rds-instance-class-supported": { dataFile: path.join(FIXTURES, "rds-instance-classes.json"), maxDataAgeDays: 0 },
            "elasticache-engine-version-supported": { dataFile: path.join(FIXTURES, "elasticache-engine-versions.json"), maxDataAgeDays: 0 },
            "lambda-runtime-supported": { dataFile: path.join(FIXTURES, "lambda-runtimes.json"), maxDataAgeDays: 0 },
        });

        const ours = (diagnostics: Diagnostic[]) => diagnostics.filter(d => POLICIES.includes(d.policyName));

        const db = await pack.analyze(record("aws:rds/instance:Instance", "db",
            { engine: "postgres", engineVersion: "15.5", instanceClass: "db.m9g.large", allocatedStorage: 20 }));
        const dbDiagnostics = ours(db);
        assert.strictEqual(dbDiagnostics.length, 2, JSON.stringify(dbDiagnostics));
        const version = dbDiagnostics.find(d => d.policyName === "rds-engine-version-supported")!;
        assert.strictEqual(version.enforcementLevel, "mandatory");
        assert.match(version.message, /engineVersion: postgres 15\.5 can no longer be created/);
        assert.match(version.message, /Cannot find version 15\.5 for postgres/);
        assert.match(version.message, /15\.13/);
        const instanceClass = dbDiagnostics.find(d => d.policyName === "rds-instance-class-supported")!;
        assert.match(instanceClass.message, /db\.m9g\.large is not offered for postgres in ap-northeast-1.*Use instanceClass: "db\.m8g\.large"/);

        assert.deepStrictEqual(ours(await pack.analyze(record("aws:rds/instance:Instance", "fixed",
            { engine: "postgres", engineVersion: "15", instanceClass: "db.m8g.large" }))), []);
        assert.deepStrictEqual(ours(await pack.analyze(record("aws:rds/cluster:Cluster", "unknown",
            { engine: "aurora-postgresql", engineVersion: UNKNOWN }))), []);

        const cache = ours(await pack.analyze(record("aws:elasticache/replicationGroup:ReplicationGroup", "cache",
            { description: "sessions", engineVersion: "7" })));
        assert.strictEqual(cache.length, 1);
        assert.match(cache[0].message, /redis 7 and later need <major>\.<minor>.*Use engineVersion: "7\.1"/);

        const fn = ours(await pack.analyze(record("aws:lambda/function:Function", "api",
            { runtime: "nodejs14.x", handler: "index.handler", role: "arn:aws:iam::123456789012:role/api" })));
        assert.strictEqual(fn.length, 1);
        assert.strictEqual(fn[0].enforcementLevel, "mandatory");
        assert.match(fn[0].message, /The runtime parameter of nodejs14\.x is no longer supported for creating or updating AWS Lambda functions/);
        assert.deepStrictEqual(ours(await pack.analyze(record("aws:lambda/function:Function", "image",
            { packageType: "Image", imageUri: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/api:1", role: "arn:aws:iam::123456789012:role/api" }))), []);
    });
});
