import type * as aws from "@pulumi/aws";
import {
    DIMENSIONS_UNSUPPORTED_ERROR,
    INVALID_PATTERN_ERROR,
    jsonWithoutSelector,
    MAX_FILTER_DIMENSIONS,
    patternKind,
    structureProblem,
    unbalancedTermQuotes,
} from "../../lib/aws/cloudwatch/filter-pattern";
import { CLOUDWATCH_LOG_METRIC_FILTER } from "../../lib/aws/resource-types";
import { resourcePolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";

type Config = Record<string, never>;

const PATTERN: keyof aws.cloudwatch.LogMetricFilterArgs = "pattern";
const TRANSFORMATION: keyof aws.cloudwatch.LogMetricFilterArgs = "metricTransformation";

export const cloudwatchLogMetricFilterPatternValid = resourcePolicy<Config>({
    name: "cloudwatch-log-metric-filter-pattern-valid",
    description: "CloudWatch Logs metric filter patterns must parse, and dimensions need a JSON or space-delimited pattern.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["cloudwatch", "logs", "deployment-blocker"],
    remediationSteps: "Close every brace, bracket, parenthesis and quote of a JSON ({ $.level = \"ERROR\" }) or space-delimited " +
        "([ip, user, status = 5*]) pattern. Use dimensions only with those two forms, at most three, and without defaultValue.",
    resourceTypes: [CLOUDWATCH_LOG_METRIC_FILTER],
    config: {},
    docs: {
        failure: "A metric filter whose pattern misses a closing brace or quote, or that puts dimensions on a plain-term pattern, " +
            "passes `pulumi preview` and fails at `pulumi up` when CloudWatch Logs creates the filter.",
        awsError: INVALID_PATTERN_ERROR,
    },
    validate: ctx => {
        const pattern = ctx.props.string(PATTERN);
        if (pattern === undefined || pattern === UNKNOWN) {
            return;
        }
        const secret = ctx.props.isSecret(PATTERN);
        const kind = patternKind(pattern);
        if (kind !== "terms") {
            const problem = structureProblem(pattern, kind);
            if (problem) {
                const shown = secret ? "does not parse" : problem;
                ctx.report({
                    path: PATTERN,
                    message: `${shown}: close it as a ${kind === "json" ? "JSON" : kind} pattern (${kind === "json" ? "{ $.field = value }" : "[field1, field2 = value]"})\n\n` +
                        `CloudWatch Logs refuses the filter at pulumi up: "${INVALID_PATTERN_ERROR}".`,
                });
            } else if (kind === "json" && jsonWithoutSelector(pattern)) {
                ctx.report({
                    path: PATTERN,
                    advisory: true,
                    message: "is a JSON pattern without a $. selector: write { $.field = value }\n\n" +
                        `CloudWatch Logs selects JSON fields with $.name; without one it likely answers "${INVALID_PATTERN_ERROR}".`,
                });
            }
        } else if (unbalancedTermQuotes(pattern)) {
            ctx.report({
                path: PATTERN,
                advisory: true,
                message: "has an unclosed double quote: close the quoted phrase (\"Out of memory\")\n\n" +
                    `CloudWatch Logs likely refuses it: "${INVALID_PATTERN_ERROR}".`,
            });
        }

        const transformation = ctx.props.objectOrFirst(TRANSFORMATION);
        if (!transformation || transformation === UNKNOWN) {
            return;
        }
        const base = ctx.props.object(TRANSFORMATION) ? [TRANSFORMATION] : [TRANSFORMATION, 0];
        const dimensions = ctx.props.object([...base, "dimensions"]);
        if (!dimensions || dimensions === UNKNOWN || Object.keys(dimensions).length === 0) {
            return;
        }
        const count = Object.keys(dimensions).length;
        if (kind === "terms" && pattern.trim() !== "") {
            ctx.report({
                path: [...base, "dimensions"],
                message: "need a JSON or space-delimited pattern, and this pattern is plain terms: match with { $.field = ... } or remove them\n\n" +
                    `CloudWatch Logs refuses the filter at pulumi up: "${DIMENSIONS_UNSUPPORTED_ERROR}". Dimensions name fields ($.service) of the matched event.`,
            });
        }
        if (count > MAX_FILTER_DIMENSIONS) {
            ctx.report({
                path: [...base, "dimensions"],
                message: `are ${count}, over the ${MAX_FILTER_DIMENSIONS} a metric filter may have: keep at most ${MAX_FILTER_DIMENSIONS}\n\n` +
                    "CloudWatch Logs refuses the filter at pulumi up with an InvalidParameterException (described; API_MetricTransformation).",
            });
        }
        const defaultValue = ctx.props.get([...base, "defaultValue"]);
        if (defaultValue !== undefined && defaultValue !== null && defaultValue !== "" && defaultValue !== UNKNOWN) {
            ctx.report({
                path: [...base, "defaultValue"],
                message: "cannot be combined with dimensions: remove defaultValue or the dimensions\n\n" +
                    "CloudWatch Logs refuses the filter at pulumi up with an InvalidParameterException (described; API_MetricTransformation).",
            });
        }
    },
});
