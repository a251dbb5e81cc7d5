// CloudWatch metric alarm values PutMetricAlarm refuses and the provider passes through.
// Sources: docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Dimension.html (Name 1-255, Value 1-1024
// characters; both "must contain only ASCII characters and must include at least one non-whitespace character"; a name
// "cannot start with a colon"), API_PutMetricAlarm.html (Dimensions: at most 30; "You can assign up to 30
// dimensions to a metric"), and the ValidationError for metric queries (hashicorp/terraform-provider-aws#29894,
// whose plan-time check #29925 was closed unmerged: the provider does not check it).
// `statistic` together with `extendedStatistic` is not checked here: the provider refuses it during preview
// (internal/service/cloudwatch/metric_alarm.go: `ConflictsWith: []string{"extended_statistic", "metric_query"}`).

export const MAX_ALARM_DIMENSIONS = 30;
export const DIMENSION_NAME_MAX = 255;
export const DIMENSION_VALUE_MAX = 1024;
export const RETURN_DATA_ERROR = "ValidationError: Exactly one element of the metrics list should return data.";

const NON_ASCII = /[^\x20-\x7e]/;

/** What CloudWatch refuses in a dimension name, as "problem: fix", or undefined. */
export function dimensionNameProblem(name: string): string | undefined {
    if (name.trim() === "") {
        return "is a dimension with an empty name: give it the name the metric is published with";
    }
    if (name.length > DIMENSION_NAME_MAX) {
        return `is a dimension name over CloudWatch's ${DIMENSION_NAME_MAX} characters: use the name the metric is published with`;
    }
    if (name.startsWith(":")) {
        return "is a dimension name starting with \":\", which CloudWatch refuses: remove the colon";
    }
    if (NON_ASCII.test(name)) {
        return "is a dimension name with characters outside printable ASCII, which CloudWatch refuses: use the published name";
    }
    return undefined;
}

/** What CloudWatch refuses in a dimension value, as "problem: fix", or undefined. */
export function dimensionValueProblem(value: string): string | undefined {
    if (value.trim() === "") {
        return "is empty: set the dimension's value (e.g. the instance id), or remove the dimension";
    }
    if (value.length > DIMENSION_VALUE_MAX) {
        return `is ${value.length} characters, over CloudWatch's ${DIMENSION_VALUE_MAX} for a dimension value: pass the resource's id or name`;
    }
    if (NON_ASCII.test(value)) {
        return "has characters outside printable ASCII, which CloudWatch refuses in a dimension value: pass the resource's id or name";
    }
    return undefined;
}
