// CloudWatch dashboard bodies: the structure PutDashboard validates.
// Source: docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html ("The
// dashboard must include a widgets array, but that array can be empty"; "an array of between 0 and 500 widget
// objects"; metric widget `metrics`: an array of arrays of strings, with an optional rendering object last).
// AWS answers with a JSON-schema style list, e.g. (pulumi/pulumi#13059, gchq/sleeper#2160, aws-eda-slurm-cluster#116):
//   InvalidParameterInput: The dashboard body is invalid, there are 1 validation errors: [{"dataPath":
//   "/widgets/0/properties/metrics/0", "message": "Should be array"}]
// Not JSON at all is refused by the provider itself during preview (terraform-provider-aws
// internal/service/cloudwatch/dashboard.go: dashboard_body `ValidateFunc: validation.StringIsJSON`), so it is not
// reported here.

export const DASHBOARD_ERROR = "InvalidParameterInput: The dashboard body is invalid";
export const DASHBOARD_MAX_WIDGETS = 500;
/**
 * Bodies longer than this are not parsed during preview (AWS documents no body size limit; a real dashboard of
 * 500 widgets is far smaller), so a huge generated body cannot slow the preview.
 */
export const DASHBOARD_CHECK_LIMIT = 1_000_000;
/** More problems than this in one body are summed up in one line: the first ones show the pattern. */
export const DASHBOARD_MAX_REPORTED = 5;

export interface DashboardProblem {
    /** Where in the body, as AWS's `dataPath` (`/widgets/0/properties/metrics/1`). */
    readonly dataPath: string;
    /** The problem and the fix, for the headline. */
    readonly headline: string;
    /** AWS's `message` for it. */
    readonly awsMessage: string;
    /** Whether that message is AWS's verified wording (otherwise it is described). */
    readonly verified: boolean;
}

const METRICS_SHAPE = 'Field "metrics" has to be an array of array of strings, with an optional metricRenderer object as last element';

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `/widgets/0/properties/metrics/1` as a program writes it: `widgets[0].properties.metrics[1]`. */
export function readablePath(dataPath: string): string {
    let out = "";
    for (const part of dataPath.split("/").slice(1)) {
        out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
    }
    return out;
}

/** The problems CloudWatch reports for a parsed dashboard body, in body order; stops after `limit`+1 problems. */
export function dashboardBodyProblems(body: unknown, limit = DASHBOARD_MAX_REPORTED): DashboardProblem[] {
    const problems: DashboardProblem[] = [];
    const add = (dataPath: string, headline: string, awsMessage: string, verified: boolean) => {
        problems.push({ dataPath, headline, awsMessage, verified });
        return problems.length > limit;
    };
    if (!isRecord(body)) {
        add("", 'is not a JSON object: write it as {"widgets": [...]}', "Should be object", false);
        return problems;
    }
    if (!("widgets" in body)) {
        add("", 'has no widgets array: add "widgets": [] (it may be empty)', "Should have required property 'widgets'", false);
        return problems;
    }
    const widgets = body.widgets;
    if (!Array.isArray(widgets)) {
        add("/widgets", "is not an array: list the widgets in an array", "Should be array", false);
        return problems;
    }
    if (widgets.length > DASHBOARD_MAX_WIDGETS) {
        if (add("/widgets", `has ${widgets.length} widgets, over CloudWatch's ${DASHBOARD_MAX_WIDGETS}: split them over several dashboards`,
            `Should NOT have more than ${DASHBOARD_MAX_WIDGETS} items`, true)) {
            return problems;
        }
    }
    const count = Math.min(widgets.length, DASHBOARD_MAX_WIDGETS + 1);
    for (let i = 0; i < count; i++) {
        if (widgetProblems(widgets[i], `/widgets/${i}`, add)) {
            break;
        }
    }
    return problems;
}

type Add = (dataPath: string, headline: string, awsMessage: string, verified: boolean) => boolean;

/** Returns true once enough problems were found. */
function widgetProblems(widget: unknown, at: string, add: Add): boolean {
    if (!isRecord(widget)) {
        return add(at, 'is not a widget object: write {"type": "metric", "properties": {...}}', "Should be object", false);
    }
    if (typeof widget.type !== "string") {
        return add(at, 'has no type: set "type" ("metric", "text", "log", "alarm", ...)', "Should have required property 'type'", false);
    }
    if (widget.type !== "metric") {
        return false;
    }
    const properties = widget.properties;
    if (!isRecord(properties)) {
        return add(at, 'is a metric widget without "properties": add {"metrics": [...], "region": ...}',
            "Should have required property 'properties'", false);
    }
    const metrics = properties.metrics;
    if (metrics === undefined) {
        const annotations = properties.annotations;
        if (isRecord(annotations) && annotations.alarms !== undefined) {
            return false; // an alarm widget drawn from annotations needs no metrics
        }
        return add(`${at}/properties`, 'is a metric widget without "metrics": add [["Namespace", "MetricName", ...]]',
            "Should have required property 'metrics'", true);
    }
    if (!Array.isArray(metrics)) {
        return add(`${at}/properties/metrics`, 'is not an array of metrics: write [["Namespace", "MetricName", "DimName", "DimValue"]]',
            METRICS_SHAPE, true);
    }
    for (let m = 0; m < metrics.length; m++) {
        const problem = metricProblem(metrics[m]);
        const awsMessage = Array.isArray(metrics[m]) ? METRICS_SHAPE : "Should be array";
        if (problem && add(`${at}/properties/metrics/${m}`, problem, awsMessage, true)) {
            return true;
        }
    }
    return false;
}

/** What is wrong with one entry of a metric widget's `metrics`, or undefined. */
function metricProblem(metric: unknown): string | undefined {
    if (!Array.isArray(metric)) {
        return isRecord(metric)
            ? 'is an object, not an array: write ["Namespace", "MetricName", ...] (or [{"expression": ...}] for math)'
            : 'is not an array: write ["Namespace", "MetricName", "DimName", "DimValue"]';
    }
    for (let k = 0; k < metric.length; k++) {
        const part = metric[k];
        if (typeof part === "string") {
            continue;
        }
        if (isRecord(part) && k === metric.length - 1) {
            continue; // the rendering object ({"stat": ..., "label": ...}) or a math expression
        }
        return isRecord(part)
            ? `has a rendering object at position ${k}, not last: move it to the end of the array`
            : `has a ${part === null ? "null" : typeof part} at position ${k}: every part but the last object must be a string`;
    }
    return undefined;
}
