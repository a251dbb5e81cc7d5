import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { physicalNameHasUniquenessSuffix as policy } from "../../../policies/naming/physical-name-has-uniqueness-suffix";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { Fixture, validateOne } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

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
    it("has its public metadata", () => {
        const p = policy.policy;
        assert.strictEqual(p.name, "physical-name-has-uniqueness-suffix");
        assert.strictEqual(p.enforcementLevel, "advisory");
        assert.strictEqual(policy.metadata.severity, "medium");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["suffix", "suffixConfigKey", "suffixEnvVar", "pattern", "exemptTypes"]);
        assert.strictEqual(p.configSchema!.properties.suffixConfigKey.default, "environmentSuffix");
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
});
