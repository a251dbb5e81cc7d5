import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import * as random from "@pulumi/random";
import { rdsMasterCredentialsValid } from "../../../policies/rds/rds-master-credentials-valid";
import { ResourceRecord, secret, UNKNOWN, urnOf } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { chanceOfRefusedCharacter, RANDOM_DEFAULT_SPECIAL } from "../../../lib/aws/credentials/generated-passwords";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } };
const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
const run = (records: readonly ResourceRecord[]) => validateStack(rdsMasterCredentialsValid, records, {}, STACK);
const program = (fn: () => void) => recordProgram(fn, STACK);
const GOOD_PASSWORD = "Str0ng-Passw0rd!";

describe("rds-master-credentials-valid", () => {
    it("has its public metadata", () => {
        const p = rdsMasterCredentialsValid.policy;
        assert.strictEqual(p.name, "rds-master-credentials-valid");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.strictEqual(rdsMasterCredentialsValid.kind, "stack");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), []);
    });

    it("reports admin on PostgreSQL and Aurora PostgreSQL with AWS's error, and accepts it on MySQL and Aurora MySQL", async () => {
        const records = await program(() => {
            new aws.rds.Instance("pg", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "admin", manageMasterUserPassword: true });
            new aws.rds.Cluster("apg", { engine: "aurora-postgresql", masterUsername: "admin", manageMasterUserPassword: true });
            new aws.rds.Instance("my", { engine: "mysql", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "admin", manageMasterUserPassword: true });
            new aws.rds.Cluster("amy", { engine: "aurora-mysql", masterUsername: "admin", manageMasterUserPassword: true });
        });
        const reported = run(records);
        assert.strictEqual(reported.length, 2, JSON.stringify(reported));
        assert.deepStrictEqual(reported.map(r => r.urn), [records.find(r => r.name === "pg")!.urn, records.find(r => r.name === "apg")!.urn]);
        assert.match(reported[0].message, /^username: "admin" breaks the RDS for PostgreSQL master user name rules; use e\.g\. "postgres"\.$/m);
        assert.match(reported[0].message, /"InvalidParameterValue: MasterUsername admin cannot be used as it is a reserved word used by the engine"/);
        assert.match(reported[1].message, /^masterUsername: "admin" breaks the Aurora PostgreSQL master user name rules/m);
        assert.strictEqual(reported[0].level, "mandatory");
    });

    it("reports rdsadmin everywhere, a name not starting with a letter, and characters outside letters, digits and _", async () => {
        const reported = run(await program(() => {
            new aws.rds.Instance("a", { engine: "mysql", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "rdsadmin", manageMasterUserPassword: true });
            new aws.rds.Instance("b", { engine: "sqlserver-ex", instanceClass: "db.t3.micro", allocatedStorage: 20, username: "1admin", manageMasterUserPassword: true });
            new aws.rds.Instance("c", { engine: "mariadb", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app-user", manageMasterUserPassword: true });
        }));
        assert.strictEqual(reported.length, 3, JSON.stringify(reported));
        assert.match(reported[0].message, /"rdsadmin" is reserved by RDS for MySQL/);
        assert.match(reported[0].message, /use e\.g\. "dbadmin"/);
        assert.match(reported[1].message, /it must start with a letter/);
        assert.match(reported[1].message, /use e\.g\. "db1admin"/);
        assert.match(reported[2].message, /only letters, digits and _/);
        assert.match(reported[2].message, /use e\.g\. "appuser"/);
        assert.ok(reported.every(r => r.level === "mandatory"));
    });

    it("reports a name beyond the engine's limit as mandatory and one beyond AWS's documented 16 as advisory", async () => {
        const reported = run(await program(() => {
            new aws.rds.Instance("long", { engine: "mysql", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "a".repeat(33), manageMasterUserPassword: true });
            new aws.rds.Instance("doc", { engine: "mysql", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "application_owner", manageMasterUserPassword: true });
            new aws.rds.Instance("pg", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "application_owner_account", manageMasterUserPassword: true });
        }));
        assert.strictEqual(reported.length, 2, JSON.stringify(reported));
        assert.match(reported[0].message, /longer than 32 characters/);
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(reported[1].message, /AWS documents at most 16 characters/);
        assert.strictEqual(reported[1].level, "advisory");
    });

    it("reports a literal password that breaks the rules without showing anything of it, in any length rule per engine", async () => {
        const cases: [string, string, boolean][] = [
            ["mysql", "p@ssw0rd-long", true], ["mysql", "short1", true], ["mysql", "x".repeat(42), true],
            ["postgres", "x".repeat(100), false], ["postgres", "has space in it", true], ["oracle-ee", "it's-a-pass", true],
            ["oracle-ee", GOOD_PASSWORD, false], ["postgres", GOOD_PASSWORD, false],
        ];
        for (const [engine, password, bad] of cases) {
            const records = [record(INSTANCE, "db", { engine, username: "dbowner", password: secret(password) })];
            const reported = run(records);
            assert.strictEqual(reported.length, bad ? 1 : 0, `${engine} ${JSON.stringify(reported)}`);
            if (bad) {
                const m = reported[0].message;
                assert.match(m, /^password: the password breaks the RDS for \w+ password rules; generate one that follows them or set manageMasterUserPassword: true\.$/m);
                assert.ok(!m.includes(password), m);
                assert.ok(!m.includes(String(password.length)) || /8 to (41|128|30)/.test(m), m);
                assert.match(m, /The parameter MasterUserPassword is not a valid password/);
            }
        }
    });

    it("follows the password to a random.RandomPassword with the default special characters (which include @)", async () => {
        const records = await program(() => {
            const pw = new random.RandomPassword("db-password", { length: 16 });
            new aws.rds.Cluster("orders", { engine: "aurora-mysql", masterUsername: "orders", masterPassword: pw.result });
        });
        const reported = run(records);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        const m = reported[0].message;
        assert.match(m, /^masterPassword: random\.RandomPassword "db-password" can generate @ \(Aurora refuses it\); set its overrideSpecial: "!#\$%&\*\(\)-_=\+\[\]\{\}<>:\?"\.$/m);
        assert.match(m, /About 18% of the passwords it generates contain one/);
        assert.match(m, /manageMasterUserPassword: true/);
        assert.strictEqual(reported[0].level, "mandatory");
        // The fix from the message applied: clean.
        assert.deepStrictEqual(run(await program(() => {
            const pw = new random.RandomPassword("db-password", { length: 16, overrideSpecial: "!#$%&*()-_=+[]{}<>:?" });
            new aws.rds.Cluster("orders", { engine: "aurora-mysql", masterUsername: "orders", masterPassword: pw.result });
        })), []);
        // special: false, or no password at all (AWS manages it): clean.
        assert.deepStrictEqual(run(await program(() => {
            const pw = new random.RandomPassword("db-password", { length: 16, special: false });
            new aws.rds.Instance("a", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", password: pw.result });
            new aws.rds.Instance("b", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true });
        })), []);
    });

    it("follows the dependency through an apply, reports an overrideSpecial with / or \" and a length out of range", async () => {
        const reported = run(await program(() => {
            const pw = new random.RandomPassword("pw", { length: 64, overrideSpecial: "/\"-_" });
            new aws.rds.Instance("db", { engine: "mysql", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app",
                password: pulumi.interpolate`${pw.result}` });
        }));
        assert.strictEqual(reported.length, 2, JSON.stringify(reported));
        assert.match(reported[0].message, /^password: random\.RandomPassword "pw" can generate \/ " \(RDS refuses them\); set its overrideSpecial: "-_"\.$/m);
        assert.match(reported[1].message, /^password: random\.RandomPassword "pw" generates passwords of a length RDS refuses; set its length to 8 to 41\.$/m);
    });

    it("computes the chance of a refused character from the generator's sets and minimums", () => {
        const refused = (c: string) => "/@\" ".includes(c);
        const all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + RANDOM_DEFAULT_SPECIAL;
        const chance = chanceOfRefusedCharacter({ length: 16, special: RANDOM_DEFAULT_SPECIAL, all, minSpecial: 0, minOthers: 0 }, refused)!;
        assert.ok(Math.abs(chance - (1 - Math.pow(82 / 83, 16))) < 1e-9, String(chance));
        const withMin = chanceOfRefusedCharacter({ length: 16, special: RANDOM_DEFAULT_SPECIAL, all, minSpecial: 4, minOthers: 2 }, refused)!;
        assert.ok(withMin > chance);
        assert.strictEqual(chanceOfRefusedCharacter({ length: undefined, special: "@", all, minSpecial: 0, minOthers: 0 }, refused), undefined);
    });

    it("checks DocumentDB and Redshift with their own rules, with @pulumi/aws v6 shapes too", async () => {
        const reported = run(await program(() => {
            const pw = new random.RandomPassword("pw", { length: 20 });
            new aws6.docdb.Cluster("docs", { masterUsername: "admin", masterPassword: pw.result });
            new aws6.redshift.Cluster("wh", { clusterIdentifier: "wh", nodeType: "ra3.xlplus", masterUsername: "PUBLIC", masterPassword: pulumi.secret("alllowercase1") });
            new aws6.rds.Instance("v6", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "admin", password: pw.result });
        }));
        const messages = reported.map(r => r.message);
        assert.strictEqual(reported.length, 6, JSON.stringify(messages));
        assert.ok(messages.some(m => /masterUsername: "admin" breaks the Amazon DocumentDB master user name rules; use e\.g\. "dbadmin"/.test(m)));
        assert.ok(messages.some(m => /masterPassword: random\.RandomPassword "pw" can generate @ \(DocumentDB refuses it\)/.test(m)));
        assert.ok(messages.some(m => /masterUsername: "PUBLIC" breaks the Amazon Redshift master user name rules/.test(m)));
        assert.ok(messages.some(m => /masterPassword: the password breaks the Amazon Redshift password rules; generate one that follows them or set manageMasterPassword: true/.test(m) &&
            /an uppercase letter, a lowercase letter and a digit/.test(m) && !m.includes("alllowercase1")));
        assert.ok(messages.some(m => /^username: "admin" breaks the RDS for PostgreSQL/m.test(m)));
    });

    it("skips replicas, snapshot restores, Aurora instances, unknown engines and existing databases' user names", () => {
        const reported = run([
            record(INSTANCE, "replica", { replicateSourceDb: "arn:aws:rds:eu-west-1:1:db:src", username: "admin", engine: "postgres" }),
            record(INSTANCE, "restore", { snapshotIdentifier: "snap", username: "admin", engine: "postgres" }),
            record(INSTANCE, "member", { engine: "aurora-postgresql", username: "admin" }),
            record(INSTANCE, "unknown-engine", { engine: UNKNOWN, username: "admin" }),
            record(INSTANCE, "other-engine", { engine: "neptune", username: "admin" }),
            record(INSTANCE, "existing", { engine: "postgres", username: "admin", arn: "arn:aws:rds:eu-west-1:1:db:existing", id: "db-1" }),
            record(CLUSTER, "restored", { engine: "aurora-postgresql", masterUsername: "admin", snapshotIdentifier: "snap" }),
        ]);
        assert.deepStrictEqual(reported, []);
    });

    it("says nothing when the password, the generator's settings or the user name are unknown", () => {
        const generator = record(RANDOM_PASSWORD, "pw", { length: 16, overrideSpecial: UNKNOWN });
        const reported = run([
            generator,
            record(INSTANCE, "db", { engine: "postgres", username: UNKNOWN, password: UNKNOWN },
                { propertyDependencies: { password: [generator.urn] } }),
            record(INSTANCE, "db2", { engine: "postgres", username: "app", password: UNKNOWN },
                { propertyDependencies: { password: [urnOf("aws:secretsmanager/secretVersion:SecretVersion", "v")] } }),
        ]);
        assert.deepStrictEqual(reported, []);
    });

    it("never shows a secret user name", () => {
        const reported = run([record(INSTANCE, "db", { engine: "postgres", username: secret("1secret-owner"), manageMasterUserPassword: true })]);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^username: the user name breaks the RDS for PostgreSQL master user name rules; use a name that follows them\.$/m);
        assert.ok(!/secret-owner/.test(reported[0].message));
    });

    it("survives wrong shapes", () => {
        const shapes: Record<string, unknown>[] = [
            { engine: "postgres", username: { a: 1 }, password: ["x"] },
            { engine: ["postgres"], username: "admin" },
            { engine: "postgres", username: "", password: "" },
            { engine: "postgres", username: null, password: [null] },
            { engine: "postgres", username: 42, password: 12345678 },
        ];
        for (const properties of shapes) {
            const reported = run([record(INSTANCE, "db", properties)]);
            assert.ok(reported.every(r => !/could not finish/.test(r.message)), JSON.stringify(reported));
        }
        const generator = record(RANDOM_PASSWORD, "pw", { length: "many", special: "yes", overrideSpecial: 7, minSpecial: -3 });
        const reported = run([generator, record(INSTANCE, "db", { engine: "postgres", username: "app", password: UNKNOWN },
            { propertyDependencies: { password: [generator.urn] } })]);
        assert.ok(reported.every(r => !/could not finish/.test(r.message)), JSON.stringify(reported));
        assert.strictEqual(reported.length, 1); // special "yes" is not false: the default set, with @
    });
});
