// The KMS policies through the compiled pack, over the analyzer protocol, as the Pulumi CLI drives it.
import * as assert from "assert";
import { PACK_DIR, PolicyInfo, PolicyPackProcess, ResourceRecord, UNKNOWN, urnOf } from "../../lib/runner/engine";

const KEY = "aws:kms/key:Key";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROOT = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };
const LOGS_STATEMENT = {
    Effect: "Allow",
    Principal: { Service: "logs.us-east-1.amazonaws.com" },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
};
const provider = {
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    urn: urnOf("pulumi:providers:aws", "default_7_48_0"),
    properties: { region: "us-east-1", version: "7.48.0" },
};

function stack(keyProperties: Record<string, unknown>, keyDeps: Record<string, string[]> = {}): ResourceRecord[] {
    const keyUrn = urnOf(KEY, "logs-key");
    return [
        { type: KEY, name: "logs-key", urn: keyUrn, properties: keyProperties, propertyDependencies: keyDeps, provider },
        {
            type: LOG_GROUP, name: "orders", urn: urnOf(LOG_GROUP, "orders"), provider,
            properties: { name: "/aws/apigateway/orders", kmsKeyId: UNKNOWN },
            dependencies: [keyUrn], propertyDependencies: { kmsKeyId: [keyUrn], name: [] },
        },
    ];
}

describe("e2e: kms policies over the analyzer protocol", () => {
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];

    before(async () => {
        pack = (await PolicyPackProcess.launch(PACK_DIR, { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } })).pack;
        policies = (await pack.getAnalyzerInfo()).policies;
    });

    after(async () => {
        await pack?.close();
    });

    it("publishes both policies with their levels, types and config schema", () => {
        const grants = policies.find(p => p.name === "kms-key-grants-service-principals")!;
        assert.strictEqual(grants.policyType, "stack");
        assert.strictEqual(grants.enforcementLevel, "mandatory");
        assert.deepStrictEqual(grants.configSchema.requireConditions?.default, false);
        assert.deepStrictEqual(grants.configSchema.extraConsumers?.default, []);
        const leastPrivilege = policies.find(p => p.name === "kms-key-policy-least-privilege")!;
        assert.strictEqual(leastPrivilege.policyType, "resource");
        assert.strictEqual(leastPrivilege.enforcementLevel, "mandatory");
        assert.ok("allowedAccounts" in leastPrivilege.configSchema);
    });

    it("AnalyzeStack reports the root-only key on the log group, and nothing once the statement is there", async () => {
        await pack.configure(policies);
        const diagnostics = (await pack.analyzeStack(stack({ description: "logs" })))
            .filter(d => d.policyName === "kms-key-grants-service-principals");
        assert.strictEqual(diagnostics.length, 1, JSON.stringify(diagnostics));
        assert.strictEqual(diagnostics[0].urn, urnOf(LOG_GROUP, "orders"));
        assert.strictEqual(diagnostics[0].enforcementLevel, "mandatory");
        assert.match(diagnostics[0].message, /KMS key 'logs-key', which has no key policy in the program/);
        assert.match(diagnostics[0].message, /"Service": "logs\.us-east-1\.amazonaws\.com"/);

        const fixed = stack({ policy: JSON.stringify({ Version: "2012-10-17", Statement: [ROOT, LOGS_STATEMENT] }) });
        assert.deepStrictEqual((await pack.analyzeStack(fixed)).filter(d => d.policyName.startsWith("kms-")), []);
    });

    it("a computed key policy gives one advisory; requireConditions from the policy config applies", async () => {
        await pack.configure(policies);
        const role: ResourceRecord = { type: "aws:iam/role:Role", name: "admin", urn: urnOf("aws:iam/role:Role", "admin"), provider, properties: { assumeRolePolicy: "{}" } };
        const computed = [role, ...stack({ policy: UNKNOWN }, { policy: [role.urn] })];
        const advisory = (await pack.analyzeStack(computed)).filter(d => d.policyName === "kms-key-grants-service-principals");
        assert.strictEqual(advisory.length, 1);
        assert.strictEqual(advisory[0].enforcementLevel, "advisory");
        assert.match(advisory[0].message, /could not be verified now; it will be at pulumi up/);

        const unconditioned = stack({ policy: JSON.stringify({ Statement: [ROOT, LOGS_STATEMENT] }) });
        await pack.configure(policies, { "kms-key-grants-service-principals": { requireConditions: true } });
        const required = (await pack.analyzeStack(unconditioned)).filter(d => d.policyName === "kms-key-grants-service-principals");
        assert.strictEqual(required.length, 1);
        assert.match(required[0].message, /without the recommended condition/);
    });

    it("Analyze reports an unrestricted CreateGrant to everyone on the key", async () => {
        await pack.configure(policies);
        const key: ResourceRecord = {
            type: KEY, name: "shared", urn: urnOf(KEY, "shared"), provider,
            properties: { policy: JSON.stringify({ Statement: [ROOT, { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:CreateGrant", Resource: "*" }] }) },
        };
        const diagnostics = (await pack.analyze(key)).filter(d => d.policyName === "kms-key-policy-least-privilege");
        assert.strictEqual(diagnostics.length, 1);
        assert.strictEqual(diagnostics[0].enforcementLevel, "mandatory");
        assert.match(diagnostics[0].message, /policy\.Statement\[1\]: allows .* kms:CreateGrant with no condition on the caller[\s\S]*worst case: kms:CreateGrant to anyone/);
    });
});
