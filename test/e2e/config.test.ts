// End-to-end: policy pack config that is wrong is refused at `Configure`, over the analyzer protocol, with one error
// naming every policy, key and what is allowed (the CLI prints it as `configuring policy pack "aws-preflight" at
// "<dir>": <this error>` and stops the preview). Valid config is accepted and takes effect.
import * as assert from "assert";
import { PACK_DIR, PolicyInfo, PolicyPackProcess, urnOf } from "../../lib/runner/engine";

const STACK = { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } };

describe("e2e: policy pack config is validated at Configure", () => {
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];

    before(async () => {
        pack = (await PolicyPackProcess.launch(PACK_DIR, STACK)).pack;
        policies = (await pack.getAnalyzerInfo()).policies;
    });

    after(async () => {
        await pack?.close();
    });

    async function refusal(overrides: Record<string, unknown>): Promise<string> {
        try {
            await pack.configure(policies, overrides);
        } catch (error) {
            return (error as { details?: string }).details ?? String(error);
        }
        assert.fail(`config was accepted: ${JSON.stringify(overrides)}`);
    }

    it("refuses a misspelt option, naming the policy, the key, the likely option and every allowed one", async () => {
        const message = await refusal({ "s3-bucket-name-valid": { allowdots: false } });
        assert.strictEqual(message, "aws-preflight policy config is invalid (fix the --policy-pack-config file or the policy group's config):\n" +
            "  s3-bucket-name-valid: unknown option \"allowdots\" (did you mean \"allowDots\"?); options: allowDots (boolean), pattern (string)");
    });

    it("refuses a wrong type, remediate on a policy without a fix, a policy the pack does not have, all at once", async () => {
        const message = await refusal({
            "s3-bucket-policy-not-public": { accountBlocksPublicAccess: "no" },
            "autoscaling-policy-fields-match-type": "remediate",
            "kms-key-grants-service-principals": "remediate",
            "s3-bucket-name-vaild": "advisory",
            "all": "mandatory",
        });
        const lines = message.split("\n").slice(1).sort();
        assert.deepStrictEqual(lines, [
            "  autoscaling-policy-fields-match-type: enforcement level \"remediate\" is not supported (it has no automatic fix); use advisory, mandatory, disabled",
            "  kms-key-grants-service-principals: enforcement level \"remediate\" is not supported (a stack policy); use advisory, mandatory, disabled",
            "  s3-bucket-name-vaild: no such policy in this pack (did you mean \"s3-bucket-name-valid\"?)",
            "  s3-bucket-policy-not-public: option \"accountBlocksPublicAccess\" must be boolean (expected boolean), got \"no\"",
        ]);
    });

    it("refuses what only the policy can judge: a pattern that is not a regular expression", async () => {
        const message = await refusal({ "s3-bucket-name-valid": { pattern: "(" } });
        assert.match(message, /s3-bucket-name-valid: option "pattern" is not a valid regular expression: "\("/);
    });

    it("accepts valid config, remediate where a policy has a fix, and runs with it", async () => {
        await pack.configure(policies, {
            "s3-bucket-name-valid": { enforcementLevel: "remediate", allowDots: false, pattern: "^acme-" },
            "all": "advisory",
        });
        const bucket = { type: "aws:s3/bucket:Bucket", name: "logs", urn: urnOf("aws:s3/bucket:Bucket", "logs"), properties: { bucket: "acme.logs" } };
        const remediated = await pack.remediate(bucket);
        assert.strictEqual(remediated.properties.bucket, "acme-logs", "allowDots: false took effect");
        const diagnostics = (await pack.analyze({ ...bucket, properties: { bucket: "other-logs" } }))
            .filter(d => d.policyName === "s3-bucket-name-valid");
        assert.strictEqual(diagnostics.length, 1);
        assert.match(diagnostics[0].message, /^bucket: "other-logs" does not match your required bucket name pattern/);
    });
});
