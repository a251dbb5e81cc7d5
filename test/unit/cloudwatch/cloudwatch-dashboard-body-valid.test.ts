import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import { cloudwatchDashboardBodyValid as policy } from "../../../policies/cloudwatch/cloudwatch-dashboard-body-valid";
import { DASHBOARD_CHECK_LIMIT, dashboardBodyProblems, readablePath } from "../../../lib/aws/cloudwatch/dashboard-body";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { validateResource } from "../../harness/policy-harness";

const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const dashboard = (dashboardBody: unknown) => ({ type: DASHBOARD, properties: { dashboardName: "ops", dashboardBody } as Record<string, unknown> });
const reports = (body: unknown) => validateResource(policy, dashboard(typeof body === "string" || body === UNKNOWN ? body : JSON.stringify(body)));
const headlines = (body: unknown) => reports(body).map(r => `${r.level} ${r.message.split("\n")[0]}`);
const metricWidget = (metrics: unknown) => ({ type: "metric", x: 0, y: 0, width: 12, height: 6, properties: { metrics, region: "us-east-1", stat: "Average" } });

describe("cloudwatch-dashboard-body-valid", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "cloudwatch-dashboard-body-valid");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.deepStrictEqual([...policy.metadata.resourceTypes], [DASHBOARD]);
    });

    it("reports a metric written flat on recorded v7 and v6 dashboards, with CloudWatch's error, and the fix is clean", async () => {
        const flat = JSON.stringify({ widgets: [metricWidget(["AWS/EC2", "CPUUtilization", "InstanceId", "i-0123"])] });
        const fixed = JSON.stringify({ widgets: [metricWidget([["AWS/EC2", "CPUUtilization", "InstanceId", "i-0123"]])] });
        const records = await recordProgram(() => {
            new aws.cloudwatch.Dashboard("v7", { dashboardName: "ops", dashboardBody: flat });
            new awsV6.cloudwatch.Dashboard("v6", { dashboardName: "ops", dashboardBody: flat });
            new aws.cloudwatch.Dashboard("fixed", { dashboardName: "ops", dashboardBody: fixed });
        }, { project: "app", stack: "dev" });
        for (const name of ["v7", "v6"]) {
            const reported = validateResource(policy, records.find(r => r.name === name)!);
            assert.strictEqual(reported.length, 4, name);
            assert.strictEqual(reported[0].message.split("\n")[0],
                'dashboardBody: widgets[0].properties.metrics[0] is not an array: write ["Namespace", "MetricName", "DimName", "DimValue"]');
            assert.ok(reported[0].message.endsWith('"InvalidParameterInput: The dashboard body is invalid" with {"dataPath":"/widgets/0/properties/metrics/0","message":"Should be array"}.'), reported[0].message);
            assert.ok(reported.every(r => r.level === "mandatory" && r.message.length <= 400 && r.message.split("\n")[0].length <= 150), name);
        }
        assert.deepStrictEqual(validateResource(policy, records.find(r => r.name === "fixed")!), []);
    });

    it("reports a body without widgets, with widgets not an array, over 500 widgets, and widgets without a type", () => {
        assert.deepStrictEqual(headlines({ start: "-PT6H" }), ['mandatory dashboardBody: has no widgets array: add "widgets": [] (it may be empty)']);
        assert.deepStrictEqual(headlines({ widgets: {} }), ["mandatory dashboardBody: widgets is not an array: list the widgets in an array"]);
        assert.deepStrictEqual(headlines([]), ['mandatory dashboardBody: is not a JSON object: write it as {"widgets": [...]}']);
        const many = { widgets: Array.from({ length: 501 }, () => ({ type: "text", properties: { markdown: "x" } })) };
        const over = reports(many);
        assert.strictEqual(over.length, 1);
        assert.match(over[0].message, /^dashboardBody: widgets has 501 widgets, over CloudWatch's 500: split them over several dashboards/);
        assert.match(over[0].message, /"dataPath":"\/widgets","message":"Should NOT have more than 500 items"/);
        assert.deepStrictEqual(headlines({ widgets: many.widgets.slice(0, 500) }), [], "500 widgets are allowed");
        assert.deepStrictEqual(headlines({ widgets: [{ properties: { markdown: "x" } }, null] }), [
            'mandatory dashboardBody: widgets[0] has no type: set "type" ("metric", "text", "log", "alarm", ...)',
            'mandatory dashboardBody: widgets[1] is not a widget object: write {"type": "metric", "properties": {...}}',
        ]);
    });

    it("reports metric widgets without metrics, metrics that are objects, numbers and misplaced rendering objects", () => {
        assert.deepStrictEqual(headlines({ widgets: [{ type: "metric", properties: { region: "us-east-1" } }] }), [
            'mandatory dashboardBody: widgets[0].properties is a metric widget without "metrics": add [["Namespace", "MetricName", ...]]',
        ]);
        assert.deepStrictEqual(headlines({ widgets: [{ type: "metric" }] }).length, 1);
        assert.deepStrictEqual(headlines({ widgets: [metricWidget([
            { namespace: "AWS/EC2", metricName: "CPUUtilization" },
            ["AWS/EC2", "CPUUtilization", "InstanceId", 123],
            ["AWS/EC2", "CPUUtilization", { stat: "p99" }, "InstanceId", "i-1"],
        ])] }), [
            'mandatory dashboardBody: widgets[0].properties.metrics[0] is an object, not an array: write ["Namespace", "MetricName", ...] (or [{"expression": ...}] for math)',
            "mandatory dashboardBody: widgets[0].properties.metrics[1] has a number at position 3: every part but the last object must be a string",
            "mandatory dashboardBody: widgets[0].properties.metrics[2] has a rendering object at position 2, not last: move it to the end of the array",
        ]);
        assert.deepStrictEqual(headlines({ widgets: [metricWidget("AWS/EC2")] }).length, 1);
        const element = reports({ widgets: [metricWidget([["AWS/EC2", "CPUUtilization", "InstanceId", 123]])] });
        assert.match(element[0].message, /"message":"Field \\"metrics\\" has to be an array of array of strings, with an optional metricRenderer object as last element"/);
        assert.ok(element[0].message.length <= 400, `${element[0].message.length}`);
    });

    it("is clean with documented shapes: empty widgets, rendering objects last, math, '.' shorthands, alarm annotations, other widget types", () => {
        assert.deepStrictEqual(headlines({ widgets: [] }), []);
        assert.deepStrictEqual(headlines({ start: "-PT6H", periodOverride: "inherit", widgets: [
            metricWidget([
                ["AWS/EC2", "CPUUtilization", "InstanceId", "i-0123", { stat: "p99", label: "CPU" }],
                [".", "NetworkIn", ".", "."],
                [{ expression: "SUM(METRICS())", label: "total", id: "e1" }],
            ]),
            { type: "metric", properties: { annotations: { alarms: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:high"] }, region: "us-east-1" } },
            { type: "text", x: 0, y: 7, width: 3, height: 3, properties: { markdown: "Hello world" } },
            { type: "log", properties: { query: "SOURCE '/aws/lambda/x' | fields @message", region: "us-east-1" } },
            { type: "alarm", properties: { alarms: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:high"] } },
        ] }), []);
    });

    it("skips unknown bodies, bodies that are not JSON (the provider refuses those during preview) and wrong shapes", () => {
        for (const body of [UNKNOWN, "", "   ", "{not json", "[1,", undefined, null, 42, { widgets: [] }, ["widgets"]]) {
            const properties: Record<string, unknown> = { dashboardName: "ops", dashboardBody: body };
            assert.deepStrictEqual(validateResource(policy, { type: DASHBOARD, properties }), [], JSON.stringify(body));
        }
    });

    it("does not parse a body over the check limit, and says so as an advisory note, quickly", () => {
        const huge = JSON.stringify({ widgets: [{ type: "text", properties: { markdown: "x".repeat(DASHBOARD_CHECK_LIMIT) } }] });
        const started = Date.now();
        const reported = reports(huge);
        assert.ok(Date.now() - started < 500);
        assert.deepStrictEqual(reported.map(r => r.level), ["advisory"]);
        assert.match(reported[0].message, /^dashboardBody: is \d+ characters: too large for aws-preflight to check during preview/);
    });

    it("reports the first five problems of a body and sums up the rest", () => {
        const metrics = Array.from({ length: 300 }, () => "AWS/EC2");
        const reported = headlines({ widgets: [metricWidget(metrics)] });
        assert.strictEqual(reported.length, 6);
        assert.strictEqual(reported[5], "mandatory dashboardBody: has more problems of the same kind after the first 5: fix the pattern above throughout");
        assert.strictEqual(dashboardBodyProblems({ widgets: [metricWidget(metrics)] }).length, 6, "stops parsing after the limit");
    });

    it("never shows a secret body", () => {
        const reported = validateResource(policy, dashboard(secret(JSON.stringify({ widgets: [metricWidget(["s3cr3t-namespace"])] }))));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("s3cr3t"), reported[0].message);
    });

    it("formats AWS's data paths as a program writes them", () => {
        assert.strictEqual(readablePath("/widgets/3/properties/metrics/10"), "widgets[3].properties.metrics[10]");
        assert.strictEqual(readablePath(""), "");
    });
});
