import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { autoscalingPolicyFieldsMatchType, PROVIDER_ERRORS } from "../../../policies/autoscaling/autoscaling-policy-fields-match-type";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { Fixture, validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const POLICY = "aws:autoscaling/policy:Policy";
const policy = (args: Fixture<aws.autoscaling.PolicyArgs>) =>
    ({ type: POLICY, properties: { autoscalingGroupName: "web", ...(args as Record<string, unknown>) } });
const TRACKING = { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 50 };

function check(args: Record<string, unknown>) {
    return validateResource(autoscalingPolicyFieldsMatchType, policy(args));
}

describe("autoscaling-policy-fields-match-type", () => {
    it("has its public metadata", () => {
        const p = autoscalingPolicyFieldsMatchType.policy;
        assert.strictEqual(p.name, "autoscaling-policy-fields-match-type");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), []);
        assert.deepStrictEqual(autoscalingPolicyFieldsMatchType.metadata.resourceTypes, [POLICY]);
    });

    it("reports cooldown on a recorded target tracking policy, quoting the provider's check as such", async () => {
        const records = await recordProgram(() => {
            new aws.autoscaling.Policy("cpu", {
                autoscalingGroupName: "web",
                policyType: "TargetTrackingScaling",
                cooldown: 120,
                targetTrackingConfiguration: TRACKING,
            });
        }, { project: "app", stack: "dev" });
        const reported = validateResource(autoscalingPolicyFieldsMatchType, records.find(r => r.type === POLICY)!);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^cooldown: not allowed on a TargetTrackingScaling policy \(SimpleScaling only\): remove it/m);
        assert.ok(reported[0].message.includes(`"${PROVIDER_ERRORS.cooldown}"`));
        assert.match(reported[0].message, /AWS provider's check at pulumi up/);
        assert.match(reported[0].message, /estimatedInstanceWarmup/);
        assert.strictEqual(reported[0].level, "mandatory");
    });

    it("reports scaleInCooldown/scaleOutCooldown placed in an EC2 Auto Scaling target tracking configuration", async () => {
        const records = await recordProgram(() => {
            // Not part of the typed arguments: a JavaScript program (or a cast) passes it through to the engine.
            const targetTrackingConfiguration = { ...TRACKING, scaleInCooldown: 300, scaleOutCooldown: 60 };
            new aws.autoscaling.Policy("cpu", { autoscalingGroupName: "web", policyType: "TargetTrackingScaling", targetTrackingConfiguration });
        }, { project: "app", stack: "dev" });
        const reported = validateResource(autoscalingPolicyFieldsMatchType, records.find(r => r.type === POLICY)!);
        assert.strictEqual(reported.length, 2);
        assert.match(reported[0].message, /^targetTrackingConfiguration\.scaleInCooldown: not an EC2 Auto Scaling field \(Application Auto Scaling's\): remove it/m);
        assert.match(reported[0].message, /targetTrackingScalingPolicyConfiguration\.scaleInCooldown/);
        // What the provider does, stated once and without hedging (review C P3-7).
        assert.match(reported[0].message, /Untyped, the provider rejects the policy/);
        assert.match(reported[0].message, /the provider rejects the policy: "Invalid or unknown key"/);
        assert.doesNotMatch(reported[0].message, /depending on|either way|or drops it/);
        assert.match(reported[1].message, /^targetTrackingConfiguration\.scaleOutCooldown: /m);
    });

    it("reports each field outside its type, with the provider's text", () => {
        const cases: [string, Record<string, unknown>, string, RegExp][] = [
            ["cooldown on StepScaling", { policyType: "StepScaling", cooldown: 60, stepAdjustments: [{ scalingAdjustment: 1 }] }, PROVIDER_ERRORS.cooldown, /^cooldown: /m],
            ["scalingAdjustment on TargetTrackingScaling", { policyType: "TargetTrackingScaling", scalingAdjustment: 1, targetTrackingConfiguration: TRACKING }, PROVIDER_ERRORS.scalingAdjustmentOnly, /SimpleScaling only\): remove it\./],
            ["scalingAdjustment on StepScaling", { policyType: "StepScaling", scalingAdjustment: 1, stepAdjustments: [{ scalingAdjustment: 1 }] }, PROVIDER_ERRORS.scalingAdjustmentOnly, /put the adjustment into each stepAdjustments entry/],
            ["stepAdjustments on SimpleScaling", { policyType: "SimpleScaling", scalingAdjustment: 1, stepAdjustments: [{ scalingAdjustment: 1 }] }, PROVIDER_ERRORS.stepOnly, /^stepAdjustments: /m],
            ["targetTrackingConfiguration on StepScaling", { policyType: "StepScaling", stepAdjustments: [{ scalingAdjustment: 1 }], targetTrackingConfiguration: TRACKING }, PROVIDER_ERRORS.targetTrackingOnly, /^targetTrackingConfiguration: /m],
            ["estimatedInstanceWarmup on SimpleScaling", { policyType: "SimpleScaling", scalingAdjustment: 1, estimatedInstanceWarmup: 300 }, PROVIDER_ERRORS.warmup, /a SimpleScaling policy uses cooldown/],
            ["scalingAdjustment missing on SimpleScaling", { policyType: "SimpleScaling", adjustmentType: "ChangeInCapacity" }, PROVIDER_ERRORS.scalingAdjustmentRequired, /^scalingAdjustment: required on a SimpleScaling policy/m],
            ["stepAdjustments missing on StepScaling", { policyType: "StepScaling" }, PROVIDER_ERRORS.stepRequired, /needs at least one step: add stepAdjustments/],
            ["stepAdjustments empty on StepScaling", { policyType: "StepScaling", stepAdjustments: [] }, PROVIDER_ERRORS.stepRequired, /needs at least one step: add stepAdjustments/],
            ["targetTrackingConfiguration missing on TargetTrackingScaling", { policyType: "TargetTrackingScaling" }, PROVIDER_ERRORS.targetTrackingRequired, /add targetTrackingConfiguration/],
        ];
        for (const [name, args, error, pattern] of cases) {
            const reported = check(args);
            assert.strictEqual(reported.length, 1, `${name}: ${JSON.stringify(reported)}`);
            assert.ok(reported[0].message.includes(`"${error}"`), name);
            assert.match(reported[0].message, pattern, name);
            // The text after the path starts with the problem, not with the property name again (review C P3-6).
            const line = reported[0].message.split("\n").find(l => /^[A-Za-z.[\]0-9]+: /.test(l))!;
            const [path, text] = [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)];
            assert.ok(!text.startsWith(path.split(".").pop()!), `${name}: ${line}`);
        }
    });

    it("remembers that policyType defaults to SimpleScaling", () => {
        const reported = check({ targetTrackingConfiguration: TRACKING });
        assert.strictEqual(reported.length, 2, JSON.stringify(reported));
        assert.ok(reported.every(r => /policyType is not set, so this is a SimpleScaling policy \(the default\)/.test(r.message)));
        assert.ok(reported.some(r => r.message.includes(PROVIDER_ERRORS.scalingAdjustmentRequired)));
        assert.ok(reported.some(r => r.message.includes(PROVIDER_ERRORS.targetTrackingOnly)));
        assert.deepStrictEqual(check({ scalingAdjustment: 1, adjustmentType: "ChangeInCapacity", cooldown: 300 }), []);
    });

    it("accepts correct policies of each type, and the fixes its messages give", () => {
        assert.deepStrictEqual(check({ policyType: "TargetTrackingScaling", estimatedInstanceWarmup: 120, targetTrackingConfiguration: TRACKING }), []);
        assert.deepStrictEqual(check({ policyType: "StepScaling", adjustmentType: "ChangeInCapacity", estimatedInstanceWarmup: 60,
            stepAdjustments: [{ scalingAdjustment: 1, metricIntervalLowerBound: "0" }] }), []);
        assert.deepStrictEqual(check({ policyType: "SimpleScaling", scalingAdjustment: -1, cooldown: 300 }), []);
        // 0 is the provider's placeholder for "not set" on other types
        assert.deepStrictEqual(check({ policyType: "TargetTrackingScaling", cooldown: 0, scalingAdjustment: 0, targetTrackingConfiguration: TRACKING }), []);
        assert.deepStrictEqual(check({ policyType: "SimpleScaling", scalingAdjustment: 0 }), [], "0 is a valid SimpleScaling adjustment");
    });

    it("stays silent on what is unknown during preview", () => {
        assert.deepStrictEqual(check({ policyType: UNKNOWN, cooldown: 60, targetTrackingConfiguration: TRACKING }), []);
        assert.deepStrictEqual(check({ policyType: "SimpleScaling", scalingAdjustment: UNKNOWN }), []);
        assert.deepStrictEqual(check({ policyType: "StepScaling", stepAdjustments: UNKNOWN }), []);
        assert.deepStrictEqual(check({ policyType: "TargetTrackingScaling", targetTrackingConfiguration: UNKNOWN }), []);
        assert.deepStrictEqual(check({ policyType: "TargetTrackingScaling", cooldown: UNKNOWN, targetTrackingConfiguration: TRACKING }), []);
        // a known scaleInCooldown is misplaced whatever the type
        assert.strictEqual(check({ policyType: UNKNOWN, targetTrackingConfiguration: { ...TRACKING, scaleInCooldown: UNKNOWN } }).length, 1);
    });

    it("handles secret values without printing them", () => {
        const reported = check({ policyType: secret("TargetTrackingScaling"), cooldown: secret(987654321), targetTrackingConfiguration: TRACKING });
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("987654321"));
    });

    it("never throws on wrong shapes", () => {
        for (const args of [
            { policyType: 42 }, { policyType: ["StepScaling"] }, { policyType: "" , scalingAdjustment: 1 },
            { policyType: "TargetTrackingScaling", targetTrackingConfiguration: "cpu" },
            { policyType: "TargetTrackingScaling", targetTrackingConfiguration: [null] },
            { policyType: "StepScaling", stepAdjustments: [null, 3] },
            { policyType: "StepScaling", stepAdjustments: "1" },
            { cooldown: "soon", scalingAdjustment: 1 },
            { policyType: "TargetTrackingScaling", targetTrackingConfiguration: {} },
        ]) {
            const reported = check(args);
            assert.ok(reported.every(r => !/could not finish/.test(r.message)), JSON.stringify(reported));
        }
        assert.deepStrictEqual(check({ policyType: 42 }), [], "a non-string type is not judged");
        assert.deepStrictEqual(check({ policyType: "", scalingAdjustment: 1 }), [], "an empty type is the default");
        assert.strictEqual(check({ policyType: "PredictiveScaling", cooldown: 60 }).length, 1, "PredictiveScaling takes no cooldown");
    });
});
