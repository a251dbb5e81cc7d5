import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { serviceOpenToNewCustomers as policy } from "../../../policies/regions/service-open-to-new-customers";
import { ResourceRecord, UNKNOWN } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { setClock } from "../../../lib/framework/clock";
import { configProblems } from "../../../lib/framework/config";
import { CLOSED_SERVICES } from "../../../lib/aws/services/closed-services";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } };
const run = (records: readonly ResourceRecord[], config: Record<string, unknown> = {}) => validateStack(policy, records, config, STACK);
const program = (fn: () => void) => recordProgram(fn, STACK);

describe("service-open-to-new-customers", () => {
    beforeEach(() => setClock("2026-12-01T00:00:00Z"));
    afterEach(() => setClock());

    it("has its public metadata: advisory by default, a stack policy", () => {
        assert.strictEqual(policy.policy.name, "service-open-to-new-customers");
        assert.strictEqual(policy.policy.enforcementLevel, "advisory");
        assert.strictEqual(policy.kind, "stack");
    });

    it("reports new resources of closed and ended services with their successor (v6 shapes too)", async () => {
        const reported = run(await program(() => {
            new aws.cloudsearch.Domain("search", { name: "search" });
            new aws.timestreamwrite.Database("metrics", { databaseName: "metrics" });
            new aws6.qldb.Ledger("audit", { permissionsMode: "STANDARD" });
            new aws.elastictranscoder.Preset("p", { container: "mp4" });
        }));
        assert.strictEqual(reported.length, 4, JSON.stringify(reported));
        const text = reported.map(r => r.message).join("\n");
        assert.match(text, /^Amazon CloudSearch is closed to new customers since 2024-07-25; use Amazon OpenSearch Service/m);
        assert.match(text, /^Amazon Timestream for LiveAnalytics is closed to new customers since 2025-06-20; use Amazon Timestream for InfluxDB/m);
        assert.match(text, /^Amazon QLDB ended on 2025-07-31; use Amazon Aurora PostgreSQL\.$/m);
        assert.match(text, /^Amazon Elastic Transcoder ended on 2025-11-13; use AWS Elemental MediaConvert\.$/m);
        assert.ok(reported.every(r => r.level === "advisory"));
        for (const r of reported) {
            assert.ok(r.message.split("\n")[0].length <= 150, r.message);
        }
    });

    it("is silent for existing resources, unknown lifecycles, CodeCommit (reopened), successors and the config's exceptions", async () => {
        assert.deepStrictEqual(run([
            record("aws:cloudsearch/domain:Domain", "old", { name: "old", id: "old", arn: "arn:aws:cloudsearch:eu-west-1:1:domain/old" }),
            record("aws:qldb/ledger:Ledger", "nothing", {}),
        ]), []);
        assert.deepStrictEqual(run(await program(() => {
            new aws.codecommit.Repository("repo", { repositoryName: "repo" });
            new aws.opensearch.Domain("search", {});
            new aws.timestreaminfluxdb.DbInstance("influx", { allocatedStorage: 20, dbInstanceType: "db.influx.medium", name: "influx",
                vpcSecurityGroupIds: ["sg-1"], vpcSubnetIds: ["subnet-1"], bucket: "b", organization: "o", username: "u", password: "p4ssw0rd-secret" });
        })), []);
        const records = await program(() => { new aws.cloudsearch.Domain("search", { name: "search" }); });
        assert.deepStrictEqual(run(records, { exceptServices: ["cloudsearch"] }), []);
        assert.strictEqual(run(records, { exceptServices: ["qldb"] }).length, 1);
    });

    it("reports a closure only from its date on (the clock is injected)", async () => {
        setClock("2025-06-01T00:00:00Z");
        const records = await program(() => { new aws.timestreamwrite.Database("metrics", { databaseName: "metrics" }); });
        assert.deepStrictEqual(run(records), []);
        setClock("2025-06-21T00:00:00Z");
        assert.strictEqual(run(records).length, 1);
    });

    it("refuses unknown service names in its config and survives wrong shapes", () => {
        const problems = configProblems({ name: policy.metadata.name, configSchema: (policy.policy as { configSchema?: any }).configSchema } as any, { exceptServices: ["cloudsearh"] });
        assert.ok(problems.length > 0 && /exceptServices/.test(problems[0]), JSON.stringify(problems));
        assert.deepStrictEqual(run([record("aws:qldb/ledger:Ledger", "x", { id: UNKNOWN })], { exceptServices: "qldb" }).length, 1);
        assert.deepStrictEqual(run([record("aws:qldb/ledger:Ledger", "x", { id: [null] })]), []);
        assert.ok(CLOSED_SERVICES.every(s => /^\d{4}-\d{2}-\d{2}$/.test(s.since) && s.source.length > 0));
    });
});
