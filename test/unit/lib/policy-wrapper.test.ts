import * as assert from "assert";
import { resourcePolicy, stackPolicy } from "../../../lib/framework/policy";
import { regionOf } from "../../../lib/aws/region";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { record, validateResource, validateStack } from "../../harness/policy-harness";

const TYPE = "aws:test/thing:Thing";
const base = {
    description: "Things must be fine.",
    enforcementLevel: "mandatory" as const,
    severity: "high" as const,
    tags: ["test"],
    remediationSteps: "Make the thing fine.",
    resourceTypes: [TYPE],
    docs: { failure: "It breaks." },
};

describe("policy wrapper", () => {
    it("contains an exception as one advisory naming the policy, the resource and the error, scrubbed of secrets", () => {
        const crashing = resourcePolicy<{}>({
            ...base, name: "crashing", config: {},
            validate: ctx => { throw new TypeError(`boom near ${String(ctx.props.string("token"))}`); },
        });
        const reported = validateResource(crashing, { type: TYPE, name: "thing1", properties: { token: secret("tok-123456789") } });
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /^aws-preflight could not finish 'crashing' on thing1 \(aws:test\/thing:Thing\) and skipped it: a bug in the pack, not in your program; please report it\.\n\nTypeError: boom near \[secret\]$/);
        assert.ok(!reported[0].message.includes("tok-123456789"));
    });

    it("contains exceptions of stack policies too", () => {
        const crashing = stackPolicy<{}>({ ...base, name: "crashing-stack", config: {}, validate: () => { throw new Error("bad"); } });
        const reported = validateStack(crashing, [record(TYPE, "a", {})]);
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /could not finish 'crashing-stack' on the stack and skipped it: .*\n\nError: bad$/);
    });

    it("ignores other resource types and formats the path of a finding", () => {
        const reporting = resourcePolicy<{}>({
            ...base, name: "reporting", config: {},
            validate: ctx => ctx.report({ path: ["blockDeviceMappings", 0, "ebs", "kmsKeyId"], message: "missing." }),
        });
        assert.deepStrictEqual(validateResource(reporting, { type: "aws:other/x:X", properties: {} }), []);
        const [finding] = validateResource(reporting, { type: TYPE, properties: {} });
        // The CLI shows the policy name and then the message alone, never the description: no description prefix.
        assert.strictEqual(finding.message, "blockDeviceMappings[0].ebs.kmsKeyId: missing.");
        assert.strictEqual(finding.level, "mandatory");
    });

    it("advisory findings are downgraded, others keep the configured level", () => {
        const both = resourcePolicy<{}>({
            ...base, name: "both", config: {},
            validate: ctx => { ctx.report({ message: "note", advisory: true }); ctx.report({ message: "real" }); },
        });
        assert.deepStrictEqual(validateResource(both, { type: TYPE, properties: {} }).map(r => r.level), ["advisory", "mandatory"]);
    });

    it("fills config defaults; a policy whose config is invalid does not run and says so once", () => {
        const seen: unknown[] = [];
        const configured = resourcePolicy<{ flag: boolean; names: string[]; limit?: number }>({
            ...base, name: "configured",
            config: {
                flag: { type: "boolean", default: true },
                names: { type: "array", items: { type: "string" }, default: [] },
                limit: { type: "integer" },
            },
            validate: ctx => { seen.push(ctx.config); },
        });
        validateResource(configured, { type: TYPE, properties: {} });
        validateResource(configured, { type: TYPE, properties: {} }, { flag: false, names: ["a"], limit: 3 });
        assert.deepStrictEqual(seen, [
            { flag: true, names: [], limit: undefined },
            { flag: false, names: ["a"], limit: 3 },
        ]);
        const bad = { flag: "no", names: "a", limit: 1.5, flgs: true };
        const [finding, ...more] = validateResource(configured, { type: TYPE, properties: {} }, bad);
        assert.deepStrictEqual(more, []);
        assert.strictEqual(finding.level, "mandatory", "a misconfigured policy must not pass silently, whatever its level");
        assert.strictEqual(finding.message, "configured did not run: its policy pack config is invalid; fix --policy-pack-config.\n\n" +
            "- unknown option \"flgs\" (did you mean \"flag\"?); options: flag (boolean), names (array of string), limit (integer)\n" +
            "- option \"flag\" must be boolean (expected boolean), got \"no\"\n" +
            "- option \"names\" must be array (expected array of string), got \"a\"\n" +
            "- option \"limit\" must be integer (expected integer), got 1.5");
        assert.deepStrictEqual(validateResource(configured, { type: TYPE, properties: {} }, bad), [], "one cause, one finding");
        assert.strictEqual(seen.length, 2, "the policy never ran with defaults instead");
        assert.strictEqual(validateResource(configured, { type: TYPE, properties: {} }, { names: [1] }).length, 1);
    });

    it("resolves the region from the resource, the provider, stack config, then the environment", () => {
        const regions: unknown[] = [];
        const regional = resourcePolicy<{}>({ ...base, name: "regional", config: {}, validate: ctx => { regions.push(regionOf(ctx)); } });
        const provider = (region: unknown) => ({ type: "pulumi:providers:aws", name: "p", urn: "urn:p", properties: region === undefined ? {} : { region } });
        validateResource(regional, { type: TYPE, properties: { region: "eu-west-1" }, provider: provider("us-east-1") });
        validateResource(regional, { type: TYPE, properties: { region: UNKNOWN }, provider: provider("us-east-2") });
        validateResource(regional, { type: TYPE, properties: {}, provider: provider(UNKNOWN) }, {}, { config: { "aws:region": "eu-central-1" } });
        validateResource(regional, { type: TYPE, properties: {}, provider: provider(undefined) }, {}, { config: { "aws:region": "eu-central-1" } });
        const savedRegion = process.env.AWS_REGION;
        process.env.AWS_REGION = "ap-south-1";
        try {
            validateResource(regional, { type: TYPE, properties: {} });
        } finally {
            savedRegion === undefined ? delete process.env.AWS_REGION : process.env.AWS_REGION = savedRegion;
        }
        assert.deepStrictEqual(regions.slice(0, 4).map(r => (r as { source: string }).source), ["resource", "resource", "provider", "stack-config"]);
        assert.strictEqual((regions[0] as { region: string }).region, "eu-west-1");
        assert.strictEqual(typeof (regions[1] as { region: unknown }).region, "symbol",
            "an input region set from another resource's output is unknown, not the provider's");
        assert.strictEqual(typeof (regions[2] as { region: unknown }).region, "symbol", "an unknown provider region is not guessed");
        assert.deepStrictEqual(regions[4], { region: "ap-south-1", source: "environment" });
    });

    it("links stack resources through property dependencies", () => {
        const found: string[] = [];
        const linking = stackPolicy<{}>({
            ...base, name: "linking", config: {},
            validate: ctx => {
                for (const group of ctx.ofType("aws:cloudwatch/logGroup:LogGroup")) {
                    found.push(...group.dependenciesOf("kmsKeyId").map(k => `${group.name}->${k.name}`));
                }
            },
        });
        const key = record("aws:kms/key:Key", "key", {});
        validateStack(linking, [key, record("aws:cloudwatch/logGroup:LogGroup", "logs", { kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [key.urn, "urn:missing"] } })]);
        assert.deepStrictEqual(found, ["logs->key"]);
    });
});

