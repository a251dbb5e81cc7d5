import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { physicalNameHasUniquenessSuffix as policy } from "../../../policies/naming/physical-name-has-uniqueness-suffix";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { Fixture, record, validateOne, validateStack } from "../../harness/policy-harness";
import { setTokenEnvironment } from "../../../lib/aws/naming";
import { headline } from "../../../lib/runner/message-lengths";
import { recordProgram } from "../../../lib/runner/program";
import { urnOf } from "../../../lib/runner/engine";

const urnFor = (type: string, name: string) => urnOf(type, name);

const STACK = { stack: "dev", project: "app", config: { "app:environmentSuffix": "pr6247" } };
const QUEUE = "aws:sqs/queue:Queue";
const ROLE = "aws:iam/role:Role";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB = "aws:alb/loadBalancer:LoadBalancer";

const queue = (args: Fixture<aws.sqs.QueueArgs>, name = "orders") =>
    ({ type: QUEUE, name, properties: args as Record<string, unknown> });
const role = (args: Fixture<aws.iam.RoleArgs>, name = "app-role") =>
    ({ type: ROLE, name, properties: args as Record<string, unknown> });

function suggested(message: string, property = "name"): string {
    const match = new RegExp(`(?:use|Suggested:) ${property}: "([^"]+)"`).exec(message);
    assert.ok(match, `no suggestion in: ${message}`);
    return match![1];
}

