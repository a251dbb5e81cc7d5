// The library entry an organisation composes into its own pack: names, levels, config, filters and prefix, and
// that a typo is refused instead of silently ignored.
import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PreflightPolicy } from "../../../lib/framework/policy";
import { preflightPolicies, preflightPolicyNames, PreflightOptions, TYPED_POLICIES } from "../../../lib/library";
import { allPolicies } from "../../../policies";
import { validateResource } from "../../harness/policy-harness";

const BUCKET = "aws:s3/bucket:Bucket";

function composedOne(options: PreflightOptions): PreflightPolicy {
    const [policy] = preflightPolicies(options);
    const source = allPolicies.find(p => policy.name.endsWith(p.metadata.name))!;
    return { kind: source.kind, metadata: source.metadata, policy };
}

describe("library: preflightPolicies", () => {
    it("types every policy of policies/index.ts (a new policy must be added to TYPED_POLICIES)", () => {
        assert.deepStrictEqual(Object.keys(TYPED_POLICIES).sort(), allPolicies.map(p => p.metadata.name).sort());
        for (const p of allPolicies) {
            assert.strictEqual(TYPED_POLICIES[p.metadata.name as keyof typeof TYPED_POLICIES], p);
        }
        assert.deepStrictEqual(preflightPolicyNames(), allPolicies.map(p => p.metadata.name));
    });

    it("without options: every policy with its own name, level and schema", () => {
        const composed = preflightPolicies();
        assert.deepStrictEqual(composed.map(p => [p.name, p.enforcementLevel]), allPolicies.map(p => [p.policy.name, p.policy.enforcementLevel]));
        assert.deepStrictEqual(composed.map(p => p.configSchema), allPolicies.map(p => p.policy.configSchema));
    });

    it("only, exclude and prefix", () => {
        assert.deepStrictEqual(preflightPolicies({ only: ["s3-bucket-name-valid", "lambda-runtime-supported"], prefix: "aws-" }).map(p => p.name),
            ["aws-s3-bucket-name-valid", "aws-lambda-runtime-supported"]);
        const excluded = preflightPolicies({ exclude: ["s3-bucket-name-valid"] }).map(p => p.name);
        assert.strictEqual(excluded.length, allPolicies.length - 1);
        assert.ok(!excluded.includes("s3-bucket-name-valid"));
    });

    it("a chosen level and config apply, and the pack's own policies are left as they were", () => {
        const policy = composedOne({ only: ["s3-bucket-name-valid"], levels: { "s3-bucket-name-valid": "advisory" }, config: { "s3-bucket-name-valid": { allowDots: false } } });
        assert.strictEqual(policy.policy.enforcementLevel, "advisory");
        assert.strictEqual((policy.policy.configSchema!.properties!.allowDots as { default: unknown }).default, false);
        // A host that sends no config still gets the chosen value; one that sends a value overrides it.
        assert.strictEqual(validateResource(policy, { type: BUCKET, properties: { bucket: "web.assets-dev" } }).length, 1);
        assert.strictEqual(validateResource(policy, { type: BUCKET, properties: { bucket: "web.assets-dev" } }, { allowDots: true }).length, 0);
        const original = allPolicies.find(p => p.metadata.name === "s3-bucket-name-valid")!;
        assert.strictEqual(original.policy.enforcementLevel, "mandatory");
        assert.strictEqual((original.policy.configSchema!.properties!.allowDots as { default: unknown }).default, true);
        assert.strictEqual(validateResource(original, { type: BUCKET, properties: { bucket: "web.assets-dev" } }).length, 0);
    });

    it("remediate stays available where the policy remediates, and keeps the type filter", () => {
        const policy = preflightPolicies({ only: ["s3-bucket-name-valid"], levels: { "s3-bucket-name-valid": "remediate" } })[0] as ResourceValidationPolicy;
        assert.strictEqual(policy.enforcementLevel, "remediate");
        assert.strictEqual(typeof policy.remediateResource, "function");
        const original = allPolicies.find(p => p.metadata.name === "s3-bucket-name-valid")!.policy as ResourceValidationPolicy;
        assert.strictEqual((policy.validateResource as { __pulumiType?: string }).__pulumiType, (original.validateResource as { __pulumiType?: string }).__pulumiType);
    });

    it("refuses what does not exist, naming the policy, the key and what is allowed", () => {
        const refuses = (options: unknown, pattern: RegExp) => assert.throws(() => preflightPolicies(options as PreflightOptions), pattern);
        refuses({ only: ["s3-bucket-name-vaild"] }, /'s3-bucket-name-vaild', which is not an aws-preflight policy/);
        refuses({ levels: { "s3-bucket-name-valid": "warn" } }, /level 'warn' for 's3-bucket-name-valid' is not one of advisory, mandatory, remediate, disabled/);
        refuses({ levels: { "s3-no-deprecated-v2-resources": "remediate" } }, /'s3-no-deprecated-v2-resources' cannot remediate/);
        refuses({ config: { "s3-bucket-name-valid": { alowDots: false } } }, /'s3-bucket-name-valid' has no option 'alowDots'; its options are allowDots, pattern/);
        refuses({ config: { "s3-bucket-name-valid": { allowDots: "no" } } }, /'s3-bucket-name-valid.allowDots' must be of type "boolean"/);
    });
});
