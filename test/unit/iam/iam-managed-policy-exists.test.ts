import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import fc from "fast-check";
import { iamManagedPolicyExists as policy } from "../../../policies/iam/iam-managed-policy-exists";
import { catalogOf, nearestPolicy } from "../../../lib/aws/iam/managed-policies";
import { IamManagedPoliciesFile, loadManagedPolicies, managedPolicyFilesRead, resetManagedPolicies } from "../../../lib/data/iam-managed-policies";
import { setClock } from "../../../lib/framework/clock";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { urnOf } from "../../../lib/runner/engine";
import { validateOne, validateStack } from "../../harness/policy-harness";

const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE = "aws:iam/role:Role";
const ARN = (pathName: string, partition = "aws") => `arn:${partition}:iam::aws:policy/${pathName}`;

// Small fixed data: the tests do not churn when the shipped list is refreshed.
const FIXED: IamManagedPoliciesFile = {
    format: "aws-preflight/iam-managed-policies@1", source: "test", sourceDate: "2026-09-01", generated: "2026-09-01T00:00:00Z",
    partitions: {
        aws: {
            "/": "AdministratorAccess AmazonS3FullAccess AmazonS3ReadOnlyAccess AmazonSSMManagedInstanceCore AWSLambda_FullAccess IAMFullAccess ReadOnlyAccess",
            "/service-role/": "AmazonEC2RoleforSSM AWS_ConfigRole AWSLambdaBasicExecutionRole AWSLambdaRole",
            "/job-function/": "ViewOnlyAccess",
        },
    },
    deprecated: {
        "/AWSLambdaFullAccess": { attachable: false, replacement: "/AWSLambda_FullAccess", source: "Lambda docs" },
        "/service-role/AWSConfigRole": { attachable: false, replacement: "/service-role/AWS_ConfigRole", source: "Config docs" },
        "/service-role/AmazonEC2RoleforSSM": { attachable: true, replacement: "/AmazonSSMManagedInstanceCore", source: "SSM docs" },
    },
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-managed-policies-"));
const dataFile = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
};
const FIXED_FILE = dataFile("fixed.json", FIXED);
const CONFIG = { dataFile: FIXED_FILE };

const findings = (type: string, properties: Record<string, unknown>, config: Record<string, unknown> = CONFIG) =>
    validateOne(policy, { type, properties }, config);
const headlines = (type: string, properties: Record<string, unknown>, config: Record<string, unknown> = CONFIG) =>
    findings(type, properties, config).map(r => `${r.level} ${r.message.split("\n")[0]}`);
const attach = (policyArn: unknown, config?: Record<string, unknown>) => headlines(ATTACHMENT, { role: "app", policyArn }, config);

