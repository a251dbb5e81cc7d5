// A long program value (5,000 characters) cannot push a headline past 160 characters: every builder below cuts the
// values it quotes (lib/framework/quote.ts), and the framework cuts long path keys. Without the cut each fails.
import * as assert from "assert";
import { cutText, quoteInHeadline, quoteValue } from "../../../lib/framework/quote";
import { headline, length, TARGETS } from "../../../lib/runner/message-lengths";
import { availabilityZoneInRegion } from "../../../policies/regions/availability-zone-in-region";
import { s3BucketNameValid } from "../../../policies/s3/s3-bucket-name-valid";
import { ebsEncryptionExplicitKmsKey } from "../../../policies/ebs/ebs-encryption-explicit-kms-key";
import { iamPolicyDocumentValid } from "../../../policies/iam/iam-policy-document-valid";
import { lambdaEnvironmentNoReservedKeys } from "../../../policies/lambda/lambda-environment-no-reserved-keys";
import { validateResource } from "../../harness/policy-harness";

const LONG = "a".repeat(5000);
const STACK = { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } };

function assertShort(messages: readonly string[], what: string): void {
    assert.ok(messages.length > 0, `${what}: reported`);
    for (const message of messages) {
        const h = headline(message);
        assert.ok(length(h) <= TARGETS.headline, `${what}: headline of ${length(h)} characters: ${h.slice(0, 300)}`);
    }
}

describe("headlines stay short with 5,000-character values", () => {
    it("quote helpers cut long values", () => {
        assert.strictEqual(quoteValue("abc"), "\"abc\"");
        assert.ok(length(quoteInHeadline(LONG)) < 100);
        assert.strictEqual(cutText("short", 10), "short");
        assert.strictEqual(cutText("abcdefghij", 4), "abcd…");
        assert.strictEqual(cutText("ab\u{1F600}cd", 3), "ab…", "never splits a surrogate pair");
    });

    it("availability-zone-in-region", () => {
        const reported = validateResource(availabilityZoneInRegion,
            { type: "aws:ec2/subnet:Subnet", properties: { availabilityZone: `eu-west-1-${LONG}` } }, {}, STACK);
        assertShort(reported.map(r => r.message), "zone");
    });

    it("s3-bucket-name-valid", () => {
        const reported = validateResource(s3BucketNameValid, { type: "aws:s3/bucket:Bucket", properties: { bucket: `My_${LONG}` } }, {}, STACK);
        assertShort(reported.map(r => r.message), "bucket");
    });

    it("ebs-encryption-explicit-kms-key", () => {
        const reported = validateResource(ebsEncryptionExplicitKmsKey,
            { type: "aws:ebs/volume:Volume", properties: { availabilityZone: "us-east-1a", encrypted: true, kmsKeyId: `not a key ${LONG}` } }, {}, STACK);
        assertShort(reported.map(r => r.message), "key");
    });

    it("iam-policy-document-valid, including a long condition key in the path", () => {
        const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: LONG,
            Condition: { StringEquals: { [`s3:${LONG}`]: "x" } } }] });
        const reported = validateResource(iamPolicyDocumentValid, { type: "aws:iam/policy:Policy", properties: { policy } }, {}, STACK);
        assertShort(reported.map(r => r.message), "document");
    });

    it("a long map key in a finding's path is cut (lambda-environment-no-reserved-keys's size finding)", () => {
        const reported = validateResource(lambdaEnvironmentNoReservedKeys,
            { type: "aws:lambda/function:Function", properties: { environment: { variables: { [LONG]: "x" } } } }, {}, STACK);
        assertShort(reported.map(r => r.message), "environment");
    });
});
