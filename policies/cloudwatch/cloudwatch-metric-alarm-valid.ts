import type * as aws from "@pulumi/aws";
import {
    dimensionNameProblem,
    dimensionValueProblem,
    MAX_ALARM_DIMENSIONS,
    RETURN_DATA_ERROR,
} from "../../lib/aws/cloudwatch/alarm";
import { CLOUDWATCH_METRIC_ALARM } from "../../lib/aws/resource-types";
import { resourcePolicy, ResourceContext } from "../../lib/framework/policy";
import { PathSegment, UNKNOWN } from "../../lib/framework/properties";
import { quoteValue } from "../../lib/framework/quote";

type Config = Record<string, never>;

const DIMENSIONS: keyof aws.cloudwatch.MetricAlarmArgs = "dimensions";
const METRIC_QUERIES: keyof aws.cloudwatch.MetricAlarmArgs = "metricQueries";
const THRESHOLD_METRIC_ID: keyof aws.cloudwatch.MetricAlarmArgs = "thresholdMetricId";
const DIMENSION_ERROR = "CloudWatch refuses the alarm at pulumi up with a ValidationError (described): dimension names are " +
    "1-255 and values 1-1024 printable ASCII characters with at least one non-space, at most 30 per metric (API_Dimension).";

function checkDimensions(ctx: ResourceContext<Config>, base: readonly PathSegment[]): void {
    const dimensions = ctx.props.object([...base]);
    if (!dimensions || dimensions === UNKNOWN) {
        return;
    }
    const names = Object.keys(dimensions);
    if (names.length > MAX_ALARM_DIMENSIONS) {
        ctx.report({
            path: [...base],
            message: `has ${names.length} dimensions, over CloudWatch's ${MAX_ALARM_DIMENSIONS}: keep the ones the metric is published with\n\n${DIMENSION_ERROR}`,
        });
    }
    // A secret map's keys are part of the secret: name no key then.
    const secret = ctx.props.isSecret([...base]);
    for (const name of names.slice(0, MAX_ALARM_DIMENSIONS + 1)) {
        const nameProblem = dimensionNameProblem(name);
        if (nameProblem) {
            const shown = secret ? "a dimension" : quoteValue(name, 32);
            ctx.report({ path: [...base], message: `${shown} ${nameProblem}\n\n${DIMENSION_ERROR}` });
            continue;
        }
        const value = ctx.props.get([...base, name]);
        if (typeof value !== "string") {
            continue; // unknown until another resource exists, or not a string (the provider's type check reports that)
        }
        const valueProblem = dimensionValueProblem(value);
        if (valueProblem) {
            ctx.report({
                path: secret ? [...base] : [...base, name],
                message: `${secret ? "a dimension value " : ""}${valueProblem}\n\n${DIMENSION_ERROR}`,
            });
        }
    }
}

function checkReturnData(ctx: ResourceContext<Config>): void {
    const queries = ctx.props.array(METRIC_QUERIES);
    if (!queries || queries === UNKNOWN || queries.length === 0) {
        return;
    }
    const threshold = ctx.props.get(THRESHOLD_METRIC_ID);
    if (threshold !== undefined && threshold !== null && threshold !== "") {
        return; // anomaly-detection alarms return two series (the metric and the band): another rule
    }
    let returning = 0;
    for (let i = 0; i < queries.length; i++) {
        const returnData = ctx.props.boolean([METRIC_QUERIES, i, "returnData"]);
        if (returnData === UNKNOWN) {
            return;
        }
        if (returnData === true) {
            returning++;
        }
    }
    if (returning === 1) {
        return;
    }
    const headline = returning === 0
        ? "has no query with returnData: true: set it on the one query whose result the alarm watches"
        : `has ${returning} queries with returnData: true: keep it only on the one whose result the alarm watches`;
    ctx.report({ path: METRIC_QUERIES, message: `${headline}\n\nCloudWatch refuses the alarm at pulumi up: "${RETURN_DATA_ERROR}"` });
}

export const cloudwatchMetricAlarmValid = resourcePolicy<Config>({
    name: "cloudwatch-metric-alarm-valid",
    description: "CloudWatch metric alarms must have non-empty dimension values, at most 30 dimensions, and exactly one " +
        "metric query that returns data.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["cloudwatch", "deployment-blocker"],
    remediationSteps: "Give every dimension a value (an empty string usually means a config value or an environment variable " +
        "was missing), keep at most 30 dimensions, and set returnData: true on exactly one of metricQueries.",
    resourceTypes: [CLOUDWATCH_METRIC_ALARM],
    config: {},
    docs: {
        failure: "An alarm with `dimensions: { InstanceId: \"\" }`, more than 30 dimensions, or metric queries of which none or " +
            "several return data passes `pulumi preview` and fails at `pulumi up` when CloudWatch creates the alarm.",
        awsError: RETURN_DATA_ERROR,
    },
    validate: ctx => {
        checkDimensions(ctx, [DIMENSIONS]);
        const queries = ctx.props.array(METRIC_QUERIES);
        if (queries && queries !== UNKNOWN) {
            for (let i = 0; i < queries.length; i++) {
                checkDimensions(ctx, [METRIC_QUERIES, i, "metric", "dimensions"]);
            }
        }
        checkReturnData(ctx);
    },
});
