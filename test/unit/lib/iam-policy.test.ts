import * as assert from "assert";
import type * as aws from "@pulumi/aws";
import {
    evaluate,
    parsePolicy,
    patternsOverlap,
    arnPatternsOverlap,
    PolicyDocument,
    principalMatches,
    RequestContext,
    wildcardMatch,
    formatParseError,
    evaluateConditions,
    statementLabel,
    statementPath,
} from "../../../lib/aws/iam";
import { UNKNOWN } from "../../../lib/framework/properties";
import { UNKNOWN as UNKNOWN_SENTINEL } from "../../../lib/runner/engine";

function doc(policy: unknown): PolicyDocument {
    const parsed = parsePolicy(policy);
    assert.strictEqual(parsed.kind, "document", JSON.stringify(parsed));
    return (parsed as { document: PolicyDocument }).document;
}

const LOGS = { type: "Service", id: "logs.us-east-1.amazonaws.com" } as const;
const ROOT = "arn:aws:iam::111122223333:root";
const logsRequest = (action: string, context?: Record<string, string>): RequestContext => ({ principal: LOGS, action, context });

describe("lib/iam-policy", () => {
    describe("parsePolicy", () => {
        it("parses a JSON string and the same document as an object (the @pulumi/aws PolicyDocument type)", () => {
            const object: aws.iam.PolicyDocument = {
                Version: "2012-10-17",
                Statement: [{ Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.us-east-1.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" }],
            };
            for (const input of [JSON.stringify(object), object]) {
                const d = doc(input);
                assert.strictEqual(d.version, "2012-10-17");
                assert.strictEqual(d.statements.length, 1);
                const s = d.statements[0];
                assert.strictEqual(s.sid, "Logs");
                assert.strictEqual(s.effect, "Allow");
                assert.deepStrictEqual(s.action?.values, ["kms:Decrypt"]);
                assert.deepStrictEqual(s.resource?.values, ["*"]);
                assert.deepStrictEqual(s.principal?.byType.get("Service")?.values, ["logs.us-east-1.amazonaws.com"]);
                assert.strictEqual(s.principal?.everyone, false);
            }
        });

        it("accepts Statement as a single object", () => {
            const d = doc({ Statement: { Effect: "Deny", Principal: "*", Action: ["kms:Delete*"], Resource: "*" } });
            assert.strictEqual(d.statements.length, 1);
            assert.strictEqual(d.statements[0].index, 0);
            assert.strictEqual(d.statements[0].effect, "Deny");
        });

        it("reads every principal form", () => {
            const d = doc({
                Statement: [
                    { Effect: "Allow", Principal: "*", Action: "kms:*" },
                    { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*" },
                    { Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*" },
                    { Effect: "Allow", Principal: { AWS: [ROOT, "444455556666"] }, Action: "kms:*" },
                    { Effect: "Allow", Principal: { Service: ["logs.us-east-1.amazonaws.com", "events.amazonaws.com"] }, Action: "kms:*" },
                    { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "kms:*" },
                    { Effect: "Allow", NotPrincipal: { AWS: ROOT }, Action: "kms:*" },
                ],
            });
            const [star, awsStar, root, list, services, federated, notPrincipal] = d.statements;
            assert.ok(star.principal!.everyone);
            assert.ok(awsStar.principal!.everyone);
            assert.ok(!root.principal!.everyone);
            assert.deepStrictEqual(list.principal!.byType.get("AWS")!.values, [ROOT, "444455556666"]);
            assert.strictEqual(principalMatches(services.principal!, { type: "Service", id: "events.amazonaws.com" }), "yes");
            assert.strictEqual(principalMatches(services.principal!, { type: "Service", id: "sns.amazonaws.com" }), "no");
            assert.strictEqual(principalMatches(federated.principal!, { type: "Federated", id: "cognito-identity.amazonaws.com" }), "yes");
            assert.strictEqual(principalMatches(federated.principal!, { type: "Service", id: "cognito-identity.amazonaws.com" }), "no");
            assert.strictEqual(notPrincipal.principal, undefined);
            assert.deepStrictEqual(notPrincipal.notPrincipal!.byType.get("AWS")!.values, [ROOT]);
        });

        it("reads Action/NotAction and Resource/NotResource as string or list, conditions structured", () => {
            const d = doc({
                Statement: [{
                    Effect: "Allow", Principal: "*", NotAction: ["kms:Delete*", "kms:ScheduleKeyDeletion"], NotResource: "arn:x",
                    Condition: { StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": ["s3.us-east-1.amazonaws.com"] }, Bool: { "aws:SecureTransport": true } },
                }],
            });
            const s = d.statements[0];
            assert.deepStrictEqual(s.notAction!.values, ["kms:Delete*", "kms:ScheduleKeyDeletion"]);
            assert.deepStrictEqual(s.notResource!.values, ["arn:x"]);
            assert.strictEqual(s.action, undefined);
            assert.deepStrictEqual(s.conditions.map(c => [c.operator, c.key, c.values.values]), [
                ["StringEquals", "kms:CallerAccount", ["111122223333"]],
                ["StringEquals", "kms:ViaService", ["s3.us-east-1.amazonaws.com"]],
                ["Bool", "aws:SecureTransport", ["true"]],
            ]);
        });

        it("reports malformed JSON with its position, line and column", () => {
            const text = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}";
            const parsed = parsePolicy(text);
            assert.strictEqual(parsed.kind, "malformed");
            const error = (parsed as { error: { position: number; line: number; column: number; reason: string } }).error;
            assert.strictEqual(text[error.position], "}");
            assert.strictEqual(error.line, 3);
            assert.strictEqual(error.column, 24);
            assert.match(error.reason, /double-quoted property name/);
            assert.match(formatParseError(error), /^position 42 \(line 3, column 24\)/);
        });

        it("locates truncated documents and trailing garbage", () => {
            const truncated = parsePolicy("{\"Statement\": [");
            assert.strictEqual(truncated.kind, "malformed");
            assert.strictEqual((truncated as { error: { position: number } }).error.position, 15);
            const trailing = parsePolicy("{} x");
            assert.strictEqual((trailing as { error: { position: number } }).error.position, 3);
            const single = parsePolicy("{'Statement': []}");
            assert.strictEqual((single as { error: { position: number } }).error.position, 1);
        });

        it("distinguishes absent, unknown and non-object policies", () => {
            for (const absent of [undefined, null, "", "  "]) {
                assert.strictEqual(parsePolicy(absent).kind, "absent");
            }
            assert.strictEqual(parsePolicy(UNKNOWN).kind, "unknown");
            assert.strictEqual(parsePolicy(UNKNOWN_SENTINEL).kind, "unknown");
            for (const invalid of ["42", "[]", 42, "\"text\"", [1]]) {
                assert.strictEqual(parsePolicy(invalid).kind, "invalid", JSON.stringify(invalid));
            }
        });

        it("keeps unknown parts of an object policy as unknown", () => {
            const d = doc({
                Statement: [
                    { Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: ["kms:Decrypt", UNKNOWN_SENTINEL] },
                    UNKNOWN,
                ],
            });
            assert.ok(d.statementsUnknown);
            assert.strictEqual(d.statements.length, 1);
            assert.ok(d.statements[0].principal!.hasUnknown);
            assert.ok(d.statements[0].action!.hasUnknown);
            assert.deepStrictEqual(d.statements[0].action!.values, ["kms:Decrypt"]);
            assert.ok(doc({ Statement: UNKNOWN }).statementsUnknown);
        });

        it("survives wrong shapes", () => {
            const d = doc({ Statement: [null, 42, "x", { Effect: "Maybe", Principal: 7, Action: [null, 3], Condition: "x" }] });
            assert.strictEqual(d.statements.length, 1);
            assert.strictEqual(d.statements[0].effect, undefined);
            assert.deepStrictEqual(d.statements[0].action!.values, ["3"]);
            assert.deepStrictEqual(d.statements[0].conditions, []);
            assert.deepStrictEqual(doc({}).statements, []);
            assert.deepStrictEqual(doc({ Statement: {} }).statements.length, 1);
        });
    });

    describe("wildcards", () => {
        it("matches * and ? and action names case-insensitively", () => {
            assert.ok(wildcardMatch("kms:GenerateDataKey*", "kms:GenerateDataKeyWithoutPlaintext", true));
            assert.ok(wildcardMatch("kms:*", "kms:CreateGrant", true));
            assert.ok(wildcardMatch("KMS:decrypt", "kms:Decrypt", true));
            assert.ok(!wildcardMatch("KMS:decrypt", "kms:Decrypt", false));
            assert.ok(wildcardMatch("kms:?ecrypt", "kms:Decrypt", true));
            assert.ok(!wildcardMatch("kms:?ecrypt", "kms:ReEncrypt", true));
            assert.ok(!wildcardMatch("kms:Encrypt*", "kms:ReEncryptFrom", true));
            assert.ok(wildcardMatch("arn:aws:s3:::a.b/*", "arn:aws:s3:::a.b/c"));
            assert.ok(!wildcardMatch("arn:aws:s3:::a.b/*", "arn:aws:s3:::aXb/c"), "a dot is literal");
        });

        it("decides whether two patterns can match a common string", () => {
            assert.ok(patternsOverlap("arn:aws:logs:*:*:log-group:/aws/lambda/*", "arn:aws:logs:us-east-1:*:log-group:/aws/lambda/app"));
            assert.ok(!arnPatternsOverlap("arn:aws:logs:*:*:log-group:/aws/lambda/*", "arn:aws:logs:us-east-1:*:log-group:/aws/apigateway/app"));
            assert.ok(patternsOverlap("arn:aws:logs:*:*:log-group:/aws/lambda/*", "arn:aws:logs:us-east-1:*:log-group:/aws/apigateway/app"),
                "as plain strings the account wildcard could swallow the rest");
            assert.ok(arnPatternsOverlap("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:*:log-group:/aws/x:y"));
            assert.ok(!arnPatternsOverlap("arn:aws:logs:eu-west-1:*:*", "arn:aws:logs:us-east-1:*:log-group:x"));
            assert.ok(patternsOverlap("a*c", "ab*"));
            assert.ok(patternsOverlap("a?c", "*"));
            assert.ok(!patternsOverlap("a?c", "abcd"));
            assert.ok(patternsOverlap("", "*"));
            assert.ok(!patternsOverlap("", "?"));
            assert.ok(!patternsOverlap("ab*", "ac*"));
            assert.ok(patternsOverlap("*b", "a*"));
            assert.ok(!patternsOverlap("*b", "*a"));
        });

        it("compares long patterns without overflowing the stack or stalling", () => {
            // A 500-character log group name against an 8,000-character condition value (both fit a 32 KB key policy).
            const name = "x".repeat(500);
            const value = "y*".repeat(4000);
            const started = Date.now();
            assert.strictEqual(patternsOverlap(name, value), false);
            assert.strictEqual(patternsOverlap(`${name}*`, `${"x".repeat(400)}*`), true);
            assert.ok(Date.now() - started < 1500, "quadratic at worst, bounded");
            // Above the bound it gives up with "may overlap", which never turns into a finding.
            assert.strictEqual(patternsOverlap("a".repeat(5000), "b".repeat(5000)), true);
        });

        it("statement labels and paths: Statement[i], or Statement for a single object; no Sid for a secret document", () => {
            const listed = parsePolicy({ Statement: [{ Sid: "S1", Effect: "Allow", Principal: "*", Action: "kms:*" }] });
            const single = parsePolicy({ Statement: { Sid: "S1", Effect: "Allow", Principal: "*", Action: "kms:*" } });
            assert.ok(listed.kind === "document" && single.kind === "document");
            assert.strictEqual(statementLabel(listed.document.statements[0]), "Statement[0] (Sid \"S1\")");
            assert.strictEqual(statementLabel(listed.document.statements[0], true), "Statement[0]");
            assert.strictEqual(statementLabel(single.document.statements[0]), "Statement (Sid \"S1\")");
            assert.deepStrictEqual(statementPath("policy", listed.document.statements[0]), ["policy", "Statement", 0]);
            assert.deepStrictEqual(statementPath("policy", single.document.statements[0]), ["policy", "Statement"]);
        });
    });

    describe("evaluate", () => {
        const grant = (statement: Record<string, unknown>) => doc({ Statement: [statement] });

        it("allows through Service string or list, \"*\" and {AWS: \"*\"}, with wildcard actions", () => {
            for (const principal of ["*", { AWS: "*" }, { Service: "logs.us-east-1.amazonaws.com" }, { Service: ["x.amazonaws.com", "LOGS.us-east-1.amazonaws.com"] }]) {
                const d = grant({ Effect: "Allow", Principal: principal, Action: ["kms:Encrypt*", "kms:GenerateDataKey*"], Resource: "*" });
                const e = evaluate(d, logsRequest("kms:GenerateDataKey"));
                assert.strictEqual(e.decision, "allowed", JSON.stringify(principal));
                assert.deepStrictEqual(e.allowedBy.map(s => s.index), [0]);
                assert.strictEqual(evaluate(d, logsRequest("kms:Decrypt")).decision, "missing");
            }
        });

        it("does not let the account root or the global logs principal stand in for the regional one", () => {
            const d = doc({ Statement: [
                { Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" },
                { Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:*", Resource: "*" },
            ] });
            assert.strictEqual(evaluate(d, logsRequest("kms:Decrypt")).decision, "missing");
            assert.strictEqual(evaluate(d, { principal: { type: "AWS", id: ROOT }, action: "kms:Decrypt" }).decision, "allowed");
        });

        it("lets Deny override Allow, and honours NotAction and NotPrincipal", () => {
            const d = doc({ Statement: [
                { Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" },
                { Effect: "Deny", NotPrincipal: { AWS: ROOT }, NotAction: ["kms:Decrypt", "kms:Describe*"], Resource: "*" },
            ] });
            const denied = evaluate(d, logsRequest("kms:GenerateDataKey"));
            assert.strictEqual(denied.decision, "denied");
            assert.deepStrictEqual(denied.deniedBy.map(s => s.index), [1]);
            assert.strictEqual(evaluate(d, logsRequest("kms:decrypt")).decision, "allowed");
            assert.strictEqual(evaluate(d, { principal: { type: "AWS", id: ROOT }, action: "kms:GenerateDataKey" }).decision, "allowed");
        });

        it("does not assume a conditional Deny applies", () => {
            const d = doc({ Statement: [
                { Effect: "Allow", Principal: "*", Action: "kms:*" },
                { Effect: "Deny", Principal: "*", Action: "kms:*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ] });
            assert.strictEqual(evaluate(d, logsRequest("kms:Decrypt")).decision, "allowed");
        });

        it("checks Resource only when the request names one", () => {
            const d = grant({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" });
            assert.strictEqual(evaluate(d, { principal: LOGS, action: "s3:GetObject", resource: "arn:aws:s3:::site/index.html" }).decision, "allowed");
            assert.strictEqual(evaluate(d, { principal: LOGS, action: "s3:GetObject", resource: "arn:aws:s3:::other/x" }).decision, "missing");
            assert.strictEqual(evaluate(d, { principal: LOGS, action: "s3:GetObject" }).decision, "allowed");
        });

        it("accepts conditions unless one provably excludes the given context value", () => {
            const KEY = "kms:EncryptionContext:aws:logs:arn";
            const group = "arn:aws:logs:us-east-1:*:log-group:/aws/apigateway/app";
            const lambdaOnly = grant({ Effect: "Allow", Principal: { Service: LOGS.id }, Action: "kms:*", Condition: { ArnLike: { [KEY]: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/*" } } });
            const e = evaluate(lambdaOnly, logsRequest("kms:Decrypt", { [KEY]: group }));
            assert.strictEqual(e.decision, "missing");
            assert.deepStrictEqual(e.excludedBy.map(s => s.index), [0]);
            // A pattern that can match, an exact value for a known ARN, an unknown key, an unevaluated operator.
            const cases: [string, unknown][] = [
                ["ArnLike", "arn:aws:logs:us-east-1:111122223333:log-group:*"],
                ["ArnEquals", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/apigateway/app"],
                ["ArnLike", ["arn:x", "arn:aws:logs:*:*:*"]],
                ["StringLike", "${aws:SourceArn}"],
                ["ArnNotLike", "arn:aws:logs:*:*:log-group:/aws/apigateway/*"],
            ];
            for (const [operator, value] of cases) {
                const d = grant({ Effect: "Allow", Principal: { Service: LOGS.id }, Action: "kms:*", Condition: { [operator]: { [KEY]: value } } });
                assert.strictEqual(evaluate(d, logsRequest("kms:Decrypt", { [KEY.toLowerCase()]: group })).decision, "allowed", `${operator} ${JSON.stringify(value)}`);
            }
            const other = grant({ Effect: "Allow", Principal: "*", Action: "kms:*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } });
            assert.strictEqual(evaluate(other, logsRequest("kms:Decrypt", { [KEY]: group })).decision, "allowed");
            assert.strictEqual(evaluateConditions(other.statements[0], {}), "undetermined");
            assert.strictEqual(evaluateConditions(other.statements[0], { "KMS:CallerAccount": "111122223333" }), "satisfied");
            assert.strictEqual(evaluateConditions(other.statements[0], { "kms:calleraccount": "999999999999" }), "excluded");
        });

        it("says unknown when an unknown part could decide, and still decides what is certain", () => {
            const unknownPrincipal = grant({ Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "kms:*" });
            assert.strictEqual(evaluate(unknownPrincipal, logsRequest("kms:Decrypt")).decision, "unknown");
            const unknownAction = grant({ Effect: "Allow", Principal: "*", Action: [UNKNOWN] });
            assert.strictEqual(evaluate(unknownAction, logsRequest("kms:Decrypt")).decision, "unknown");
            assert.strictEqual(evaluate(doc({ Statement: UNKNOWN }), logsRequest("kms:Decrypt")).decision, "unknown");
            const unknownDeny = doc({ Statement: [
                { Effect: "Allow", Principal: "*", Action: "kms:*" },
                { Effect: "Deny", Principal: { AWS: UNKNOWN }, Action: "kms:*" },
            ] });
            assert.strictEqual(evaluate(unknownDeny, logsRequest("kms:Decrypt")).decision, "unknown");
            const certainDeny = doc({ Statement: [
                { Effect: "Deny", Principal: "*", Action: "kms:*" },
                { Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "kms:*" },
            ] });
            assert.strictEqual(evaluate(certainDeny, logsRequest("kms:Decrypt")).decision, "denied");
            const certainAllow = doc({ Statement: [
                { Effect: "Allow", Principal: "*", Action: "kms:*" },
                { Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "kms:*" },
            ] });
            assert.strictEqual(evaluate(certainAllow, logsRequest("kms:Decrypt")).decision, "allowed");
        });

        it("ignores statements without a valid Effect or without a principal", () => {
            const d = doc({ Statement: [{ Effect: "allow", Principal: "*", Action: "kms:*" }, { Effect: "Allow", Action: "kms:*" }] });
            assert.strictEqual(evaluate(d, logsRequest("kms:Decrypt")).decision, "missing");
        });
    });
});
