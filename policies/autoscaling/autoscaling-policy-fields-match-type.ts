import type * as aws from "@pulumi/aws";
import { resourcePolicy, ResourceContext } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";
import { AUTOSCALING_POLICY } from "../../lib/aws/resource-types";

type Config = Record<string, never>;

const POLICY_TYPE: keyof aws.autoscaling.PolicyArgs = "policyType";
const COOLDOWN: keyof aws.autoscaling.PolicyArgs = "cooldown";
const SCALING_ADJUSTMENT: keyof aws.autoscaling.PolicyArgs = "scalingAdjustment";
const STEP_ADJUSTMENTS: keyof aws.autoscaling.PolicyArgs = "stepAdjustments";
const TARGET_TRACKING: keyof aws.autoscaling.PolicyArgs = "targetTrackingConfiguration";
const WARMUP: keyof aws.autoscaling.PolicyArgs = "estimatedInstanceWarmup";
/** Application Auto Scaling's target tracking fields (aws.appautoscaling.Policy), not EC2 Auto Scaling's. */
const APP_AUTOSCALING_COOLDOWNS = ["scaleInCooldown", "scaleOutCooldown"] as const;

const SIMPLE = "SimpleScaling";
const STEP = "StepScaling";
const TARGET_TRACKING_TYPE = "TargetTrackingScaling";
/** `policyType` when the program leaves it out (the provider's default). */
const DEFAULT_POLICY_TYPE = SIMPLE;

/** Where the provider's check runs, said once in every message that quotes it. */
const PROVIDER_CHECK = "(the AWS provider's check at pulumi up)";

export const PROVIDER_ERRORS = {
    cooldown: "cooldown is only supported for policy type SimpleScaling",
    warmup: "estimated_instance_warmup is only supported for policy type StepScaling and TargetTrackingScaling",
    scalingAdjustmentOnly: "scaling_adjustment is only supported for policy type SimpleScaling",
    scalingAdjustmentRequired: "scaling_adjustment is required for policy type SimpleScaling",
    stepOnly: "step_adjustment is only supported for policy type StepScaling",
    stepRequired: "step_adjustment is required for policy type StepScaling",
    targetTrackingOnly: "target_tracking_configuration is only supported for policy type TargetTrackingScaling",
    targetTrackingRequired: "target_tracking_configuration is required for policy type TargetTrackingScaling",
} as const;

function failsWith(error: string): string {
    return `pulumi up fails with "${error}" ${PROVIDER_CHECK}.`;
}

/** `headline` (problem and fix) first; then what fails and how, and the alternatives. */
function message(headline: string, ...details: string[]): string {
    return `${headline}\n\n${details.filter(d => d !== "").join("\n")}`;
}

/** A number the provider treats as set: it ignores 0 for cooldown, warm-up and scaling adjustment on other types. */
function nonZero(ctx: ResourceContext<Config>, property: string): boolean {
    const value = ctx.props.number(property);
    return typeof value === "number" && value !== 0;
}

function present(ctx: ResourceContext<Config>, property: string): boolean | typeof UNKNOWN {
    const value = ctx.props.get(property);
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    return value !== undefined && value !== null;
}

