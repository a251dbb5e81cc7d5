import * as assert from "assert";
import { closest, configProblems, ConfigurablePolicy, packConfigProblems, STRICT_CONFIG } from "../../../lib/framework/config";
import { allPolicies } from "../../../policies";

const strict = (policy: ConfigurablePolicy): ConfigurablePolicy => ({ ...policy, [STRICT_CONFIG]: true } as ConfigurablePolicy);

const bucketNames = strict({
    name: "names",
    configSchema: {
        properties: {
            allowDots: { type: "boolean", default: true },
            pattern: { type: "string" },
            consumers: {
                type: "array",
                items: { type: "object", properties: { type: { type: "string" } }, required: ["type"], additionalProperties: false },
            },
            maxDays: { type: "integer", minimum: 0 },
        },
    },
    remediateResource: () => undefined,
});

describe("policy config validation", () => {
    it("accepts valid options, defaults included, and no options at all", () => {
        assert.deepStrictEqual(configProblems(bucketNames, {}), []);
        assert.deepStrictEqual(configProblems(bucketNames, { allowDots: false, pattern: "^a", consumers: [{ type: "x" }], maxDays: 0 }), []);
    });

    it("names a misspelt option, what it probably meant and every allowed option", () => {
        assert.deepStrictEqual(configProblems(bucketNames, { allowdots: false }), [
            "unknown option \"allowdots\" (did you mean \"allowDots\"?); options: allowDots (boolean), pattern (string), " +
            "consumers (array of object), maxDays (integer)",
        ]);
        assert.match(configProblems(bucketNames, { zzzzzzzz: 1 })[0], /^unknown option "zzzzzzzz"; options: /, "no guess when nothing is close");
        assert.deepStrictEqual(configProblems(strict({ name: "none" }), { x: 1 }), ["unknown option \"x\"; it takes no options"]);
        const foreign = { name: "theirs", configSchema: { properties: {} } };
        assert.deepStrictEqual(packConfigProblems([foreign], new Map([["theirs", { level: "advisory", options: { x: 1 } }]])), [],
            "at Configure, policies not built by this framework keep the CLI's rule: extra keys are allowed");
    });

    it("names wrong types, nested ones too, with the value given", () => {
        assert.deepStrictEqual(configProblems(bucketNames, { allowDots: "false" }),
            ["option \"allowDots\" must be boolean (expected boolean), got \"false\""]);
        assert.deepStrictEqual(configProblems(bucketNames, { allowDots: null }),
            ["option \"allowDots\" must be boolean (expected boolean), got null"], "null is not a default (the CLI refuses it too)");
        assert.deepStrictEqual(configProblems(bucketNames, { maxDays: -1 }), ["option \"maxDays\" must be >= 0 (expected integer), got -1"]);
        assert.deepStrictEqual(configProblems(bucketNames, { consumers: [{ type: 1 }] }), ["option \"consumers.0.type\" must be string, got 1"]);
        assert.deepStrictEqual(configProblems(bucketNames, { consumers: [{ typ: "x" }] }),
            ["option \"consumers.0\" must have required property 'type', got {\"typ\":\"x\"}", "option \"consumers.0\" has an unknown key \"typ\""]);
        assert.deepStrictEqual(configProblems(bucketNames, { pattern: "x".repeat(100) }), []);
        assert.match(configProblems(bucketNames, { allowDots: "x".repeat(100) })[0], /got "x{36}\.\.\.$/, "long values are cut");
    });

    it("refuses remediate without remediation, unknown policy names, and leaves 'all' alone", () => {
        const stack = strict({ name: "stacky", configSchema: { properties: {} }, validateStack: () => undefined });
        const plain = strict({ name: "plain", configSchema: { properties: {} } });
        const config = new Map([
            ["names", { level: "remediate", options: { allowDots: true } }],
            ["stacky", { level: "remediate", options: {} }],
            ["plain", { level: "remediate", options: {} }],
            ["nmaes", { level: "advisory", options: {} }],
            ["all", { level: "mandatory", options: {} }],
        ]);
        assert.deepStrictEqual(packConfigProblems([bucketNames, stack, plain], config), [
            "stacky: enforcement level \"remediate\" is not supported (a stack policy); use advisory, mandatory, disabled",
            "plain: enforcement level \"remediate\" is not supported (it has no automatic fix); use advisory, mandatory, disabled",
            "nmaes: no such policy in this pack (did you mean \"names\"?)",
        ]);
    });

    it("suggests the closest name by edit distance, ignoring case", () => {
        assert.strictEqual(closest("ALLOWDOTS", ["allowDots", "pattern"]), "allowDots");
        assert.strictEqual(closest("s3-bucket-name-vaild", allPolicies.map(p => p.metadata.name)), "s3-bucket-name-valid");
        assert.strictEqual(closest("unrelated", ["allowDots"]), undefined);
    });

    it("every policy of the pack: its defaults are valid config, so the CLI's defaults never trip the check", () => {
        for (const { policy } of allPolicies) {
            const properties = policy.configSchema?.properties ?? {};
            const defaults = Object.fromEntries(Object.entries(properties).filter(([, s]) => s.default !== undefined).map(([k, s]) => [k, s.default]));
            assert.deepStrictEqual(configProblems(strict(policy as ConfigurablePolicy), defaults), [], policy.name);
        }
    });
});

describe("listNames (one cause, one finding)", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { listNames } = require("../../../lib/framework/summary") as typeof import("../../../lib/framework/summary");
    it("lists a few names and counts the rest", () => {
        assert.strictEqual(listNames([]), "");
        assert.strictEqual(listNames(["a"]), "a");
        assert.strictEqual(listNames(["a", "b", "a"]), "a and b");
        assert.strictEqual(listNames(["a", "b", "c", "d", "e", "f"]), "a, b, c, d, e and f", "no \"and 1 more\"");
        assert.strictEqual(listNames(Array.from({ length: 34 }, (_, i) => `r${i}`)), "r0, r1, r2, r3, r4 and 29 more");
        assert.strictEqual(listNames(["a", "b", "c"], 1), "a and 2 more");
    });
});
