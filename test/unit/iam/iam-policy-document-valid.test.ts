import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import { iamPolicyDocumentValid as policy } from "../../../policies/iam/iam-policy-document-valid";
import { isConditionOperator, policySize } from "../../../lib/aws/iam/validate";
import { IamCatalog, iamCatalog, nearest, setIamCatalog } from "../../../lib/data/iam-actions";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { validateResource } from "../../harness/policy-harness";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const KEY = "aws:kms/key:Key";
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (extra: Record<string, unknown>) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...extra });
const trust = (extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", ...extra });
const headlines = (type: string, properties: Record<string, unknown>, config = {}) =>
    validateResource(policy, { type, properties }, config).map(r => `${r.level} ${r.message.split("\n")[0]}`);

// Small fixed data: tests do not churn when the shipped data is refreshed.
const FIXED = new IamCatalog({
    format: "aws-preflight/iam-actions@1", source: "test", sourceDate: "2026-01-01", generated: "2026-01-01T00:00:00Z",
    services: {
        s3: { actions: "GetObject ListBucket PutObject", conditionKeys: "s3:x-amz-acl s3:prefix s3:ExistingObjectTag/<key>" },
        sts: { actions: "AssumeRole TagSession", conditionKeys: "sts:ExternalId" },
        sqs: { actions: "SendMessage", conditionKeys: "" },
        kms: { actions: "Decrypt Encrypt", conditionKeys: "kms:CallerAccount" },
    },
});

describe("iam-policy-document-valid", () => {
    before(() => setIamCatalog(FIXED));
    after(() => setIamCatalog(undefined));

    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "iam-policy-document-valid");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.policy.severity, "high");
        assert.deepStrictEqual(Object.keys(policy.policy.configSchema!.properties), ["trustPolicyMaxSize"]);
        assert.strictEqual(policy.policy.configSchema!.properties.trustPolicyMaxSize.default, 2048);
        for (const type of [POLICY, ROLE, BUCKET_POLICY, QUEUE_POLICY, KEY, "aws:sns/topicPolicy:TopicPolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy",
            "aws:secretsmanager/secretPolicy:SecretPolicy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
            assert.ok(policy.metadata.resourceTypes.includes(type), type);
        }
    });

    it("reports what IAM refuses in a recorded @pulumi/aws v7 policy and role, path by path", async () => {
        const records = await recordProgram(() => {
            new aws.iam.Policy("read", {
                policy: JSON.stringify({ Version: "2012-10-18", Statement: [{ Sid: "read-data", Effect: "allow", Principal: "*", Action: ["s3GetObject", "s3:Get:Object"], Resource: ["my-bucket/*"] }] }),
            });
            new aws.iam.Role("fn", {
                assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }),
                inlinePolicies: [{ name: "data", policy: doc({ Effect: "Allow", Action: "s3:*" }) }],
            });
        }, { project: "app", stack: "dev" });
        const read = validateResource(policy, records.find(r => r.type === POLICY)!).map(r => r.message.split("\n")[0]);
        assert.deepStrictEqual(read, [
            "policy.Version: is \"2012-10-18\": use \"2012-10-17\"",
            "policy.Statement[0].Sid: has characters other than letters and digits: IAM allows only [0-9A-Za-z] in a Sid",
            "policy.Statement[0].Effect: has an Effect other than Allow or Deny (the case matters): set \"Effect\": \"Allow\" or \"Deny\"",
            "policy.Statement[0].Principal: is not allowed in an identity policy: remove it (the policy applies to whoever it is attached to)",
            "policy.Statement[0].Action[0]: has no service prefix \"s3GetObject\": write it as service:Action, e.g. s3:GetObject",
            "policy.Statement[0].Action[1]: has more than one colon \"s3:Get:Object\": an action is service:Action",
        ]);
        const role = validateResource(policy, records.find(r => r.type === ROLE)!);
        assert.deepStrictEqual(role.map(r => r.message.split("\n")[0]), [
            "assumeRolePolicy.Statement[0]: has no Principal: name who the statement applies to, e.g. {\"Service\": \"lambda.amazonaws.com\"}",
            "assumeRolePolicy.Statement[0].Resource: is not allowed in a role's trust policy: remove it (the role is the resource)",
            "inlinePolicies[0].policy.Statement[0]: has no Resource: name the ARNs it applies to, or \"*\"",
        ]);
        for (const r of [...role, ...validateResource(policy, records.find(r => r.type === POLICY)!)]) {
            assert.strictEqual(r.level, "mandatory");
            assert.ok(r.message.split("\n")[0].length <= 140, r.message);
            assert.strictEqual(r.message.split("\n")[1], "");
            assert.match(r.message, /MalformedPolicyDocument/);
        }
    });

    it("is clean once the fixes from the messages are applied", async () => {
        const records = await recordProgram(() => {
            const bucket = new aws.s3.Bucket("data");
            new aws.iam.Policy("read", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "ReadData", Effect: "Allow", Action: ["s3:GetObject", "s3:Get*"], Resource: ["arn:aws:s3:::my-bucket/*"] }] }) });
            new aws.iam.Role("fn", {
                assumeRolePolicy: doc(trust()),
                inlinePolicies: [{ name: "data", policy: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) }],
            });
            new aws.s3.BucketPolicy("data", { bucket: bucket.id, policy: bucket.arn.apply(arn => doc({ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: `${arn}/*` })) });
        }, { project: "app", stack: "dev" });
        for (const record of records) {
            assert.deepStrictEqual(validateResource(policy, record), [], record.type);
        }
    });

    it("checks v6 shapes too (BucketV2 policy, QueuePolicy)", async () => {
        const records = await recordProgram(() => {
            new awsV6.s3.BucketV2("legacy", { policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObjekt", Resource: "arn:aws:s3:::legacy/*" }) });
            new awsV6.sqs.QueuePolicy("q", { queueUrl: "https://sqs.us-east-1.amazonaws.com/1/q", policy: doc({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMesage", Resource: "*" }) });
        }, { project: "app", stack: "dev" });
        const bucket = validateResource(policy, records.find(r => r.type === "aws:s3/bucketV2:BucketV2")!);
        assert.deepStrictEqual(bucket.map(r => [r.level, r.message.split("\n")[0]]), [["mandatory", "policy.Statement[0].Action: is not an action of s3 \"s3:GetObjekt\": did you mean \"s3:GetObject\"?"]]);
        assert.match(bucket[0].message, /MalformedPolicy: Policy has invalid action/);
        const queue = validateResource(policy, records.find(r => r.type === QUEUE_POLICY)!);
        assert.deepStrictEqual(queue.map(r => [r.level, r.message.split("\n")[0]]), [["advisory", "policy.Statement[0].Action: is not an action of sqs \"sqs:SendMesage\": did you mean \"sqs:SendMessage\"?"]]);
    });

    it("keeps unknown actions and condition keys advisory in identity policies, mandatory in S3 bucket policies", () => {
        const identity = headlines(POLICY, { policy: doc(allow({ Action: "s3:GetObjekt", Condition: { StringEquals: { "s3:x-acl": "private" } } })) });
        assert.deepStrictEqual(identity, [
            "advisory policy.Statement[0].Action: is not an action of s3 \"s3:GetObjekt\": did you mean \"s3:GetObject\"?",
            "advisory policy.Statement[0].Condition.StringEquals.s3:x-acl: is not a condition key of s3: use a key the service defines",
        ]);
        const bucket = headlines(BUCKET_POLICY, { bucket: "b", policy: doc(allow({ Principal: { AWS: "arn:aws:iam::111122223333:root" }, Condition: { StringEquals: { "s3:x-acl": "private", "s3:ExistingObjectTag/team": "a", "aws:SourceVpce": "vpce-1" } } })) });
        assert.deepStrictEqual(bucket, ["mandatory policy.Statement[0].Condition.StringEquals.s3:x-acl: is not a condition key of s3: use a key the service defines"]);
        assert.deepStrictEqual(headlines(POLICY, { policy: doc(allow({ Action: "nosuchservice:Get" })) }),
            ["advisory policy.Statement[0].Action: names a service AWS does not define \"nosuchservice\": check the service prefix"]);
        assert.deepStrictEqual(headlines(POLICY, { policy: doc(allow({ Action: "*:Create*" })) }),
            ["advisory policy.Statement[0].Action: has a wildcard in the service prefix \"*:Create*\": name the service (s3:Create*) or use \"*\""]);
        assert.deepStrictEqual(headlines(POLICY, { policy: doc(allow({ Action: "s3:Delete*" })) }),
            ["advisory policy.Statement[0].Action: is not an action of s3 \"s3:Delete*\": name one the service defines"]);
    });

    it("reports resources that are no ARN, bad partitions, principals and operators", () => {
        assert.deepStrictEqual(headlines(POLICY, { policy: doc(allow({ Resource: ["arn:1:s3:::b", "bucket", "arn:aws:s3:::${aws:username}/*", "*"] })) }), [
            "mandatory policy.Statement[0].Resource[0]: has partition \"1\", not aws, aws-cn or aws-us-gov: use the resource's .arn",
            "mandatory policy.Statement[0].Resource[1]: is neither \"*\" nor an ARN \"bucket\": use the resource's .arn",
        ]);
        assert.deepStrictEqual(headlines(ROLE, { assumeRolePolicy: doc(trust({ Principal: {} }), trust({ Principal: { AWS: ["bob", "111122223333", "arn:aws:iam::111122223333:role/x", "AROAEXAMPLEID1234567"] } }), trust({ Principal: { service: "x" } }), trust({ Principal: { Service: "lambda" } })) }), [
            "mandatory assumeRolePolicy.Statement[0].Principal: is empty: name at least one principal",
            "mandatory assumeRolePolicy.Statement[1].Principal.AWS[0]: is not an account id, an IAM ARN or \"*\" \"bob\": use the role's or account's ARN",
            "mandatory assumeRolePolicy.Statement[2].Principal.service: is not a principal type: use AWS, Service, Federated or CanonicalUser (case-sensitive)",
            "mandatory assumeRolePolicy.Statement[3].Principal.Service: is not a service principal \"lambda\": service principals look like lambda.amazonaws.com",
        ]);
        assert.deepStrictEqual(headlines(ROLE, { assumeRolePolicy: doc(trust({ Condition: { StringEqual: { "sts:ExternalId": "x" }, StringEqualsIfExists: { "sts:ExternalId": "y" }, "ForAnyValue:StringLike": { "sts:ExternalId": "z" } } })) }),
            ["mandatory assumeRolePolicy.Statement[0].Condition.StringEqual: is not a condition operator: did you mean \"StringEquals\"?"]);
        assert.deepStrictEqual(headlines(ROLE, { assumeRolePolicy: doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "sts:AssumeRole" }) }),
            ["advisory assumeRolePolicy.Statement[0].NotPrincipal: with Effect Allow lets everyone else in: name the principals in Principal instead"]);
        assert.ok(isConditionOperator("Null") && !isConditionOperator("NullIfExists") && isConditionOperator("ForAllValues:StringEqualsIgnoreCase"));
    });

    it("reports documents that are not JSON, not objects or without Statement, and element names in the wrong case", () => {
        assert.match(headlines(POLICY, { policy: "{\"Version\": \"2012-10-17\", \"Statement\": [}" })[0], /^mandatory policy: is not valid JSON \(position 40 \(line 1, column 41\)/);
        assert.deepStrictEqual(headlines(POLICY, { policy: "[1]" }), ["mandatory policy: is not a JSON object: a policy is {\"Version\": \"2012-10-17\", \"Statement\": [...]}"]);
        assert.deepStrictEqual(headlines(POLICY, { policy: "{\"Version\": \"2012-10-17\"}" }), ["mandatory policy: has no Statement: add \"Statement\": [{\"Effect\": ..., \"Action\": ..., \"Resource\": ...}]"]);
        assert.deepStrictEqual(headlines(POLICY, { policy: doc({ effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }), [
            "mandatory policy.Statement[0].effect: is spelt \"effect\": element names are case-sensitive, write \"Effect\"",
            "mandatory policy.Statement[0]: has no Effect: set \"Effect\": \"Allow\" or \"Deny\"",
        ]);
        // KMS key policies: syntax errors are kms-key-policy-least-privilege's; the grammar is checked here.
        assert.deepStrictEqual(headlines(KEY, { policy: "{" }), []);
        assert.deepStrictEqual(headlines(KEY, { policy: doc({ Effect: "Allow", Action: "kms:*", Resource: "*" }) }), ["mandatory policy.Statement[0]: has no Principal: name who the statement applies to, e.g. {\"Service\": \"lambda.amazonaws.com\"}"]);
    });

    it("reports documents over AWS's size limits, without whitespace, and honours trustPolicyMaxSize", () => {
        const resources = Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`);
        const big = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resources }] }, null, 4);
        assert.ok(policySize(big) > 6144 && policySize(big) < big.length);
        const reported = headlines(POLICY, { policy: big });
        assert.deepStrictEqual(reported, [`mandatory policy: is ${policySize(big)} characters without whitespace, over AWS's 6144: split it or narrow it with wildcards`]);
        const roles = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::111122223333:role/some-long-role-name-${i}`);
        const bigTrust = doc({ Effect: "Allow", Principal: { AWS: roles }, Action: "sts:AssumeRole" });
        assert.strictEqual(headlines(ROLE, { assumeRolePolicy: bigTrust }).length, 1);
        assert.deepStrictEqual(headlines(ROLE, { assumeRolePolicy: bigTrust }, { trustPolicyMaxSize: 4096 }), []);
        const inline = Array.from({ length: 3 }, (_, i) => ({ name: `p${i}`, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resources.slice(0, 120) }] }) }));
        assert.match(headlines(ROLE, { assumeRolePolicy: doc(trust()), inlinePolicies: inline })[0], /^mandatory inlinePolicies: are \d+ characters together/);
    });

    it("skips unknown documents and unknown parts, and survives wrong shapes", () => {
        assert.deepStrictEqual(headlines(POLICY, { policy: UNKNOWN }), []);
        assert.deepStrictEqual(headlines(ROLE, { assumeRolePolicy: UNKNOWN, inlinePolicies: [{ name: "x", policy: UNKNOWN }] }), []);
        assert.deepStrictEqual(headlines(BUCKET_POLICY, { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: [UNKNOWN], Resource: UNKNOWN }] } }), []);
        assert.deepStrictEqual(headlines(POLICY, { policy: { Version: "2012-10-17", Statement: [UNKNOWN] } }), []);
        assert.deepStrictEqual(headlines(ROLE, { inlinePolicies: "nope", assumeRolePolicy: 42 as unknown as string }).length, 1);
        const shapes = headlines(POLICY, { policy: doc({ Effect: "Allow", Action: [null, 3, []], Resource: [] }) });
        assert.deepStrictEqual(shapes, [
            "mandatory policy.Statement[0].Action[0]: is null, not a string",
            "mandatory policy.Statement[0].Action[1]: is a number, not a string",
            "mandatory policy.Statement[0].Action[2]: is a list, not a string",
            "mandatory policy.Statement[0].Resource: is an empty list: name at least one value or remove the element",
        ]);
        assert.deepStrictEqual(headlines(ROLE, { inlinePolicies: [null, {}, { policy: "" }] }), []);
    });

    it("never shows a value of a secret document", () => {
        const reported = validateResource(policy, { type: POLICY, properties: { policy: secret(doc(allow({ Action: "s3:SecretActionXyz", Resource: "secret-bucket-name" }))) } });
        assert.strictEqual(reported.length, 2);
        for (const r of reported) {
            assert.ok(!r.message.includes("SecretActionXyz") && !r.message.includes("secret-bucket-name"), r.message);
        }
    });

    it("works on the shipped data (loaded on first use) with its source and date", () => {
        setIamCatalog(undefined);
        const shipped = iamCatalog()!;
        assert.ok(shipped, "data/iam-actions.json loads");
        assert.match(shipped.file.source, /@cloud-copilot\/iam-data/);
        assert.match(shipped.file.sourceDate, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(Object.keys(shipped.file.services).length > 300);
        assert.strictEqual(shipped.actionMatches("s3", "GetObject"), 1);
        assert.strictEqual(shipped.conditionKeyKnown("s3:x-amz-acl"), true);
        assert.strictEqual(shipped.conditionKeyKnown("s3:x-acl"), false);
        assert.strictEqual(shipped.nearestAction("s3", "GetObjekt"), "GetObject");
        setIamCatalog(FIXED);
        assert.strictEqual(nearest("abc", ["xyz"]), undefined);
    });
});
