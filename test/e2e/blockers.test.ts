// End-to-end: the compiled pack, launched as the Pulumi CLI launches it, judges the apply-time blockers of issue 7
// over the analyzer protocol.
import * as assert from "assert";
import { Diagnostic, PACK_DIR, PolicyInfo, PolicyPackProcess, ProviderRecord, ResourceRecord, secret, UNKNOWN, urnOf } from "../../lib/runner/engine";

const STACK = { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } };

function provider(version: string): ProviderRecord {
    return {
        type: "pulumi:providers:aws", name: "default", urn: urnOf("pulumi:providers:aws", "default"),
        properties: { region: "us-east-1", version },
    };
}

function resource(type: string, name: string, properties: Record<string, unknown>, version = "7.48.0"): ResourceRecord {
    return { type, name, urn: urnOf(type, name), properties, provider: provider(version) };
}

function only(diagnostics: readonly Diagnostic[], policy: string): Diagnostic[] {
    return diagnostics.filter(d => d.policyName === policy);
}

describe("e2e: apply-time blockers (issue 7)", () => {
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];

    before(async () => {
        pack = (await PolicyPackProcess.launch(PACK_DIR, STACK)).pack;
        policies = (await pack.getAnalyzerInfo()).policies;
        await pack.configure(policies);
    });

    after(async () => {
        await pack?.close();
    });

    it("s3-no-deprecated-v2-resources: advisory under v7, silent under v6", async () => {
        const info = policies.find(p => p.name === "s3-no-deprecated-v2-resources")!;
        assert.strictEqual(info.enforcementLevel, "advisory");
        const v7 = only(await pack.analyze(resource("aws:s3/bucketVersioningV2:BucketVersioningV2", "versioning",
            { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } })), "s3-no-deprecated-v2-resources");
        assert.strictEqual(v7.length, 1);
        assert.strictEqual(v7[0].enforcementLevel, "advisory");
        assert.match(v7[0].message, /use aws\.s3\.BucketVersioning \(same arguments\)[\s\S]*becomes aws:s3\/bucketVersioning:BucketVersioning/);
        const v6 = only(await pack.analyze(resource("aws:s3/bucketV2:BucketV2", "bucket", {}, "6.83.0")), "s3-no-deprecated-v2-resources");
        assert.deepStrictEqual(v6, []);
    });

    it("autoscaling-policy-fields-match-type: cooldown and scaleInCooldown on target tracking fail, the fix is clean", async () => {
        const tracking = { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 };
        const bad = only(await pack.analyze(resource("aws:autoscaling/policy:Policy", "cpu", {
            autoscalingGroupName: UNKNOWN, policyType: "TargetTrackingScaling", cooldown: 120,
            targetTrackingConfiguration: { ...tracking, scaleInCooldown: 300 },
        })), "autoscaling-policy-fields-match-type");
        assert.strictEqual(bad.length, 2);
        assert.ok(bad.every(d => d.enforcementLevel === "mandatory"));
        assert.ok(bad.some(d => d.message.includes("\"cooldown is only supported for policy type SimpleScaling\"")));
        assert.ok(bad.some(d => d.message.includes("targetTrackingConfiguration.scaleInCooldown: not an EC2 Auto Scaling field")));
        const fixed = only(await pack.analyze(resource("aws:autoscaling/policy:Policy", "cpu", {
            autoscalingGroupName: UNKNOWN, policyType: "TargetTrackingScaling", estimatedInstanceWarmup: 120, targetTrackingConfiguration: tracking,
        })), "autoscaling-policy-fields-match-type");
        assert.deepStrictEqual(fixed, []);
    });

    it("autoscaling-resource-label-valid: lb/tg fails, a label from arnSuffix outputs (unknown) is clean", async () => {
        const policy = (resourceLabel: unknown) => resource("aws:appautoscaling/policy:Policy", "requests", {
            policyType: "TargetTrackingScaling", resourceId: "service/main/web", scalableDimension: "ecs:service:DesiredCount", serviceNamespace: "ecs",
            targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel }, targetValue: 1000 },
        });
        const bad = only(await pack.analyze(policy("lb/tg")), "autoscaling-resource-label-valid");
        assert.strictEqual(bad.length, 1);
        assert.strictEqual(bad[0].enforcementLevel, "mandatory");
        assert.match(bad[0].message, /targetTrackingScalingPolicyConfiguration\.predefinedMetricSpecification\.resourceLabel: "lb\/tg"/);
        assert.deepStrictEqual(only(await pack.analyze(policy(UNKNOWN)), "autoscaling-resource-label-valid"), []);
    });

    it("elasticache-auth-token-requires-transit-encryption: reported without ever printing the token", async () => {
        const token = "Zq8-kL2!mN4#pR6&tV9x";
        const group = (properties: Record<string, unknown>) => resource("aws:elasticache/replicationGroup:ReplicationGroup", "sessions",
            { description: "sessions", engine: "redis", nodeType: "cache.t4g.micro", numCacheClusters: 2, ...properties });
        const plain = await pack.analyze(group({ authToken: token }));
        const marked = await pack.analyze(group({ authToken: secret(token) }));
        const shortToken = await pack.analyze(group({ authToken: secret("Qx7@Wp3"), transitEncryptionEnabled: true }));
        for (const diagnostics of [plain, marked]) {
            const found = only(diagnostics, "elasticache-auth-token-requires-transit-encryption");
            assert.strictEqual(found.length, 1);
            assert.strictEqual(found[0].enforcementLevel, "mandatory");
            assert.match(found[0].message, /authToken: set, but transitEncryptionEnabled is not set/);
        }
        const rules = only(shortToken, "elasticache-auth-token-requires-transit-encryption");
        assert.strictEqual(rules.length, 1);
        assert.match(rules[0].message, /shorter than 16 characters; it contains a character other than letters, digits and ! & # \$ \^ < > -/);
        const percent = only(await pack.analyze(group({ authToken: secret("Zq8kL2mN4pR6tV9%"), transitEncryptionEnabled: true })),
            "elasticache-auth-token-requires-transit-encryption");
        assert.strictEqual(percent.length, 1, "% is not one of the permitted special characters");
        assert.ok(!percent[0].message.includes("Zq8kL2") && !percent[0].message.includes("%"), percent[0].message);
        for (const d of [...plain, ...marked, ...shortToken]) {
            assert.ok(!d.message.includes(token) && !d.message.includes("Qx7@Wp3") && !d.message.includes("Zq8-kL2"), d.message);
        }
        assert.deepStrictEqual(only(await pack.analyze(group({ authToken: secret(token), transitEncryptionEnabled: true })),
            "elasticache-auth-token-requires-transit-encryption"), []);
    });
});
