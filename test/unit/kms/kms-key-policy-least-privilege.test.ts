import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { kmsKeyPolicyLeastPrivilege } from "../../../policies/kms/kms-key-policy-least-privilege";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { Fixture, validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const ACCOUNT = "111122223333";
const ROOT_STATEMENT = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };

const key = (args: Fixture<aws.kms.KeyArgs>) => ({ type: KEY, properties: args as Record<string, unknown> });
const keyPolicy = (args: Fixture<aws.kms.KeyPolicyArgs>) => ({ type: KEY_POLICY, properties: args as Record<string, unknown> });
const policyOf = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: [ROOT_STATEMENT, ...statements] });

describe("kms-key-policy-least-privilege", () => {
    it("has its public metadata", () => {
        const p = kmsKeyPolicyLeastPrivilege.policy;
        assert.strictEqual(p.name, "kms-key-policy-least-privilege");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["allowedAccounts"]);
        assert.strictEqual(p.configSchema!.properties.allowedAccounts.default, undefined);
        assert.deepStrictEqual([...kmsKeyPolicyLeastPrivilege.metadata.resourceTypes], [KEY, KEY_POLICY]);
    });

    it("reports kms:CreateGrant to everyone as the worst case, on a recorded key", async () => {
        const records = await recordProgram(() => {
            new aws.kms.Key("shared", {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [ROOT_STATEMENT, { Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:CreateGrant", "kms:Decrypt"], Resource: "*" }],
                }),
            });
        }, { project: "app", stack: "dev" });
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, records.find(r => r.type === KEY)!);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        // Headline (problem and fix), blank line, details.
        assert.match(reported[0].message, /^policy\.Statement\[1\]: allows \{"AWS": "\*"\} kms:CreateGrant with no condition on the caller: add a kms:CallerAccount condition or name the principals\.\n\n/m);
        assert.match(reported[0].message, /^The statement allows \{"AWS": "\*"\} to use the key \(kms:CreateGrant, kms:Decrypt\)/m);
        assert.match(reported[0].message, /worst case: kms:CreateGrant to anyone/);
        assert.match(reported[0].message, /kms:CallerAccount/);
        assert.strictEqual(reported[0].level, "mandatory");
    });

    it("reports Principal \"*\" with kms:* (and NotPrincipal, NotAction) without a restricting condition", () => {
        const star = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }) }));
        assert.strictEqual(star.length, 1);
        assert.match(star[0].message, /allows "\*" to use the key/);
        assert.match(star[0].message, /kms:\* to anyone/);
        const notPrincipal = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "kms:Decrypt" }) }));
        assert.match(notPrincipal[0].message, /everyone except its NotPrincipal/);
        assert.doesNotMatch(notPrincipal[0].message, /worst case/);
        const notAction = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf({ Effect: "Allow", Principal: "*", NotAction: "kms:Delete*" }) }));
        assert.match(notAction[0].message, /worst case/);
        // NotAction is not kms:*: the message says what the statement allows.
        assert.match(notAction[0].message, /to use the key \(every action except kms:Delete\*\) without a condition/);
        assert.doesNotMatch(notAction[0].message, /kms:\* to anyone/);
        const secretNotAction = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: secret(policyOf({ Effect: "Allow", Principal: "*", NotAction: "kms:SecretActionName" })) }));
        assert.match(secretNotAction[0].message, /every action except those in its NotAction/);
        assert.ok(!secretNotAction[0].message.includes("SecretActionName"));
    });

    it("reports a single Statement object at policy.Statement (there is no Statement[0])", () => {
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" } }) }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^policy\.Statement: allows "\*" (to use the key|kms:\*|kms:CreateGrant|nearly every KMS action) with no condition/m);
    });

    it("reports NotPrincipal with unknown exceptions too: it allows everyone else", () => {
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotPrincipal: { AWS: [UNKNOWN] }, Action: "kms:Decrypt", Resource: "*" }] } }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /everyone except its NotPrincipal/);
    });

    it("says \"unconditionally\" only for a statement without a condition, and names the condition that does not restrict", () => {
        const star = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }) }));
        assert.match(star[0].message, /kms:\* to anyone, unconditionally,/);
        assert.match(star[0].message, /without a condition that restricts the caller\./);
        const conditioned = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }) }));
        assert.strictEqual(conditioned.length, 1);
        assert.doesNotMatch(conditioned[0].message, /unconditionally/);
        assert.match(conditioned[0].message, /without a condition that restricts the caller \(its condition on aws:SecureTransport does not\)/);
        assert.match(conditioned[0].message, /kms:\* to anyone, with no condition that restricts the caller,/);
    });

    it("accepts a restricting condition, the root default, named principals, Deny statements and no policy", () => {
        const conditions: Record<string, unknown>[] = [
            { StringEquals: { "kms:CallerAccount": ACCOUNT } },
            { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
            { StringLike: { "kms:ViaService": "ec2.*.amazonaws.com" } },
            { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
            { Bool: { "kms:GrantIsForAWSResource": true } },
            { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" } },
            { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*" } },
            { ArnLike: { "aws:SourceArn": "arn:aws:s3:::my-bucket-*" } },
            { StringEquals: { "kms:CallerAccount": "*1" } }, // StringEquals takes "*" literally: nobody matches

            { StringEquals: { "aws:SourceAccount": UNKNOWN } },
        ];
        for (const Condition of conditions) {
            const policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Condition }] };
            assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: JSON.stringify(policy) })), [], JSON.stringify(Condition));
        }
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf() })), []);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf({ Effect: "Deny", Principal: "*", Action: "kms:*" }) })), []);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf({ Effect: "Allow", Principal: { Service: "logs.us-east-1.amazonaws.com" }, Action: "kms:*" }) })), []);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ description: "no policy" })), []);
    });

    it("does not count negated, IfExists or match-all conditions as restricting", () => {
        for (const Condition of [
            { StringNotEquals: { "kms:CallerAccount": ACCOUNT } },
            { StringEqualsIfExists: { "kms:CallerAccount": ACCOUNT } },
            { StringLike: { "aws:PrincipalOrgID": "*" } },
            { Bool: { "kms:GrantIsForAWSResource": "false" } },
            { Bool: { "aws:SecureTransport": "true" } },
            // Wildcard values that match (nearly) every caller.
            { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:*" } },
            { StringLike: { "kms:CallerAccount": "*1" } },
            { StringLike: { "aws:SourceAccount": "1111????3333" } },
            { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } },
            { StringEquals: { "kms:CallerAccount": "${aws:PrincipalAccount}" } },
        ]) {
            const policy = policyOf({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Condition });
            assert.strictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy })).length, 1, JSON.stringify(Condition));
        }
    });

    it("the fix from the message (a kms:CallerAccount condition) makes it clean", () => {
        const bad = { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:CreateGrant", Resource: "*" };
        assert.strictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf(bad) })).length, 1);
        const fixed = { ...bad, Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } };
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf(fixed) })), []);
    });

    it("checks aws:kms/keyPolicy:KeyPolicy the same way", () => {
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, keyPolicy({ keyId: UNKNOWN, policy: policyOf({ Effect: "Allow", Principal: "*", Action: "kms:CreateGrant" }) }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^policy\.Statement\[1\]/m);
    });

    it("reports malformed JSON with the parse error position and MalformedPolicyDocumentException", () => {
        const text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\" \"Principal\": \"*\"}]}";
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: text }));
        assert.strictEqual(reported.length, 1);
        const at = text.indexOf("\"Principal\"");
        assert.ok(reported[0].message.includes("policy: the key policy is not valid JSON: build it as an object and serialise it with JSON.stringify(...) or pulumi.jsonStringify(...).\n\n" +
            `position ${at} (line 1, column ${at + 1}): expected ',' or '}'.`), reported[0].message);
        assert.match(reported[0].message, /MalformedPolicyDocumentException/);
        const list = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: "[]" }));
        assert.match(list[0].message, /the policy is a list, not a JSON object/);
    });

    it("stays silent on unknown policies and unknown parts, and survives wrong shapes", () => {
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: UNKNOWN })), []);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, keyPolicy({ keyId: "k", policy: UNKNOWN })), []);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: { Statement: [{ Effect: "Allow", Principal: UNKNOWN, Action: "kms:*" }] } })), []);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: { Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Condition: UNKNOWN }] } })), []);
        for (const policy of [42, {}, { Statement: null }, { Statement: [null, 1, "x"] }, { Statement: [{}] }, [null], true]) {
            const reported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy }));
            assert.ok(reported.every(r => !/could not finish/.test(r.message)), JSON.stringify(reported));
            // Not a policy object: one "invalid" finding; an object without usable statements names nobody.
            const invalid = typeof policy !== "object" || policy === null || Array.isArray(policy);
            assert.deepStrictEqual(reported.map(r => r.message.split("\n")[0].split(":")[0]), invalid ? ["policy"] : [], JSON.stringify(policy));
        }
    });

    it("never prints a secret policy document", () => {
        const doc = policyOf({ Sid: "TopSecretSid", Effect: "Allow", Principal: "*", Action: ["kms:CreateGrant", "kms:SecretActionName"] });
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: secret(doc) }));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("TopSecretSid"));
        assert.ok(!reported[0].message.includes("SecretActionName"));
        // The wrapper scrubs every value of the secret document, even "*"; what is left still names the statement and the fix.
        assert.match(reported[0].message, /^policy\.Statement\[1\]: allows .* with no condition on the caller/m);
        assert.match(reported[0].message, /kms:CallerAccount/);
        assert.strictEqual(reported[0].level, "mandatory");
        const malformed = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: secret("{\"SecretValue42\" 1}") }));
        assert.ok(!malformed[0].message.includes("SecretValue42"));
    });

    it("allowedAccounts: reports other accounts as advisory information only when set", () => {
        const crossAccount = policyOf({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::444455556666:role/reader", "999988887777"] }, Action: "kms:Decrypt" });
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: crossAccount })), []);
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: crossAccount }), { allowedAccounts: [ACCOUNT] });
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /^policy\.Statement\[1\]: grants access to accounts 444455556666, 999988887777, not in allowedAccounts: remove the grant, or add the account to allowedAccounts if it is intended\.$/m);
        assert.match(reported[0].message, /allowedAccounts is 111122223333/);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: crossAccount }), { allowedAccounts: [ACCOUNT, "444455556666", "999988887777"] }), []);
        assert.deepStrictEqual(validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: policyOf() }), { allowedAccounts: [ACCOUNT] }), []);
        // A wrong config type is refused (lib/framework/config.ts), never replaced by the default.
        const misconfigured = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: crossAccount }), { allowedAccounts: "oops" });
        assert.deepStrictEqual(misconfigured.map(r => r.level), ["mandatory"]);
        assert.match(misconfigured[0].message, /option "allowedAccounts" must be array/);
        // A secret policy: the ids taken out of its ARNs are not printed, only how many accounts there are.
        const secretReported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: secret(crossAccount) }), { allowedAccounts: [ACCOUNT] });
        assert.strictEqual(secretReported.length, 1);
        assert.strictEqual(secretReported[0].level, "advisory");
        assert.ok(!secretReported[0].message.includes("444455556666"), secretReported[0].message);
        assert.ok(!secretReported[0].message.includes("999988887777"), secretReported[0].message);
        assert.match(secretReported[0].message, /^policy\.Statement\[1\]: grants access to 2 accounts outside allowedAccounts: /m);
    });

    it("reports a key policy over the 32 KB KMS accepts (counted compact, as the provider sends it), without checking its statements", () => {
        const statements = Array.from({ length: 400 }, (_, i) => ({ Sid: `S${i}`, Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }));
        const big = JSON.stringify({ Version: "2012-10-17", Statement: statements.map(st => ({ ...st, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/some-long-role-name-for-size` } })) });
        const bytes = Buffer.byteLength(big);
        assert.ok(bytes > 32768);
        const reported = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: big }));
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(reported[0].message, new RegExp(`^policy: the key policy is ${bytes.toLocaleString("en-US")} bytes, over the 32,768 bytes KMS accepts: `, "m"));
        assert.match(reported[0].message, /32 kilobytes \(32,768 bytes\)/);
        // Indentation does not count; a document just under the limit is checked as usual (here: "*" unrestricted).
        const small = JSON.stringify({ Version: "2012-10-17", Statement: statements.slice(0, 2) }, null, 1).replace("{", `{${" ".repeat(40000)}`);
        assert.ok(Buffer.byteLength(small) > 32768);
        const checked = validateResource(kmsKeyPolicyLeastPrivilege, key({ policy: small }));
        assert.ok(checked.length === 2 && checked.every(r => /without a condition that restricts the caller/.test(r.message)), JSON.stringify(checked));
    });
});
