import * as assert from "assert";
import { checkExpectations, ExampleSpec, redactForbidden, ReportedDiagnostic } from "../../../lib/runner/examples";

const TOKEN = "Zq8-kL2!mN4#pR6&tV9x";

function diagnostic(message: string, policyName = "elasticache-auth-token-requires-transit-encryption"): ReportedDiagnostic {
    return {
        policyName, policyPackName: "aws-preflight", description: "", message, enforcementLevel: "mandatory", severity: 3,
        urn: "urn:pulumi:dev::app::aws:elasticache/replicationGroup:ReplicationGroup::sessions",
        resourceName: "sessions", resourceType: "aws:elasticache/replicationGroup:ReplicationGroup", phase: "analyze",
    };
}

const expectation = {
    policy: "elasticache-auth-token-requires-transit-encryption", resource: "sessions", level: "mandatory",
    messageIncludes: ["Set transitEncryptionEnabled: true"],
};

describe("examples harness: checkExpectations", () => {
    it("passes a diagnostic that has the included texts and none of the excluded ones", () => {
        const spec: ExampleSpec = { description: "", expect: [{ ...expectation, messageExcludes: [TOKEN] }], neverInMessages: [TOKEN] };
        assert.deepStrictEqual(checkExpectations(spec, [diagnostic("set, but ... Set transitEncryptionEnabled: true.")], []), []);
    });

    it("messageExcludes: fails when the matching diagnostic contains the text, without printing it", () => {
        const spec: ExampleSpec = { description: "", expect: [{ ...expectation, messageExcludes: ["unrelated", TOKEN] }] };
        const problems = checkExpectations(spec, [diagnostic(`token ${TOKEN}. Set transitEncryptionEnabled: true.`)], []);
        assert.deepStrictEqual(problems, [
            "'elasticache-auth-token-requires-transit-encryption' diagnostic on sessions contains messageExcludes[1] (text not shown)",
        ]);
    });

    it("neverInMessages: fails on any diagnostic containing the text, expected or not, without printing it", () => {
        const spec: ExampleSpec = { description: "", expect: [expectation], neverInMessages: [TOKEN] };
        const leaking = diagnostic(`Set transitEncryptionEnabled: true (${TOKEN})`);
        const other = diagnostic(`the token ${TOKEN} again`, "some-other-policy");
        const problems = checkExpectations(spec, [leaking, other], []);
        assert.strictEqual(problems.length, 3, problems.join("\n"));
        assert.ok(problems.includes("'elasticache-auth-token-requires-transit-encryption' diagnostic on sessions contains neverInMessages[0] (text not shown)"));
        assert.ok(problems.includes("'some-other-policy' diagnostic on sessions contains neverInMessages[0] (text not shown)"));
        assert.ok(problems.some(p => /^unexpected mandatory 'some-other-policy'/.test(p)), "an unlisted diagnostic is still unexpected");
        for (const problem of problems) {
            assert.ok(!problem.includes(TOKEN), problem);
        }
    });

    it("without absence texts, a diagnostic containing the token is not a problem (the checks are opt-in)", () => {
        const spec: ExampleSpec = { description: "", expect: [expectation] };
        assert.deepStrictEqual(checkExpectations(spec, [diagnostic(`${TOKEN}. Set transitEncryptionEnabled: true.`)], []), []);
    });

    it("redactForbidden replaces every excluded text for printing", () => {
        const spec: ExampleSpec = { description: "", expect: [{ ...expectation, messageExcludes: ["abc"] }], neverInMessages: [TOKEN, ""] };
        assert.strictEqual(redactForbidden(spec, `${TOKEN} and abc and ${TOKEN}`), "[excluded text] and [excluded text] and [excluded text]");
    });
});
