import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { setClock } from "../../../lib/framework/clock";
import { lambdaRuntimeSupported } from "../../../policies/versions/lambda-runtime-supported";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { validateOne } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { fixture, useFixtureClock } from "./fixtures";

const FUNCTION = "aws:lambda/function:Function";
const DATA = { dataFile: fixture("lambda-runtimes") };

const fn = (args: Partial<aws.lambda.FunctionArgs> | Record<string, unknown>) =>
    ({ type: FUNCTION, properties: { role: "arn:aws:iam::123456789012:role/fn", handler: "index.handler", ...args } as Record<string, unknown> });
const check = (resource: { type: string; properties: Record<string, unknown>; outputs?: Record<string, unknown> }, config: Record<string, unknown> = {}) =>
    validateOne(lambdaRuntimeSupported, resource, { ...DATA, ...config });

describe("lambda-runtime-supported", () => {
    useFixtureClock(); // 2026-11-23

    it("has its public metadata", () => {
        const p = lambdaRuntimeSupported.policy;
        assert.strictEqual(p.name, "lambda-runtime-supported");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["dataFile", "maxDataAgeDays", "warnDays"]);
        assert.strictEqual(p.configSchema!.properties.maxDataAgeDays.default, 180);
        assert.strictEqual(p.configSchema!.properties.warnDays.default, 90);
        assert.deepStrictEqual(lambdaRuntimeSupported.metadata.resourceTypes, [FUNCTION]);
    });

    it("reports a create-blocked runtime of a recorded function with the AWS error and the successor", async () => {
        const records = await recordProgram(() => {
            new aws.lambda.Function("api", {
                runtime: "nodejs14.x", handler: "index.handler", role: "arn:aws:iam::123456789012:role/api",
                code: new (require("@pulumi/pulumi").asset.AssetArchive)({}),
            });
        }, { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } });
        const reported = validateOne(lambdaRuntimeSupported, records.find(r => r.type === FUNCTION)!, DATA);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        const message = reported[0].message;
        assert.match(message, /^runtime: nodejs14\.x can no longer create functions \(blocked since 2024-01-09\): use "nodejs24\.x"\.\n\n/m);
        assert.ok(message.includes("\"InvalidParameterValueException: The runtime parameter of nodejs14.x is no longer supported " +
            "for creating or updating AWS Lambda functions. ...\""));
        assert.match(message, /Existing ones can be updated until 2027-03-03\./);
        assert.match(message, /Existing ones can be updated until 2027-03-03\./);
        assert.match(message, /nodejs24\.x is the successor AWS recommends/);
    });

    it("the fix from the message validates clean", () => {
        const reported = check(fn({ runtime: "nodejs14.x" }));
        const fixed = /: use "([^"]+)"/.exec(reported[0].message)![1];
        assert.deepStrictEqual(check(fn({ runtime: fixed })), []);
    });

    it("says when updates are blocked too", () => {
        const reported = check(fn({ runtime: "nodejs12.x" }));
        assert.match(reported[0].message, /Updates of existing functions are blocked too, since 2023-04-30\./);
        assert.match(reported[0].message, /Updates of existing functions are blocked too, since 2023-04-30\./);
        assert.ok(!reported[0].message.includes("still accepts updates"));
        assert.match(lambdaRuntimeSupported.metadata.docs!.failure, /advisory for one that\s+already exists/);
    });

    it("gives an advisory for a deprecated runtime that can still be created, with the block date", () => {
        const reported = check(fn({ runtime: "nodejs20.x" }));
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /nodejs20\.x is deprecated since 2026-04-30 \(no more security patches\): use "nodejs24\.x"\.\n\nFrom 2027-02-01 \(in 70 days\) AWS blocks creating/);
        const noBlockDate = check(fn({ runtime: "python3.9" }));
        assert.strictEqual(noBlockDate[0].level, "advisory");
        assert.match(noBlockDate[0].message, /python3\.9 is deprecated since 2025-12-15 \(no more security patches\): use "python3\.14"\./);
    });

    it("follows the clock: nodejs22.x is clean now, advisory within warnDays, blocked after its date", () => {
        assert.deepStrictEqual(check(fn({ runtime: "nodejs22.x" })), []);
        // Past maxDataAgeDays the data note would come too: not what this test is about.
        setClock("2027-03-15T00:00:00Z");
        const soon = check(fn({ runtime: "nodejs22.x" }), { maxDataAgeDays: 0 });
        assert.strictEqual(soon.length, 1);
        assert.strictEqual(soon[0].level, "advisory");
        assert.match(soon[0].message, /nodejs22\.x reaches its creation block on 2027-06-01, in 78 days: use "nodejs24\.x"\.\n\nDeprecated from 2027-04-30/);
        setClock("2027-06-01T00:00:00Z");
        assert.strictEqual(check(fn({ runtime: "nodejs22.x" }), { maxDataAgeDays: 0 })[0].level, "mandatory");
        setClock("2026-11-23T12:00:00Z");
    });

    it("warnDays: widens or narrows the warning window", () => {
        assert.deepStrictEqual(check(fn({ runtime: "nodejs22.x" }), { warnDays: 189 }), []);
        const wide = check(fn({ runtime: "nodejs22.x" }), { warnDays: 200 });
        assert.strictEqual(wide.length, 1);
        assert.match(wide[0].message, /in 190 days/);
        setClock("2027-03-15T00:00:00Z");
        assert.deepStrictEqual(check(fn({ runtime: "nodejs22.x" }), { warnDays: 30, maxDataAgeDays: 0 }), []);
    });

    it("container images, runtimes missing from the data and unknown values are clean", () => {
        const cases: Record<string, unknown>[] = [
            { packageType: "Image", imageUri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1" },
            { packageType: "Image", runtime: "nodejs14.x" },
            { runtime: "nodejs26.x" },
            { runtime: UNKNOWN },
            { runtime: 14 },
            { runtime: ["nodejs14.x"] },
            { runtime: { name: "nodejs14.x" } },
            { runtime: [null] },
            { runtime: "" },
            {},
        ];
        for (const props of cases) {
            assert.deepStrictEqual(check(fn(props)), [], JSON.stringify(props));
        }
        assert.strictEqual(check(fn({ runtime: "nodejs14.x", packageType: UNKNOWN })).length, 1);
    });

    it("never prints a secret value", () => {
        const reported = check(fn({ runtime: secret("nodejs14.x") }));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("nodejs14.x"), reported[0].message);
    });

    it("maxDataAgeDays and dataFile", () => {
        const old = check(fn({ runtime: "nodejs24.x" }), { maxDataAgeDays: 60 });
        assert.strictEqual(old.length, 1);
        assert.strictEqual(old[0].level, "advisory");
        assert.match(old[0].message, /lambda-runtimes data .* 96 days old \(maxDataAgeDays: 60\)/);
        const broken = check(fn({ runtime: "nodejs14.x" }), { dataFile: fixture("rds-instance-classes") });
        assert.strictEqual(broken.length, 1);
        assert.match(broken[0].message, /could not use its data file/);
    });

    it("is mandatory for a function being created and advisory for one that exists (same resource, created and existing outputs)", () => {
        const inputs = { runtime: "nodejs14.x", handler: "index.handler", role: "arn:aws:iam::123456789012:role/api" };
        const created = check({ ...fn(inputs), outputs: { ...inputs, id: UNKNOWN, arn: UNKNOWN } });
        assert.strictEqual(created.length, 1);
        assert.strictEqual(created[0].level, "mandatory");
        const existing = check({ ...fn(inputs), outputs: { ...inputs, id: "api", arn: "arn:aws:lambda:us-east-1:123456789012:function:api" } });
        assert.strictEqual(existing.length, 1);
        assert.strictEqual(existing[0].level, "advisory");
        assert.match(existing[0].message, /^runtime: nodejs14\.x can no longer create functions \(since 2024-01-09\): move this function to "nodejs24\.x" before it is replaced\.\n\nThis function exists and keeps running; AWS accepts updates of it until 2027-03-03\./m);
        const blocked = check({ ...fn({ ...inputs, runtime: "nodejs12.x" }), outputs: { ...inputs, runtime: "nodejs12.x", id: "api" } });
        assert.strictEqual(blocked[0].level, "advisory");
        assert.match(blocked[0].message, /nodejs12\.x is blocked for creates and updates since 2023-04-30: move this function to "nodejs24\.x"; any change to it fails\./);
    });
});