describe("policy wrapper secrets", () => {
    const quoting = resourcePolicy<{}>({
        ...base, name: "quoting", config: {},
        validate: ctx => ctx.report({ message: `region ${String(regionOf(ctx).region)}; doc ${String(ctx.props.string("policy"))}; env ${ctx.stack.config.get("app:token")}` }),
    });

    it("scrubs secret provider properties and secret stack config, not only the resource's own secrets", () => {
        const provider = { type: "pulumi:providers:aws", name: "p", urn: "urn:p", properties: { region: secret("ap-southeast-2") } };
        const saved = process.env.PULUMI_CONFIG_SECRET_KEYS;
        process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(["app:token"]);
        try {
            const [finding] = validateResource(quoting, { type: TYPE, properties: {}, provider }, {}, { config: { "app:token": "tok-0123456789" } });
            assert.ok(!finding.message.includes("ap-southeast-2"), finding.message);
            assert.ok(!finding.message.includes("tok-0123456789"), finding.message);
        } finally {
            saved === undefined ? delete process.env.PULUMI_CONFIG_SECRET_KEYS : process.env.PULUMI_CONFIG_SECRET_KEYS = saved;
        }
    });

    it("keeps the grammar of a secret policy document readable while hiding what identifies its owner", () => {
        const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "kms:*", Resource: "*" }] });
        const reporting = resourcePolicy<{}>({
            ...base, name: "grammar", config: {},
            validate: ctx => ctx.report({ message: `an Allow statement to Principal "*" grants kms:* on "*" (Version 2012-10-17); principal arn:aws:iam::444455556666:root` }),
        });
        const [finding] = validateResource(reporting, { type: TYPE, properties: { policy: secret(doc) } });
        assert.match(finding.message, /an Allow statement to Principal "\*" grants kms:\* on "\*" \(Version 2012-10-17\)/);
        assert.ok(!finding.message.includes("444455556666"), finding.message);
    });
});
