import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { physicalNameUniqueInStack as policy } from "../../../policies/naming/physical-name-unique-in-stack";
import { ProviderRecord, secret, UNKNOWN, urnOf } from "../../../lib/runner/engine";
import { Fixture, record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const STACK = { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } };
const DB = "aws:rds/instance:Instance";
const ROLE = "aws:iam/role:Role";
const QUEUE = "aws:sqs/queue:Queue";
const BUCKET = "aws:s3/bucket:Bucket";

const provider = (name: string, properties: Record<string, unknown>): ProviderRecord =>
    ({ type: "pulumi:providers:aws", name, urn: urnOf("pulumi:providers:aws", name), properties });
const db = (name: string, props: Fixture<aws.rds.InstanceArgs>, extra = {}) =>
    record(DB, name, props as Record<string, unknown>, extra);
const role = (name: string, props: Fixture<aws.iam.RoleArgs>, extra = {}) =>
    record(ROLE, name, props as Record<string, unknown>, extra);
const queue = (name: string, props: Fixture<aws.sqs.QueueArgs>, extra = {}) =>
    record(QUEUE, name, props as Record<string, unknown>, extra);

const run = (resources: Parameters<typeof validateStack>[1], stack = STACK) => validateStack(policy, resources, {}, stack);

describe("physical-name-unique-in-stack", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.kind, "stack");
        assert.strictEqual(policy.policy.name, "physical-name-unique-in-stack");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.metadata.severity, "high");
        assert.deepStrictEqual(Object.keys(policy.policy.configSchema!.properties), []);
    });

    it("reports two recorded RDS instances with one identifier on both URNs, each naming the other", async () => {
        const records = await recordProgram(() => {
            new aws.rds.Instance("orders-primary", { identifier: "orders-db-pr6247", engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20 });
            new aws.rds.Instance("orders-replica", { identifier: "orders-db-pr6247", engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20 });
            new aws.rds.Instance("reports", { identifier: "reports-db-pr6247", engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20 });
        }, { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } });
        const reported = run(records);
        assert.strictEqual(reported.length, 2);
        const primary = records.find(r => r.name === "orders-primary")!;
        const replica = records.find(r => r.name === "orders-replica")!;
        const onPrimary = reported.find(r => r.urn === primary.urn)!;
        const onReplica = reported.find(r => r.urn === replica.urn)!;
        assert.match(onPrimary.message, /^identifier: "orders-db-pr6247" is also the RDS DB instance identifier of orders-replica: [\s\S]*\(urn:pulumi:dev::app::[^)]*aws:rds\/instance:Instance::orders-replica\)/m);
        assert.match(onReplica.message, /of orders-primary: /);
        assert.match(onPrimary.message, /unique per AWS account and region \(ignoring case\), so whichever is created second fails at pulumi up with DBInstanceAlreadyExists/);
        assert.match(onPrimary.message, /or omit identifier to auto-name them/);
        assert.strictEqual(onPrimary.level, "mandatory");
    });

    it("the fix (distinct names, or auto-naming) is clean", () => {
        assert.deepStrictEqual(run([db("a", { identifier: "orders-db-primary" }), db("b", { identifier: "orders-db-replica" })]), []);
        assert.deepStrictEqual(run([db("a", {}), db("b", {})]), []);
        assert.deepStrictEqual(run([db("orders", { identifier: "orders-1a2b3c4" }), db("orders", { identifier: "orders-5d6e7f8", }, { urn: urnOf(DB, "orders") + "2" })]), []);
    });

    it("names every other claimant up to three and counts the rest", () => {
        const reported = run([1, 2, 3, 4, 5].map(i => queue(`q${i}`, { name: "jobs" })));
        assert.strictEqual(reported.length, 5);
        assert.match(reported[0].message, /of q2, q3, q4 and 1 more: /);
        assert.ok(!reported[0].message.includes("q1 ("), "not itself");
    });

    it("ignores case only where the service does", () => {
        const roles = run([role("a", { name: "Deploy-PR6247" }), role("b", { name: "deploy-pr6247" })]);
        assert.strictEqual(roles.length, 2);
        assert.match(roles[0].message, /as "deploy-pr6247", which differs only in case/);
        assert.deepStrictEqual(run([queue("a", { name: "Jobs" }), queue("b", { name: "jobs" })]), []);
    });

    it("compares within a type family: aws:lb and aws:alb share, roles and users do not", () => {
        const lbs = run([record("aws:lb/loadBalancer:LoadBalancer", "a", { name: "web" }), record("aws:alb/loadBalancer:LoadBalancer", "b", { name: "web" })]);
        assert.strictEqual(lbs.length, 2);
        assert.deepStrictEqual(run([record("aws:lb/loadBalancer:LoadBalancer", "a", { name: "web" }), record("aws:lb/targetGroup:TargetGroup", "b", { name: "web" })]), []);
        assert.deepStrictEqual(run([role("a", { name: "deploy" }), record("aws:iam/user:User", "b", { name: "deploy" })]), []);
        assert.strictEqual(run([record(BUCKET, "a", { bucket: "assets" }), record("aws:s3/bucketV2:BucketV2", "b", { bucket: "assets" })]).length, 2);
        assert.deepStrictEqual(run([record("aws:apigatewayv2/api:Api", "a", { name: "api" }), record("aws:apigatewayv2/api:Api", "b", { name: "api" })]), [],
            "API Gateway allows duplicate names");
    });

    it("scopes by region and account: regional names, IAM per account, S3 everywhere", () => {
        const east = provider("east", { region: "us-east-1" });
        const west = provider("west", { region: "us-west-2" });
        const eastToo = provider("east-too", { region: "us-east-1" });
        assert.deepStrictEqual(run([queue("a", { name: "jobs" }, { provider: east }), queue("b", { name: "jobs" }, { provider: west })]), []);
        assert.deepStrictEqual(run([queue("a", { name: "jobs" }), queue("b", { name: "jobs", region: "eu-west-1" })]), [], "v7 resource region");
        assert.strictEqual(run([queue("a", { name: "jobs" }, { provider: east }), queue("b", { name: "jobs" }, { provider: eastToo })]).length, 2,
            "two providers with the same ambient credentials and region");
        assert.strictEqual(run([queue("a", { name: "jobs" }, { provider: east }), queue("b", { name: "jobs" })]).length, 2, "default provider in us-east-1 too");
        assert.strictEqual(run([role("a", { name: "deploy" }, { provider: east }), role("b", { name: "deploy" }, { provider: west })]).length, 2, "IAM is global to the account");
        const otherAccount = provider("other", { region: "us-east-1", assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::210987654321:role/deploy" }]) });
        const sameAccountA = provider("same-a", { region: "us-east-1", assumeRoles: [{ roleArn: "arn:aws:iam::123456789012:role/a" }] });
        const sameAccountB = provider("same-b", { region: "us-east-1", allowedAccountIds: ["123456789012"] });
        const profile = provider("prof", { region: "us-east-1", profile: "prod" });
        assert.deepStrictEqual(run([role("a", { name: "deploy" }, { provider: east }), role("b", { name: "deploy" }, { provider: otherAccount })]), []);
        assert.deepStrictEqual(run([role("a", { name: "deploy" }, { provider: east }), role("b", { name: "deploy" }, { provider: profile })]), []);
        assert.strictEqual(run([role("a", { name: "deploy" }, { provider: sameAccountA }), role("b", { name: "deploy" }, { provider: sameAccountB })]).length, 2);
        assert.strictEqual(run([record(BUCKET, "a", { bucket: "assets" }, { provider: otherAccount }), record(BUCKET, "b", { bucket: "assets" }, { provider: west })]).length, 2,
            "S3 bucket names are global");
    });

    it("a provider whose region or account is unknown only collides with itself", () => {
        const unknownRegion = provider("u", { region: UNKNOWN });
        const unknownRole = provider("r", { region: "us-east-1", assumeRoles: [{ roleArn: UNKNOWN }] });
        assert.deepStrictEqual(run([queue("a", { name: "jobs" }, { provider: unknownRegion }), queue("b", { name: "jobs" })]), []);
        assert.strictEqual(run([queue("a", { name: "jobs" }, { provider: unknownRegion }), queue("b", { name: "jobs" }, { provider: unknownRegion })]).length, 2);
        assert.deepStrictEqual(run([role("a", { name: "deploy" }, { provider: unknownRole }), role("b", { name: "deploy" })]), []);
        assert.deepStrictEqual(run([role("a", { name: "deploy" }, { provider: provider("p", { profile: UNKNOWN }) }), role("b", { name: "deploy" })]), []);
    });

    it("ECS service names are unique per cluster, followed through property dependencies while the ARN is unknown", () => {
        const SERVICE = "aws:ecs/service:Service";
        const CLUSTER = "aws:ecs/cluster:Cluster";
        const clusterA = record(CLUSTER, "a", { name: "a-pr6247" });
        const clusterB = record(CLUSTER, "b", { name: "b-pr6247" });
        const svc = (name: string, cluster: unknown, deps?: string[]) =>
            record(SERVICE, name, { name: "api", cluster } as aws.ecs.ServiceArgs as Record<string, unknown>,
                deps ? { propertyDependencies: { cluster: deps } } : {});
        assert.deepStrictEqual(run([clusterA, clusterB, svc("s1", UNKNOWN, [clusterA.urn]), svc("s2", UNKNOWN, [clusterB.urn])]), []);
        assert.strictEqual(run([clusterA, svc("s1", UNKNOWN, [clusterA.urn]), svc("s2", UNKNOWN, [clusterA.urn])]).length, 2);
        assert.strictEqual(run([svc("s1", "arn:aws:ecs:us-east-1:123456789012:cluster/a"), svc("s2", "arn:aws:ecs:us-east-1:123456789012:cluster/a")]).length, 2);
        assert.strictEqual(run([svc("s1", undefined), svc("s2", undefined)]).length, 2, "both in the default cluster");
        assert.deepStrictEqual(run([svc("s1", UNKNOWN), svc("s2", UNKNOWN)]), [], "cluster unknown and no dependency: cannot tell");
    });

    it("ignores unknown names, prefixes and wrong shapes", () => {
        for (const name of [UNKNOWN, 42, {}, [null], null, "", true]) {
            assert.deepStrictEqual(run([queue("a", { name }), queue("b", { name })]), [], JSON.stringify(name));
        }
        assert.deepStrictEqual(run([queue("a", { namePrefix: "jobs-" }), queue("b", { namePrefix: "jobs-" })]), []);
        assert.deepStrictEqual(run([]), []);
    });

    it("never prints a secret name", () => {
        const reported = run([role("a", { name: secret("Hidden-Role") }), role("b", { name: "hidden-role" })]);
        assert.strictEqual(reported.length, 2);
        for (const r of reported) {
            assert.ok(!r.message.toLowerCase().includes("hidden-role"), r.message);
        }
    });

    it("idempotent creates: says the two share one resource when their settings match", () => {
        const reported = run([queue("a", { name: "jobs" }), queue("b", { name: "jobs" })]);
        assert.strictEqual(reported.length, 2);
        assert.match(reported[0].message, /fails at pulumi up with QueueNameExists when their settings differ; with identical settings AWS returns the existing SQS queue/);
        const ecs = run([record("aws:ecs/cluster:Cluster", "a", { name: "main" }), record("aws:ecs/cluster:Cluster", "b", { name: "main" })]);
        assert.match(ecs[0].message, /the second create does not fail: AWS returns the existing ECS cluster/);
        const dbs = run([db("a", { identifier: "orders" }), db("b", { identifier: "orders" })]);
        assert.match(dbs[0].message, /whichever is created second fails at pulumi up with DBInstanceAlreadyExists\./);
    });

    it("does not compare names a pulumi:autonaming pattern produced", () => {
        const stack = { ...STACK, config: { ...STACK.config, "pulumi:autonaming": JSON.stringify({ mode: "verbatim" }) } };
        // Verbatim mode: "jobs" is what Pulumi generated for the resource named jobs; only "b" set the name itself.
        assert.deepStrictEqual(run([queue("jobs", { name: "jobs" }), queue("b", { name: "jobs" })], stack), []);
        assert.strictEqual(run([queue("a", { name: "jobs" }), queue("b", { name: "jobs" })], stack).length, 2);
        assert.match(policy.metadata.docs.failure, /pulumi:autonaming/);
    });

    it("reports only the resources being created: an existing pair was accepted by AWS, a new one beside an existing one fails", () => {
        const props = { identifier: "orders-db", engine: "postgres", instanceClass: "db.t4g.micro" };
        const created = (name: string) => db(name, props, { outputs: { ...props, id: UNKNOWN, arn: UNKNOWN } });
        const existing = (name: string) => db(name, props, { outputs: { ...props, id: name, arn: `arn:aws:rds:us-east-1:123456789012:db:${name}` } });
        assert.strictEqual(run([created("a"), created("b")]).length, 2);
        assert.deepStrictEqual(run([existing("a"), existing("b")]), []);
        const mixed = run([existing("a"), created("b")]);
        assert.strictEqual(mixed.length, 1);
        assert.strictEqual(mixed[0].urn, urnOf(DB, "b"));
        assert.match(mixed[0].message, /is also the RDS DB instance identifier of a: /);
    });
});