export const autoscalingPolicyFieldsMatchType = resourcePolicy<Config>({
    name: "autoscaling-policy-fields-match-type",
    description: "EC2 Auto Scaling policies may only set the fields their policy type accepts.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["autoscaling", "deployment-blocker"],
    remediationSteps: "Match the fields to policyType (default SimpleScaling): cooldown and scalingAdjustment only for " +
        "SimpleScaling (scalingAdjustment required there); stepAdjustments only and required for StepScaling; " +
        "targetTrackingConfiguration only and required for TargetTrackingScaling; estimatedInstanceWarmup only for " +
        "StepScaling and TargetTrackingScaling. scaleInCooldown/scaleOutCooldown belong to aws.appautoscaling.Policy; " +
        "an EC2 Auto Scaling target tracking policy uses estimatedInstanceWarmup (or the group's defaultInstanceWarmup).",
    resourceTypes: [AUTOSCALING_POLICY],
    config: {},
    docs: {
        failure: "`pulumi preview` accepts an Auto Scaling policy whose fields do not fit its type (a `cooldown` on a " +
            "target tracking policy, a missing `scalingAdjustment` on the default SimpleScaling type); `pulumi up` then " +
            "fails on the policy, often after the group and its instances were created.",
        awsError: `The AWS provider's validation at apply (before AWS is called): "${PROVIDER_ERRORS.cooldown}", ` +
            `"${PROVIDER_ERRORS.scalingAdjustmentRequired}", "${PROVIDER_ERRORS.targetTrackingOnly}" and similar.`,
    },
    validate: ctx => {
        checkAppAutoScalingFields(ctx);
        const declared = ctx.props.get(POLICY_TYPE);
        if (declared === UNKNOWN) {
            return;
        }
        const policyType = declared === undefined || declared === null || declared === "" ? DEFAULT_POLICY_TYPE : declared;
        if (typeof policyType !== "string") {
            return;
        }
        // Said in the details only when it explains a finding: a type the program never wrote.
        const defaulted = declared === policyType ? "" : `policyType is not set, so this is a ${policyType} policy (the default).`;
        const onType = `on a ${policyType} policy`;

        if (policyType !== SIMPLE && nonZero(ctx, COOLDOWN)) {
            const warmup = policyType === TARGET_TRACKING_TYPE || policyType === STEP;
            ctx.report({
                path: COOLDOWN,
                message: message(`not allowed ${onType} (SimpleScaling only): remove it` +
                    (warmup ? "; for warm-up use estimatedInstanceWarmup." : "."),
                failsWith(PROVIDER_ERRORS.cooldown), defaulted,
                warmup ? "The group's defaultInstanceWarmup works too." : ""),
            });
        }
        if (policyType !== SIMPLE && nonZero(ctx, SCALING_ADJUSTMENT)) {
            ctx.report({
                path: SCALING_ADJUSTMENT,
                message: message(`not allowed ${onType} (SimpleScaling only): ` +
                    (policyType === STEP ? "put the adjustment into each stepAdjustments entry." : "remove it."),
                failsWith(PROVIDER_ERRORS.scalingAdjustmentOnly), defaulted,
                policyType === STEP ? "For example stepAdjustments: [{ scalingAdjustment: 1, metricIntervalLowerBound: \"0\" }]." : ""),
            });
        }
        if (policyType === SIMPLE && present(ctx, SCALING_ADJUSTMENT) === false) {
            ctx.report({
                path: SCALING_ADJUSTMENT,
                message: message(`required ${onType}: set it (e.g. 1 with adjustmentType "ChangeInCapacity"), or set the policyType you meant.`,
                    failsWith(PROVIDER_ERRORS.scalingAdjustmentRequired), defaulted,
                    "Other types: \"TargetTrackingScaling\" with targetTrackingConfiguration, \"StepScaling\" with stepAdjustments."),
            });
        }
        const steps = ctx.props.get(STEP_ADJUSTMENTS);
        const hasSteps = Array.isArray(steps) && steps.length > 0;
        if (policyType !== STEP && hasSteps) {
            ctx.report({
                path: STEP_ADJUSTMENTS,
                message: message(`not allowed ${onType} (StepScaling only): set policyType: "StepScaling", or remove stepAdjustments.`,
                    failsWith(PROVIDER_ERRORS.stepOnly), defaulted),
            });
        }
        if (policyType === STEP && steps !== UNKNOWN && !hasSteps) {
            ctx.report({
                path: STEP_ADJUSTMENTS,
                message: message(`missing ${onType}, which needs at least one step: add stepAdjustments.`,
                    failsWith(PROVIDER_ERRORS.stepRequired),
                    "For example stepAdjustments: [{ scalingAdjustment: 1, metricIntervalLowerBound: \"0\" }]."),
            });
        }
        const targetTracking = present(ctx, TARGET_TRACKING);
        if (policyType !== TARGET_TRACKING_TYPE && targetTracking === true) {
            ctx.report({
                path: TARGET_TRACKING,
                message: message(`not allowed ${onType} (TargetTrackingScaling only): set policyType: "TargetTrackingScaling"` +
                    (policyType === SIMPLE ? " and remove cooldown, scalingAdjustment and adjustmentType." : "."),
                failsWith(PROVIDER_ERRORS.targetTrackingOnly), defaulted),
            });
        }
        if (policyType === TARGET_TRACKING_TYPE && targetTracking === false) {
            ctx.report({
                path: TARGET_TRACKING,
                message: message(`missing ${onType}, which requires it: add targetTrackingConfiguration.`,
                    failsWith(PROVIDER_ERRORS.targetTrackingRequired),
                    "For example { predefinedMetricSpecification: { predefinedMetricType: \"ASGAverageCPUUtilization\" }, targetValue: 50 }."),
            });
        }
        if (policyType !== STEP && policyType !== TARGET_TRACKING_TYPE && nonZero(ctx, WARMUP)) {
            ctx.report({
                path: WARMUP,
                message: message(`not allowed ${onType} (StepScaling and TargetTrackingScaling only): remove it` +
                    (policyType === SIMPLE ? "; a SimpleScaling policy uses cooldown." : "."),
                failsWith(PROVIDER_ERRORS.warmup), defaulted),
            });
        }
    },
});

/** `scaleInCooldown`/`scaleOutCooldown` are Application Auto Scaling fields; EC2 Auto Scaling has no such field. */
function checkAppAutoScalingFields(ctx: ResourceContext<Config>): void {
    const config = ctx.props.objectOrFirst(TARGET_TRACKING);
    if (config === undefined || config === UNKNOWN) {
        return;
    }
    for (const field of APP_AUTOSCALING_COOLDOWNS) {
        if (!Object.prototype.hasOwnProperty.call(config, field) || config[field] === null || config[field] === undefined) {
            continue;
        }
        ctx.report({
            path: [TARGET_TRACKING, field],
            message: message("not an EC2 Auto Scaling field (Application Auto Scaling's): remove it; set estimatedInstanceWarmup instead.",
            `For an ECS service or another scalable target, use aws.appautoscaling.Policy ` +
                `(targetTrackingScalingPolicyConfiguration.${field}). Untyped, the provider rejects the policy: "Invalid or unknown key".`),
        });
    }
}