describe("iam-managed-policy-exists", () => {
    beforeEach(() => {
        setClock("2026-12-01T00:00:00Z");
    });
    after(() => setClock(undefined));

    it("has its public metadata", () => {
        assert.strictEqual(policy.kind, "stack");
        assert.strictEqual(policy.policy.name, "iam-managed-policy-exists");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.policy.severity, "high");
        assert.deepStrictEqual(Object.keys(policy.policy.configSchema!.properties), ["dataFile", "maxDataAgeDays", "ignoredPolicies"]);
        for (const type of [ROLE, ATTACHMENT, "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            "aws:iam/policyAttachment:PolicyAttachment", "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive"]) {
            assert.ok(policy.metadata.resourceTypes.includes(type), type);
        }
    });

    it("reports misspelt, misplaced and deprecated policies in a recorded @pulumi/aws v7 program, path by path", async () => {
        const records = await recordProgram(() => {
            const role = new aws.iam.Role("config", {
                assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
                managedPolicyArns: [ARN("ReadOnlyAccess"), ARN("AWS_ConfigRole")],
            });
            new aws.iam.RolePolicyAttachment("config", { role: role.name, policyArn: ARN("service-role/ConfigRole") });
            new aws.iam.UserPolicyAttachment("ci", { user: "ci", policyArn: ARN("AWSLambdaFullAccess") });
            new aws.iam.GroupPolicyAttachment("devs", { group: "devs", policyArn: ARN("AmazonS3ReadOnlyAcess") });
            new aws.iam.PolicyAttachment("ssm", { roles: [role.name], policyArn: ARN("service-role/AmazonEC2RoleforSSM") });
            new aws.iam.RolePolicyAttachmentsExclusive("config", { roleName: role.name, policyArns: [ARN("S3FullAccess"), role.arn] });
        }, { project: "app", stack: "dev" });
        const of = (type: string) => findings(type, records.find(r => r.type === type)!.properties);
        const said = (type: string) => of(type).map(r => `${r.level} ${r.message.split("\n")[0]}`);
        assert.deepStrictEqual(said(ROLE), [`mandatory managedPolicyArns[1]: "${ARN("AWS_ConfigRole")}" does not exist: use "${ARN("service-role/AWS_ConfigRole")}".`]);
        assert.deepStrictEqual(said(ATTACHMENT), [`mandatory policyArn: "${ARN("service-role/ConfigRole")}" does not exist: use "${ARN("service-role/AWS_ConfigRole")}".`]);
        assert.deepStrictEqual(said("aws:iam/userPolicyAttachment:UserPolicyAttachment"),
            [`mandatory policyArn: "${ARN("AWSLambdaFullAccess")}" is deprecated, AWS refuses new attachments: use "AWSLambda_FullAccess".`]);
        assert.deepStrictEqual(said("aws:iam/groupPolicyAttachment:GroupPolicyAttachment"),
            [`mandatory policyArn: "${ARN("AmazonS3ReadOnlyAcess")}" does not exist: use "${ARN("AmazonS3ReadOnlyAccess")}".`]);
        assert.deepStrictEqual(said("aws:iam/policyAttachment:PolicyAttachment"),
            [`advisory policyArn: "${ARN("service-role/AmazonEC2RoleforSSM")}" is being deprecated by AWS: use "AmazonSSMManagedInstanceCore".`]);
        assert.deepStrictEqual(said("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"),
            [`mandatory policyArns[0]: "${ARN("S3FullAccess")}" does not exist: use "${ARN("AmazonS3FullAccess")}".`]);
        for (const type of [ROLE, ATTACHMENT, "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"]) {
            for (const r of of(type)) {
                const lines = r.message.split("\n");
                assert.ok(lines[0].length <= 150, lines[0]);
                assert.strictEqual(lines[1], "");
                assert.match(r.message, /NoSuchEntity: Policy arn:aws:iam::aws:policy\/\S+ does not exist or is not attachable\./);
                assert.ok(r.message.length <= 600, r.message);
            }
        }
        assert.match(of(ATTACHMENT)[0].message, /as of 2026-09-01/);
    });

    it("checks @pulumi/aws v6 shapes too (Role managedPolicyArns, the attachments, the exclusive attachments)", async () => {
        const records = await recordProgram(() => {
            new awsV6.iam.Role("fn", { assumeRolePolicy: "{}", managedPolicyArns: [ARN("AWSLambdaBasicExecutionRole")] });
            new awsV6.iam.RolePolicyAttachment("fn", { role: "fn", policyArn: ARN("service-role/AWSConfigRole") });
            new awsV6.iam.UserPolicyAttachmentsExclusive("ci", { userName: "ci", policyArns: [ARN("job-function/ViewOnlyAccess"), ARN("AdministratorAcess")] });
            new awsV6.iam.GroupPolicyAttachmentsExclusive("devs", { groupName: "devs", policyArns: [ARN("IAMFullAccess")] });
        }, { project: "app", stack: "dev" });
        const said = (type: string) => headlines(type, records.find(r => r.type === type)!.properties);
        assert.deepStrictEqual(said(ROLE), [`mandatory managedPolicyArns[0]: "${ARN("AWSLambdaBasicExecutionRole")}" does not exist: use "service-role/AWSLambdaBasicExecutionRole".`]);
        assert.deepStrictEqual(said(ATTACHMENT), [`mandatory policyArn: "${ARN("service-role/AWSConfigRole")}" is deprecated, AWS refuses new attachments: use "service-role/AWS_ConfigRole".`]);
        assert.deepStrictEqual(said("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive"),
            [`mandatory policyArns[1]: "${ARN("AdministratorAcess")}" does not exist: use "${ARN("AdministratorAccess")}".`]);
        assert.deepStrictEqual(said("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive"), []);
    });

    it("is clean once the suggestion from each message is applied", () => {
        for (const wrong of ["service-role/ConfigRole", "AWS_ConfigRole", "AWSLambdaFullAccess", "AmazonS3ReadOnlyAcess", "S3FullAccess", "AWSLambdaBasicExecutionRole", "service-role/AWSConfigRole"]) {
            const [finding] = findings(ATTACHMENT, { role: "app", policyArn: ARN(wrong) });
            const suggested = /: use "([^"]+)"\.$/.exec(finding.message.split("\n")[0])![1];
            const fixed = suggested.startsWith("arn:") ? suggested : ARN(suggested);
            assert.deepStrictEqual(attach(fixed), [], `${wrong} -> ${fixed}`);
        }
    });

    it("leaves existing policies, customer policies and other strings alone", () => {
        for (const value of [ARN("AdministratorAccess"), ARN("service-role/AWS_ConfigRole"), ARN("job-function/ViewOnlyAccess"),
            "arn:aws:iam::123456789012:policy/AWSLambdaFullAccess", "arn:aws:iam::123456789012:policy/team/ConfigRole", "AWSLambdaFullAccess",
            "arn:aws:s3:::bucket", "arn:aws:iam::aws:role/x", "", "arn:aws:iam:us-east-1:aws:policy/ConfigRole"]) {
            assert.deepStrictEqual(attach(value), [], value);
        }
    });

    it("says nothing about unknown values, and skips unknown elements of a list", () => {
        assert.deepStrictEqual(attach(UNKNOWN), []);
        assert.deepStrictEqual(headlines(ROLE, { managedPolicyArns: UNKNOWN }), []);
        assert.deepStrictEqual(headlines(ROLE, { managedPolicyArns: [UNKNOWN, ARN("AWS_ConfigRole")] }),
            [`mandatory managedPolicyArns[1]: "${ARN("AWS_ConfigRole")}" does not exist: use "${ARN("service-role/AWS_ConfigRole")}".`]);
    });

    it("never checks or shows a secret value", () => {
        assert.deepStrictEqual(attach(secret(ARN("service-role/ConfigRole"))), []);
        const list = findings(ROLE, { managedPolicyArns: [secret(ARN("ConfigRoleSecretName")), ARN("AWS_ConfigRole")] });
        assert.strictEqual(list.length, 1);
        assert.ok(!list[0].message.includes("ConfigRoleSecretName"));
        assert.deepStrictEqual(headlines(ROLE, { managedPolicyArns: secret([ARN("AWS_ConfigRole")]) }), []);
    });

    it("survives wrong shapes", () => {
        for (const value of [42, true, {}, [], [null], { arn: ARN("AWS_ConfigRole") }, null]) {
            assert.deepStrictEqual(attach(value), [], JSON.stringify(value));
        }
        for (const value of ["arn:aws:iam::aws:policy/AWS_ConfigRole", {}, [null, 3, {}, [ARN("AWS_ConfigRole")]], 7]) {
            assert.deepStrictEqual(headlines(ROLE, { managedPolicyArns: value }), [], JSON.stringify(value));
        }
        assert.deepStrictEqual(headlines(ROLE, {}), []);
        assert.deepStrictEqual(attach(ARN("a".repeat(5000))).map(h => h.split(" ")[0]), ["advisory"]);
        assert.deepStrictEqual(attach(ARN("")), ["advisory policyArn: \"arn:aws:iam::aws:policy/\" is not an AWS managed policy in the pack's data: check the name."]);
    });

    it("keeps case-only differences and names nothing resembles advisory", () => {
        assert.deepStrictEqual(attach(ARN("administratoraccess")),
            [`advisory policyArn: "${ARN("administratoraccess")}" differs in case from the AWS managed policy: use "AdministratorAccess".`]);
        assert.deepStrictEqual(attach(ARN("QuantumLedgerNewService2027")),
            [`advisory policyArn: "${ARN("QuantumLedgerNewService2027")}" is not an AWS managed policy in the pack's data: check the name.`]);
    });

    it("does not report a false mandatory in partitions the data does not cover", () => {
        assert.deepStrictEqual(attach(ARN("AWSLambdaRole", "aws-cn")),
            [`advisory policyArn: "${ARN("AWSLambdaRole", "aws-cn")}" does not exist: use "${ARN("service-role/AWSLambdaRole", "aws-cn")}".`]);
        assert.deepStrictEqual(attach(ARN("AmazonS3ReadOnlyAcess", "aws-us-gov")), []);
        assert.deepStrictEqual(attach(ARN("GovCloudOnlyPolicy", "aws-us-gov")), []);
        assert.deepStrictEqual(attach(ARN("AWSLambdaFullAccess", "aws-us-gov")).map(h => h.split(" ")[0]), ["advisory"]);
        const withCn = dataFile("with-cn.json", { ...FIXED, partitions: { ...FIXED.partitions, "aws-cn": { "/": "AmazonS3FullAccess" } } });
        assert.deepStrictEqual(attach(ARN("AmazonS3FulAccess", "aws-cn"), { dataFile: withCn }),
            [`mandatory policyArn: "${ARN("AmazonS3FulAccess", "aws-cn")}" does not exist: use "${ARN("AmazonS3FullAccess", "aws-cn")}".`]);
    });

    it("config: ignoredPolicies by ARN, path and name, or name", () => {
        for (const entry of [ARN("AWSLambdaFullAccess"), "/AWSLambdaFullAccess", "AWSLambdaFullAccess"]) {
            assert.deepStrictEqual(attach(ARN("AWSLambdaFullAccess"), { ...CONFIG, ignoredPolicies: [entry] }), [], entry);
        }
        assert.strictEqual(attach(ARN("AWSLambdaFullAccess"), { ...CONFIG, ignoredPolicies: ["Other"] }).length, 1);
    });

    it("is mandatory for an attachment being created, advisory for one that exists (AWS keeps what is attached)", () => {
        const record = (outputs?: Record<string, unknown>) => ({ type: ATTACHMENT, properties: { role: "app", policyArn: ARN("AWSLambdaFullAccess") }, outputs });
        const created = validateOne(policy, record({ role: "app", policyArn: ARN("AWSLambdaFullAccess"), id: UNKNOWN }), CONFIG);
        assert.deepStrictEqual(created.map(r => r.level), ["mandatory"]);
        const existing = validateOne(policy, record({ role: "app", policyArn: ARN("AWSLambdaFullAccess"), id: "app-20210101" }), CONFIG);
        assert.deepStrictEqual(existing.map(r => r.level), ["advisory"]);
        assert.match(existing[0].message, /exists already: AWS keeps what is attached/);
    });

    it("config: one advisory when the data is older than maxDataAgeDays, none when 0", () => {
        setClock("2027-06-01T00:00:00Z");
        const old = attach(ARN("AdministratorAccess"), { ...CONFIG, maxDataAgeDays: 180 });
        assert.deepStrictEqual(old, ["advisory The AWS managed policy list is 273 days old: refresh it (npm run data:iam-policies)."]);
        const twoAttachments = [1, 2].map(i => ({ type: ATTACHMENT, name: `a${i}`, urn: urnOf(ATTACHMENT, `a${i}`), properties: { role: "app", policyArn: ARN("AdministratorAccess") } }));
        assert.strictEqual(validateStack(policy, twoAttachments, { ...CONFIG, maxDataAgeDays: 180 }).length, 1, "once per stack");
        assert.deepStrictEqual(attach(ARN("AdministratorAccess"), { ...CONFIG, maxDataAgeDays: 0 }), []);
    });

    it("config: a missing or malformed data file gives one advisory and checks nothing", () => {
        for (const [file, why] of [[path.join(dir, "missing.json"), /does not exist/], [dataFile("bad.json", "{not json"), /not valid JSON/],
            [dataFile("shape.json", { ...FIXED, partitions: { aws: { "/": 3 } } }), /"partitions" are not in the expected shape/],
            [dataFile("format.json", { ...FIXED, format: "aws-preflight/lambda-runtimes@1" }), /"format"/]] as const) {
            const first = findings(ATTACHMENT, { role: "a", policyArn: ARN("AWS_ConfigRole") }, { dataFile: file });
            assert.deepStrictEqual(first.map(r => r.level), ["advisory"]);
            assert.match(first[0].message, why);
            const stack = [1, 2].map(i => ({ type: ATTACHMENT, name: `a${i}`, urn: urnOf(ATTACHMENT, `a${i}`), properties: { role: "a", policyArn: ARN("AWS_ConfigRole") } }));
            assert.deepStrictEqual(validateStack(policy, stack, { dataFile: file }).map(r => r.level), ["advisory"], "once per stack");
        }
    });

    it("reads its data only when an AWS managed policy ARN needs it", () => {
        resetManagedPolicies();
        attach("arn:aws:iam::123456789012:policy/mine");
        attach(UNKNOWN);
        headlines("aws:s3/bucket:Bucket", { bucket: "b" });
        assert.deepStrictEqual(managedPolicyFilesRead(), []);
        attach(ARN("AdministratorAccess"), {});
        assert.deepStrictEqual(managedPolicyFilesRead().map(f => path.basename(f)), ["iam-managed-policies.json"]);
    });

    it("never throws and keeps headlines short over arbitrary values (property-based)", () => {
        const pathName = fc.stringMatching(/^[A-Za-z0-9_/+=,.@-]{0,60}$/);
        const value = fc.oneof(pathName.map(p => ARN(p)), pathName.map(p => ARN(p, "aws-cn")), fc.string(), fc.anything());
        fc.assert(fc.property(value, fc.boolean(), (v, list) => {
            const out = list ? findings(ROLE, { managedPolicyArns: [v, v] }) : findings(ATTACHMENT, { role: "r", policyArn: v });
            for (const r of out) {
                assert.ok(r.message.split("\n")[0].length <= 150, r.message);
            }
        }), { numRuns: 300, seed: 20261201 });
    });
});

