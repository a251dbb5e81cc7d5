import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import { pulumiOutputNotStringified as policy } from "../../../policies/values/pulumi-output-not-stringified";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { record, validateStack } from "../../harness/policy-harness";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const FUNCTION = "aws:lambda/function:Function";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const TO_STRING = "Calling [toString] on an [Output<T>] is not supported.";
const TO_JSON = "Calling [toJSON] on an [Output<T>] is not supported.";
const run = (...records: ReturnType<typeof record>[]) => validateStack(policy, records);
const headline = (message: string) => message.split("\n")[0];

describe("pulumi-output-not-stringified", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "pulumi-output-not-stringified");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.policy.severity, "critical");
        assert.strictEqual(policy.kind, "stack");
        assert.deepStrictEqual(Object.keys(policy.policy.configSchema!.properties), []);
    });

    it("quotes the SDK's own texts", () => {
        // The wording the policy looks for is the SDK's: a bump of @pulumi/pulumi that changes it must fail here.
        const output = pulumi.output("x") as unknown as { toString(): string; toJSON(): string };
        assert.ok(output.toString().startsWith(TO_STRING));
        assert.ok(output.toJSON().startsWith(TO_JSON));
    });

    it("reports JSON.stringify and template literals over Outputs in real @pulumi/aws v7 programs", async () => {
        const records = await recordProgram(() => {
            const bucket = new aws.s3.Bucket("data");
            new aws.iam.Policy("read", {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: [`${bucket.arn}/*`, bucket.arn] }],
                }),
            });
            const role = new aws.iam.Role("fn", {
                assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }] }),
            });
            new aws.lambda.Function("fn", {
                role: role.arn, runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}),
                environment: { variables: { BUCKET_URL: `s3://${bucket.bucket}/in`, OWNER: `${bucket}` } },
            });
        }, { project: "app", stack: "dev" });
        const reported = validateStack(policy, records);
        const messages = reported.map(r => headline(r.message)).sort();
        assert.deepStrictEqual(messages, [
            "environment.variables.BUCKET_URL: holds Pulumi's text for an Output in a template literal: build it with pulumi.interpolate",
            "environment.variables.OWNER: holds \"[object Object]\": an object went into a string; interpolate its property (bucket.arn)",
            "policy: holds Pulumi's text for an Output in a template literal at Statement[0].Resource[0]: build it with pulumi.interpolate",
            "policy: holds Pulumi's text for an Output inside JSON.stringify at Statement[0].Resource[1]: build it with pulumi.jsonStringify(...)",
        ]);
        assert.ok(reported.every(r => r.level === "mandatory"));
        for (const r of reported) {
            const [first, , ...details] = r.message.split("\n");
            assert.ok(headline(r.message).length <= 140, headline(r.message));
            assert.strictEqual(r.message.split("\n")[1], "", "a blank line after the headline");
            assert.ok(first.length > 0 && details.join("\n").length > 0);
            assert.ok(r.message.length <= 1200, `${r.message.length}`);
        }
        assert.match(reported.find(r => r.message.includes("JSON.stringify at"))!.message, /Partition "1" is not valid/);
    });

    it("is clean once the fix from the message is applied (pulumi.interpolate, pulumi.jsonStringify)", async () => {
        const records = await recordProgram(() => {
            const bucket = new aws.s3.Bucket("data");
            new aws.iam.Policy("read", {
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: [pulumi.interpolate`${bucket.arn}/*`, bucket.arn] }],
                }),
            });
            new aws.lambda.Function("fn", {
                role: "arn:aws:iam::111122223333:role/fn", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}),
                environment: { variables: { BUCKET_URL: pulumi.interpolate`s3://${bucket.bucket}/in`, OWNER: bucket.arn } },
            });
        }, { project: "app", stack: "dev" });
        assert.deepStrictEqual(validateStack(policy, records), []);
    });

    it("reports the same mistakes on @pulumi/aws v6 resources", async () => {
        const records = await recordProgram(() => {
            const queue = new awsV6.sqs.Queue("q");
            new awsV6.sqs.QueuePolicy("q", {
                queueUrl: queue.url,
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queue.arn }] }),
            });
        }, { project: "app", stack: "dev" });
        const reported = validateStack(policy, records);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /^policy: holds Pulumi's text for an Output inside JSON.stringify at Statement\[0\]\.Resource:/m);
    });

    it("reports a JSON template literal (not JSON any more) at the property, and container definitions inside their JSON", () => {
        const broken = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "${TO_STRING}\n\nTo get the value..."}]}`;
        const task = JSON.stringify([{ name: "app", image: "nginx", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": `${TO_STRING}\nmore` } } }]);
        const reported = run(record(POLICY, "p", { policy: broken }), record(TASK, "t", { family: "app", containerDefinitions: task }));
        assert.deepStrictEqual(reported.map(r => headline(r.message)), [
            "policy: holds Pulumi's text for an Output in a template literal: build it with pulumi.interpolate",
            "containerDefinitions: holds Pulumi's text for an Output in a template literal at [0].logConfiguration.options.awslogs-group: build it with pulumi.interpolate",
        ]);
    });

    it("reports the Python and .NET texts, and [object Promise]", () => {
        const reported = run(
            record(ROLE, "py", { name: "Calling __str__ on an Output[T] is not supported.\n\nTo get..." }),
            record(ROLE, "cs", { name: "Calling [ToString] on an [Output<T>] is not supported.\r\n" }),
            record(FUNCTION, "p", { environment: { variables: { ACCOUNT: "[object Promise]" } } }),
        );
        assert.match(headline(reported[0].message), /^name: .*f-string.*pulumi\.Output\.concat/);
        assert.match(headline(reported[1].message), /^name: .*string interpolation.*Output\.Format/);
        assert.match(headline(reported[2].message), /^environment\.variables\.ACCOUNT: holds "\[object Promise\]"/);
    });

    it("reports undefined in an ARN as mandatory, in a name as advisory, and leaves other undefined texts alone", () => {
        const reported = run(
            record(FUNCTION, "arn", { role: "arn:aws:iam::undefined:role/fn", environment: { variables: { QUEUE: "arn:aws:sqs:us-east-1:111122223333:undefined" } } }),
            record(POLICY, "doc", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::undefined/*" }] }) }),
            record(ROLE, "id", { permissionsBoundary: "undefined" }),
            record(ROLE, "name", { name: "app-undefined-role" }),
            record(ROLE, "fine", { name: "undefinedness", description: "returns undefined when unset", tags: { Note: "undefined behaviour" } }),
            record(FUNCTION, "fine2", { environment: { variables: { MODE: "undefined", TEXT: "see arn:aws:sqs:us-east-1:1:undefined" } } }),
        );
        const byName = (name: string) => reported.filter(r => r.urn!.endsWith(`::${name}`));
        assert.strictEqual(byName("arn").length, 2);
        assert.ok(byName("arn").every(r => r.level === "mandatory" && /"undefined" in an ARN/.test(r.message)));
        assert.match(headline(byName("doc")[0].message), /^policy: has "undefined" in an ARN at Statement\[0\]\.Resource:/);
        assert.strictEqual(byName("id").length, 0, "permissionsBoundary is not an *Arn key and \"undefined\" alone is no ARN");
        assert.strictEqual(byName("name")[0].level, "advisory");
        assert.match(headline(byName("name")[0].message), /^name: has "undefined" in a name/);
        assert.strictEqual(byName("fine").length, 0);
        // An ARN quoted inside other text: advisory.
        assert.deepStrictEqual(byName("fine2").map(r => r.level), ["advisory"]);
    });

    it("keeps a description advisory: AWS stores free text as it is", () => {
        const reported = run(record(POLICY, "d", { description: `Reads ${TO_STRING}` }));
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "advisory");
    });

    it("reports an existing resource (known arn and id) as advisory", () => {
        const reported = run(record(POLICY, "old", { arn: "arn:aws:iam::1:policy/x", id: "x", name: `p-${TO_STRING}` }));
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /already exists with this value/);
    });

    it("skips unknown values, assets and archives, and Pulumi's own keys", () => {
        assert.deepStrictEqual(run(
            record(POLICY, "u", { policy: UNKNOWN, name: UNKNOWN, tags: { a: UNKNOWN } }),
            record(FUNCTION, "a", { code: { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text: "[object Object]" }, __defaults: ["[object Object]"] }),
        ), []);
    });

    it("never shows a secret: inside a secret value only the top-level property is named", () => {
        const env = secret({ variables: { "SECRET_KEY_NAME_xyz": `pw-${TO_STRING}`, other: "hunter2-secret" } });
        const reported = run(record(FUNCTION, "s", { environment: env }));
        assert.strictEqual(reported.length, 1);
        assert.match(headline(reported[0].message), /^environment: holds Pulumi's text/);
        assert.ok(!reported[0].message.includes("SECRET_KEY_NAME_xyz"));
        assert.ok(!reported[0].message.includes("hunter2"));
        const doc = secret(JSON.stringify({ Statement: [{ Resource: `arn:aws:s3:::${"[object Object]"}`, Sid: "private-sid" }] }));
        const inDoc = run(record(POLICY, "sd", { policy: doc }));
        assert.match(headline(inDoc[0].message), /^policy: holds "\[object Object\]":/);
    });

    it("survives wrong shapes, deep nesting and huge values, and caps findings per resource", () => {
        let deep: unknown = "[object Object]";
        for (let i = 0; i < 200; i++) {
            deep = { x: deep };
        }
        const many = Array.from({ length: 100 }, () => "[object Object]");
        const reported = run(
            record(ROLE, "shapes", { name: 42, tags: [null, null], inlinePolicies: "[object", policy: "{" }),
            record(ROLE, "deep", { tags: deep as Record<string, unknown> }),
            record(ROLE, "many", { tags: many as unknown as Record<string, unknown> }),
            record(ROLE, "huge", { description: "x".repeat(2_000_000) }),
        );
        assert.deepStrictEqual(reported.map(r => r.urn!.split("::").pop()), ["many", "many", "many", "many", "many"]);
    });
});
