import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { autoscalingResourceLabelValid } from "../../../policies/autoscaling/autoscaling-resource-label-valid";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const POLICY = "aws:autoscaling/policy:Policy";
const APP_POLICY = "aws:appautoscaling/policy:Policy";
const GOOD_LABEL = "app/web/50dc6c495c0c9188/targetgroup/web-tg/73e2d6bc24d8a067";

function ec2(spec: unknown) {
    const properties: aws.autoscaling.PolicyArgs = {
        autoscalingGroupName: "web",
        policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: { predefinedMetricSpecification: spec as never, targetValue: 100 },
    };
    return validateResource(autoscalingResourceLabelValid, { type: POLICY, properties: { ...properties } });
}

function app(spec: unknown) {
    const properties: aws.appautoscaling.PolicyArgs = {
        policyType: "TargetTrackingScaling",
        resourceId: "service/main/web",
        scalableDimension: "ecs:service:DesiredCount",
        serviceNamespace: "ecs",
        targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: spec as never, targetValue: 100 },
    };
    return validateResource(autoscalingResourceLabelValid, { type: APP_POLICY, properties: { ...properties } });
}

const alb = (resourceLabel?: unknown) => ({ predefinedMetricType: "ALBRequestCountPerTarget", ...(resourceLabel === undefined ? {} : { resourceLabel }) });

describe("autoscaling-resource-label-valid", () => {
    it("has its public metadata", () => {
        const p = autoscalingResourceLabelValid.policy;
        assert.strictEqual(p.name, "autoscaling-resource-label-valid");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), []);
        assert.deepStrictEqual(autoscalingResourceLabelValid.metadata.resourceTypes, [POLICY, APP_POLICY]);
    });

    it("a label built from arnSuffix outputs is unknown during preview: clean; a hand-written lb/tg label fails", async () => {
        const records = await recordProgram(() => {
            const lb = new aws.lb.LoadBalancer("web", { loadBalancerType: "application", subnets: ["subnet-1", "subnet-2"] });
            const tg = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
            const spec = (resourceLabel: pulumi.Input<string>) => ({
                autoscalingGroupName: "web",
                policyType: "TargetTrackingScaling",
                targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel }, targetValue: 100 },
            });
            new aws.autoscaling.Policy("from-outputs", spec(pulumi.interpolate`${lb.arnSuffix}/${tg.arnSuffix}`));
            new aws.autoscaling.Policy("by-hand", spec("web-lb/web-tg"));
        }, { project: "app", stack: "dev" });
        const fromOutputs = records.find(r => r.name === "from-outputs")!;
        assert.strictEqual((fromOutputs.properties.targetTrackingConfiguration as any).predefinedMetricSpecification.resourceLabel, UNKNOWN);
        assert.deepStrictEqual(validateResource(autoscalingResourceLabelValid, fromOutputs), []);
        const reported = validateResource(autoscalingResourceLabelValid, records.find(r => r.name === "by-hand")!);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^targetTrackingConfiguration\.predefinedMetricSpecification\.resourceLabel: "web-lb\/web-tg" is not a valid label/m);
        assert.match(reported[0].message, /app\/<lb-name>\/<lb-id>\/targetgroup\/<tg-name>\/<tg-id>/);
        assert.ok(reported[0].message.includes("pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`"));
        assert.strictEqual(reported[0].level, "mandatory");
    });

    it("reports a missing or empty label for ALBRequestCountPerTarget", () => {
        for (const spec of [alb(), alb(""), alb(null), alb(42)]) {
            const reported = ec2(spec);
            assert.strictEqual(reported.length, 1, JSON.stringify(spec));
            assert.match(reported[0].message, /^targetTrackingConfiguration\.predefinedMetricSpecification\.resourceLabel: required for ALBRequestCountPerTarget: build it from both arnSuffix outputs/m);
            assert.match(reported[0].message, /EC2 Auto Scaling rejects the policy/);
        }
    });

    it("explains the usual malformed labels", () => {
        const cases: [string, RegExp][] = [
            ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188", /full ARN/],
            ["net/web/50dc6c495c0c9188/targetgroup/web-tg/73e2d6bc24d8a067", /Network Load Balancer/],
            ["targetgroup/web-tg/73e2d6bc24d8a067", /target group part only/],
            ["app/web/50dc6c495c0c9188", /no \/targetgroup\/<name>\/<id> part/],
            ["app/web/50dc6c495c0c9188/targetgroup/web_tg/73e2d6bc24d8a067", /does not have that form/],
        ];
        for (const [label, pattern] of cases) {
            const reported = ec2(alb(label));
            assert.strictEqual(reported.length, 1, label);
            assert.match(reported[0].message, pattern, label);
        }
    });

    it("accepts the documented form, and the fix from the message", () => {
        assert.deepStrictEqual(ec2(alb(GOOD_LABEL)), []);
        assert.deepStrictEqual(app(alb(GOOD_LABEL)), []);
        assert.deepStrictEqual(ec2({ predefinedMetricType: "ASGAverageCPUUtilization" }), []);
    });

    it("reports a label on metric types that take none", () => {
        const reported = ec2({ predefinedMetricType: "ASGAverageCPUUtilization", resourceLabel: GOOD_LABEL });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /only ALBRequestCountPerTarget takes a resource label/);
        assert.match(reported[0].message, /\.resourceLabel: only ALBRequestCountPerTarget takes a resource label, not ASGAverageCPUUtilization: remove it/, "no repeated property name after the path");
        const appReported = app({ predefinedMetricType: "ECSServiceAverageCPUUtilization", resourceLabel: "x" });
        assert.strictEqual(appReported.length, 1);
        assert.match(appReported[0].message, /^targetTrackingScalingPolicyConfiguration\.predefinedMetricSpecification\.resourceLabel: /m);
        assert.match(appReported[0].message, /Application Auto Scaling rejects the policy/);
    });

    it("checks the Application Auto Scaling equivalent", () => {
        const reported = app(alb("lb/tg"));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /"lb\/tg" is not a valid label/);
    });

    it("stays silent on unknowns and other shapes", () => {
        for (const spec of [alb(UNKNOWN), { predefinedMetricType: UNKNOWN, resourceLabel: "lb/tg" }, UNKNOWN, "ALB", [alb(GOOD_LABEL)], {},
            { predefinedMetricType: "ASGAverageCPUUtilization", resourceLabel: UNKNOWN }, null, [null], 7]) {
            const reported = ec2(spec);
            assert.deepStrictEqual(reported, [], JSON.stringify(spec));
        }
        assert.deepStrictEqual(validateResource(autoscalingResourceLabelValid, { type: POLICY, properties: { targetTrackingConfiguration: UNKNOWN } }), []);
        assert.deepStrictEqual(validateResource(autoscalingResourceLabelValid, { type: POLICY, properties: { targetTrackingConfiguration: "x" } }), []);
        assert.deepStrictEqual(validateResource(autoscalingResourceLabelValid, { type: POLICY, properties: {} }), []);
        assert.strictEqual(ec2([alb("lb/tg")]).length, 1, "a one-item list is read like the object");
    });

    it("never prints a secret label", () => {
        const reported = ec2(alb(secret("secret-lb/secret-tg")));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("secret-lb/secret-tg"));
    });
});
