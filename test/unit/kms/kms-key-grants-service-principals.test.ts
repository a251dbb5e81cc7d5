import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { kmsKeyGrantsServicePrincipals } from "../../../policies/kms/kms-key-grants-service-principals";
import { ResourceRecord, secret, UNKNOWN, urnOf } from "../../../lib/runner/engine";
import { record, Reported, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const ALIAS = "aws:kms/alias:Alias";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const TRAIL = "aws:cloudtrail/trail:Trail";
const TOPIC = "aws:sns/topic:Topic";
const QUEUE = "aws:sqs/queue:Queue";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const EVENT_BUS = "aws:cloudwatch/eventBus:EventBus";
const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const ASG = "aws:autoscaling/group:Group";
const DEFAULT_EBS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
const EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const STACK = { project: "app", stack: "dev", config: { "aws:region": REGION } };
const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
const LOGS_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];
const LOGS_PRINCIPAL = { Service: "logs.us-east-1.amazonaws.com" };
const policyOf = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: [ROOT, ...statements] });

const run = (records: readonly ResourceRecord[], config: Record<string, unknown> = {}) =>
    validateStack(kmsKeyGrantsServicePrincipals, records, { extraConsumers: [], requireConditions: false, ...config }, STACK);

/** The statements the message says to paste into the key policy. */
function pastedStatements(reported: Reported): Record<string, unknown>[] {
    const text = reported.message.slice(reported.message.indexOf(":\n{") + 2);
    const pasted = JSON.parse(`[${text}]`);
    // A key without a policy gets a whole policy: these are its statements after the account root's.
    return pasted.length === 1 && Array.isArray(pasted[0].Statement)
        ? pasted[0].Statement.filter((st: Record<string, unknown>) => st.Sid !== "EnableAccountRootAccess")
        : pasted;
}

/** The whole policy the message gives a key that has none. */
function pastedPolicy(reported: Reported): { Version: string; Statement: Record<string, unknown>[] } {
    return JSON.parse(reported.message.slice(reported.message.indexOf(":\n{") + 2));
}

/** A key with `policy` and a log group encrypted with it, as a real program registers them during preview. */
async function logGroupProgram(policy: string | undefined, name = "/aws/apigateway/orders") {
    return recordProgram(() => {
        const key = new aws.kms.Key("logs-key", { description: "log encryption", ...(policy !== undefined ? { policy } : {}) });
        new aws.cloudwatch.LogGroup("orders", { name, kmsKeyId: key.arn });
    }, STACK);
}

