import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import { lambdaEnvironmentNoReservedKeys as policy } from "../../../policies/lambda/lambda-environment-no-reserved-keys";
import { environmentSize } from "../../../lib/aws/lambda/environment";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { validateResource } from "../../harness/policy-harness";

const FUNCTION = "aws:lambda/function:Function";
const fn = (environment: unknown) => ({ type: FUNCTION, properties: { runtime: "nodejs22.x", handler: "index.handler", role: "arn:aws:iam::1:role/r", environment } as Record<string, unknown> });
const headlines = (environment: unknown) => validateResource(policy, fn(environment)).map(r => `${r.level} ${r.message.split("\n")[0]}`);
const code = () => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") });

describe("lambda-environment-no-reserved-keys", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "lambda-environment-no-reserved-keys");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.policy.severity, "high");
        assert.deepStrictEqual([...policy.metadata.resourceTypes], [FUNCTION]);
    });

    it("reports reserved keys on recorded v7 and v6 functions, with Lambda's error", async () => {
        const records = await recordProgram(() => {
            new aws.lambda.Function("v7", { runtime: "nodejs22.x", handler: "index.handler", role: "arn:aws:iam::1:role/r", code: code(),
                environment: { variables: { AWS_REGION: "eu-west-1", TABLE: "orders", AWS_ACCESS_KEY_ID: "AKIA", LAMBDA_TASK_ROOT: "/x" } } });
            new awsV6.lambda.Function("v6", { runtime: "nodejs22.x", handler: "index.handler", role: "arn:aws:iam::1:role/r", code: code(),
                environment: { variables: { _HANDLER: "x" } } });
        }, { project: "app", stack: "dev" });
        const v7 = validateResource(policy, records.find(r => r.name === "v7")!);
        // The engine's Struct orders keys alphabetically.
        assert.deepStrictEqual(v7.map(r => r.message.split("\n")[0]), [
            "environment.variables.AWS_ACCESS_KEY_ID: is reserved (Lambda sets the execution role's credentials): remove it and grant the role the permissions instead.",
            "environment.variables.AWS_REGION: is reserved (Lambda sets it to the function's region): remove it; for another region use your own name, e.g. TARGET_REGION.",
            "environment.variables.LAMBDA_TASK_ROOT: is reserved (Lambda sets it itself): remove it, or use a name of your own.",
        ]);
        assert.match(v7[1].message, /Reserved keys used in this request: AWS_REGION"/);
        assert.match(v7[1].message, /TARGET_REGION/);
        assert.match(v7[0].message, /execution role's credentials/);
        assert.ok(v7.every(r => r.level === "mandatory" && r.message.length < 700));
        const v6 = validateResource(policy, records.find(r => r.name === "v6")!);
        assert.deepStrictEqual(v6.map(r => r.message.split("\n")[0]), ["environment.variables._HANDLER: is reserved (Lambda sets it itself): remove it, or use a name of your own."]);
    });

    it("is clean with own names and the unreserved keys Lambda lets you set (TZ, LANG, NODE_OPTIONS, AWS_LAMBDA_EXEC_WRAPPER)", () => {
        assert.deepStrictEqual(headlines({ variables: { TARGET_REGION: "eu-west-1", TZ: "Europe/Berlin", LANG: "en_US.UTF-8", NODE_OPTIONS: "--enable-source-maps", AWS_LAMBDA_EXEC_WRAPPER: "/opt/w", aws_region: "x" } }), []);
    });

    it("reports more than 4 KB of variables (as Lambda measures them), and is clean at the limit", () => {
        const at = { variables: { BIG: "x".repeat(4096 - environmentSize({ BIG: "" })) } };
        assert.strictEqual(environmentSize(at.variables), 4096);
        assert.deepStrictEqual(headlines(at), []);
        const over = { variables: { BIG: "é".repeat(2100) } };
        assert.deepStrictEqual(headlines(over), [`mandatory environment.variables: are ${environmentSize(over.variables)} bytes together, over Lambda's 4 KB (4096): move large values to SSM or Secrets Manager`]);
    });

    it("skips unknown variables and values (the size is known only at pulumi up), and wrong shapes", () => {
        assert.deepStrictEqual(headlines(UNKNOWN), []);
        assert.deepStrictEqual(headlines({ variables: UNKNOWN }), []);
        assert.deepStrictEqual(headlines({ variables: { BIG: UNKNOWN, OTHER: "x".repeat(5000) } }), []);
        assert.deepStrictEqual(headlines({ variables: { AWS_REGION: UNKNOWN } }).length, 1, "the key is known even when the value is not");
        for (const shape of ["AWS_REGION", [], [null], {}, { variables: "AWS_REGION" }, { variables: [null] }, null]) {
            assert.deepStrictEqual(headlines(shape), [], JSON.stringify(shape));
        }
        assert.deepStrictEqual(headlines([{ variables: { AWS_REGION: "x" } }]).length, 1, "a one-item list (older shape) is read too");
    });

    it("never shows a secret value", () => {
        const reported = validateResource(policy, fn({ variables: secret({ AWS_SESSION_TOKEN: "tok-secret-123", BIG: "s3cr3t".repeat(800) }) }));
        assert.strictEqual(reported.length, 2);
        for (const r of reported) {
            assert.ok(!r.message.includes("tok-secret-123") && !r.message.includes("s3cr3t"), r.message);
        }
    });
});
