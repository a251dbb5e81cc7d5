import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import { cloudwatchMetricAlarmValid as policy } from "../../../policies/cloudwatch/cloudwatch-metric-alarm-valid";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { validateResource } from "../../harness/policy-harness";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const base = { comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 2, threshold: 80 };
const alarm = (properties: Record<string, unknown>) => ({ type: ALARM, properties: { ...base, ...properties } });
const headlines = (properties: Record<string, unknown>) => validateResource(policy, alarm(properties)).map(r => `${r.level} ${r.message.split("\n")[0]}`);
const cpu = (dimensions: unknown) => ({ metricName: "CPUUtilization", namespace: "AWS/EC2", period: 300, statistic: "Average", dimensions });
const query = (id: string, returnData?: unknown, dimensions: unknown = { InstanceId: "i-0123" }) => ({
    id, ...(returnData === undefined ? {} : { returnData }),
    metric: { metricName: "CPUUtilization", namespace: "AWS/EC2", period: 300, stat: "Average", dimensions },
});

describe("cloudwatch-metric-alarm-valid", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "cloudwatch-metric-alarm-valid");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.deepStrictEqual([...policy.metadata.resourceTypes], [ALARM]);
    });

    it("reports empty dimension values on recorded v7 and v6 alarms, top level and in metric queries; the filled-in value is clean", async () => {
        const records = await recordProgram(() => {
            new aws.cloudwatch.MetricAlarm("v7", { ...base, metricName: "CPUUtilization", namespace: "AWS/EC2", period: 300, statistic: "Average", dimensions: { InstanceId: "" } });
            new awsV6.cloudwatch.MetricAlarm("v6", { ...base, metricQueries: [
                { id: "m1", returnData: true, metric: { metricName: "CPUUtilization", namespace: "AWS/EC2", period: 300, stat: "Average", dimensions: { InstanceId: " " } } },
            ] });
            new aws.cloudwatch.MetricAlarm("fixed", { ...base, metricName: "CPUUtilization", namespace: "AWS/EC2", period: 300, statistic: "Average", dimensions: { InstanceId: "i-0123" } });
        }, { project: "app", stack: "dev" });
        const v7 = validateResource(policy, records.find(r => r.name === "v7")!);
        assert.deepStrictEqual(v7.map(r => `${r.level} ${r.message.split("\n")[0]}`),
            ["mandatory dimensions.InstanceId: is empty: set the dimension's value (e.g. the instance id), or remove the dimension"]);
        assert.match(v7[0].message, /ValidationError \(described\)/);
        assert.ok(v7[0].message.length <= 400);
        const v6 = validateResource(policy, records.find(r => r.name === "v6")!);
        assert.deepStrictEqual(v6.map(r => r.message.split("\n")[0]),
            ["metricQueries[0].metric.dimensions.InstanceId: is empty: set the dimension's value (e.g. the instance id), or remove the dimension"]);
        assert.deepStrictEqual(validateResource(policy, records.find(r => r.name === "fixed")!), []);
    });

    it("reports more than 30 dimensions, and names and values CloudWatch refuses", () => {
        const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`D${i}`, "v"]));
        assert.deepStrictEqual(headlines(cpu(thirty)), []);
        assert.deepStrictEqual(headlines(cpu({ ...thirty, D30: "v" })),
            ["mandatory dimensions: has 31 dimensions, over CloudWatch's 30: keep the ones the metric is published with"]);
        // The engine's Struct orders keys alphabetically.
        assert.deepStrictEqual(headlines(cpu({ ":Host": "a", " ": "b", ["N".repeat(256)]: "c", Zone: "é", Big: "v".repeat(1025) })), [
            'mandatory dimensions: " " is a dimension with an empty name: give it the name the metric is published with',
            'mandatory dimensions: ":Host" is a dimension name starting with ":", which CloudWatch refuses: remove the colon',
            "mandatory dimensions.Big: is 1025 characters, over CloudWatch's 1024 for a dimension value: pass the resource's id or name",
            `mandatory dimensions: "${"N".repeat(32)}…" (256 characters) is a dimension name over CloudWatch's 255 characters: use the name the metric is published with`,
            "mandatory dimensions.Zone: has characters outside printable ASCII, which CloudWatch refuses in a dimension value: pass the resource's id or name",
        ]);
    });

    it("reports metric queries of which none or several return data, and the one-query fix is clean", () => {
        assert.deepStrictEqual(headlines({ metricQueries: [query("m1"), { id: "e1", expression: "m1 * 100" }] }),
            ["mandatory metricQueries: has no query with returnData: true: set it on the one query whose result the alarm watches"]);
        const several = validateResource(policy, alarm({ metricQueries: [query("m1", true), { id: "e1", expression: "m1 * 100", returnData: true }] }));
        assert.deepStrictEqual(several.map(r => r.message.split("\n")[0]),
            ["metricQueries: has 2 queries with returnData: true: keep it only on the one whose result the alarm watches"]);
        assert.match(several[0].message, /"ValidationError: Exactly one element of the metrics list should return data\."/);
        assert.deepStrictEqual(headlines({ metricQueries: [query("m1", false), { id: "e1", expression: "m1 * 100", returnData: true }] }), []);
    });

    it("leaves anomaly-detection alarms (thresholdMetricId) and unknown returnData alone", () => {
        assert.deepStrictEqual(headlines({ thresholdMetricId: "ad1", metricQueries: [query("m1", true), { id: "ad1", expression: "ANOMALY_DETECTION_BAND(m1)", returnData: true }] }), []);
        assert.deepStrictEqual(headlines({ metricQueries: [query("m1", UNKNOWN), query("m2", true)] }), []);
    });

    it("skips unknown dimensions and values, and wrong shapes", () => {
        assert.deepStrictEqual(headlines(cpu(UNKNOWN)), []);
        assert.deepStrictEqual(headlines(cpu({ InstanceId: UNKNOWN })), [], "an instance id computed during preview");
        for (const shape of ["InstanceId", [], [null], {}, { InstanceId: 5 }, { InstanceId: null }]) {
            assert.deepStrictEqual(headlines(cpu(shape)), [], JSON.stringify(shape));
        }
        for (const queries of [UNKNOWN, "m1", [], [null], [{}], [{ metric: "x" }], [{ metric: { dimensions: [null] } }]]) {
            const reported = headlines({ metricQueries: queries });
            assert.ok(reported.every(h => h.includes("returnData")), JSON.stringify(queries));
        }
    });

    it("never shows secret dimension names or values", () => {
        const reported = validateResource(policy, alarm(cpu(secret({ ":s3cr3t-name": "x", Token: "" }))));
        assert.strictEqual(reported.length, 2);
        for (const r of reported) {
            assert.ok(!r.message.includes("s3cr3t") && !r.message.includes("Token"), r.message);
            assert.match(r.message, /^dimensions: a dimension/);
        }
    });
});