describe("iam-managed-policy-exists: shipped data and suggestion search", () => {
    const shipped = () => {
        const loaded = loadManagedPolicies();
        assert.ok(loaded.ok, "data/iam-managed-policies.json loads");
        return loaded.data;
    };

    it("ships the commercial list with source and date, and the deprecations with their sources", () => {
        const data = shipped();
        assert.match(data.sourceDate, /^\d{4}-\d{2}-\d{2}$/);
        assert.match(data.source, /ListPolicies/);
        const catalog = catalogOf(data);
        for (const existing of ["/AdministratorAccess", "/service-role/AWS_ConfigRole", "/service-role/AWSLambdaBasicExecutionRole", "/AWSLambda_FullAccess"]) {
            assert.deepStrictEqual(catalog.judge("aws", existing), { kind: "exists" }, existing);
        }
        assert.deepStrictEqual(catalog.judge("aws", "/service-role/ConfigRole"), { kind: "misspelt", suggestion: "/service-role/AWS_ConfigRole" });
        assert.deepStrictEqual(catalog.judge("aws", "/AWS_ConfigRole"), { kind: "path", suggestion: "/service-role/AWS_ConfigRole" });
        for (const [old, replacement] of [["/AWSLambdaFullAccess", "/AWSLambda_FullAccess"], ["/service-role/AWSConfigRole", "/service-role/AWS_ConfigRole"]]) {
            const verdict = catalog.judge("aws", old);
            assert.ok(verdict.kind === "deprecated" && !verdict.deprecation.attachable && verdict.replacement === replacement, old);
        }
        const ssm = catalog.judge("aws", "/service-role/AmazonEC2RoleforSSM");
        assert.ok(ssm.kind === "deprecated" && ssm.deprecation.attachable && ssm.replacement === "/AmazonSSMManagedInstanceCore");
        assert.ok(fs.statSync(path.resolve(__dirname, "../../../../data/iam-managed-policies.json")).size < 200 * 1024);
    });

    it("finds suggestions among the shipped thousands within a bounded time", () => {
        const data = shipped();
        const candidates = Object.entries(data.partitions.aws).flatMap(([p, names]) => names.split(" ").map(n => ({
            pathName: p + n, lowerPathName: (p + n).toLowerCase(), lowerName: n.toLowerCase() })));
        assert.ok(candidates.length > 1000);
        const started = process.hrtime.bigint();
        for (let i = 0; i < 50; i++) {
            nearestPolicy(`/service-role/ConfigRole${i}`, candidates);
        }
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.ok(ms < 2000, `50 searches took ${ms.toFixed(0)} ms`);
        assert.strictEqual(nearestPolicy(`/${"x".repeat(400)}`, candidates), undefined, "over-long names are not searched");
    });
});
