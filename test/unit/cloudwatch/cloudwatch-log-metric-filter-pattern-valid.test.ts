import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import { cloudwatchLogMetricFilterPatternValid as policy } from "../../../policies/cloudwatch/cloudwatch-log-metric-filter-pattern-valid";
import { patternKind, structureProblem } from "../../../lib/aws/cloudwatch/filter-pattern";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { validateResource } from "../../harness/policy-harness";

const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const transformation = { name: "Errors", namespace: "App", value: "1" };
const filter = (pattern: unknown, metricTransformation: unknown = transformation) =>
    ({ type: FILTER, properties: { logGroupName: "/app/api", pattern, metricTransformation } as Record<string, unknown> });
const headlines = (pattern: unknown, metricTransformation?: unknown) =>
    validateResource(policy, filter(pattern, metricTransformation)).map(r => `${r.level} ${r.message.split("\n")[0]}`);

describe("cloudwatch-log-metric-filter-pattern-valid", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "cloudwatch-log-metric-filter-pattern-valid");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.deepStrictEqual([...policy.metadata.resourceTypes], [FILTER]);
    });

    it("reports an unclosed JSON pattern and dimensions on a term pattern on recorded v7 and v6 filters; the fixes are clean", async () => {
        const records = await recordProgram(() => {
            new aws.cloudwatch.LogMetricFilter("v7", { logGroupName: "/app/api", pattern: '{ $.level = "ERROR" ', metricTransformation: transformation });
            new awsV6.cloudwatch.LogMetricFilter("v6", { logGroupName: "/app/api", pattern: "ERROR", metricTransformation: { ...transformation, dimensions: { Service: "$.service" } } });
            new aws.cloudwatch.LogMetricFilter("fixed", { logGroupName: "/app/api", pattern: '{ $.level = "ERROR" }', metricTransformation: { ...transformation, dimensions: { Service: "$.service" } } });
        }, { project: "app", stack: "dev" });
        const v7 = validateResource(policy, records.find(r => r.name === "v7")!);
        assert.deepStrictEqual(v7.map(r => `${r.level} ${r.message.split("\n")[0]}`),
            ['mandatory pattern: is missing a closing "}": close it as a JSON pattern ({ $.field = value })']);
        assert.match(v7[0].message, /"InvalidParameterException: Invalid metric filter pattern"/);
        const v6 = validateResource(policy, records.find(r => r.name === "v6")!);
        assert.deepStrictEqual(v6.map(r => r.message.split("\n")[0]),
            ["metricTransformation.dimensions: need a JSON or space-delimited pattern, and this pattern is plain terms: match with { $.field = ... } or remove them"]);
        assert.match(v6[0].message, /The specified filter pattern does not support dimensions/);
        assert.ok([...v7, ...v6].every(r => r.message.length <= 400 && r.message.split("\n")[0].length <= 150));
        assert.deepStrictEqual(validateResource(policy, records.find(r => r.name === "fixed")!), []);
    });

    it("reports unbalanced brackets, parentheses, quotes and trailing text in JSON and space-delimited patterns", () => {
        assert.deepStrictEqual(headlines("[ip, user, status = 5*"), ['mandatory pattern: is missing a closing "]": close it as a space-delimited pattern ([field1, field2 = value])']);
        assert.deepStrictEqual(headlines('{ ($.a = 1 && $.b = "x" }'), ['mandatory pattern: has a "}" at position 24 that closes nothing: close it as a JSON pattern ({ $.field = value })']);
        assert.deepStrictEqual(headlines('{ $.msg = "unclosed }'), ['mandatory pattern: has a quote that is never closed (from position 10): close it as a JSON pattern ({ $.field = value })']);
        assert.deepStrictEqual(headlines("{ $.a = 1 } extra"), ['mandatory pattern: has text after its closing "}": close it as a JSON pattern ({ $.field = value })']);
        assert.deepStrictEqual(headlines('{ level = "ERROR" }'), ["advisory pattern: is a JSON pattern without a $. selector: write { $.field = value }"]);
        assert.deepStrictEqual(headlines('ERROR "Out of memory'), ['advisory pattern: has an unclosed double quote: close the quoted phrase ("Out of memory")']);
    });

    it("is clean with the documented pattern forms", () => {
        for (const pattern of [
            "", "ERROR", "?ERROR ?WARN", '"Out of memory"', "ERROR -Exiting", "%ERROR [0-9]{3}%",
            '{ $.eventType = "UpdateTrail" }', '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
            "{ $.latency > 500 && $.arr[0] = 1 }", '{ $.msg = %time[o]ut{1}% }', '{ $.msg = "a \\" } b" }',
            "[ip, user, username, timestamp, request, status_code = 4*, bytes > 1000]", '[w1, w2 = "GET /index.html", ...]',
            "[w1=%abc[0-9%, w2]",
        ]) {
            assert.deepStrictEqual(headlines(pattern), [], pattern);
        }
    });

    it("reports more than three dimensions and dimensions with a default value", () => {
        const four = { A: "$.a", B: "$.b", C: "$.c", D: "$.d" };
        assert.deepStrictEqual(headlines("{ $.a = * }", { ...transformation, dimensions: four }),
            ["mandatory metricTransformation.dimensions: are 4, over the 3 a metric filter may have: keep at most 3"]);
        assert.deepStrictEqual(headlines("{ $.a = * }", { ...transformation, dimensions: { A: "$.a" }, defaultValue: "0" }),
            ["mandatory metricTransformation.defaultValue: cannot be combined with dimensions: remove defaultValue or the dimensions"]);
        assert.deepStrictEqual(headlines("ERROR", { ...transformation, defaultValue: "0" }), [], "a default value without dimensions");
        assert.deepStrictEqual(headlines("[a, b]", { ...transformation, dimensions: { A: "$a" } }), []);
        assert.deepStrictEqual(headlines("ERROR", [{ ...transformation, dimensions: { A: "$.a" } }]).length, 1, "a one-item list is read too");
    });

    it("skips unknown patterns and transformations, and wrong shapes", () => {
        assert.deepStrictEqual(headlines(UNKNOWN, { ...transformation, dimensions: { A: "$.a" } }), []);
        assert.deepStrictEqual(headlines("ERROR", UNKNOWN), []);
        assert.deepStrictEqual(headlines("ERROR", { ...transformation, dimensions: UNKNOWN }), []);
        assert.deepStrictEqual(headlines("ERROR", { ...transformation, dimensions: { A: "$.a" }, defaultValue: UNKNOWN }).length, 1);
        for (const shape of [undefined, null, 42, ["{"], { pattern: "{" }]) {
            assert.deepStrictEqual(headlines(shape), [], JSON.stringify(shape));
        }
        for (const shape of ["x", [], [null], {}, { dimensions: "A" }, { dimensions: [null] }, null]) {
            assert.deepStrictEqual(headlines("ERROR", shape), [], JSON.stringify(shape));
        }
    });

    it("never shows a secret pattern", () => {
        const reported = validateResource(policy, filter(secret('{ $.token = "s3cr3t-value }')));
        assert.deepStrictEqual(reported.map(r => r.message.split("\n")[0]), ["pattern: does not parse: close it as a JSON pattern ({ $.field = value })"]);
        assert.ok(!reported[0].message.includes("s3cr3t"));
    });

    it("checks a huge pattern quickly", () => {
        const started = Date.now();
        assert.strictEqual(structureProblem("{ " + "($.a = 1) && ".repeat(200_000) + "$.b = 2 }", "json"), undefined);
        assert.strictEqual(headlines("[" + "a, ".repeat(500_000)).length, 1);
        assert.ok(Date.now() - started < 1000);
        assert.strictEqual(patternKind("  { $.a = 1 }"), "json");
    });
});