describe("kms-key-grants-service-principals", () => {
    it("has its public metadata", () => {
        const p = kmsKeyGrantsServicePrincipals.policy;
        assert.strictEqual(p.name, "kms-key-grants-service-principals");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "critical");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["extraConsumers", "requireConditions"]);
        assert.deepStrictEqual(p.configSchema!.properties.extraConsumers.default, []);
        assert.strictEqual(p.configSchema!.properties.requireConditions.default, false);
        assert.strictEqual(kmsKeyGrantsServicePrincipals.kind, "stack");
    });

    describe("CloudWatch Logs", () => {
        it("reports a root-only key (no policy) on the log group, with the statement that fixes it", async () => {
            const records = await logGroupProgram(undefined);
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            const r = reported[0];
            assert.strictEqual(r.urn, records.find(x => x.type === LOG_GROUP)!.urn);
            assert.strictEqual(r.level, "mandatory");
            // Headline first (problem and fix), then a blank line and the details.
            assert.match(r.message, /^kmsKeyId: KMS key 'logs-key' does not let CloudWatch Logs in, so creating the log group fails: give it the policy below\.\n\n/m);
            assert.match(r.message, /^The log group uses KMS key 'logs-key', which has no key policy in the program, so AWS gives it the default policy, which trusts only the account root/m);
            // Only what CloudWatch Logs calls is required; the pasted statement has the actions AWS documents.
            assert.match(r.message, /logs\.us-east-1\.amazonaws\.com \(CloudWatch Logs\) is not allowed kms:GenerateDataKey, kms:Decrypt\./);
            assert.ok(r.message.includes("AccessDeniedException: The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:"));
            // The key has no policy to add a statement to: the message gives a whole policy, root statement first.
            assert.match(r.message, /^Its policy \(policy: JSON\.stringify\(\.\.\.\)\); the first statement keeps the account root's access/m);
            assert.doesNotMatch(r.message, /keep a statement/);
            const whole = pastedPolicy(r);
            assert.strictEqual(whole.Version, "2012-10-17");
            assert.deepStrictEqual(whole.Statement[0], { Sid: "EnableAccountRootAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::<account-id>:root" }, Action: "kms:*", Resource: "*" });
            const statement = whole.Statement[1];
            assert.strictEqual(whole.Statement.length, 2);
            assert.deepStrictEqual(statement.Principal, LOGS_PRINCIPAL);
            assert.deepStrictEqual(statement.Action, LOGS_ACTIONS);
            assert.deepStrictEqual(statement.Condition, { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:<account-id>:log-group:/aws/apigateway/orders" } });
        });

        it("the pasted policy, with the account filled in, makes it clean", async () => {
            const whole = pastedPolicy(run(await logGroupProgram(undefined))[0]);
            const filled = JSON.stringify(whole).split("<account-id>").join(ACCOUNT);
            assert.deepStrictEqual(run(await logGroupProgram(filled)), []);
            assert.deepStrictEqual(run(await logGroupProgram(JSON.stringify(whole))), [], "the placeholder as pasted is not held against it either");
        });

        it("with the key's ARN known, the pasted policy names the account and partition", () => {
            const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
            const reported = run([record(KEY, "k", { arn }), record(LOG_GROUP, "lg", { name: "/aws/x", kmsKeyId: arn })]);
            const whole = pastedPolicy(reported[0]);
            assert.deepStrictEqual(whole.Statement[0].Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` });
            assert.deepStrictEqual(run([record(KEY, "k", { arn, policy: JSON.stringify(whole) }), record(LOG_GROUP, "lg", { name: "/aws/x", kmsKeyId: arn })]), []);
        });

        it("a computed policy with no recorded dependency is the output of a key created without one (default policy)", () => {
            const lg = record(LOG_GROUP, "lg", { name: "/aws/x", kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] } });
            const reported = run([record(KEY, "k", { arn: UNKNOWN, policy: UNKNOWN }), lg]);
            assert.deepStrictEqual(reported.map(r => r.level), ["mandatory"]);
            assert.match(reported[0].message, /has no key policy in the program/);
            const computed = run([record(KEY, "k", { arn: UNKNOWN, policy: UNKNOWN }, { propertyDependencies: { policy: [urnOf(LOG_GROUP, "other")] } }),
                record(LOG_GROUP, "other", {}), lg]);
            assert.deepStrictEqual(computed.map(r => r.level), ["advisory"]);
            assert.match(computed[0].message, /computed during preview/);
        });

        it("reports a statement that grants only kms:CreateGrant", async () => {
            const reported = run(await logGroupProgram(policyOf({ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: "kms:CreateGrant", Resource: "*" })));
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /which has a key policy\./);
            assert.match(reported[0].message, /is not allowed kms:GenerateDataKey, kms:Decrypt\./);
        });

        it("accepts the global logs.amazonaws.com principal as well as the regional one (issue 13)", async () => {
            // Real programs created encrypted log groups with only the global form in the key policy.
            const global = policyOf({ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: LOGS_ACTIONS, Resource: "*" });
            assert.deepStrictEqual(run(await logGroupProgram(global)), []);
            // Both directions: a Deny of the global form denies the regional principal too.
            const denied = policyOf({ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: LOGS_ACTIONS, Resource: "*" },
                { Effect: "Deny", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" });
            const reported = run(await logGroupProgram(denied));
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /is not allowed kms:Decrypt\. Statement\[2\] denies it\./);
            // The fix still names the regional form AWS documents.
            assert.deepStrictEqual(pastedStatements(run(await logGroupProgram(policyOf()))[0])[0].Principal, LOGS_PRINCIPAL);
        });

        it("a log group whose key grants logs Encrypt, Decrypt, GenerateDataKey and DescribeKey is clean (issue 13)", async () => {
            const four = policyOf({ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: "*" });
            assert.deepStrictEqual(run(await logGroupProgram(four)), []);
        });

        it("never says an action is missing that a statement allows (issue 13)", async () => {
            // kms:GenerateDataKey is allowed: the message must not claim kms:GenerateDataKey* (or any of it) is missing.
            const partial = policyOf({ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: "*" });
            const reported = run(await logGroupProgram(partial));
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /is not allowed kms:Decrypt\. /);
            assert.doesNotMatch(reported[0].message.split("\n{")[0], /GenerateDataKey/);
        });

        it("reports only the missing actions, and accepts kms:* and Service lists", async () => {
            const partial = run(await logGroupProgram(policyOf({ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: ["kms:Encrypt", "kms:DescribeKey"], Resource: "*" })));
            assert.match(partial[0].message, /is not allowed kms:GenerateDataKey, kms:Decrypt\./);
            const all = policyOf({ Effect: "Allow", Principal: { Service: ["sns.amazonaws.com", "logs.us-east-1.amazonaws.com"] }, Action: "kms:*", Resource: "*" });
            assert.deepStrictEqual(run(await logGroupProgram(all)), []);
            const star = policyOf({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } });
            assert.deepStrictEqual(run(await logGroupProgram(star)), [], "\"*\" counts; its condition does not exclude the log group");
        });

        it("accepts the encryption-context condition that matches, and reports one that provably excludes the group", async () => {
            const condition = (pattern: string) => ({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": pattern } });
            const matching = policyOf({ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: LOGS_ACTIONS, Resource: "*", Condition: condition(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/apigateway/*`) });
            assert.deepStrictEqual(run(await logGroupProgram(matching)), []);
            const lambdaOnly = policyOf({ Sid: "Logs", Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: LOGS_ACTIONS, Resource: "*", Condition: condition(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/*`) });
            const reported = run(await logGroupProgram(lambdaOnly));
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /Statement\[1\] \(Sid "Logs"\) names it, but its condition on kms:EncryptionContext:aws:logs:arn cannot match this log group/);
            assert.deepStrictEqual(run(await logGroupProgram(lambdaOnly, "/aws/lambda/orders")), []);
        });

        it("lets a Deny statement override the grant", async () => {
            const reported = run(await logGroupProgram(policyOf(
                { Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: LOGS_ACTIONS, Resource: "*" },
                { Sid: "NoDecrypt", Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
            )));
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /is not allowed kms:Decrypt\. Statement\[2\] \(Sid "NoDecrypt"\) denies it\./);
        });

        it("uses the consumer's region: provider region, or a placeholder when it is not known", () => {
            const provider = { type: "pulumi:providers:aws", name: "eu", urn: "urn:pulumi:dev::app::pulumi:providers:aws::eu", properties: { region: "eu-west-1" } };
            const records = [
                record(KEY, "k", {}),
                record(LOG_GROUP, "lg", { kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] }, provider }),
            ];
            assert.match(run(records)[0].message, /logs\.eu-west-1\.amazonaws\.com \(CloudWatch Logs\)/);
            const unknownRegion = { ...provider, properties: { region: UNKNOWN } };
            const noRegion = [records[0], record(LOG_GROUP, "lg", { kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] }, provider: unknownRegion })];
            const reported = run(noRegion);
            assert.match(reported[0].message, /"Service": "logs\.<region>\.amazonaws\.com"/);
            assert.match(reported[0].message, /^- logs\.<region>\.amazonaws\.com \(CloudWatch Logs\) is not allowed/m);
            const euPolicy = policyOf({ Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: LOGS_ACTIONS });
            assert.deepStrictEqual(run([record(KEY, "k", { policy: euPolicy }), noRegion[1]]), [], "any regional logs principal may be the right one");
        });
    });

    describe("linking a consumer to its key", () => {
        it("follows an alias through property dependencies, and names it", async () => {
            const records = await recordProgram(() => {
                const key = new aws.kms.Key("app-key", {});
                const alias = new aws.kms.Alias("app-alias", { name: "alias/app", targetKeyId: key.keyId });
                new aws.cloudwatch.LogGroup("by-alias-arn", { kmsKeyId: alias.arn });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /uses KMS key 'app-key' \(through alias 'app-alias'\)/);
        });

        it("matches known key ARNs, key ids, alias names and alias ARNs", () => {
            const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
            const key = record(KEY, "k", { arn: keyArn, keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
            const alias = record(ALIAS, "a", { name: "alias/app", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
            for (const reference of [keyArn, "1234abcd-12ab-34cd-56ef-1234567890ab", "alias/app", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`]) {
                const reported = run([key, alias, record(LOG_GROUP, "lg", { kmsKeyId: reference })]);
                assert.strictEqual(reported.length, 1, reference);
                assert.match(reported[0].message, /KMS key 'k'/);
                assert.match(reported[0].message, /"arn:aws:logs:us-east-1:111122223333:log-group:\*"/, "the account comes from the known key ARN");
            }
        });

        it("stays silent for keys outside the stack, and without keys", () => {
            const key = record(KEY, "k", { arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/aaaa` });
            assert.deepStrictEqual(run([key, record(LOG_GROUP, "lg", { kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/other` })]), []);
            assert.deepStrictEqual(run([key, record(LOG_GROUP, "lg", { kmsKeyId: "alias/aws/logs" })]), []);
            assert.deepStrictEqual(run([record(LOG_GROUP, "lg", { kmsKeyId: UNKNOWN })]), []);
            assert.deepStrictEqual(run([key, record(LOG_GROUP, "lg", {})]), []);
        });

        it("reads the policy from an aws:kms/keyPolicy:KeyPolicy targeting the key (clean and failing)", async () => {
            const program = (statements: Record<string, unknown>[]) => recordProgram(() => {
                const key = new aws.kms.Key("logs-key", {});
                new aws.kms.KeyPolicy("logs-key-policy", { keyId: key.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: [ROOT, ...statements] }) });
                new aws.cloudwatch.LogGroup("orders", { name: "/aws/orders", kmsKeyId: key.arn });
            }, STACK);
            assert.deepStrictEqual(run(await program([{ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: LOGS_ACTIONS, Resource: "*" }])), []);
            const reported = run(await program([]));
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /which gets its policy from KeyPolicy 'logs-key-policy'/);
            assert.match(reported[0].message, /Add this statement to KeyPolicy 'logs-key-policy':/);
        });
    });

    describe("unknown key policies", () => {
        it("one advisory when the key policy is computed during preview", async () => {
            const records = await recordProgram(() => {
                const role = new aws.iam.Role("admin", { assumeRolePolicy: "{}" });
                const key = new aws.kms.Key("logs-key", { policy: pulumi.jsonStringify({ Statement: [{ Effect: "Allow", Principal: { AWS: role.arn }, Action: "kms:*" }] }) });
                new aws.cloudwatch.LogGroup("orders", { kmsKeyId: key.arn });
                new aws.cloudwatch.LogGroup("audit", { kmsKeyId: key.arn });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 2, "one per consumer-key pair");
            for (const r of reported) {
                assert.strictEqual(r.level, "advisory");
                assert.match(r.message, /the policy of KMS key 'logs-key' is computed during preview, so whether it lets logs\.us-east-1\.amazonaws\.com use the key could not be verified now; it will be at pulumi up/);
            }
        });

        it("treats an unknown policy that nothing in the program computes as AWS's default policy", () => {
            const records = [record(KEY, "k", { policy: UNKNOWN }), record(LOG_GROUP, "lg", { kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] } })];
            const reported = run(records);
            assert.strictEqual(reported[0].level, "mandatory");
            assert.match(reported[0].message, /default policy/);
        });

        it("advises when unknown parts of an object policy decide, and reports what is certainly missing", () => {
            const partly = { Statement: [ROOT, { Effect: "Allow", Principal: { Service: UNKNOWN }, Action: LOGS_ACTIONS }] };
            const lg = record(LOG_GROUP, "lg", { kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] } });
            const advisory = run([record(KEY, "k", { policy: partly }), lg]);
            assert.strictEqual(advisory.length, 1);
            assert.strictEqual(advisory[0].level, "advisory");
            assert.match(advisory[0].message, /parts of the policy of KMS key 'k' are computed during preview/);
            const certain = { Statement: [ROOT, { Effect: "Allow", Principal: { Service: LOGS_PRINCIPAL.Service }, Action: [UNKNOWN, "kms:Decrypt"] }] };
            assert.strictEqual(run([record(KEY, "k", { policy: certain }), lg])[0].level, "advisory");
        });

        it("leaves malformed key policies to kms-key-policy-least-privilege", () => {
            const lg = record(LOG_GROUP, "lg", { kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] } });
            assert.deepStrictEqual(run([record(KEY, "k", { policy: "{not json" }), lg]), []);
        });
    });

    describe("other consumers", () => {
        it("CloudTrail needs cloudtrail.amazonaws.com", async () => {
            const records = await recordProgram(() => {
                const key = new aws.kms.Key("trail-key", {});
                new aws.cloudtrail.Trail("audit", { name: "audit", s3BucketName: "audit-logs", kmsKeyId: key.arn });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /^kmsKeyId: KMS key 'trail-key' does not let CloudTrail in, so creating the trail fails: give it the policy below\.$/m);
            assert.match(reported[0].message, /cloudtrail\.amazonaws\.com \(CloudTrail\) is not allowed kms:GenerateDataKey\./);
            assert.deepStrictEqual(pastedStatements(reported[0])[0].Action, ["kms:GenerateDataKey*", "kms:DescribeKey"], "the statement AWS documents");
            assert.match(reported[0].message, /InsufficientEncryptionPolicyException/);
            assert.match(reported[0].message, /"kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:\*:<account-id>:trail\/\*"/);
        });

        it("a trail whose key grants cloudtrail only kms:GenerateDataKey and kms:Decrypt is clean (issue 13)", async () => {
            const program = (statement: Record<string, unknown>) => recordProgram(() => {
                const key = new aws.kms.Key("trail-key", { policy: policyOf(statement) });
                new aws.cloudtrail.Trail("audit", { name: "audit", s3BucketName: "audit-logs", kmsKeyId: key.arn });
            }, STACK);
            const cloudtrail = { Service: "cloudtrail.amazonaws.com" };
            assert.deepStrictEqual(run(await program({ Effect: "Allow", Principal: cloudtrail, Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: "*" })), []);
            // The regional form of a global principal counts too.
            assert.deepStrictEqual(run(await program({ Effect: "Allow", Principal: { Service: "cloudtrail.us-east-1.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*" })), []);
            const decryptOnly = run(await program({ Effect: "Allow", Principal: cloudtrail, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" }));
            assert.strictEqual(decryptOnly.length, 1);
            assert.match(decryptOnly[0].message, /is not allowed kms:GenerateDataKey\./);
        });

        it("SNS topics only when a service publishes to them: alarms, EventBridge targets, S3 notifications", async () => {
            const records = await recordProgram(() => {
                const key = new aws.kms.Key("topic-key", {});
                const alerts = new aws.sns.Topic("alerts", { kmsMasterKeyId: key.id });
                new aws.sns.Topic("quiet", { kmsMasterKeyId: key.id });
                new aws.cloudwatch.MetricAlarm("cpu", { comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, alarmActions: [alerts.arn] });
                new aws.cloudwatch.EventTarget("to-topic", { rule: "rule", arn: alerts.arn });
                new aws.s3.BucketNotification("uploads", { bucket: "uploads", topics: [{ topicArn: alerts.arn, events: ["s3:ObjectCreated:*"] }] });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].urn, records.find(x => x.name === "alerts")!.urn);
            assert.match(reported[0].message, /^kmsMasterKeyId: KMS key 'topic-key' does not let CloudWatch alarms, EventBridge and S3 in: give it the policy below\./m);
            assert.match(reported[0].message, /cloudwatch\.amazonaws\.com \(CloudWatch alarms, for 'cpu', which publishes to this topic\) is not allowed kms:GenerateDataKey, kms:Decrypt/);
            assert.match(reported[0].message, /events\.amazonaws\.com .*'to-topic'/);
            assert.match(reported[0].message, /s3\.amazonaws\.com .*'uploads'/);
            assert.match(reported[0].message, /the topic deploys, then every notification it publishes is dropped \(no error at pulumi up\)/);
            assert.strictEqual(pastedStatements(reported[0]).length, 3);
        });

        it("SQS queues when SNS, S3 or EventBridge deliver to them (known ARNs too)", () => {
            const queueArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
            const records = [
                record(KEY, "k", { arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1` }),
                record(QUEUE, "jobs", { name: "jobs", kmsMasterKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1` }),
                record(SUBSCRIPTION, "sub", { protocol: "sqs", endpoint: queueArn, topic: "arn:aws:sns:us-east-1:1:t" }),
                record(NOTIFICATION, "n", { bucket: "b", queues: [{ queueArn, events: ["s3:ObjectCreated:*"] }] }),
                record(EVENT_TARGET, "t", { rule: "r", arn: queueArn }),
            ];
            const reported = run(records);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /sns\.amazonaws\.com \(SNS, for 'sub', which delivers to this queue\) is not allowed kms:GenerateDataKey, kms:Decrypt/);
            assert.match(reported[0].message, /s3\.amazonaws\.com/);
            assert.match(reported[0].message, /events\.amazonaws\.com/);
            const email = [records[0], records[1], record(SUBSCRIPTION, "sub", { protocol: "email", endpoint: queueArn, topic: "t" })];
            assert.deepStrictEqual(run(email), []);
        });

        it("EventBridge buses need events.amazonaws.com", () => {
            const records = [record(KEY, "k", {}), record(EVENT_BUS, "bus", { name: "orders", kmsKeyIdentifier: UNKNOWN }, { propertyDependencies: { kmsKeyIdentifier: [urnOf(KEY, "k")] } })];
            const reported = run(records);
            assert.match(reported[0].message, /events\.amazonaws\.com \(EventBridge\) is not allowed kms:DescribeKey, kms:GenerateDataKey, kms:Decrypt/);
            assert.match(reported[0].message, /"kms:EncryptionContext:aws:events:event-bus:arn": "arn:aws:events:us-east-1:<account-id>:event-bus\/orders"/);
        });
    });

    describe("Auto Scaling groups launching encrypted EBS volumes", () => {
        const asgProgram = (policy: string | undefined, useAsg = true) => recordProgram(() => {
            const key = new aws.kms.Key("ebs-key", policy ? { policy } : {});
            const template = new aws.ec2.LaunchTemplate("web", {
                imageId: "ami-123", instanceType: "t3.micro",
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 20, kmsKeyId: key.arn } }],
            });
            if (useAsg) {
                new aws.autoscaling.Group("web", { maxSize: 2, minSize: 1, availabilityZones: ["us-east-1a"], launchTemplate: { id: template.id, version: "$Latest" } });
            }
        }, STACK);

        it("reports a CMK the Auto Scaling service-linked role cannot use, on the launch template", async () => {
            const records = await asgProgram(undefined);
            const reported = run(records);
            assert.strictEqual(reported.length, 1);
            assert.strictEqual(reported[0].urn, records.find(x => x.type === LAUNCH_TEMPLATE)!.urn);
            assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: KMS key 'ebs-key' does not let the Auto Scaling service-linked role in: give it the policy below\.$/m);
            assert.match(reported[0].message, /^- AWSServiceRoleForAutoScaling \(the Auto Scaling service-linked role; Auto Scaling group 'web' launches instances from this template\) is not/m);
            assert.match(reported[0].message, /AWSServiceRoleForAutoScaling must exist before a key policy names it/);
            assert.match(reported[0].message, /new aws\.iam\.ServiceLinkedRole\("autoscaling", \{awsServiceName: "autoscaling\.amazonaws\.com"\}\)/);
            // What EBS calls (ebs-encryption-requirements.html) is required; the pasted statements are AWS's documented ones.
            assert.match(reported[0].message, /is not allowed kms:Decrypt, kms:DescribeKey, kms:GenerateDataKeyWithoutPlaintext, kms:CreateGrant\./);
            assert.match(reported[0].message, /Client\.InvalidKMSKey\.InvalidState: The KMS key provided is in an incorrect state/);
            const statements = pastedStatements(reported[0]);
            assert.strictEqual(statements.length, 2);
            assert.deepStrictEqual(statements[0].Action, ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]);
            assert.deepStrictEqual(statements[1].Condition, { Bool: { "kms:GrantIsForAWSResource": true } });
        });

        it("is clean with the service-linked role statements from the message, and without an ASG", async () => {
            const statements = pastedStatements(run(await asgProgram(undefined))[0]);
            const filled = JSON.parse(JSON.stringify(statements).replace(/<account-id>/g, ACCOUNT));
            assert.deepStrictEqual(run(await asgProgram(policyOf(...filled))), []);
            assert.deepStrictEqual(run(await asgProgram(undefined, false)), []);
            const onlyUse = policyOf(filled[0]);
            assert.match(run(await asgProgram(onlyUse))[0].message, /is not allowed kms:CreateGrant\./);
        });

        it("links through a known launch template name and mixed instances policies", () => {
            const key = record(KEY, "k", {});
            const template = record(LAUNCH_TEMPLATE, "lt", { name: "web-lt", blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: UNKNOWN } }] },
                { propertyDependencies: { blockDeviceMappings: [urnOf(KEY, "k")] } });
            const byName = record(ASG, "g", { maxSize: 1, minSize: 1, launchTemplate: { name: "web-lt" } });
            assert.strictEqual(run([key, template, byName]).length, 1);
            const mixed = record(ASG, "g", { maxSize: 1, minSize: 1, mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateName: "web-lt" } } } });
            assert.strictEqual(run([key, template, mixed]).length, 1);
            const other = record(ASG, "g", { maxSize: 1, minSize: 1, launchTemplate: { name: "other" } });
            assert.deepStrictEqual(run([key, template, other]), []);
        });

        it("uses a group's custom service-linked role (serviceLinkedRoleArn) as the principal", () => {
            const custom = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_web`;
            const template = record(LAUNCH_TEMPLATE, "lt", { name: "lt", blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: UNKNOWN } }] },
                { propertyDependencies: { blockDeviceMappings: [urnOf(KEY, "k")] } });
            const group = record(ASG, "g", { maxSize: 1, minSize: 1, serviceLinkedRoleArn: custom, launchTemplate: { name: "lt" } });
            const reported = run([record(KEY, "k", {}), template, group]);
            assert.strictEqual(reported.length, 1);
            const statements = pastedStatements(reported[0]);
            assert.deepStrictEqual(statements.map(st => [st.Sid, st.Principal]), [
                ["AllowAutoScalingServiceLinkedRole", { AWS: custom }], ["AllowAutoScalingServiceLinkedRoleGrants", { AWS: custom }]]);
            assert.deepStrictEqual(run([record(KEY, "k", { policy: policyOf(...statements) }), template, group]), []);
            const defaultRoleOnly = policyOf(...JSON.parse(JSON.stringify(statements).replace(/_web/g, "")));
            assert.strictEqual(run([record(KEY, "k", { policy: defaultRoleOnly }), template, group]).length, 1, "the default role does not stand in for the custom one");
        });

        it("checks the account default EBS key only when a DefaultKmsKey in the stack sets it", () => {
            const key = record(KEY, "k", {});
            const template = record(LAUNCH_TEMPLATE, "lt", { blockDeviceMappings: [{ ebs: { encrypted: "true", volumeSize: 8 } }] });
            const group = record(ASG, "g", { maxSize: 1, minSize: 1, launchTemplate: { id: UNKNOWN } }, { propertyDependencies: { launchTemplate: [urnOf(LAUNCH_TEMPLATE, "lt")] } });
            assert.deepStrictEqual(run([key, template, group]), [], "no default key in the stack: ebs-encryption-explicit-kms-key's case");
            const defaultKey = record(DEFAULT_EBS_KEY, "default", { keyArn: UNKNOWN }, { propertyDependencies: { keyArn: [urnOf(KEY, "k")] } });
            const reported = run([key, template, group, defaultKey]);
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.encrypted: /m);
            assert.match(reported[0].message, /account's default EBS key, which DefaultKmsKey 'default' sets to this key/);
            const unencrypted = record(LAUNCH_TEMPLATE, "lt", { blockDeviceMappings: [{ ebs: { encrypted: "false" } }] });
            assert.deepStrictEqual(run([key, unencrypted, group, defaultKey]), []);
        });
        it("EBS encryption by default: an ASG's volumes use the default key even without mappings or `encrypted` (issue 3)", () => {
            const key = record(KEY, "k", {});
            const defaultKey = record(DEFAULT_EBS_KEY, "default", { keyArn: UNKNOWN }, { propertyDependencies: { keyArn: [urnOf(KEY, "k")] } });
            const group = record(ASG, "g", { maxSize: 1, minSize: 1, launchTemplate: { id: UNKNOWN } }, { propertyDependencies: { launchTemplate: [urnOf(LAUNCH_TEMPLATE, "lt")] } });
            const noMappings = record(LAUNCH_TEMPLATE, "lt", { imageId: "ami-12345678" });
            const unsetEncrypted = record(LAUNCH_TEMPLATE, "lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20 } }] });
            for (const template of [noMappings, unsetEncrypted]) {
                assert.deepStrictEqual(run([key, template, group, defaultKey]), [], "without encryption by default nothing is encrypted");
                for (const enabled of [{ enabled: true }, {}]) {
                    const byDefault = record(EBS_ENCRYPTION_BY_DEFAULT, "ebd", enabled);
                    const reported = run([key, template, group, defaultKey, byDefault]);
                    assert.strictEqual(reported.length, 1, JSON.stringify(reported));
                    assert.strictEqual(reported[0].level, "mandatory");
                    assert.strictEqual(reported[0].urn, urnOf(LAUNCH_TEMPLATE, "lt"));
                    assert.match(reported[0].message, /^blockDeviceMappings: /m);
                    assert.match(reported[0].message, /EncryptionByDefault 'ebd' turns on EBS encryption by default/);
                    assert.match(reported[0].message, /DefaultKmsKey 'default' sets to this key/);
                    const fixed = record(KEY, "k", { policy: policyOf(...pastedStatements(reported[0])) });
                    assert.deepStrictEqual(run([fixed, template, group, defaultKey, byDefault]), []);
                }
                assert.deepStrictEqual(run([key, template, group, defaultKey, record(EBS_ENCRYPTION_BY_DEFAULT, "ebd", { enabled: false })]), []);
                const unknown = run([key, template, group, defaultKey, record(EBS_ENCRYPTION_BY_DEFAULT, "ebd", { enabled: UNKNOWN })]);
                assert.deepStrictEqual(unknown.map(r => r.level), ["advisory"]);
                assert.match(unknown[0].message, /may turn on EBS encryption by default/);
            }
            assert.deepStrictEqual(run([key, noMappings, group, record(EBS_ENCRYPTION_BY_DEFAULT, "ebd", { enabled: true })]), [],
                "no DefaultKmsKey in the stack: the AWS managed key aws/ebs needs no key policy change");
        });

        it("a serviceLinkedRoleArn computed from another resource is not guessed to be the default role", () => {
            const custom = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_custom`;
            const use = { Effect: "Allow", Principal: { AWS: custom }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" };
            const grant = { Effect: "Allow", Principal: { AWS: custom }, Action: "kms:CreateGrant", Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } };
            const template = record(LAUNCH_TEMPLATE, "lt", { name: "lt", blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: UNKNOWN } }] },
                { propertyDependencies: { blockDeviceMappings: [urnOf(KEY, "k")] } });
            const slr = record("aws:iam/serviceLinkedRole:ServiceLinkedRole", "slr", { awsServiceName: "autoscaling.amazonaws.com", customSuffix: "custom", arn: UNKNOWN });
            const group = record(ASG, "g", { maxSize: 1, minSize: 1, serviceLinkedRoleArn: UNKNOWN, launchTemplate: { name: "lt" } },
                { propertyDependencies: { serviceLinkedRoleArn: [urnOf("aws:iam/serviceLinkedRole:ServiceLinkedRole", "slr")] } });
            const reported = run([record(KEY, "k", { policy: policyOf(use, grant) }), template, slr, group]);
            assert.deepStrictEqual(reported.map(r => r.level), ["advisory"], JSON.stringify(reported));
            assert.match(reported[0].message, /serviceLinkedRoleArn that is computed during preview/);
            assert.match(reported[0].message, /could not be verified now/);
            // Unknown without a dependency: the computed output of an unset input, i.e. the default role.
            const unset = record(ASG, "g", { maxSize: 1, minSize: 1, serviceLinkedRoleArn: UNKNOWN, launchTemplate: { name: "lt" } });
            const defaultRole = run([record(KEY, "k", {}), template, unset]);
            assert.deepStrictEqual(defaultRole.map(r => r.level), ["mandatory"]);
            assert.match(defaultRole[0].message, /AWSServiceRoleForAutoScaling"/);
        });
    });

    describe("config", () => {
        const lg = record(LOG_GROUP, "lg", { name: "/aws/x", kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] } });
        const unconditioned = record(KEY, "k", { policy: policyOf({ Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: LOGS_ACTIONS, Resource: "*" }) });

        it("requireConditions: true requires the recommended condition on the service statement", () => {
            assert.deepStrictEqual(run([unconditioned, lg]), []);
            const reported = run([unconditioned, lg], { requireConditions: true });
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /^kmsKeyId: KMS key 'k' lets CloudWatch Logs in without the recommended condition \(requireConditions is on\): add the statement below\.$/m);
            assert.match(reported[0].message, /is allowed without the recommended condition\./);
            const [statement] = pastedStatements(reported[0]);
            const conditioned = record(KEY, "k", { policy: policyOf(statement) });
            assert.deepStrictEqual(run([conditioned, lg], { requireConditions: true }), []);
        });

        it("requireConditions: the Auto Scaling CreateGrant statement needs kms:GrantIsForAWSResource", () => {
            const role = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
            const use = { Effect: "Allow", Principal: { AWS: role }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" };
            const grant = { Effect: "Allow", Principal: { AWS: role }, Action: "kms:CreateGrant", Resource: "*" };
            const records = (policy: string) => [
                record(KEY, "k", { policy }),
                record(LAUNCH_TEMPLATE, "lt", { name: "lt", blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: UNKNOWN } }] }, { propertyDependencies: { blockDeviceMappings: [urnOf(KEY, "k")] } }),
                record(ASG, "g", { maxSize: 1, minSize: 1, launchTemplate: { name: "lt" } }),
            ];
            assert.deepStrictEqual(run(records(policyOf(use, grant))), []);
            const reported = run(records(policyOf(use, grant)), { requireConditions: true });
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /AWSServiceRoleForAutoScaling \(the Auto Scaling service-linked role; .* is allowed without the recommended condition/);
            const conditioned = { ...grant, Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } };
            assert.deepStrictEqual(run(records(policyOf(use, conditioned)), { requireConditions: true }), []);
        });

        it("extraConsumers adds type/property/principal/actions rules", () => {
            const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
            const rule = { type: FIREHOSE, property: "serverSideEncryption.keyArn", principal: "firehose.{region}.amazonaws.com", actions: ["kms:GenerateDataKey*", "kms:Decrypt"] };
            const stream = record(FIREHOSE, "s", { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: UNKNOWN } }, { propertyDependencies: { serverSideEncryption: [urnOf(KEY, "k")] } });
            assert.deepStrictEqual(run([record(KEY, "k", {}), stream]), []);
            const reported = run([record(KEY, "k", {}), stream], { extraConsumers: [rule] });
            assert.strictEqual(reported.length, 1);
            assert.match(reported[0].message, /^serverSideEncryption\.keyArn: /m);
            assert.match(reported[0].message, /^- firehose\.us-east-1\.amazonaws\.com \(extraConsumers rule for aws:kinesis/m);
            // Broken rules are refused as config errors (lib/framework/config.ts), not silently ignored.
            const broken = run([record(KEY, "k", {}), stream], { extraConsumers: [{ type: FIREHOSE }, null, 42] });
            assert.deepStrictEqual(broken.map(r => r.level), ["mandatory"]);
            assert.match(broken[0].message, /^kms-key-grants-service-principals did not run: its policy pack config is invalid/);
            // A wildcard action is met by any operation it stands for: kms:GenerateDataKey allows kms:GenerateDataKey*.
            const allowed = policyOf({ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: "*" });
            assert.deepStrictEqual(run([record(KEY, "k", { policy: allowed }), stream], { extraConsumers: [rule] }), [], "global form, wildcard met");
            const noData = policyOf({ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: ["kms:Decrypt"], Resource: "*" });
            assert.match(run([record(KEY, "k", { policy: noData }), stream], { extraConsumers: [rule] })[0].message, /is not allowed kms:GenerateDataKey\*\./);
        });
    });

    describe("sizes (issue 14): linear joins and the 32 KB key policy limit", () => {
        const lgRecord = (i: number, key = "k") => record(LOG_GROUP, `lg${i}`, { name: `/aws/app/${i}`, kmsKeyId: UNKNOWN },
            { propertyDependencies: { kmsKeyId: [urnOf(KEY, key)] } });

        it("one key policy of many statements used by many log groups: statements examined grow with S + L, not S x L", () => {
            // 200 statements for other roles (the policy stays under 32 KB), one for logs with a condition; 300 log groups.
            const others = Array.from({ length: 200 }, (_, i) => ({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/r${i}` }, Action: "kms:Decrypt", Resource: "*" }));
            const logs = { Effect: "Allow", Principal: LOGS_PRINCIPAL, Action: LOGS_ACTIONS, Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/app/*` } } };
            const policy = policyOf(...others, logs);
            const groups = Array.from({ length: 300 }, (_, i) => lgRecord(i));
            const evaluation = require("../../../lib/aws/iam/evaluate");
            const original = evaluation.evaluate;
            let examined = 0;
            evaluation.evaluate = (document: { statements: unknown[] }, request: unknown) => {
                examined += document.statements.length;
                return original(document, request);
            };
            try {
                assert.deepStrictEqual(run([record(KEY, "k", { policy }), ...groups]), []);
            } finally {
                evaluation.evaluate = original;
            }
            assert.ok(examined > 0, "the stub saw the evaluations");
            // Every group has its own encryption context, so the one conditional statement is looked at per group and
            // action; the 200 others never are. A join would examine 300 groups x 2 actions x 2 forms x 202 = 242,400.
            assert.ok(examined <= 10 * (202 + 300), `${examined} statements examined`);
        });

        it("100,000 extraConsumers entries are one pass (sanity bound: linear takes about 2 s, the quadratic join took 151 s)", () => {
            const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
            const extras = Array.from({ length: 100_000 }, (_, i) => ({ type: i % 2 ? FIREHOSE : `aws:x/y${i}:Y`, property: "keyArn", principal: "firehose.amazonaws.com", actions: ["kms:GenerateDataKey", "kms:Decrypt"] }));
            const stream = record(FIREHOSE, "s", { keyArn: UNKNOWN }, { propertyDependencies: { keyArn: [urnOf(KEY, "k")] } });
            const started = process.hrtime.bigint();
            const reported = run([record(KEY, "k", {}), stream], { extraConsumers: extras });
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            assert.strictEqual(reported.length, 1, "50,000 identical rules are one grant");
            assert.strictEqual((reported[0].message.match(/^- /gm) ?? []).length, 1);
            assert.ok(seconds < 20, `${seconds} s`);
        });

        it("a message lists at most 10 principals and counts the rest", () => {
            const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
            const extras = Array.from({ length: 50 }, (_, i) => ({ type: FIREHOSE, property: "keyArn", principal: `svc${i}.amazonaws.com`, actions: ["kms:Decrypt"] }));
            const stream = record(FIREHOSE, "s", { keyArn: UNKNOWN }, { propertyDependencies: { keyArn: [urnOf(KEY, "k")] } });
            const [reported] = run([record(KEY, "k", {}), stream], { extraConsumers: extras });
            assert.strictEqual((reported.message.match(/^- svc/gm) ?? []).length, 10);
            assert.match(reported.message, /^- and 40 more principals/m);
            assert.strictEqual(pastedPolicy(reported).Statement.length, 11);
        });

        it("a key policy over 32 KB is left to kms-key-policy-least-privilege (KMS refuses it), not evaluated", () => {
            const big = policyOf(...Array.from({ length: 400 }, (_, i) => ({ Sid: `S${i}`, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/some-long-role-name-${i}` }, Action: "kms:Decrypt", Resource: "*" })));
            assert.ok(Buffer.byteLength(big) > 32768);
            assert.deepStrictEqual(run([record(KEY, "k", { policy: big }), lgRecord(0)]), []);
            // Whitespace does not count: the provider sends the compact JSON.
            const spaced = policyOf().replace(",", `,${" ".repeat(40000)}`);
            assert.ok(Buffer.byteLength(spaced) > 32768);
            assert.strictEqual(run([record(KEY, "k", { policy: spaced }), lgRecord(0)]).length, 1, "evaluated: compact it is small");
        });
    });

    it("never prints secret values", () => {
        const secretPolicy = policyOf({ Sid: "SecretSidValue", Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:CreateGrant" });
        const records = [
            record(KEY, "k", { policy: secret(secretPolicy) }),
            record(LOG_GROUP, "lg", { name: secret("/aws/secret-group-name-42"), kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] } }),
        ];
        const reported = run(records);
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("SecretSidValue"));
        assert.ok(!reported[0].message.includes("secret-group-name-42"));
        assert.strictEqual(reported[0].level, "mandatory");
        // The statement labels leave the secret document's Sid out instead of printing a scrubbed `(Sid "[secret]")`.
        assert.ok(!reported[0].message.includes("Sid \""), reported[0].message);
        assert.match(reported[0].message, /is not allowed kms:GenerateDataKey, kms:Decrypt/);
        // The fix is still ready to paste: valid JSON with the pack's own grammar and principal.
        const [statement] = pastedStatements(reported[0]);
        assert.strictEqual(statement.Effect, "Allow");
        assert.deepStrictEqual(statement.Principal, LOGS_PRINCIPAL);
        assert.deepStrictEqual(statement.Action, LOGS_ACTIONS);
        assert.strictEqual(statement.Resource, "*");
    });

    it("nothing derived from a secret name or a secret key ARN reaches the pasted statement (issue 14)", () => {
        const name = '/aws/secret"quoted\\name-77';
        const arn = `arn:aws:kms:${REGION}:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const records = [
            record(KEY, "k", { arn: secret(arn) }),
            record(LOG_GROUP, "lg", { name: secret(name), kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [urnOf(KEY, "k")] } }),
        ];
        const [reported] = run(records);
        assert.strictEqual(reported.level, "mandatory");
        for (const derived of [name, JSON.stringify(name).slice(1, -1), "secret", "quoted", "444455556666"]) {
            assert.ok(!reported.message.includes(derived), `${derived} in ${reported.message}`);
        }
        const [statement] = pastedStatements(reported);
        assert.deepStrictEqual(statement.Condition, { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:<account-id>:log-group:*" } });
    });

    it("a secret policy of another key does not spoil the pasted statement", () => {
        const records = [
            record(KEY, "other", { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/other`, policy: secret(policyOf()) }),
            record(KEY, "k", { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }),
            record(LOG_GROUP, "lg", { name: "/aws/x", kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }),
        ];
        const reported = run(records);
        assert.strictEqual(reported.length, 1);
        const whole = pastedPolicy(reported[0]);
        assert.ok(whole.Statement.every(st => st.Effect === "Allow" && st.Resource === "*"), JSON.stringify(whole));
        // The service statement is built from the log group and the key's ARN only and comes through whole. (The root
        // ARN equals a value of the other key's secret document, which the wrapper scrubs from every message.)
        const [statement] = pastedStatements(reported[0]);
        assert.ok(!JSON.stringify(statement).includes("[secret]"), JSON.stringify(statement));
        assert.deepStrictEqual(statement.Principal, LOGS_PRINCIPAL);
        assert.deepStrictEqual(statement.Condition, { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/x` } });
    });

    it("survives wrong shapes", () => {
        const key = record(KEY, "k", {});
        const deps = (prop: string) => ({ propertyDependencies: { [prop]: [urnOf(KEY, "k")] } });
        const shapes: ResourceRecord[][] = [
            [key, record(LOG_GROUP, "lg", { kmsKeyId: 42 })],
            [key, record(LOG_GROUP, "lg", { kmsKeyId: { a: 1 } })],
            [key, record(LAUNCH_TEMPLATE, "lt", { blockDeviceMappings: "x" }), record(ASG, "g", { launchTemplate: "lt" })],
            [key, record(LAUNCH_TEMPLATE, "lt", { name: "lt", blockDeviceMappings: [null, { ebs: null }, { ebs: "x" }, { ebs: { kmsKeyId: [] } }] }), record(ASG, "g", { launchTemplate: { name: "lt" } })],
            [key, record(ASG, "g", { launchTemplate: [null], mixedInstancesPolicy: "x" })],
            [key, record(TOPIC, "t", { kmsMasterKeyId: "k" }), record(ALARM, "a", { alarmActions: {} }), record(NOTIFICATION, "n", { topics: [null, 1], queues: "q" })],
            [key, record(TOPIC, "t", { kmsMasterKeyId: UNKNOWN }, deps("kmsMasterKeyId")), record(ALARM, "a", { alarmActions: [null, 3, UNKNOWN] })],
            [key, record(KEY_POLICY, "kp", { keyId: 7, policy: [] }), record(ALIAS, "al", { name: {}, targetKeyId: null })],
            [record(KEY, "k", { policy: 12 }), record(LOG_GROUP, "lg", { kmsKeyId: UNKNOWN }, deps("kmsKeyId"))],
        ];
        for (const records of shapes) {
            const reported = run(records);
            // Wrong shapes name no key the check could link: nothing to report (and no contained exception).
            assert.deepStrictEqual(reported, [], JSON.stringify(records));
        }
        // A trail without a name is still linked to its root-only key and reported once, on kmsKeyId.
        const trail = run([key, record(TRAIL, "t", { kmsKeyId: UNKNOWN }, deps("kmsKeyId"))]);
        assert.deepStrictEqual(trail.map(r => [r.level, r.message.split("\n")[0].split(":")[0]]), [["mandatory", "kmsKeyId"]]);
    });
});
