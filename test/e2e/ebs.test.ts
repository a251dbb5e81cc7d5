// End-to-end: the compiled pack, launched as the Pulumi CLI launches it, judges EBS encryption keys (issue 5)
// over the analyzer protocol, with the organisation's allowedKeyArns passed as policy config.
import * as assert from "assert";
import { Diagnostic, PACK_DIR, PolicyPackProcess, ResourceRecord, secret, UNKNOWN, urnOf } from "../../lib/runner/engine";

const POLICY = "ebs-encryption-explicit-kms-key";
const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const PROVIDER = {
    type: "pulumi:providers:aws", name: "default", urn: urnOf("pulumi:providers:aws", "default"),
    properties: { region: "us-east-1", version: "7.48.0" },
};

function launchTemplate(ebs: Record<string, unknown>): ResourceRecord {
    const type = "aws:ec2/launchTemplate:LaunchTemplate";
    return {
        type, name: "web", urn: urnOf(type, "web"), provider: PROVIDER,
        properties: { imageId: "ami-0123456789abcdef0", blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs }] },
    };
}

function ours(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.filter(d => d.policyName === POLICY);
}

describe("e2e: ebs-encryption-explicit-kms-key (issue 5)", () => {
    it("reports the default-key template, the other-region key and a key outside allowedKeyArns; clean with an allowed key", async () => {
        const { pack } = await PolicyPackProcess.launch(PACK_DIR, { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } });
        try {
            const info = await pack.getAnalyzerInfo();
            const policy = info.policies.find(p => p.name === POLICY)!;
            assert.strictEqual(policy.enforcementLevel, "mandatory");
            assert.strictEqual(policy.policyType, "resource");
            assert.ok("allowedKeyArns" in policy.configSchema);
            await pack.configure(info.policies, { [POLICY]: { allowedKeyArns: [KEY_ARN, "arn:aws:kms:*:444455556666:key/*"] } });

            const noKey = ours(await pack.analyze(launchTemplate({ encrypted: "true", volumeSize: 20 })));
            assert.strictEqual(noKey.length, 1);
            assert.strictEqual(noKey[0].enforcementLevel, "mandatory");
            assert.match(noKey[0].message, /blockDeviceMappings\[0\]\.ebs\.kmsKeyId: encrypted is "true" but no kmsKeyId: set it to a KMS key you manage in us-east-1\.\n\n/);
            assert.match(noKey[0].message, /Client\.InvalidKMSKey\.InvalidState: The KMS key provided is in an incorrect state/);

            const otherRegion = ours(await pack.analyze(launchTemplate({ encrypted: "true", kmsKeyId: KEY_ARN.replace("us-east-1", "eu-west-1") })));
            assert.ok(otherRegion.some(d => /the key ARN is in eu-west-1, but volumes launched from this template are in us-east-1: use a key in us-east-1\./.test(d.message)));
            assert.ok(otherRegion.some(d => /is not in allowedKeyArns: use one of the keys your organisation allows for EBS\./.test(d.message)), "and it is not an allowed key");

            const secretMalformed = ours(await pack.analyze(launchTemplate({ encrypted: "true", kmsKeyId: secret("team-ebs-key-name") })));
            assert.ok(secretMalformed.length >= 1);
            assert.ok(secretMalformed.every(d => !d.message.includes("team-ebs-key-name")));

            assert.deepStrictEqual(ours(await pack.analyze(launchTemplate({ encrypted: "true", kmsKeyId: KEY_ARN }))), []);
            assert.deepStrictEqual(ours(await pack.analyze(launchTemplate({ encrypted: "true", kmsKeyId: UNKNOWN }))), []);
            assert.deepStrictEqual(ours(await pack.analyze(launchTemplate({ encrypted: true,
                kmsKeyId: "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab" }))), []);
        } finally {
            await pack.close();
        }
    });
});
