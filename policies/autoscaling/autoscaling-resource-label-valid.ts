import type * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../lib/framework/policy";
import { PropertyBag, UNKNOWN } from "../../lib/framework/properties";
import { APPAUTOSCALING_POLICY, AUTOSCALING_POLICY } from "../../lib/aws/resource-types";

type Config = Record<string, never>;

type PredefinedSpec = aws.types.input.autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecification &
    aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification;

const EC2_TARGET_TRACKING: keyof aws.autoscaling.PolicyArgs = "targetTrackingConfiguration";
const APP_TARGET_TRACKING: keyof aws.appautoscaling.PolicyArgs = "targetTrackingScalingPolicyConfiguration";
const PREDEFINED = "predefinedMetricSpecification";
const METRIC_TYPE: keyof PredefinedSpec = "predefinedMetricType";
const RESOURCE_LABEL: keyof PredefinedSpec = "resourceLabel";

const ALB_REQUEST_COUNT = "ALBRequestCountPerTarget";
const EXPECTED_FORM = "app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>";
/** An ALB's arnSuffix, "/", a target group's arnSuffix (names: up to 32 letters, digits and hyphens; ids: hex). */
const LABEL_PATTERN = /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+\/targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/;
const BUILD_IT = "Use resourceLabel: pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`.";

function labelProblem(label: string): string {
    if (label.startsWith("arn:")) {
        return "it is a full ARN, not the arnSuffix form";
    }
    if (label.startsWith("net/")) {
        return "it names a Network Load Balancer; ALBRequestCountPerTarget counts requests of an Application Load Balancer's target group";
    }
    if (label.startsWith("targetgroup/")) {
        return "it has the target group part only; the load balancer part (app/<name>/<id>/) must come first";
    }
    if (!label.includes("/targetgroup/")) {
        return "it has no /targetgroup/<name>/<id> part";
    }
    return "it does not have that form";
}

export const autoscalingResourceLabelValid = resourcePolicy<Config>({
    name: "autoscaling-resource-label-valid",
    description: "ALBRequestCountPerTarget scaling needs a resource label naming the load balancer and target group.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["autoscaling", "elb", "deployment-blocker"],
    remediationSteps: "For predefinedMetricType ALBRequestCountPerTarget set resourceLabel to " +
        "pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}` " +
        `(${EXPECTED_FORM}). Other predefined metric types take no resourceLabel: remove it.`,
    resourceTypes: [AUTOSCALING_POLICY, APPAUTOSCALING_POLICY],
    config: {},
    docs: {
        failure: "A target tracking policy on ALBRequestCountPerTarget with a missing or malformed resourceLabel (a bare " +
            "`lb/tg` name, a full ARN), or a resourceLabel on another metric type, passes `pulumi preview` and is " +
            "rejected by AWS when `pulumi up` creates the scaling policy.",
        awsError: "PutScalingPolicy fails with a validation error saying that a resource label must be specified for " +
            "predefined metric type ALBRequestCountPerTarget (or that the label is invalid).",
    },
    validate: ctx => {
        const configPath = ctx.type === APPAUTOSCALING_POLICY ? APP_TARGET_TRACKING : EC2_TARGET_TRACKING;
        const config = ctx.props.objectOrFirst(configPath);
        if (config === undefined || config === UNKNOWN) {
            return;
        }
        // Each level may be an object (v7) or a one-item list (older shapes): read level by level.
        const spec = new PropertyBag(config).objectOrFirst(PREDEFINED);
        if (spec === undefined || spec === UNKNOWN) {
            return;
        }
        const specBag = new PropertyBag(spec);
        const metricType = specBag.string(METRIC_TYPE);
        const label = specBag.get(RESOURCE_LABEL);
        const displayPath = [configPath, PREDEFINED, RESOURCE_LABEL];
        if (metricType === UNKNOWN || metricType === undefined) {
            return;
        }
        const service = ctx.type === APPAUTOSCALING_POLICY ? "Application Auto Scaling" : "EC2 Auto Scaling";
        if (metricType === ALB_REQUEST_COUNT) {
            if (label === UNKNOWN) {
                return; // built from arnSuffix outputs during preview: known at apply
            }
            if (typeof label !== "string" || label.trim() === "") {
                ctx.report({
                    path: displayPath,
                    message: `required for ${ALB_REQUEST_COUNT}: build it from both arnSuffix outputs.\n\n` +
                        `It names the load balancer and target group to count requests for: ${EXPECTED_FORM}.\n${BUILD_IT}\n` +
                        `${service} rejects the policy at pulumi up, asking for a resource label.`,
                });
                return;
            }
            if (!LABEL_PATTERN.test(label)) {
                // The path is long (targetTrackingConfiguration.predefinedMetricSpecification.resourceLabel): a short value only.
                const shown = label.length <= 24 ? `"${label}"` : "the value";
                ctx.report({
                    path: displayPath,
                    message: `${shown} is not a valid label: build it from both arnSuffix outputs (below).\n\n` +
                        `${service} rejects it at pulumi up: ${labelProblem(label)}; the form is ${EXPECTED_FORM}.\n${BUILD_IT}`,
                });
            }
            return;
        }
        if (typeof label === "string" && label.trim() !== "") {
            ctx.report({
                path: displayPath,
                message: `only ${ALB_REQUEST_COUNT} takes a resource label, not ${metricType}: remove it.\n\n` +
                    `${service} rejects the policy at pulumi up. To scale on requests per target, use ` +
                    `predefinedMetricType "${ALB_REQUEST_COUNT}".`,
            });
        }
    },
});
