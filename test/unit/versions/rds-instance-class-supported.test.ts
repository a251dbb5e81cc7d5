import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { rdsInstanceClassSupported } from "../../../policies/versions/rds-instance-class-supported";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { StackSettings, validateOne } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { fixture, useFixtureClock } from "./fixtures";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const DATA = { dataFile: fixture("rds-instance-classes") };
const TOKYO: StackSettings = { config: { "aws:region": "ap-northeast-1" } };
const VIRGINIA: StackSettings = { config: { "aws:region": "us-east-1" } };

const instance = (args: Partial<aws.rds.InstanceArgs> | Record<string, unknown>) => ({ type: INSTANCE, properties: args as Record<string, unknown> });
const clusterInstance = (args: Partial<aws.rds.ClusterInstanceArgs> | Record<string, unknown>) =>
    ({ type: CLUSTER_INSTANCE, properties: args as Record<string, unknown> });
const check = (resource: { type: string; properties: Record<string, unknown>; outputs?: Record<string, unknown> }, config: Record<string, unknown> = {}, stack = TOKYO) =>
    validateOne(rdsInstanceClassSupported, resource, { ...DATA, ...config }, stack);

describe("rds-instance-class-supported", () => {
    useFixtureClock();

    it("has its public metadata", () => {
        const p = rdsInstanceClassSupported.policy;
        assert.strictEqual(p.name, "rds-instance-class-supported");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["dataFile", "maxDataAgeDays"]);
        assert.strictEqual(p.configSchema!.properties.maxDataAgeDays.default, 180);
        assert.deepStrictEqual(rdsInstanceClassSupported.metadata.resourceTypes, [INSTANCE, CLUSTER_INSTANCE]);
        assert.match(rdsInstanceClassSupported.metadata.docs.failure, /reads the instance's own `engine`/);
        assert.match(rdsInstanceClassSupported.metadata.docs.failure, /engine version .* not checked/);
    });

    it("the AWS error quoted in the docs is a combination the shipped data rejects", () => {
        // As a program that does not set licenseModel (RDS then picks the engine's licence, as in the quote).
        const quoted = /DBInstanceClass=([^,]+), Engine=([^,]+),/.exec(rdsInstanceClassSupported.metadata.docs.awsError!)!;
        const reported = validateOne(rdsInstanceClassSupported,
            { type: INSTANCE, properties: { instanceClass: quoted[1], engine: quoted[2] } }, { maxDataAgeDays: 0 },
            { config: { "aws:region": "ap-northeast-1" } });
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
    });

    it("reports a class the region lacks, quoting the AWS error, with the nearest classes", async () => {
        const records = await recordProgram(() => {
            new aws.rds.Instance("db", { engine: "postgres", engineVersion: "15.13", instanceClass: "db.m9g.large", allocatedStorage: 20 });
        }, { project: "app", stack: "dev", config: { "aws:region": "ap-northeast-1" } });
        const reported = validateOne(rdsInstanceClassSupported, records.find(r => r.type === INSTANCE)!, DATA, TOKYO);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        const message = reported[0].message;
        assert.match(message, /^instanceClass: db\.m9g\.large is not offered for postgres in ap-northeast-1/m);
        assert.match(message, /"InvalidParameterCombination: RDS does not support creating a DB instance with the following combination: DBInstanceClass=db\.m9g\.large, Engine=postgres, EngineVersion=15\.13, \.\.\."/);
        assert.match(message, /: use "db\.m8g\.large"\.[\s\S]*Also offered: db\.r7g\.large/);
        // The same class in a region that offers it.
        assert.deepStrictEqual(check(instance({ engine: "postgres", instanceClass: "db.m9g.large" }), {}, VIRGINIA), []);
    });

    it("the fix from the message validates clean", () => {
        const reported = check(instance({ engine: "postgres", instanceClass: "db.m9g.large" }));
        const fixed = /: use "([^"]+)"/.exec(reported[0].message)![1];
        assert.strictEqual(fixed, "db.m8g.large");
        assert.deepStrictEqual(check(instance({ engine: "postgres", instanceClass: fixed })), []);
    });

    it("reports a string that is no instance class at all", () => {
        const reported = check(instance({ engine: "postgres", instanceClass: "db.t4g.mirco" }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /"db\.t4g\.mirco" is not an RDS instance class/);
        assert.match(reported[0].message, /db\.t4g\.micro/);
    });

    it("checks the licence model: the given one, the default, or every model when the data has no default", () => {
        const oracle = (instanceClass: string, licenseModel?: string) =>
            check(instance({ engine: "oracle-se2", instanceClass, ...(licenseModel ? { licenseModel } : {}) }), {}, VIRGINIA);
        assert.deepStrictEqual(oracle("db.r5.large", "bring-your-own-license"), []);
        const reported = oracle("db.r5.large", "license-included");
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /not offered for oracle-se2, licence model license-included in us-east-1/);
        assert.deepStrictEqual(oracle("db.r5.large"), [], "no licenseModel: any model of the engine");
        assert.strictEqual(oracle("db.t3.micro").length, 1);
        assert.deepStrictEqual(oracle("db.t3.micro", "unheard-of-licence"), [], "a licence model the data lacks: silent");
        assert.deepStrictEqual(check(instance({ engine: "postgres", instanceClass: "db.t3.micro", licenseModel: "postgresql-license" }),
            {}, VIRGINIA), [], "silent on a licence model the data does not list");
    });

    it("checks cluster instances with the engine property (db.serverless for Aurora)", async () => {
        const records = await recordProgram(() => {
            const c = new aws.rds.Cluster("cluster", { engine: "aurora-postgresql", engineVersion: "16.4", masterUsername: "app", manageMasterUserPassword: true });
            new aws.rds.ClusterInstance("writer", { clusterIdentifier: c.id, engine: c.engine as pulumi.Output<aws.rds.EngineType>, instanceClass: "db.t4g.medium" });
            new aws.rds.ClusterInstance("serverless", { clusterIdentifier: c.id, engine: "aurora-postgresql", instanceClass: "db.serverless" });
        }, { project: "app", stack: "dev", config: { "aws:region": "ap-northeast-1" } });
        const writer = records.find(r => r.name === "writer")!;
        const reported = validateOne(rdsInstanceClassSupported, writer, DATA, TOKYO);
        assert.strictEqual(reported.length, 1, JSON.stringify(writer.properties));
        assert.match(reported[0].message, /db\.t4g\.medium is not offered for aurora-postgresql in ap-northeast-1/);
        assert.deepStrictEqual(validateOne(rdsInstanceClassSupported, records.find(r => r.name === "serverless")!, DATA, TOKYO), []);
        assert.strictEqual(check(clusterInstance({ engine: "postgres", instanceClass: "db.serverless" })).length, 1,
            "db.serverless is Aurora only");
        assert.deepStrictEqual(check({ type: CLUSTER, properties: { engine: "aurora-postgresql" } }), [], "clusters have no class");
    });

    it("stays silent when the region, engine or class cannot be known", () => {
        const cases: [Record<string, unknown>, StackSettings][] = [
            [{ engine: "postgres", instanceClass: UNKNOWN }, TOKYO],
            [{ engine: UNKNOWN, instanceClass: "db.m9g.large" }, TOKYO],
            [{ engine: "postgres", instanceClass: "db.m9g.large", licenseModel: UNKNOWN }, TOKYO],
            [{ engine: "postgres", instanceClass: "db.m9g.large", region: UNKNOWN }, {}],
            [{ engine: "postgres", instanceClass: "db.m9g.large" }, {}],
            [{ engine: "postgres", instanceClass: "db.m9g.large" }, { config: { "aws:region": "xx-nowhere-1" } }],
            [{ engine: "custom-sqlserver-ee", instanceClass: "db.m9g.large" }, TOKYO],
            [{ instanceClass: "db.m9g.large", replicateSourceDb: "source-db" }, TOKYO],
            [{ engine: "postgres", instanceClass: 42 }, TOKYO],
            [{ engine: ["postgres"], instanceClass: "db.m9g.large" }, TOKYO],
            [{ engine: "postgres", instanceClass: { name: "db.m9g.large" } }, TOKYO],
            [{ engine: "postgres", instanceClass: [null] }, TOKYO],
            [{}, TOKYO],
        ];
        for (const [props, stack] of cases) {
            assert.deepStrictEqual(check(instance(props), {}, stack), [], JSON.stringify(props));
        }
    });

    it("uses the resource's own region over the stack's", () => {
        assert.strictEqual(check(instance({ engine: "postgres", instanceClass: "db.m9g.large", region: "ap-northeast-1" }), {}, VIRGINIA).length, 1);
        assert.deepStrictEqual(check(instance({ engine: "postgres", instanceClass: "db.m9g.large", region: "us-east-1" })), []);
    });

    it("never prints a secret value", () => {
        const reported = check(instance({ engine: "postgres", instanceClass: secret("db.m9g.large") }));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("db.m9g.large"), reported[0].message);
    });

    it("maxDataAgeDays and dataFile", () => {
        const old = check(instance({ engine: "postgres", instanceClass: "db.t3.micro" }), { maxDataAgeDays: 90 });
        assert.strictEqual(old.length, 1);
        assert.strictEqual(old[0].level, "advisory");
        assert.match(old[0].message, /rds-instance-classes data .* 96 days old \(maxDataAgeDays: 90\)/);
        const broken = check(instance({ engine: "postgres", instanceClass: "db.m9g.large" }), { dataFile: fixture("rds-engine-versions") });
        assert.strictEqual(broken.length, 1);
        assert.strictEqual(broken[0].level, "advisory");
        assert.match(broken[0].message, /could not use its data file/);
    });

    it("is mandatory for an instance being created (its unset licenseModel unknown, as planned) and advisory for one that exists", () => {
        const inputs = { engine: "postgres", instanceClass: "db.m9g.large", allocatedStorage: 20 };
        const created = check({ ...instance(inputs), outputs: { ...inputs, licenseModel: UNKNOWN, engineVersion: UNKNOWN, id: UNKNOWN, arn: UNKNOWN } });
        assert.strictEqual(created.length, 1);
        assert.strictEqual(created[0].level, "mandatory");
        const existing = check({ ...instance(inputs), outputs: { ...inputs, licenseModel: "general-public-license", engineVersion: "15.13", id: "db", arn: "arn:aws:rds:ap-northeast-1:123456789012:db:db" } });
        assert.strictEqual(existing.length, 1);
        assert.strictEqual(existing[0].level, "advisory");
        assert.match(existing[0].message, /^instanceClass: db\.m9g\.large is not offered for postgres, licence model general-public-license in ap-northeast-1: move to "db\.m8g\.large"\./m);
    });
});
