// The account-aware family with the real AWS SDK v3 clients against a local stand-in of the AWS APIs on 127.0.0.1.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accountNameNotTaken } from "../../../policies/account/account-name-not-taken";
import { accountQuotasSufficient } from "../../../policies/account/account-quotas-sufficient";
import { accountReferencesExist } from "../../../policies/account/account-references-exist";
import { accountSingletonsFree } from "../../../policies/account/account-singletons-free";
import { resetClients } from "../../../lib/aws/account/clients";
import { resetAccountSession } from "../../../lib/aws/account/session";
import { resetStackState } from "../../../lib/aws/account/stack-state";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { PreflightPolicy } from "../../../lib/framework/policy";
import { AwsStandIn, Responder } from "../../harness/aws-stand-in";
import { record, validateStackAsync } from "../../harness/policy-harness";

/** The policy as a user enables it (`--policy-pack-config {"<name>": "mandatory"}`). */
const enabled = (policy: PreflightPolicy): PreflightPolicy => ({ ...policy, policy: { ...policy.policy, enforcementLevel: "mandatory" } });
const nameNotTaken = enabled(accountNameNotTaken);
const singletonsFree = enabled(accountSingletonsFree);
const quotasSufficient = enabled(accountQuotasSufficient);
const referencesExist = enabled(accountReferencesExist);
const STACK = { stack: "pr6264", project: "tap", config: { "aws:region": "eu-west-1" } };
const created = (type: string, name: string, props: Record<string, unknown>) => record(type, name, { arn: UNKNOWN, id: UNKNOWN, ...props });
const existing = (type: string, name: string, props: Record<string, unknown>) => record(type, name, { arn: `arn:aws:x:::${name}`, id: name, ...props });

