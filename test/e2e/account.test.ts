// End to end: the compiled pack, launched as the Pulumi CLI launches it, with the account-aware family disabled (the
// default: no AWS call) and then enabled through the policy config, asking a local AWS stand-in with the real SDK.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { PACK_DIR, PolicyPackProcess, UNKNOWN } from "../../lib/runner/engine";
import { AwsStandIn } from "../harness/aws-stand-in";
import { record } from "../harness/policy-harness";

const ACCOUNT_POLICIES = ["account-name-not-taken", "account-singletons-free", "account-quotas-sufficient", "account-references-exist"];

describe("account-aware family end to end", function () {
    this.timeout(90_000);
    const aws = new AwsStandIn();
    let pack: PolicyPackProcess | undefined;

    before(async () => {
        await aws.start();
        aws.responder = op => op === "iam:GetRole" ? { ok: "<Role><RoleName>api-pr6264</RoleName><CreateDate>2025-11-02T10:00:00Z</CreateDate></Role>" } : undefined;
    });
    after(async () => {
        await pack?.close();
        await aws.stop();
    });

    it("loading the pack loads no AWS SDK client", () => {
        const script = `require(${JSON.stringify(path.join(PACK_DIR, "bin", "policies"))});` +
            "process.stdout.write(String(Object.keys(require.cache).filter(k => k.includes('@aws-sdk')).length));";
        assert.strictEqual(execFileSync(process.execPath, ["-e", script], { cwd: PACK_DIR }).toString(), "0");
    });

    it("disabled by default: no call; enabled: asks AWS and reports the leftover role", async () => {
        ({ pack } = await PolicyPackProcess.launch(PACK_DIR, { stack: "pr6264", project: "tap", config: { "aws:region": "eu-west-1" } },
            { ...aws.env(), AWS_PREFLIGHT_PULUMI: path.join(PACK_DIR, "no-such-pulumi") }));
        const info = await pack.getAnalyzerInfo();
        for (const name of ACCOUNT_POLICIES) {
            const policy = info.policies.find(p => p.name === name);
            assert.ok(policy, name);
            assert.strictEqual(policy.enforcementLevel, "disabled", name);
            assert.strictEqual(policy.policyType, "stack", name);
            assert.strictEqual(policy.configSchema.budgetMs.default, 5000, name);
        }
        const stack = [record("aws:iam/role:Role", "api", { name: "api-pr6264", arn: UNKNOWN, id: UNKNOWN, assumeRolePolicy: "{}" })];

        await pack.configure(info.policies, {});
        const quiet = (await pack.analyzeStack(stack)).filter(d => ACCOUNT_POLICIES.includes(d.policyName));
        assert.deepStrictEqual(quiet, []);
        assert.strictEqual(aws.calls.length, 0, "a disabled policy makes no AWS call");

        await pack.configure(info.policies, { "account-name-not-taken": { enforcementLevel: "mandatory", budgetMs: 20000 } });
        const found = (await pack.analyzeStack(stack)).filter(d => ACCOUNT_POLICIES.includes(d.policyName));
        assert.strictEqual(found.length, 1, JSON.stringify(found));
        assert.match(found[0].message, /IAM role "api-pr6264" already exists in the account \(created 2025-11-02\)/);
        // The stack's state could not be read here (no Pulumi CLI): it may be this stack's own role being replaced.
        assert.strictEqual(found[0].enforcementLevel, "advisory");
        assert.deepStrictEqual(aws.calls.map(c => c.operation), ["iam:GetRole"]);
    });
});