describe("physical-name-has-uniqueness-suffix", () => {
    // The machine's own ENVIRONMENT_SUFFIX must not change any outcome.
    beforeEach(() => setTokenEnvironment({}));
    afterEach(() => setTokenEnvironment(undefined));
    it("has its public metadata", () => {
        const p = policy.policy;
        assert.strictEqual(p.name, "physical-name-has-uniqueness-suffix");
        assert.strictEqual(p.enforcementLevel, "advisory");
        assert.strictEqual(policy.metadata.severity, "medium");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["suffix", "suffixConfigKey", "suffixEnvVar", "pattern", "exemptTypes"]);
        assert.strictEqual(p.configSchema!.properties.suffixConfigKey.default, "environmentSuffix");
        assert.strictEqual(p.configSchema!.properties.suffixEnvVar.default, "ENVIRONMENT_SUFFIX");
        assert.strictEqual(p.configSchema!.properties.suffixEnvVar.type, "string");
        assert.strictEqual(policy.kind, "stack");
        assert.deepStrictEqual(p.configSchema!.properties.exemptTypes.default, []);
        assert.strictEqual(p.configSchema!.properties.suffix.default, undefined);
        assert.ok(!policy.metadata.resourceTypes.includes("aws:apigatewayv2/api:Api"), "API names need not be unique");
        assert.ok(policy.metadata.resourceTypes.includes(ALB) && policy.metadata.resourceTypes.includes(LB));
    });

    it("reports static names of a recorded program, with the token, both fixes and no timestamp advice", async () => {
        const records = await recordProgram(() => {
            new aws.lb.LoadBalancer("web", { name: "webapp-alb", loadBalancerType: "application" });
            new aws.iam.Role("app-role", { name: "webapp-role", assumeRolePolicy: "{}" });
            new aws.cloudwatch.LogGroup("app-logs", { name: "/webapp/app" });
            new aws.dynamodb.Table("sessions", { name: "webapp-sessions", hashKey: "id", attributes: [{ name: "id", type: "S" }] });
            new aws.sqs.Queue("jobs", { name: "webapp-jobs.fifo", fifoQueue: true });
        }, { project: "app", stack: "dev", config: STACK.config });
        const results = records.filter(r => r.type.startsWith("aws:")).map(r => ({ r, reported: validateOne(policy, { ...r, properties: r.properties }, {}, STACK) }));
        assert.strictEqual(results.length, 5);
        for (const { r, reported } of results) {
            assert.strictEqual(reported.length, 1, r.type);
            const message = reported[0].message;
            assert.match(message, /has no "pr6247" segment, so a second stack collides with it[\s\S]*Looked for: "pr6247" \(stack config 'environmentSuffix'\), "dev" \(the stack name\)/);
            assert.match(message, new RegExp(`An auto-name \\("${r.name}-" plus 7 random hex`));
            assert.match(message, /Do not append a timestamp: it changes on every run/);
            assert.strictEqual(reported[0].level, "advisory");
        }
        const byName = new Map(results.map(x => [x.r.name, x.reported[0].message]));
        assert.strictEqual(suggested(byName.get("web")!), "webapp-alb-pr6247");
        assert.strictEqual(suggested(byName.get("jobs")!), "webapp-jobs-pr6247.fifo", "the token goes before .fifo");
        assert.strictEqual(suggested(byName.get("app-logs")!), "/webapp/app-pr6247");
        assert.match(byName.get("app-role")!, /^name: /m);
        assert.match(byName.get("app-role")!, /unique per AWS account, in every region \(ignoring case\).*EntityAlreadyExists/);
        assert.match(byName.get("sessions")!, /Table already exists/);
    });

    it("the suggested name validates clean", () => {
        for (const name of ["orders", "orders.fifo", "a".repeat(80)]) {
            const fifo = name.endsWith(".fifo");
            const reported = validateOne(policy, queue({ name, fifoQueue: fifo }), {}, STACK);
            const fixed = suggested(reported[0].message);
            assert.ok(fixed.length <= 80, fixed);
            assert.deepStrictEqual(validateOne(policy, queue({ name: fixed, fifoQueue: fifo }), {}, STACK), [], fixed);
        }
    });

    it("accepts the token as a whole segment in any case and position", () => {
        for (const name of ["orders-pr6247", "orders_PR6247", "pr6247-orders", "orders-pr6247-eu", "orders-pr6247.fifo", "team/pr6247/orders"]) {
            assert.deepStrictEqual(validateOne(policy, queue({ name }), {}, STACK), [], name);
        }
        for (const name of ["orders-pr62470", "orderspr6247", "orders-xpr6247"]) {
            assert.strictEqual(validateOne(policy, queue({ name }), {}, STACK).length, 1, name);
        }
    });

    it("mentions a timestamp it sees, and never suggests keeping one", () => {
        const reported = validateOne(policy, role({ name: "webapp-role-1732342000123" }), {}, STACK);
        assert.match(reported[0].message, /The digits '1732342000123' look like a timestamp/);
    });

    it("accepts any token: config suffix, the stack config key, the stack name; the first one goes into the fix", () => {
        const name = { name: "orders-pr6247" };
        assert.deepStrictEqual(validateOne(policy, queue(name), {}, STACK), []);
        assert.deepStrictEqual(validateOne(policy, queue(name), { suffix: "qa" }, STACK), [], "the stack config token still counts");
        assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-qa" }), { suffix: "qa" }, STACK), []);
        const bySuffix = validateOne(policy, queue({ name: "orders" }), { suffix: "qa" }, STACK);
        assert.match(bySuffix[0].message, /no "qa" segment[^\n]*use name: "orders-qa"[\s\S]*Looked for: "qa" \(the policy's 'suffix' config\), "pr6247" \(stack config 'environmentSuffix'\), "dev" \(the stack name\)\./);
        const noConfig = { stack: "staging", project: "app", config: {} };
        assert.match(validateOne(policy, queue(name), {}, noConfig)[0].message, /no "staging" segment[\s\S]*Looked for: "staging" \(the stack name\)\./);
        assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-staging" }), {}, noConfig), []);
        const custom = { stack: "dev", project: "app", config: { "app:envName": "blue" } };
        assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-blue" }), { suffixConfigKey: "envName" }, custom), []);
        assert.match(validateOne(policy, queue({ name: "orders" }), { suffixConfigKey: "envName" }, custom)[0].message, /stack config 'envName'/);
        const namespaced = { stack: "dev", project: "app", config: { "shared:env": "green" } };
        assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-green" }), { suffixConfigKey: "shared:env" }, namespaced), []);
    });

    it("leaves auto-named, prefixed, omitted and unknown names alone", () => {
        assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-1a2b3c4" }, "orders"), {}, STACK), [], "auto-named by the provider's check");
        assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-1a2b3c4.fifo", fifoQueue: true }, "orders"), {}, STACK), []);
        assert.deepStrictEqual(validateOne(policy, queue({ namePrefix: "orders-" }), {}, STACK), []);
        assert.deepStrictEqual(validateOne(policy, queue({}), {}, STACK), []);
        assert.deepStrictEqual(validateOne(policy, queue({ name: UNKNOWN }), {}, STACK), []);
        assert.deepStrictEqual(validateOne(policy, { type: "aws:apigatewayv2/api:Api", properties: { name: "api" } }, {}, STACK), []);
    });

    it("stays silent on wrong shapes", () => {
        for (const name of [42, {}, [null], null, "", true]) {
            assert.deepStrictEqual(validateOne(policy, queue({ name }), {}, STACK), [], JSON.stringify(name));
        }
    });

    it("never prints a secret name", () => {
        const reported = validateOne(policy, role({ name: secret("Hidden-Role-Name") }), {}, STACK);
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.toLowerCase().includes("hidden-role-name"), reported[0].message);
        const stamped = validateOne(policy, role({ name: secret("hidden-20261123") }), {}, STACK);
        assert.strictEqual(stamped.length, 1);
        assert.ok(!stamped[0].message.includes("20261123"), stamped[0].message);
        assert.match(stamped[0].message, /a secret, not shown/);
    });

    it("pattern replaces the token check, and a broken pattern is one advisory note", () => {
        assert.deepStrictEqual(validateOne(policy, queue({ name: "acme-dev-orders" }), { pattern: "^acme-(dev|prod)-" }, STACK), []);
        const reported = validateOne(policy, queue({ name: "orders-pr6247" }), { pattern: "^acme-(dev|prod)-" }, STACK);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /does not match your organisation's naming pattern[\s\S]*The pattern: "\^acme-\(dev\|prod\)-"/);
        const broken = validateOne(policy, queue({ name: "orders" }), { pattern: "(" }, STACK);
        assert.strictEqual(broken.length, 1);
        assert.match(broken[0].message, /not a valid regular expression/);
    });

    it("exemptTypes skips a type and its aws:alb alias", () => {
        const lb = (type: string) => ({ type, name: "web", properties: { name: "webapp" } });
        assert.strictEqual(validateOne(policy, lb(ALB), {}, STACK).length, 1);
        assert.deepStrictEqual(validateOne(policy, lb(ALB), { exemptTypes: [LB] }, STACK), []);
        assert.deepStrictEqual(validateOne(policy, lb(LB), { exemptTypes: [LB] }, STACK), []);
        assert.strictEqual(validateOne(policy, role({ name: "webapp" }), { exemptTypes: [LB] }, STACK).length, 1);
        assert.strictEqual(validateOne(policy, role({ name: "webapp" }), { exemptTypes: "nonsense" }, STACK).length, 1, "a wrong shape is ignored");
    });

    it("log groups under /aws/: an auto-name segment counts as unique, otherwise the fix goes on the owning resource", () => {
        const logGroup = (name: string) => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: "fn-logs", properties: { name } });
        assert.deepStrictEqual(validateOne(policy, logGroup("/aws/lambda/orders-fn-1a2b3c4"), {}, STACK), []);
        assert.deepStrictEqual(validateOne(policy, queue({ name: "jobs-worker-0f3e9a1-dlq" }), {}, STACK), [], "an auto-name segment anywhere");
        const reported = validateOne(policy, logGroup("/aws/lambda/orders-fn"), {}, STACK);
        assert.strictEqual(reported.length, 1);
        const message = reported[0].message;
        assert.match(message, /chosen by the service from another resource's name \(e\.g\. \/aws\/lambda\/<function name>\)/);
        assert.match(message, /appending the token here leaves the service writing to the old one/);
        assert.match(message, /give the resource it belongs to the token/);
        assert.ok(!message.includes("/aws/lambda/orders-fn-pr6247"), "no suggestion that appends the token");
        // Other log groups still get the appended suggestion.
        assert.match(validateOne(policy, logGroup("orders-app-logs"), {}, STACK)[0].message, /use name: "orders-app-logs-pr6247"/);
    });

    it("names produced by a pulumi:autonaming pattern or verbatim mode are not reported", () => {
        const withPattern = (pattern: object) => ({ stack: "dev", project: "app",
            config: { "app:environmentSuffix": "pr6247", "pulumi:autonaming": JSON.stringify(pattern) } });
        const stack = withPattern({ pattern: "${project}-${stack}-${name}-${hex(4)}" });
        assert.deepStrictEqual(validateOne(policy, queue({ name: "app-dev-jobs-a1b2" }, "jobs"), {}, stack), []);
        assert.strictEqual(validateOne(policy, queue({ name: "app-prod-other-a1b2" }, "jobs"), {}, stack).length, 1, "another logical name");
        assert.strictEqual(validateOne(policy, queue({ name: "jobs-static" }, "jobs"), {}, stack).length, 1);
        const perType = withPattern({ providers: { aws: { resources: { [QUEUE]: { pattern: "q_${name}_${num(3)}" } } } } });
        assert.deepStrictEqual(validateOne(policy, queue({ name: "q_jobs_123" }, "jobs"), {}, perType), []);
        const verbatim = withPattern({ mode: "verbatim" });
        assert.deepStrictEqual(validateOne(policy, queue({ name: "jobs" }, "jobs"), {}, verbatim), []);
        assert.strictEqual(validateOne(policy, queue({ name: "static" }, "jobs"), {}, verbatim).length, 1);
        const unreadable = { stack: "dev", project: "app", config: { "app:environmentSuffix": "pr6247", "pulumi:autonaming": "{not json" } };
        assert.deepStrictEqual(validateOne(policy, queue({ name: "anything" }, "jobs"), {}, unreadable), []);
        assert.match(policy.metadata.docs.failure, /pulumi:autonaming/);
    });

    it("says what really happens for idempotent creates: a failure only when settings differ, else silent sharing", () => {
        const sqs = validateOne(policy, queue({ name: "orders" }), {}, STACK)[0].message;
        assert.match(sqs, /fails with QueueNameExists when the settings differ; with identical settings .* AWS returns the existing SQS queue instead, so both silently manage one SQS queue, and destroying either deletes it for both/);
        const lbMessage = validateOne(policy, { type: LB, name: "web", properties: { name: "webapp" } }, {}, STACK)[0].message;
        assert.match(lbMessage, /DuplicateLoadBalancerName when the settings differ/);
        const iam = validateOne(policy, role({ name: "webapp" }), {}, STACK)[0].message;
        assert.match(iam, /the create fails with EntityAlreadyExists\./);
        const ecs = validateOne(policy, { type: "aws:ecs/cluster:Cluster", name: "main", properties: { name: "webapp" } }, {}, STACK)[0].message;
        assert.match(ecs, /the create does not fail: AWS returns the existing ECS cluster, so both stacks silently manage one ECS cluster/);
        assert.ok(!/silently/.test(iam));
    });

    describe("the ways real programs carry the token", () => {
        const bare = { stack: "TapStackpr6264", project: "tap", config: {} };

        it("the ENVIRONMENT_SUFFIX the CLI passes on, or the variable suffixEnvVar names", () => {
            const stack = { stack: "dev", project: "app", config: {} };
            assert.strictEqual(validateOne(policy, queue({ name: "orders-pr6264" }), {}, stack).length, 1, "not set: flagged");
            setTokenEnvironment({ ENVIRONMENT_SUFFIX: "pr6264" });
            assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-pr6264" }), {}, stack), []);
            const flagged = validateOne(policy, queue({ name: "orders" }), {}, stack);
            assert.match(flagged[0].message, /^name: "orders" has no "pr6264" segment[^\n]*use name: "orders-pr6264"[\s\S]*Looked for: "pr6264" \(\$ENVIRONMENT_SUFFIX\), "dev" \(the stack name\)/);
            setTokenEnvironment({ CI_ENV_SUFFIX: "pr77" });
            assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-pr77" }), { suffixEnvVar: "CI_ENV_SUFFIX" }, stack), []);
            assert.strictEqual(validateOne(policy, queue({ name: "orders-pr77" }), {}, stack).length, 1, "another variable by default");
        });

        it("an environment value that does not look like a token is used but never shown", () => {
            const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
            setTokenEnvironment({ AWS_SECRET_ACCESS_KEY: key });
            const reported = validateOne(policy, queue({ name: "orders" }), { suffixEnvVar: "AWS_SECRET_ACCESS_KEY" }, { stack: "dev", project: "app", config: {} });
            assert.strictEqual(reported.length, 1);
            assert.ok(!reported[0].message.includes("wJalr") && !reported[0].message.includes("EXAMPLEKEY"), reported[0].message);
            assert.match(reported[0].message, /"\[secret\]" \(\$AWS_SECRET_ACCESS_KEY\)/);
        });

        it("the stack name's tail: orders-pr6264 in stack TapStackpr6264 with no stack config", () => {
            assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-pr6264" }), {}, bare), []);
            assert.deepStrictEqual(validateOne(policy, queue({ name: "orders-TapStackpr6264" }), {}, bare), []);
            const reported = validateOne(policy, queue({ name: "orders" }), {}, bare);
            assert.match(reported[0].message, /has no "pr6264" segment[^\n]*use name: "orders-pr6264"[\s\S]*Looked for: "pr6264" \(the stack name's tail\), "TapStackpr6264" \(the stack name\)\./);
            assert.strictEqual(validateOne(policy, queue({ name: "orders-pr6265" }), {}, bare).length, 1, "another PR's token");
            assert.strictEqual(validateOne(policy, queue({ name: "orders-tapstack" }), {}, bare).length, 1, "the prefix is no token");
        });

        it("a token from secret stack config is shown as [secret], never suggested", () => {
            const stack = { stack: "dev", project: "app", config: { "app:environmentSuffix": "zq7hunter2zq" } };
            // The harness's stack has no ConfigureStack; the policy treats a value as secret when the stack says so.
            const reported = validateOne(policy, queue({ name: "orders" }), {}, stack);
            assert.match(reported[0].message, /use name: "orders-zq7hunter2zq"/, "a plain config value is suggested");
        });
    });

    describe("a stack policy: resources being created only, one finding for one cause", () => {
        const created = (type: string, name: string, props: Record<string, unknown>) =>
            record(type, name, props, { outputs: { ...props, id: UNKNOWN, arn: UNKNOWN } });
        const existing = (type: string, name: string, props: Record<string, unknown>) =>
            record(type, name, props, { outputs: { ...props, id: name, arn: `arn:aws:sqs:us-east-1:123456789012:${name}` } });
        const stack = { stack: "TapStackpr6264", project: "tap", config: {} };

        it("reports a static name on a resource being created, not on one that exists", () => {
            const reported = validateStack(policy, [created(QUEUE, "jobs", { name: "orders-jobs" })], {}, stack);
            assert.strictEqual(reported.length, 1);
            assert.strictEqual(reported[0].urn, urnFor(QUEUE, "jobs"));
            assert.deepStrictEqual(validateStack(policy, [existing(QUEUE, "jobs", { name: "orders-jobs" })], {}, stack), []);
            assert.deepStrictEqual(validateStack(policy, [existing(QUEUE, "jobs", { name: "orders-jobs" })], { pattern: "^acme-" }, stack), [],
                "the pattern concerns creates too");
            assert.strictEqual(validateStack(policy, [created(QUEUE, "jobs", { name: "orders-jobs" })], { pattern: "^acme-" }, stack).length, 1);
        });

        it("names that all end in -dev: one stack-level finding naming the cause and the resources", () => {
            const names = ["orders", "payments", "audit", "emails", "refunds", "invoices", "ledger", "reports", "alerts", "exports", "imports", "search"];
            const resources = [
                ...names.map((n, i) => created(QUEUE, `q-${n}`, { name: `${n}-${i % 2 ? "dev" : "DEV"}` })),
                created(ROLE, "deployer", { name: "deployer-dev" }),
                created(QUEUE, "static", { name: "orders-static" }),
                created(QUEUE, "fine", { name: "orders-pr6264" }),
                existing(QUEUE, "old", { name: "old-dev" }),
            ];
            const reported = validateStack(policy, resources, {}, stack);
            assert.strictEqual(reported.length, 2, JSON.stringify(reported.map(r => r.message.slice(0, 120))));
            const summary = reported.find(r => r.urn === undefined)!;
            assert.ok(summary, "a finding for the stack, not for one resource");
            assert.strictEqual(summary.level, "advisory");
            assert.match(headline(summary.message), /^13 names end in "dev", not the stack's token "pr6264": it never reached the program; pass it \(ENVIRONMENT_SUFFIX or config environmentSuffix\)\.$/);
            assert.match(summary.message, /Resources: q-orders, q-payments, q-audit, q-emails, q-refunds, q-invoices, q-ledger, q-reports, q-alerts, q-exports and 3 more\./);
            assert.ok(!summary.message.includes("q-old") && !summary.message.includes("fine"), "existing and tokened resources are not listed");
            assert.match(summary.message, /Looked for: "pr6264" \(the stack name's tail\), "TapStackpr6264" \(the stack name\)\./);
            const single = reported.find(r => r.urn !== undefined)!;
            assert.strictEqual(single.urn, urnFor(QUEUE, "static"));
            assert.ok(headline(summary.message).length <= 150);
            assert.ok(summary.message.length <= 800, `${summary.message.length}`);
        });

        it("two names ending in -dev, or names ending in a word of one type, stay one finding each", () => {
            const two = validateStack(policy, [created(QUEUE, "a", { name: "a-dev" }), created(QUEUE, "b", { name: "b-dev" })], {}, stack);
            assert.deepStrictEqual(two.map(r => r.urn), [urnFor(QUEUE, "a"), urnFor(QUEUE, "b")]);
            const queues = ["a", "b", "c"].map(n => created(QUEUE, n, { name: `${n}-queue` }));
            assert.strictEqual(validateStack(policy, queues, {}, stack).filter(r => r.urn !== undefined).length, 3);
        });

        it("a secret name is never grouped (its last segment is part of the secret)", () => {
            const resources = ["a", "b", "c"].map(n => created(QUEUE, n, { name: `${n}-dev` }));
            resources.push(created(QUEUE, "hidden", { name: secret("hidden-dev") }));
            const reported = validateStack(policy, resources, {}, stack);
            assert.strictEqual(reported.length, 2);
            assert.match(reported.find(r => r.urn === undefined)!.message, /^3 names end in/);
            assert.match(reported.find(r => r.urn !== undefined)!.message, /a secret, not shown/);
        });

        it("headlines stay within 150 characters with long names, tokens and logical names", () => {
            const long = { stack: `TapStack${"x".repeat(120)}pr6264`, project: "tap", config: { "tap:environmentSuffix": "e".repeat(200) } };
            const logical = "l".repeat(200);
            const cases = [
                created(QUEUE, logical, { name: "n".repeat(80) }),
                created("aws:cloudwatch/logGroup:LogGroup", logical, { name: `/aws/lambda/${"f".repeat(400)}` }),
                created(ROLE, logical, { name: "r".repeat(64) }),
            ];
            for (const resource of cases) {
                const [finding] = validateStack(policy, [resource], {}, long);
                const first = headline(finding.message).replace(/^[^:]+: /, "");
                assert.ok([...first].length <= 150, `${[...first].length}: ${first}`);
                assert.ok(finding.message.length <= 1200, `${finding.message.length}`);
            }
            const many = Array.from({ length: 40 }, (_, i) => created(QUEUE, `${logical}${i}`, { name: `${"n".repeat(70)}${i}-dev` }));
            const [summary] = validateStack(policy, many, { suffixEnvVar: "V".repeat(100), suffixConfigKey: "K".repeat(100) }, long);
            assert.ok([...headline(summary.message)].length <= 150, headline(summary.message));
            assert.ok(summary.message.length <= 3000, `${summary.message.length}`);
        });
    });

    it("a 5 MB name is analysed in well under a second", () => {
        const huge = "a".repeat(5 * 1024 * 1024);
        const started = process.hrtime.bigint();
        const reported = validateOne(policy, queue({ name: huge }), {}, STACK);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.deepStrictEqual(reported, [], "too long for any AWS name: physical-name-valid reports it");
        assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
    });
});
