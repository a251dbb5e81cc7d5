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
            assert.strictEqual(policy.policyType, "stack", name);
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

        // Only AnalyzeStack tells a create from an existing resource: Analyze reports nothing for these policies.
        const created = (type: string, name: string, inputs: Record<string, unknown>) =>
            record(type, name, inputs, { outputs: { ...inputs, id: UNKNOWN, arn: UNKNOWN } });
        const existing = (type: string, name: string, inputs: Record<string, unknown>, id: string) =>
            record(type, name, inputs, { outputs: { ...inputs, id, arn: `arn:aws:${id}` } });
        const dbInputs = { engine: "postgres", engineVersion: "15.5", instanceClass: "db.m9g.large", allocatedStorage: 20 };
        assert.deepStrictEqual(ours(await pack.analyze(created("aws:rds/instance:Instance", "db", dbInputs))), []);

        const dbDiagnostics = ours(await pack.analyzeStack([created("aws:rds/instance:Instance", "db", dbInputs)]));
        assert.strictEqual(dbDiagnostics.length, 2, JSON.stringify(dbDiagnostics));
        const version = dbDiagnostics.find(d => d.policyName === "rds-engine-version-supported")!;
        assert.strictEqual(version.enforcementLevel, "mandatory");
        assert.match(version.message, /engineVersion: "15\.5" can no longer be created for postgres: use "15\.\d+" \(or "15"\)\.\n\n/);
        assert.match(version.message, /Cannot find version 15\.5 for postgres/);
        const instanceClass = dbDiagnostics.find(d => d.policyName === "rds-instance-class-supported")!;
        assert.strictEqual(instanceClass.enforcementLevel, "mandatory");
        assert.match(instanceClass.message, /db\.m9g\.large is not offered for postgres in ap-northeast-1: use "db\.m8g\.large"/);

        // The same DB as the engine sends it when it already exists (outputs known from the state): advisories.
        const dbExisting = ours(await pack.analyzeStack([existing("aws:rds/instance:Instance", "db", dbInputs, "db-1")]));
        assert.strictEqual(dbExisting.length, 2, JSON.stringify(dbExisting));
        assert.ok(dbExisting.every(d => d.enforcementLevel === "advisory"), JSON.stringify(dbExisting));
        assert.match(dbExisting.find(d => d.policyName === "rds-engine-version-supported")!.message,
            /: upgrade to "15\.\d+" \(or "15"\)\.\n\nRDS deprecated it[^]*This DB instance already exists and keeps running/);

        assert.deepStrictEqual(ours(await pack.analyzeStack([created("aws:rds/instance:Instance", "fixed",
            { engine: "postgres", engineVersion: "15", instanceClass: "db.m8g.large" })])), []);
        assert.deepStrictEqual(ours(await pack.analyzeStack([created("aws:rds/cluster:Cluster", "unknown",
            { engine: "aurora-postgresql", engineVersion: UNKNOWN })])), []);

        const cache = ours(await pack.analyzeStack([created("aws:elasticache/replicationGroup:ReplicationGroup", "cache",
            { description: "sessions", engineVersion: "7" })]));
        assert.strictEqual(cache.length, 1);
        assert.match(cache[0].message, /"7" is not a form ElastiCache accepts for redis: use "7\.1"/);

        const fnInputs = { runtime: "nodejs14.x", handler: "index.handler", role: "arn:aws:iam::123456789012:role/api" };
        const fn = ours(await pack.analyzeStack([created("aws:lambda/function:Function", "api", fnInputs)]));
        assert.strictEqual(fn.length, 1);
        assert.strictEqual(fn[0].enforcementLevel, "mandatory");
        assert.match(fn[0].message, /The runtime parameter of nodejs14\.x is no longer supported for creating or updating AWS Lambda functions/);
        const fnExisting = ours(await pack.analyzeStack([existing("aws:lambda/function:Function", "api", fnInputs, "api")]));
        assert.strictEqual(fnExisting.length, 1);
        assert.strictEqual(fnExisting[0].enforcementLevel, "advisory");
        assert.deepStrictEqual(ours(await pack.analyzeStack([created("aws:lambda/function:Function", "image",
            { packageType: "Image", imageUri: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/api:1", role: "arn:aws:iam::123456789012:role/api" })])), []);
    });
});
