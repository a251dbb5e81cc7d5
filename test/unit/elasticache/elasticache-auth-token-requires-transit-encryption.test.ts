import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { elasticacheAuthTokenRequiresTransitEncryption as policy } from "../../../policies/elasticache/elasticache-auth-token-requires-transit-encryption";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const TOKEN = "Zq8-kL2!mN4#pR6&tV";

function group(args: Record<string, unknown>) {
    const base: aws.elasticache.ReplicationGroupArgs = { description: "cache", engine: "redis", nodeType: "cache.t4g.micro", numCacheClusters: 2 };
    return validateResource(policy, { type: GROUP, properties: { ...base, ...args } });
}

/** Neither the token, nor any 6-character piece of it, nor its length may appear. */
function assertNoToken(messages: readonly string[], token: string) {
    for (const message of messages) {
        assert.ok(!message.includes(token), message);
        for (let i = 0; i + 6 <= token.length; i++) {
            assert.ok(!message.includes(token.slice(i, i + 6)), `piece ${token.slice(i, i + 6)} in ${message}`);
        }
        assert.ok(!new RegExp(`\\b${token.length}\\b`).test(message), `length ${token.length} in ${message}`);
    }
}

describe("elasticache-auth-token-requires-transit-encryption", () => {
    it("has its public metadata", () => {
        const p = policy.policy;
        assert.strictEqual(p.name, "elasticache-auth-token-requires-transit-encryption");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), []);
        assert.deepStrictEqual(policy.metadata.resourceTypes, [GROUP]);
    });

    it("reports a recorded secret auth token without transit encryption, never printing the token", async () => {
        const records = await recordProgram(() => {
            new aws.elasticache.ReplicationGroup("sessions", {
                description: "sessions", engine: "redis", nodeType: "cache.t4g.micro", numCacheClusters: 2,
                authToken: TOKEN, // the provider marks authToken secret
            });
        }, { project: "app", stack: "dev" });
        const record = records.find(r => r.type === GROUP)!;
        const reported = validateResource(policy, record);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^authToken: set, but transitEncryptionEnabled is not set \(default false\): set transitEncryptionEnabled: true, or remove authToken\./m);
        assert.match(reported[0].message, /rejects the group when pulumi up creates it/);
        assert.strictEqual(reported[0].level, "mandatory");
        assertNoToken(reported.map(r => r.message), TOKEN);
    });

    it("reports transitEncryptionEnabled: false and the write-only token too", () => {
        const reported = group({ authToken: TOKEN, transitEncryptionEnabled: false });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /transitEncryptionEnabled is false/);
        const wo = group({ authTokenWo: TOKEN, authTokenWoVersion: 1 });
        assert.strictEqual(wo.length, 1);
        assert.match(wo[0].message, /^authTokenWo: /m);
        assertNoToken([...reported, ...wo].map(r => r.message), TOKEN);
    });

    it("a token that will be generated (unknown) still needs transit encryption", () => {
        const reported = group({ authToken: UNKNOWN });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /transitEncryptionEnabled is not set/);
    });

    it("applying the fix is clean", () => {
        assert.deepStrictEqual(group({ authToken: TOKEN, transitEncryptionEnabled: true }), []);
        assert.deepStrictEqual(group({ authToken: secret(TOKEN), transitEncryptionEnabled: "true" }), []);
        assert.deepStrictEqual(group({ authToken: UNKNOWN, transitEncryptionEnabled: true }), []);
        assert.deepStrictEqual(group({}), [], "no token, no transit encryption needed");
        assert.deepStrictEqual(group({ authToken: "" }), [], "an empty token is no token");
    });

    it("stays silent while transit encryption is unknown", () => {
        assert.deepStrictEqual(group({ authToken: TOKEN, transitEncryptionEnabled: UNKNOWN }), []);
    });

    it("reports each broken token rule by name, without the token or its length", () => {
        const cases: [string, RegExp][] = [
            ["Qx7-Wp3", /shorter than 16 characters/],
            ["x".repeat(129), /longer than 128 characters/],
            ["Qx7/Wp3zK9vLm2Rt8", /contains a character other than letters, digits and ! & # \$ \^ < > -/],
            ["Qx7\"Wp3zK9vLm2Rt8", /character other than letters, digits/],
            ["Qx7@Wp3zK9vLm2Rt8", /character other than letters, digits/],
            ["Qx7 Wp3zK9vLm2Rt8", /character other than letters, digits/],
            ["Qx7\tWp3zK9vLm2Rt8", /character other than letters, digits/],
            ["Qx7üWp3zK9vLm2Rt8", /character other than letters, digits/],
        ];
        // Every other printable special character is forbidden too (CreateReplicationGroup AuthToken constraints).
        for (const c of "%'()*+,.:;=?[]_`{|}~\\") {
            cases.push([`Qx7${c}Wp3zK9vLm2Rt8`, /character other than letters, digits and ! & # \$ \^ < > -/]);
        }
        for (const [token, pattern] of cases) {
            for (const value of [token, secret(token)]) {
                const reported = group({ authToken: value, transitEncryptionEnabled: true });
                assert.strictEqual(reported.length, 1, token);
                assert.match(reported[0].message, /^authToken: the token \(not shown\) breaks the AUTH token rules: use 16 to 128 characters/m);
                assert.match(reported[0].message, pattern, token);
                assert.match(reported[0].message, /RandomPassword\("redis-auth", \{ length: 32, overrideSpecial: "!&#\$\^<>-" \}\)/);
                assertNoToken([reported[0].message], token);
            }
        }
        const both = group({ authToken: "a b" });
        assert.strictEqual(both.length, 2, "transit encryption and token rules are separate findings");
        assertNoToken(both.map(r => r.message), "a b");
    });

    it("accepts tokens at the limits, with every permitted special character", () => {
        for (const token of ["a".repeat(16), "a".repeat(128), "!&#$^<>-Zq8kL2mN4pR6tV", "AZaz09!&#$^<>-xy"]) {
            assert.deepStrictEqual(group({ authToken: token, transitEncryptionEnabled: true }), [], token);
        }
    });

    it("rejects each printable special character AWS does not permit, never naming it", () => {
        for (const c of "%'()*+,.:;=?[]_`{|}~\\/\"@ ") {
            const token = `Zq8kL2mN4pR6tV${c}xy`; // 17 characters: not a length the message names
            const reported = group({ authToken: secret(token), transitEncryptionEnabled: true });
            assert.strictEqual(reported.length, 1, JSON.stringify(c));
            assert.match(reported[0].message, /character other than letters, digits and ! & # \$ \^ < > -/);
            assert.ok(!reported[0].message.includes(`'${c}'`) && !reported[0].message.includes(`"${c}"`), reported[0].message);
            assertNoToken([reported[0].message], token);
        }
    });

    it("never throws on wrong shapes", () => {
        for (const args of [{ authToken: 42 }, { authToken: {} }, { authToken: [null] }, { authToken: null },
            { authToken: TOKEN, transitEncryptionEnabled: "yes" }, { transitEncryptionEnabled: [true] }]) {
            const reported = group(args);
            assert.ok(reported.every(r => !/could not finish/.test(r.message)), JSON.stringify(reported));
        }
        assert.deepStrictEqual(group({ authToken: 42 }), [], "a non-string token is not judged");
        assert.strictEqual(group({ authToken: TOKEN, transitEncryptionEnabled: "yes" }).length, 1, "an unreadable flag is not true");
    });
});
