import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { route53ZoneNameNotReserved as policy } from "../../../policies/route53/route53-zone-name-not-reserved";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { reservedDomainOf } from "../../../lib/aws/route53/reserved-domains";

const ZONE = "aws:route53/zone:Zone";
const STACK = { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } };
const check = (type: string, properties: Record<string, unknown>) => validateResource(policy, { type, properties });
const checkProgram = async (fn: () => void) => (await recordProgram(fn, STACK))
    .filter(r => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers"))
    .flatMap(r => check(r.type, r.properties));

/** The one message matching `pattern` (the recording order is not the program's). */
const pick = (reported: readonly { message: string }[], pattern: RegExp) => {
    const found = reported.filter(r => pattern.test(r.message));
    assert.strictEqual(found.length, 1, `${pattern} in ${JSON.stringify(reported.map(r => r.message))}`);
    return found[0].message;
};

describe("route53-zone-name-not-reserved", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "route53-zone-name-not-reserved");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.kind, "resource");
    });

    it("reports example.com and names under it, in any case and with a trailing dot, with Route 53's error", async () => {
        const reported = await checkProgram(() => {
            new aws.route53.Zone("a", { name: "example.com" });
            new aws.route53.Zone("b", { name: "API.Staging.Example.COM." });
            new aws6.route53.Zone("c", { name: "example.com." });
        });
        assert.strictEqual(reported.length, 3, JSON.stringify(reported));
        const apexes = reported.filter(r => /^name: example\.com is/.test(r.message)).map(r => r.message);
        assert.strictEqual(apexes.length, 2, "with and without the trailing dot");
        const apex = apexes[0];
        assert.match(apex, /^name: example\.com is reserved by AWS; use a domain you own, e\.g\. "test\.<your-domain>"\.$/m);
        assert.match(apex, /"InvalidDomainName: example\.com is reserved by AWS!"/);
        const sub = pick(reported, /api\.staging/);
        assert.match(sub, /^name: "api\.staging\.example\.com" is under example\.com, which is reserved by AWS; use a domain you own, e\.g\. "api\.staging\.<your-domain>"\.$/m);
        assert.match(sub, /InvalidDomainName: api\.staging\.example\.com is reserved by AWS!/);
        assert.ok(reported.every(r => r.level === "mandatory"));
    });

    it("is advisory where the refusal is not verified: example.net, example.org, private zones and namespaces", async () => {
        const reported = await checkProgram(() => {
            new aws.route53.Zone("net", { name: "example.net" });
            new aws.route53.Zone("org", { name: "docs.example.org" });
            new aws.route53.Zone("private", { name: "internal.example.com", vpcs: [{ vpcId: "vpc-0123456789abcdef0" }] });
            new aws.servicediscovery.PrivateDnsNamespace("ns", { name: "svc.example.com", vpc: "vpc-0123456789abcdef0" });
        });
        assert.strictEqual(reported.length, 4, JSON.stringify(reported));
        assert.ok(reported.every(r => r.level === "advisory"), JSON.stringify(reported));
        assert.match(pick(reported, /example\.net/), /^name: example\.net is reserved for documentation; use a domain you own/m);
        assert.match(pick(reported, /example\.net/), /likely but not verified/);
        assert.match(pick(reported, /internal\.example/), /whether private zones are refused too is not verified/);
    });

    it("reports a public Cloud Map namespace (it creates a hosted zone); own domains and look-alikes are clean (the fix)", async () => {
        assert.strictEqual((await checkProgram(() => {
            new aws.servicediscovery.PublicDnsNamespace("ns", { name: "svc.example.com" });
        }))[0].level, "mandatory");
        assert.deepStrictEqual(await checkProgram(() => {
            new aws.route53.Zone("a", { name: "test.acme-corp.com" });
            new aws.route53.Zone("b", { name: "myexample.com" });
            new aws.route53.Zone("c", { name: "example.com.au" });
            new aws.route53.Zone("d", { name: "example.co" });
            new aws.servicediscovery.PublicDnsNamespace("ns", { name: "svc.acme-corp.com" });
        }), []);
        assert.strictEqual(reservedDomainOf("notexample.com"), undefined);
    });

    it("stays silent on unknown, secret and wrong-shaped names, never showing a secret", () => {
        for (const name of [UNKNOWN, secret("app.example.com"), 42, ["example.com"], { a: "example.com" }, null, "", "   "]) {
            assert.deepStrictEqual(check(ZONE, { name }), [], JSON.stringify(name));
        }
        for (const vpcs of [UNKNOWN, "vpc-1", [null], {}]) {
            const reported = check(ZONE, { name: "example.com", vpcs });
            assert.strictEqual(reported.length, 1);
        }
        const long = `${"a".repeat(200)}.example.com`;
        assert.ok(check(ZONE, { name: long })[0].message.length < 600);
    });
});
