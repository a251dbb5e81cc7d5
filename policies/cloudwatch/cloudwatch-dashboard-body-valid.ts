import type * as aws from "@pulumi/aws";
import {
    DASHBOARD_CHECK_LIMIT,
    DASHBOARD_ERROR,
    DASHBOARD_MAX_REPORTED,
    DashboardProblem,
    dashboardBodyProblems,
    readablePath,
} from "../../lib/aws/cloudwatch/dashboard-body";
import { CLOUDWATCH_DASHBOARD } from "../../lib/aws/resource-types";
import { resourcePolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";

type Config = Record<string, never>;

const BODY: keyof aws.cloudwatch.DashboardArgs = "dashboardBody";

function message(problem: DashboardProblem): string {
    const where = problem.dataPath ? `${readablePath(problem.dataPath)} ` : "";
    const detail = JSON.stringify({ dataPath: problem.dataPath, message: problem.awsMessage });
    return `${where}${problem.headline}\n\n` +
        `CloudWatch refuses it at pulumi up${problem.verified ? "" : " (described)"}: "${DASHBOARD_ERROR}" with ${detail}.`;
}

export const cloudwatchDashboardBodyValid = resourcePolicy<Config>({
    name: "cloudwatch-dashboard-body-valid",
    description: "CloudWatch dashboard bodies must have a widgets array of at most 500 widgets and well-formed metric arrays.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["cloudwatch", "deployment-blocker"],
    remediationSteps: 'Give the body a "widgets" array (it may be empty), at most 500 widgets, each with a "type"; write each ' +
        'metric of a metric widget as an array of strings ["Namespace", "MetricName", "DimName", "DimValue"] with an ' +
        "optional rendering object last. Build the body with pulumi.jsonStringify so Outputs are resolved.",
    resourceTypes: [CLOUDWATCH_DASHBOARD],
    config: {},
    docs: {
        failure: "A dashboard body without a widgets array, with more than 500 widgets or with a metric written as an object or a " +
            "flat list passes `pulumi preview` and fails at `pulumi up` when CloudWatch validates it.",
        awsError: `${DASHBOARD_ERROR}, there are 8 validation errors: [{"dataPath": "/widgets/0/properties/metrics/0", "message": "Should be array"}, ...]`,
    },
    validate: ctx => {
        const body = ctx.props.string(BODY);
        if (body === undefined || body === UNKNOWN || body.trim() === "") {
            return;
        }
        if (body.length > DASHBOARD_CHECK_LIMIT) {
            ctx.report({
                path: BODY,
                advisory: true,
                message: `is ${body.length} characters: too large for aws-preflight to check during preview\n\n` +
                    `Bodies over ${DASHBOARD_CHECK_LIMIT} characters are not parsed, so a generated body cannot slow the preview. ` +
                    "CloudWatch still validates it at pulumi up.",
            });
            return;
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(body);
        } catch {
            return; // the provider refuses a body that is not JSON during preview (validation.StringIsJSON)
        }
        const problems = dashboardBodyProblems(parsed);
        for (const problem of problems.slice(0, DASHBOARD_MAX_REPORTED)) {
            ctx.report({ path: BODY, message: message(problem) });
        }
        if (problems.length > DASHBOARD_MAX_REPORTED) {
            ctx.report({
                path: BODY,
                message: `has more problems of the same kind after the first ${DASHBOARD_MAX_REPORTED}: fix the pattern above throughout\n\n` +
                    "CloudWatch lists every invalid field in one InvalidParameterInput error at pulumi up.",
            });
        }
    },
});