describe("account-aware policies against a local AWS stand-in", function () {
    this.timeout(30_000);
    const aws = new AwsStandIn();
    const saved: Record<string, string | undefined> = {};
    let stateDir: string;

    const setEnv = (values: Record<string, string | undefined>) => {
        for (const [key, value] of Object.entries(values)) {
            if (!(key in saved)) {
                saved[key] = process.env[key];
            }
            value === undefined ? delete process.env[key] : process.env[key] = value;
        }
        resetClients();
    };
    /** A stand-in `pulumi` that prints a stack export with the given resources (the exact command the policy runs). */
    const pulumiWithState = (resources: unknown[]) => {
        const script = path.join(stateDir, `pulumi-${Math.random().toString(36).slice(2)}`);
        const state = JSON.stringify({ version: 3, deployment: { resources } });
        fs.writeFileSync(script, `#!/bin/sh\n[ "$1 $2 $3" = "stack export --stack" ] || exit 3\ncat <<'EOF'\n${state}\nEOF\n`, { mode: 0o755 });
        setEnv({ AWS_PREFLIGHT_PULUMI: script });
    };
    const answer = (responder: Responder) => { aws.responder = responder; };

    before(async () => {
        await aws.start();
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "preflight-state-"));
    });
    beforeEach(() => {
        setEnv({ ...aws.env(), AWS_PREFLIGHT_PULUMI: path.join(stateDir, "no-such-pulumi") });
        aws.calls.length = 0;
        resetAccountSession();
        resetStackState();
    });
    after(async () => {
        for (const [key, value] of Object.entries(saved)) {
            value === undefined ? delete process.env[key] : process.env[key] = value;
        }
        resetClients();
        await aws.stop();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    describe("account-name-not-taken", () => {
        const role = created("aws:iam/role:Role", "api", { name: "api-pr6264", assumeRolePolicy: "{}" });

        it("is disabled by default and opt-in", () => {
            assert.strictEqual(accountNameNotTaken.metadata.enforcementLevel, "disabled");
            assert.strictEqual((accountNameNotTaken.metadata.config as Record<string, { default?: unknown }>).budgetMs.default, 5000);
        });

        it("reports a role that exists, with its creation date and the pulumi import command (state read: mandatory)", async () => {
            pulumiWithState([{ type: "aws:iam/role:Role", id: "other-role", outputs: { name: "other-role" } }]);
            answer(op => op === "iam:GetRole" ? { ok: "<Role><RoleName>api-pr6264</RoleName><CreateDate>2025-11-02T10:00:00Z</CreateDate>" +
                "<Arn>arn:aws:iam::123456789012:role/api-pr6264</Arn><Path>/</Path><RoleId>AROA1</RoleId></Role>" } : undefined);
            const reported = await validateStackAsync(nameNotTaken, [role], {}, STACK);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].level, "mandatory");
            const [headline] = reported[0].message.split("\n");
            assert.strictEqual(headline, 'name: IAM role "api-pr6264" already exists in the account (created 2025-11-02): a leftover? Delete it, import it, or change the name.');
            assert.match(reported[0].message, /pulumi import aws:iam\/role:Role api api-pr6264/);
            assert.match(reported[0].message, /EntityAlreadyExists: Role with name api-pr6264 already exists\./);
            assert.deepStrictEqual(aws.calls.map(c => c.operation), ["iam:GetRole"]);
        });

        it("is silent when the stack's own state owns the name (a replace deletes first)", async () => {
            pulumiWithState([{ type: "aws:iam/role:Role", id: "api-pr6264", outputs: { name: "api-pr6264" } }]);
            answer(op => op === "iam:GetRole" ? { ok: "<Role><RoleName>api-pr6264</RoleName><CreateDate>2025-11-02T10:00:00Z</CreateDate></Role>" } : undefined);
            assert.deepStrictEqual(await validateStackAsync(nameNotTaken, [role], {}, STACK), []);
        });

        it("is advisory when the state cannot be read (it may be this stack's own resource being replaced)", async () => {
            answer(op => op === "iam:GetRole" ? { ok: "<Role><RoleName>api-pr6264</RoleName></Role>" } : undefined);
            const reported = await validateStackAsync(nameNotTaken, [role], {}, STACK);
            assert.strictEqual(reported.length, 1);
            assert.strictEqual(reported[0].level, "advisory");
            assert.match(reported[0].message, /state could not be read/);
        });

        it("is silent when the name is free, and asks nothing for existing, auto-named or unknown names", async () => {
            answer(op => op === "iam:GetRole" ? { error: "NoSuchEntity", status: 404, message: "The role with name api-pr6264 cannot be found." } : undefined);
            const resources = [role,
                existing("aws:iam/role:Role", "old", { name: "old-role" }),
                created("aws:iam/role:Role", "auto", {}),
                created("aws:iam/role:Role", "computed", { name: UNKNOWN })];
            assert.deepStrictEqual(await validateStackAsync(nameNotTaken, resources, {}, STACK), []);
            assert.deepStrictEqual(aws.calls.map(c => c.operation), ["iam:GetRole"]);
        });

        it("one advisory per stack when AWS denies, throttles or is too slow; nothing mandatory", async () => {
            const resources = [role, created("aws:dynamodb/table:Table", "orders", { name: "orders-pr6264" }),
                created("aws:cloudwatch/logGroup:LogGroup", "logs", { name: "/app/pr6264" })];
            answer(op => op === "iam:GetRole" ? { error: "AccessDenied", status: 403, message: "not authorized to perform: iam:GetRole" }
                : op === "dynamodb:DescribeTable" ? { error: "ThrottlingException", status: 400 }
                : op === "logs:DescribeLogGroups" ? { slowMs: 4000, then: { ok: { logGroups: [] } } } : undefined);
            const started = Date.now();
            const reported = await validateStackAsync(nameNotTaken, resources, { timeoutMs: 1500 }, STACK);
            assert.ok(Date.now() - started < 3500, "a slow call is cut at timeoutMs");
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].level, "advisory");
            assert.match(reported[0].message, /3 lookups could not be made/);
            assert.match(reported[0].message, /denied the call .*\(iam:GetRole\): IAM role "api-pr6264"/);
            assert.match(reported[0].message, /throttled the call \(dynamodb:DescribeTable\)/);
            assert.match(reported[0].message, /longer than timeoutMs \(logs:DescribeLogGroups\)/);
        });

        it("without credentials it makes no call and says so once", async () => {
            setEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined,
                AWS_SHARED_CREDENTIALS_FILE: path.join(stateDir, "none"), AWS_CONFIG_FILE: path.join(stateDir, "none") });
            const reported = await validateStackAsync(nameNotTaken, [role], {}, STACK);
            assert.deepStrictEqual(aws.calls, []);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /no AWS credentials were found .*\(iam:GetRole\): IAM role "api-pr6264"/);
        });

        it("the budget bounds the whole preview: what is not asked in time is not checked", async () => {
            const tables = Array.from({ length: 6 }, (_, i) => created("aws:dynamodb/table:Table", `t${i}`, { name: `t${i}-pr6264` }));
            answer(() => ({ slowMs: 400, then: { error: "ResourceNotFoundException" } }));
            const started = Date.now();
            const reported = await validateStackAsync(nameNotTaken, tables, { budgetMs: 300, concurrency: 2 }, STACK);
            assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /budget \(budgetMs\) ran out/);
        });

        it("S3: a bucket of another account is mandatory; an accessible one in us-east-1 is advisory (S3 answers success there)", async () => {
            pulumiWithState([]);
            const bucket = (name: string, region: string) => created("aws:s3/bucket:Bucket", name, { bucket: name, region });
            answer((_, input) => input.includes("taken") ? { status: 403 } : input.includes("mine") ? { status: 200 } : { status: 404 });
            const reported = await validateStackAsync(nameNotTaken,
                [bucket("taken-pr6264", "eu-west-1"), bucket("mine-pr6264", "us-east-1"), bucket("mine-eu-pr6264", "eu-west-1"), bucket("free-pr6264", "eu-west-1")], {}, STACK);
            assert.deepStrictEqual(reported.map(r => [r.urn!.split("::").pop(), r.level]),
                [["taken-pr6264", "mandatory"], ["mine-pr6264", "advisory"], ["mine-eu-pr6264", "mandatory"]]);
            assert.match(reported[0].message, /bucket name "taken-pr6264" is taken by another account/);
        });

        it("a secret name scheduled for deletion, with how to free it", async () => {
            pulumiWithState([]);
            answer(op => op === "secretsmanager:DescribeSecret" ? { ok: { Name: "db-pr6264", ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-pr6264-AbCdEf", DeletedDate: 1764000000 } } : undefined);
            const reported = await validateStackAsync(nameNotTaken, [created("aws:secretsmanager/secret:Secret", "db", { name: "db-pr6264" })], {}, STACK);
            assert.strictEqual(reported.length, 1);
            assert.strictEqual(reported[0].level, "mandatory");
            assert.match(reported[0].message, /secret "db-pr6264" is scheduled for deletion in eu-west-1/);
            assert.match(reported[0].message, /force-delete-without-recovery/);
        });

        it("never prints a secret name", async () => {
            pulumiWithState([]);
            answer(op => op === "iam:GetRole" ? { ok: "<Role><RoleName>x</RoleName></Role>" } : undefined);
            const reported = await validateStackAsync(nameNotTaken,
                [created("aws:iam/role:Role", "api", { name: secret("very-secret-role-name") })], {}, STACK);
            assert.strictEqual(reported.length, 1);
            assert.ok(!reported[0].message.includes("very-secret-role-name"), reported[0].message);
        });

        it("a provider that assumes a role is not asked about with other credentials", async () => {
            const resource = { ...role, provider: { type: "pulumi:providers:aws", name: "prod", urn: "urn:pulumi:dev::app::pulumi:providers:aws::prod",
                properties: { region: "eu-west-1", assumeRoles: [{ roleArn: "arn:aws:iam::210987654321:role/deploy" }] } } };
            const reported = await validateStackAsync(nameNotTaken, [resource], {}, STACK);
            assert.deepStrictEqual(aws.calls, []);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /assumes a role/);
        });

        it("wrong shapes never throw", async () => {
            const odd = [created("aws:iam/role:Role", "a", { name: 42 }), created("aws:iam/role:Role", "b", { name: [null] }),
                created("aws:s3/bucket:Bucket", "c", { bucket: {} }), record("aws:iam/role:Role", "d", { arn: { x: 1 }, name: "x" })];
            assert.deepStrictEqual(await validateStackAsync(nameNotTaken, odd, {}, STACK), []);
        });
    });

    describe("account-singletons-free", () => {
        it("reports a GuardDuty detector that exists; a Config recorder of the same name is an update, not a conflict", async () => {
            answer(op => op === "guardduty:ListDetectors" ? { ok: { detectorIds: ["12abc34d567e8fa901bc2d34e56789f0"] } }
                : op === "config:DescribeConfigurationRecorders" ? { ok: { ConfigurationRecorders: [{ name: "default" }] } } : undefined);
            const reported = await validateStackAsync(singletonsFree, [
                created("aws:guardduty/detector:Detector", "detector", { enable: true }),
                created("aws:cfg/recorder:Recorder", "recorder", { name: "default", roleArn: "arn:aws:iam::123456789012:role/config" }),
            ], {}, STACK);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /eu-west-1 already has a GuardDuty detector \("12abc34d567e8fa901bc2d34e56789f0"\)/);
            assert.match(reported[0].message, /a detector already exists for the current account/);
            assert.match(reported[0].message, /pulumi import aws:guardduty\/detector:Detector detector 12abc34d567e8fa901bc2d34e56789f0/);
        });

        it("a recorder with another name is the second one", async () => {
            answer(op => op === "config:DescribeConfigurationRecorders" ? { ok: { ConfigurationRecorders: [{ name: "org-recorder" }] } } : undefined);
            const reported = await validateStackAsync(singletonsFree, [created("aws:cfg/recorder:Recorder", "recorder", { name: "app" })], {}, STACK);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /MaxNumberOfConfigurationRecordersExceededException/);
        });

        it("Security Hub: not subscribed is free", async () => {
            answer(op => op === "securityhub:DescribeHub" ? { error: "InvalidAccessException", status: 401 } : undefined);
            assert.deepStrictEqual(await validateStackAsync(singletonsFree, [created("aws:securityhub/account:Account", "hub", {})], {}, STACK), []);
        });
    });

    describe("account-quotas-sufficient", () => {
        it("Lambda: reservations that leave fewer than 100 unreserved executions", async () => {
            answer(op => op === "lambda:GetAccountSettings" ? { ok: { AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 150 } } } : undefined);
            const fn = (name: string, reserved: number) => created("aws:lambda/function:Function", name, { reservedConcurrentExecutions: reserved, runtime: "nodejs22.x" });
            const reported = await validateStackAsync(quotasSufficient, [fn("api", 40), fn("worker", 20), fn("free", -1)], {}, STACK);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /reservedConcurrentExecutions: reserving 60 executions leaves 90 unreserved in eu-west-1/);
            assert.match(reported[0].message, /below its minimum value of \[100\]/);
            assert.strictEqual(aws.calls.length, 1);
        });

        it("Elastic IPs over the applied quota are mandatory; over AWS's default when the quota cannot be read, advisory", async () => {
            const eips = [created("aws:ec2/eip:Eip", "nat-a", { domain: "vpc", publicIpv4Pool: UNKNOWN }), created("aws:ec2/eip:Eip", "nat-b", { domain: "vpc" })];
            const fourAddresses = "<addressesSet>" + "<item><allocationId>eipalloc-1</allocationId></item>".repeat(4) + "</addressesSet>";
            answer(op => op === "ec2:DescribeAddresses" ? { ok: fourAddresses } : op === "servicequotas:GetServiceQuota" ? { ok: { Quota: { Value: 5 } } } : undefined);
            let reported = await validateStackAsync(quotasSufficient, eips, {}, STACK);
            assert.strictEqual(reported.length, 1);
            assert.strictEqual(reported[0].level, "mandatory");
            assert.match(reported[0].message, /4 Elastic IP addresses exist in eu-west-1 and the stack adds 2: that exceeds 5/);

            resetAccountSession();
            answer(op => op === "ec2:DescribeAddresses" ? { ok: fourAddresses } : op === "servicequotas:GetServiceQuota" ? { error: "AccessDeniedException", status: 400 } : undefined);
            reported = await validateStackAsync(quotasSufficient, eips, {}, STACK);
            assert.strictEqual(reported.length, 1);
            assert.strictEqual(reported[0].level, "advisory");
            assert.match(reported[0].message, /AWS's default quota/);
        });
    });

    describe("account-references-exist", () => {
        it("reports an AMI that does not exist, not a key pair the stack creates; asks for the CloudFront certificate in its own region", async () => {
            answer(op => op === "ec2:DescribeImages" ? { error: "InvalidAMIID.NotFound", message: "The image id '[ami-0123456789abcdef0]' does not exist" }
                : op === "acm:DescribeCertificate" ? { ok: { Certificate: {} } } : undefined);
            const reported = await validateStackAsync(referencesExist, [
                created("aws:ec2/instance:Instance", "web", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", keyName: "deployer" }),
                existing("aws:ec2/keyPair:KeyPair", "deployer", { keyName: "deployer" }),
                created("aws:cloudfront/distribution:Distribution", "cdn", { viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc-123" } }),
            ], {}, STACK);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(reported[0].message, /^ami: AMI "ami-0123456789abcdef0" does not exist in eu-west-1/);
            assert.deepStrictEqual(aws.calls.map(c => c.operation).sort(), ["acm:DescribeCertificate", "ec2:DescribeImages"]);
        });

        it("a hosted zone id computed from a zone in the stack is not looked up", async () => {
            const zone = created("aws:route53/zone:Zone", "zone", { name: "example.org" });
            const rec = record("aws:route53/record:Record", "www", { arn: UNKNOWN, id: UNKNOWN, zoneId: "Z0123456789ABC", name: "www" },
                { propertyDependencies: { zoneId: [zone.urn] } });
            assert.deepStrictEqual(await validateStackAsync(referencesExist, [zone, rec], {}, STACK), []);
            assert.deepStrictEqual(aws.calls, []);
        });
    });
});
