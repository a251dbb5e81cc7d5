import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { rdsConfigurationSupported } from "../../../policies/rds/rds-configuration-supported";
import * as path from "path";
import { PACK_DIR, ResourceRecord, secret, UNKNOWN } from "../../../lib/runner/engine";
import { setClock } from "../../../lib/framework/clock";
import { resetDataFiles } from "../../../lib/data/data-files";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } };
const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
// Small fixed orderable-option data, so these tests do not change when the shipped data is refreshed.
const DATA = { dataFile: path.join(PACK_DIR, "test", "fixtures", "rds", "rds-orderable-options.json") };
const run = (records: readonly ResourceRecord[]) => validateStack(rdsConfigurationSupported, records, DATA, STACK);
const program = (fn: () => void) => recordProgram(fn, STACK);
/** The one reported message matching `pattern` (report order follows the recording, not the program). */
const pick = (reported: readonly { message: string }[], pattern: RegExp) => {
    const found = reported.filter(r => pattern.test(r.message));
    assert.strictEqual(found.length, 1, `${pattern} in ${JSON.stringify(reported.map(r => r.message))}`);
    return found[0].message;
};
const TRUST = (service: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
const pg = (extra: Partial<aws.rds.InstanceArgs>): aws.rds.InstanceArgs =>
    ({ engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 100, username: "app", manageMasterUserPassword: true, ...extra });

describe("rds-configuration-supported", () => {
    beforeEach(() => { resetDataFiles(); setClock("2026-12-01T00:00:00Z"); });
    afterEach(() => { setClock(); resetDataFiles(); });
    it("has its public metadata", () => {
        const p = rdsConfigurationSupported.policy;
        assert.strictEqual(p.name, "rds-configuration-supported");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.strictEqual(rdsConfigurationSupported.kind, "stack");
    });

    describe("Enhanced Monitoring", () => {
        it("reports an interval without a role, with AWS's error; the fix from the message is clean", async () => {
            const reported = run(await program(() => { new aws.rds.Instance("db", pg({ monitoringInterval: 60 })); }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /^monitoringInterval: Enhanced Monitoring every 60 s needs a monitoring role; set monitoringRoleArn to a role monitoring\.rds\.amazonaws\.com can assume\.$/m);
            assert.match(reported[0].message, /"InvalidParameterCombination: A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0\."/);
            assert.strictEqual(reported[0].level, "mandatory");
            assert.deepStrictEqual(run(await program(() => {
                const role = new aws.iam.Role("monitoring", { assumeRolePolicy: TRUST("monitoring.rds.amazonaws.com") });
                new aws.rds.Instance("db", pg({ monitoringInterval: 60, monitoringRoleArn: role.arn }));
                new aws.rds.ClusterInstance("member", { clusterIdentifier: "c", engine: "aurora-postgresql", instanceClass: "db.r7g.large", monitoringInterval: 0 });
            })), []);
        });

        it("reports a role without an interval, and a role the monitoring service cannot assume (v6 shapes too)", async () => {
            const reported = run(await program(() => {
                const role = new aws6.iam.Role("wrong-trust", { assumeRolePolicy: TRUST("rds.amazonaws.com") });
                new aws6.rds.Instance("a", pg({ monitoringInterval: 30, monitoringRoleArn: role.arn }) as aws6.rds.InstanceArgs);
                new aws.rds.ClusterInstance("b", { clusterIdentifier: "c", engine: "aurora-mysql", instanceClass: "db.r7g.large", monitoringRoleArn: "arn:aws:iam::111122223333:role/mon" });
            }));
            assert.strictEqual(reported.length, 2, JSON.stringify(reported));
            assert.match(pick(reported, /role "wrong-trust"/), /^monitoringRoleArn: role "wrong-trust" does not let monitoring\.rds\.amazonaws\.com assume it/m);
            assert.match(pick(reported, /role "wrong-trust"/), /"Principal":\{"Service":"monitoring\.rds\.amazonaws\.com"\}/);
            assert.match(pick(reported, /set while/), /^monitoringRoleArn: set while monitoringInterval is 0 \(the default\)/m);
            assert.match(pick(reported, /set while/), /You must specify a MonitoringInterval value other than 0 when you specify a MonitoringRoleARN value/);
        });

        it("stays silent on unknown intervals, unknown trust policies and roles outside the stack", () => {
            const role = record("aws:iam/role:Role", "r", { assumeRolePolicy: UNKNOWN });
            assert.deepStrictEqual(run([
                role,
                record(INSTANCE, "a", { engine: "postgres", monitoringInterval: UNKNOWN }),
                record(INSTANCE, "b", { engine: "postgres", monitoringInterval: 60, monitoringRoleArn: UNKNOWN }, { propertyDependencies: { monitoringRoleArn: [role.urn] } }),
                record(INSTANCE, "c", { engine: "postgres", monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam::1:role/x" }),
                record(INSTANCE, "d", { engine: "postgres", monitoringInterval: 60, monitoringRoleArn: secret("arn:aws:iam::1:role/x") }),
            ]), []);
        });
    });

    describe("storage", () => {
        it("reports gp3 IOPS and throughput under the engine's threshold with AWS's error, and gp3 under 20 GiB", async () => {
            const reported = run(await program(() => {
                new aws.rds.Instance("pg", pg({ storageType: "gp3", allocatedStorage: 100, iops: 3000, storageThroughput: 125 }));
                new aws.rds.Instance("ora", pg({ engine: "oracle-se2", licenseModel: "license-included", storageType: "gp3", allocatedStorage: 150, iops: 3000 }));
                new aws.rds.Instance("tiny", pg({ storageType: "gp3", allocatedStorage: 10 }));
            }));
            assert.strictEqual(reported.length, 4, JSON.stringify(reported));
            const messages = reported.map(r => r.message);
            const one = (pattern: RegExp) => assert.strictEqual(messages.filter(m => pattern.test(m)).length, 1, `${pattern} in ${JSON.stringify(messages)}`);
            one(/^iops: gp3 under 400 GiB has a fixed baseline for postgres; remove iops \(and storageThroughput\), or allocate at least 400 GiB\.$/m);
            assert.match(pick(reported, /^iops: gp3 under 400/m), /"InvalidParameterCombination: You can't specify IOPS or storage throughput for engine postgres and a storage size less than 400\."/);
            one(/^storageThroughput: gp3 under 400 GiB/m);
            one(/^iops: gp3 under 200 GiB has a fixed baseline for oracle-se2/m);
            one(/^allocatedStorage: 10 GiB is below the 20 GiB gp3 minimum; set allocatedStorage: 20\.$/m);
            // Fixed: no iops under the threshold, iops from the threshold on, SQL Server has no threshold.
            assert.deepStrictEqual(run(await program(() => {
                new aws.rds.Instance("pg", pg({ storageType: "gp3", allocatedStorage: 100 }));
                new aws.rds.Instance("big", pg({ storageType: "gp3", allocatedStorage: 400, iops: 12000, storageThroughput: 500 }));
                new aws.rds.Instance("mssql", pg({ engine: "sqlserver-se", licenseModel: "license-included", storageType: "gp3", allocatedStorage: 20, iops: 3000 }));
            })), []);
        });

        it("reports io1 IOPS outside 0.5 to 50 per GiB with AWS's error and the IOPS that fit", async () => {
            const reported = run(await program(() => {
                new aws.rds.Instance("low", pg({ storageType: "io1", allocatedStorage: 5000, iops: 1500 }));
                new aws.rds.Instance("high", pg({ storageType: "io1", allocatedStorage: 100, iops: 6000 }));
                new aws.rds.Instance("ok", pg({ storageType: "io1", allocatedStorage: 100, iops: 3000 }));
            }));
            assert.strictEqual(reported.length, 2, JSON.stringify(reported));
            assert.match(pick(reported, /1500 IOPS/), /^iops: 1500 IOPS on 5000 GiB of io1 is outside 0\.5 to 50 IOPS per GiB; set at least 2500 iops or change allocatedStorage\.$/m);
            assert.match(pick(reported, /1500 IOPS/), /Invalid iops to max storage \(GB\) ratio for engine name postgres and storage type io1: 0\.3000/);
            pick(reported, /^iops: 6000 IOPS on 100 GiB of io1 .*; set at most 5000 iops/m);
        });
    });

    describe("Aurora clusters", () => {
        it("reports Serverless v1 for a new cluster, not for an existing one", async () => {
            const reported = run(await program(() => {
                new aws.rds.Cluster("v1", { engine: "aurora-mysql", engineMode: "serverless", masterUsername: "app", manageMasterUserPassword: true });
            }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /^engineMode: Aurora Serverless v1 has reached its end of support and new clusters cannot use it; use engineMode: "provisioned" with serverlessv2ScalingConfiguration and db\.serverless instances\.$/m);
            assert.deepStrictEqual(run([record(CLUSTER, "old", { engine: "aurora-mysql", engineMode: "serverless", arn: "arn:aws:rds:eu-west-1:1:cluster:old", id: "old" })]), []);
        });

        it("reports Serverless v2 capacities outside 0 to 256 ACUs in 0.5 steps, or min above max", async () => {
            const cases: [number, number, RegExp | undefined][] = [
                [0.5, 300, /maxCapacity must be 1 to 256 ACUs/], [8, 4, /minCapacity must not exceed maxCapacity/],
                [0.7, 4, /minCapacity must be 0 to 256 ACUs in steps of 0\.5/], [0, 0.5, /maxCapacity must be 1 to 256/],
                [0, 1, undefined], [0.5, 256, undefined], [2, 2, undefined],
            ];
            for (const [minCapacity, maxCapacity, expected] of cases) {
                const reported = run(await program(() => {
                    new aws.rds.Cluster("v2", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true,
                        serverlessv2ScalingConfiguration: { minCapacity, maxCapacity } });
                }));
                assert.strictEqual(reported.length, expected ? 1 : 0, `${minCapacity}-${maxCapacity}: ${JSON.stringify(reported)}`);
                if (expected) {
                    assert.match(reported[0].message, expected);
                    assert.match(reported[0].message, /^serverlessv2ScalingConfiguration: /m);
                }
            }
        });

        it("reports backtrack outside Aurora MySQL and in global databases", async () => {
            const reported = run(await program(() => {
                new aws.rds.Cluster("pg", { engine: "aurora-postgresql", backtrackWindow: 3600, masterUsername: "app", manageMasterUserPassword: true });
                new aws.rds.Cluster("global", { engine: "aurora-mysql", backtrackWindow: 3600, globalClusterIdentifier: "g", masterUsername: "app", manageMasterUserPassword: true });
                new aws.rds.Cluster("ok", { engine: "aurora-mysql", backtrackWindow: 3600, masterUsername: "app", manageMasterUserPassword: true });
            }));
            assert.strictEqual(reported.length, 2, JSON.stringify(reported));
            pick(reported, /^backtrackWindow: backtrack is available only for Aurora MySQL, not aurora-postgresql; remove backtrackWindow\.$/m);
            pick(reported, /^backtrackWindow: backtrack is not available for clusters in a global database/m);
        });
    });

    describe("DB subnet groups", () => {
        it("reports subnets all in one zone with AWS's error; two zones are clean", async () => {
            const reported = run(await program(() => {
                const a = new aws.ec2.Subnet("a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
                const b = new aws.ec2.Subnet("b", { vpcId: "vpc-1", cidrBlock: "10.0.2.0/24", availabilityZone: "eu-west-1a" });
                new aws.rds.SubnetGroup("db", { subnetIds: [a.id, b.id] });
            }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /^subnetIds: every subnet is in eu-west-1a; add a subnet in a second availability zone\.$/m);
            assert.match(reported[0].message, /"DBSubnetGroupDoesNotCoverEnoughAZs: The DB subnet group doesn't meet Availability Zone \(AZ\) coverage requirement\. Current AZ coverage: eu-west-1a\. Add subnets to cover at least 2 AZs\."/);
            assert.deepStrictEqual(run(await program(() => {
                const a = new aws.ec2.Subnet("a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
                const b = new aws.ec2.Subnet("b", { vpcId: "vpc-1", cidrBlock: "10.0.2.0/24", availabilityZoneId: "euw1-az2" });
                new aws.rds.SubnetGroup("db", { subnetIds: [a.id, b.id] });
            })), []);
        });

        it("stays silent when a zone is unknown or chosen by AWS, or a subnet is outside the stack", async () => {
            assert.deepStrictEqual(run(await program(() => {
                const a = new aws.ec2.Subnet("a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
                const b = new aws.ec2.Subnet("b", { vpcId: "vpc-1", cidrBlock: "10.0.2.0/24" });
                new aws.rds.SubnetGroup("auto", { subnetIds: [a.id, b.id] });
                new aws.rds.SubnetGroup("outside", { subnetIds: [a.id, "subnet-0123456789abcdef0"] });
            })), []);
        });
    });

    it("survives wrong shapes", () => {
        const shapes: [string, Record<string, unknown>][] = [
            [INSTANCE, { engine: "postgres", storageType: ["gp3"], allocatedStorage: "lots", iops: {} }],
            [INSTANCE, { engine: "postgres", storageType: "gp3", allocatedStorage: 10, monitoringInterval: "sixty" }],
            [CLUSTER, { engine: "aurora-mysql", serverlessv2ScalingConfiguration: "1-4", backtrackWindow: [1] }],
            [CLUSTER, { engine: "aurora-mysql", serverlessv2ScalingConfiguration: [null] }],
            [CLUSTER, { engine: "aurora-mysql", serverlessv2ScalingConfiguration: {} }],
            [SUBNET_GROUP, { subnetIds: "subnet-1" }],
            [SUBNET_GROUP, { subnetIds: [null, null] }],
        ];
        for (const [type, properties] of shapes) {
            const reported = run([record(type, "x", properties)]);
            assert.ok(reported.every(r => !/could not finish/.test(r.message)), JSON.stringify(reported));
        }
    });
});
