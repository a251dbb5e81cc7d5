// Red team, policy pack config: wrong types for every option, misspelt keys and config for policies that do not
// exist are refused at Configure with one message naming each policy and key (the CLI then stops the preview), and
// never crash the pack, hang it, or turn into a "bug in the policy pack" diagnostic: the pack keeps serving.
import * as assert from "assert";
import { PACK_DIR, PolicyInfo, PolicyPackProcess, ResourceRecord, urnOf } from "../../lib/runner/engine";
import { assertNoBug } from "./leaks";

const sample: ResourceRecord[] = [
    ["aws:sqs/queue:Queue", { name: "orders-pr6247" }],
    ["aws:s3/bucket:Bucket", { bucket: "Webapp_Static" }],
    ["aws:rds/instance:Instance", { engine: "mysql", engineVersion: "5.6.10", instanceClass: "db.x9.huge" }],
    ["aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ ebs: { encrypted: "true" } }] }],
    ["aws:lambda/function:Function", { runtime: "nodejs12.x" }],
    ["aws:elasticache/replicationGroup:ReplicationGroup", { engine: "redis", engineVersion: "9.9", authToken: "tok" }],
    ["aws:kms/key:Key", { policy: "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\"}]}" }],
].map(([type, properties], i) => ({ type: type as string, name: `r${i}`, urn: urnOf(type as string, `r${i}`), properties: properties as Record<string, unknown> }));

/** A value of another JSON type than the schema's. */
function wrongValues(schema: { type?: unknown }): unknown[] {
    switch (schema.type) {
        case "string": return [42, ["a"], { a: 1 }, true];
        case "array": return ["not-a-list", 7, { 0: "a" }, [null, 3, {}]];
        case "integer": case "number": return ["ten", -1e308, [1], 1.5];
        case "boolean": return ["yes", 1, [true]];
        case "object": return [[], "x", 3];
        default: return [null, "x", 1, [], {}];
    }
}

describe("red team: hostile policy pack config", function () {
    this.timeout(30_000);
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];

    before(async function () {
        this.timeout(60_000);
        pack = (await PolicyPackProcess.launch(PACK_DIR, { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } })).pack;
        policies = (await pack.getAnalyzerInfo()).policies;
    });
    after(async () => pack?.close());

    /** Configure must refuse the config, naming each offending policy; the pack then still answers. */
    const refused = async (info: PolicyInfo[], overrides: Record<string, unknown>, names: readonly string[]) => {
        const started = Date.now();
        await assert.rejects(pack.configure(info, overrides), (error: Error) => {
            assert.match(error.message, /INVALID_ARGUMENT: aws-preflight policy config is invalid/);
            for (const name of names) {
                assert.ok(error.message.includes(`${name}: `), name);
            }
            return true;
        });
        assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
        await pack.configure(policies);
        assert.ok((await analyzeAll()).length > 0);
    };

    const analyzeAll = async () => {
        const started = Date.now();
        const diagnostics = [];
        for (const record of sample) {
            diagnostics.push(...await pack.analyze(record));
        }
        diagnostics.push(...await pack.analyzeStack(sample));
        assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
        assertNoBug(diagnostics);
        return diagnostics;
    };

    it("every option of every policy set to values of the wrong type", async () => {
        for (let round = 0; round < 4; round++) {
            const overrides: Record<string, Record<string, unknown>> = {};
            for (const policy of policies) {
                overrides[policy.name] = {};
                for (const [key, schema] of Object.entries(policy.configSchema)) {
                    const wrong = wrongValues(schema);
                    overrides[policy.name][key] = wrong[round % wrong.length];
                }
            }
            await refused(policies, overrides, []);
        }
    });

    it("misspelt keys and config for policies that do not exist", async () => {
        const overrides: Record<string, Record<string, unknown>> = {};
        for (const policy of policies) {
            overrides[policy.name] = Object.fromEntries(Object.keys(policy.configSchema).map(key => [`${key}s`, "x"]));
        }
        const ghost: PolicyInfo = { ...policies[0], name: "no-such-policy", configSchema: { pattern: { type: "string" } } };
        await refused([...policies, ghost], { ...overrides, "no-such-policy": { pattern: "^(a+)+$", extra: { deep: [1, 2] } } },
            ["no-such-policy", ...policies.filter(p => Object.keys(p.configSchema).length > 0).map(p => p.name)]);
    });

    it("huge and deeply nested option values", async () => {
        let deep: unknown = "x";
        for (let i = 0; i < 50; i++) {
            deep = { a: [deep] };
        }
        const overrides: Record<string, Record<string, unknown>> = {};
        for (const policy of policies) {
            overrides[policy.name] = Object.fromEntries(Object.keys(policy.configSchema).map(key => [key, key === "pattern" ? "x".repeat(100_000) : deep]));
        }
        await refused(policies, overrides, []);
    });
});
