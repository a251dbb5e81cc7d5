// Every registered policy, against generated property bags of random shapes: nulls, wrong types, unknowns of
// every kind (nested too), huge strings, secrets, JSON documents. Asserts: no policy throws (not even an
// exception the wrapper would contain), and no secret value appears in any message, in any letter case.
// New policies are covered automatically; the property names tried come from the policies' own compiled code.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { allPolicies } from "../../policies";
import { PreflightPolicy } from "../../lib/framework/policy";
import { PACK_DIR, ResourceRecord, secret, SECRET_SIG_KEY, urnOf } from "../../lib/runner/engine";
import { recordAllExamples } from "../../lib/runner/examples";
import { Reported, remediateResource, validateResource, validateStack } from "../harness/policy-harness";

const UNKNOWN_SENTINELS = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "3eeb2bf0-c639-47a8-9e75-3b44932eb421", "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "030794c1-ac77-496b-92df-f27374a8bd58", "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
// A fixed seed keeps `npm test` reproducible; FUZZ_SEED=random explores new inputs (the seed of a failure is printed).
if (process.env.FUZZ_SEED !== "random") {
    fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261123) });
}

/** camelCase string literals in the compiled pack: the property names policies read, plus some noise. */
function propertyNamesUsedByPolicies(): string[] {
    const names = new Set<string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name.endsWith(".js")) {
                for (const match of fs.readFileSync(full, "utf8").matchAll(/["'`]([a-z][A-Za-z0-9]{1,40})["'`]/g)) {
                    names.add(match[1]);
                }
            }
        }
    };
    walk(path.join(PACK_DIR, "bin", "policies"));
    walk(path.join(PACK_DIR, "bin", "lib"));
    return [...names].sort();
}

const SECRET_MARK = "zq";
const secretText = fc.stringMatching(/^[A-Za-z0-9]{6,12}$/).map(s => `${SECRET_MARK}${s}${SECRET_MARK}`);
const scalar = fc.oneof(
    fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 20 }), fc.constantFrom(...UNKNOWN_SENTINELS), fc.constantFrom("true", "false", "*", "", " "),
    fc.constantFrom("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/app", "15.5",
        "postgres", "redis", "7", "nodejs14.x", "ALBRequestCountPerTarget", "TargetTrackingScaling", "us-east-1"),
    fc.integer({ min: 1000, max: 20000 }).map(n => "a".repeat(n)),
);

function documentOf(value: unknown): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: value, Action: "kms:*", Resource: "*" }] });
}

function valueArbitrary(keys: string[]) {
    return fc.letrec(tie => ({
        value: fc.oneof(
            { weight: 5, arbitrary: scalar },
            { weight: 2, arbitrary: secretText.map(s => secret(s)) },
            { weight: 1, arbitrary: scalar.map(v => documentOf(v)) },
            { weight: 1, arbitrary: secretText.map(s => secret(documentOf(s))) },
            { weight: 2, arbitrary: fc.array(tie("value"), { maxLength: 3 }) },
            { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...keys), tie("value"), { maxKeys: 4 }) },
        ),
    })).value;
}

function bagArbitrary(keys: string[]) {
    return fc.dictionary(fc.constantFrom(...keys), valueArbitrary(keys), { maxKeys: 8 }) as fc.Arbitrary<Record<string, unknown>>;
}

function secretsIn(value: unknown, out: string[] = []): string[] {
    const text = JSON.stringify(value) ?? "";
    for (const match of text.matchAll(new RegExp(`${SECRET_MARK}[A-Za-z0-9]+?${SECRET_MARK}`, "g"))) {
        out.push(match[0]);
    }
    return out;
}

function assertClean(policy: PreflightPolicy, reported: readonly Reported[], inputs: unknown): void {
    // Every marked token in the inputs is inside a secret (plain documents use unmarked scalars).
    const secrets = secretsIn(inputs);
    for (const r of reported) {
        assert.ok(!/could not finish/.test(r.message), `${policy.metadata.name} threw: ${r.message}`);
        for (const s of secrets) {
            assert.ok(!r.message.toLowerCase().includes(s.toLowerCase()), `${policy.metadata.name} leaked a secret: ${r.message}`);
        }
    }
}

describe("every policy survives random property shapes and never leaks a secret", function () {
    const keys = [...propertyNamesUsedByPolicies(), "unrelatedProp", "tags"];
    const regions = fc.constantFrom(undefined, "us-east-1", "eu-west-1", "ap-northeast-1", UNKNOWN_SENTINELS[2]);
    const provider = regions.map(region => ({
        type: "pulumi:providers:aws", name: "default", urn: "urn:pulumi:dev::app::pulumi:providers:aws::default",
        properties: region === undefined ? {} : { region, version: "7.48.0" },
    }));

    for (const policy of allPolicies) {
        const types = policy.metadata.resourceTypes;
        if (policy.kind === "resource") {
            it(`${policy.metadata.name} (resource policy)`, () => {
                fc.assert(fc.property(fc.constantFrom(...types), bagArbitrary(keys), provider, (type, properties, prov) => {
                    const resource = { type, properties, provider: prov };
                    assertClean(policy, validateResource(policy, resource), properties);
                    const remediated = remediateResource(policy, resource);
                    if (remediated !== undefined) {
                        assert.strictEqual(typeof remediated, "object");
                    }
                }), { numRuns: RUNS });
            });
        } else {
            it(`${policy.metadata.name} (stack policy)`, () => {
                const stackTypes = [...types, "aws:s3/bucket:Bucket", "pulumi:pulumi:Stack"];
                const resources = fc.array(fc.tuple(fc.constantFrom(...stackTypes), bagArbitrary(keys), provider,
                    fc.array(fc.nat(9), { maxLength: 3 }), fc.constantFrom(...keys)), { maxLength: 10 });
                fc.assert(fc.property(resources, list => {
                    const urns = list.map(([type], i) => urnOf(type, `r${i}`));
                    const records: ResourceRecord[] = list.map(([type, properties, prov, deps, depKey], i) => ({
                        type, name: `r${i}`, urn: urns[i], properties, provider: prov,
                        dependencies: deps.filter(d => d < urns.length).map(d => urns[d]),
                        propertyDependencies: { [depKey]: deps.filter(d => d < urns.length).map(d => urns[d]) },
                    }));
                    assertClean(policy, validateStack(policy, records), list.map(([, properties]) => properties));
                }), { numRuns: RUNS });
            });
        }
    }
});

// The same guarantees on realistic inputs: the resources of every example, as the engine sends them, with a few
// of their values (at any depth) replaced by unknowns, secrets, wrong types, nulls, empty containers or huge
// strings. Secrets carry a marker, so a leak is found also in a derived form (a lowercased "corrected" name).
type Mutation = { at: number; kind: number; marker: string };

const MUTATIONS = [
    (v: unknown, m: string) => UNKNOWN_SENTINELS[m.length % UNKNOWN_SENTINELS.length],
    (v: unknown, m: string) => secret(typeof v === "string" ? `${v}${m}` : v),
    (v: unknown, m: string) => secret(m),
    () => null,
    () => ({}),
    () => [],
    () => [null, null],
    () => 42,
    () => true,
    () => "not-the-shape-you-expect",
    (v: unknown) => typeof v === "string" ? v.repeat(Math.ceil(20000 / Math.max(1, v.length))).slice(0, 20000) : "A_b.-/:*?".repeat(2500),
];

/** Every path in a property tree, except inside a secret's wire wrapper (the engine never sends a broken one). */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (value !== null && typeof value === "object" && !(SECRET_SIG_KEY in value)) {
        for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
            const next = [...prefix, key];
            out.push(next);
            paths(item, next, out);
        }
    }
    return out;
}

function mutate(properties: Record<string, unknown>, mutations: readonly Mutation[]): { properties: Record<string, unknown>; markers: string[] } {
    const copy = JSON.parse(JSON.stringify(properties));
    const markers: string[] = [];
    for (const mutation of mutations) {
        const all = paths(copy);
        if (all.length === 0) {
            break;
        }
        const target = all[mutation.at % all.length];
        let parent = copy;
        for (const key of target.slice(0, -1)) {
            parent = parent[key];
        }
        const key = target[target.length - 1];
        const kind = mutation.kind % MUTATIONS.length;
        if (kind === 1 || kind === 2) {
            markers.push(mutation.marker);
        }
        parent[key] = MUTATIONS[kind](parent[key], mutation.marker);
    }
    return { properties: copy, markers };
}

const mutationArb = fc.record({
    at: fc.nat(10_000),
    kind: fc.nat(MUTATIONS.length - 1),
    marker: fc.stringMatching(/^[A-Za-z0-9]{4}$/).map(s => `Qz${s}`),
});
const SECRET_REGION = "eu-north-1";

function assertNoLeak(policy: PreflightPolicy, reported: readonly Reported[], markers: readonly string[], secretRegion: boolean): void {
    for (const r of reported) {
        assert.ok(!/could not finish/.test(r.message), `${policy.metadata.name} threw: ${r.message}`);
        for (const marker of markers) {
            assert.ok(!r.message.toLowerCase().includes(marker.toLowerCase()), `${policy.metadata.name} leaked a secret: ${r.message}`);
        }
        if (secretRegion) {
            assert.ok(!r.message.includes(SECRET_REGION), `${policy.metadata.name} leaked the provider's secret region: ${r.message}`);
        }
    }
}

describe("every policy survives mutated real resources from examples/ and never leaks a secret", function () {
    let examples: Record<string, ResourceRecord[]> = {};
    before(async function () {
        this.timeout(120_000);
        examples = await recordAllExamples();
    });

    for (const policy of allPolicies) {
        it(`${policy.metadata.name}`, () => {
            const types = new Set(policy.metadata.resourceTypes);
            const stacks = Object.values(examples).filter(records => records.some(r => types.has(r.type)));
            assert.ok(stacks.length > 0, `${policy.metadata.name} has no example in examples/ with a resource it checks`);
            const seeds = stacks.flat().filter(r => types.has(r.type));
            if (policy.kind === "resource") {
                fc.assert(fc.property(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.boolean(),
                    (seed, mutations, secretRegion) => {
                        const { properties, markers } = mutate(seed.properties, mutations);
                        const provider = seed.provider && secretRegion
                            ? { ...seed.provider, properties: { ...seed.provider.properties, region: secret(SECRET_REGION) } }
                            : seed.provider;
                        const resource = { type: seed.type, name: seed.name, urn: seed.urn, properties, provider };
                        assertNoLeak(policy, validateResource(policy, resource), markers, secretRegion && !!seed.provider);
                        remediateResource(policy, resource);
                    }), { numRuns: RUNS });
            } else {
                fc.assert(fc.property(fc.constantFrom(...stacks), fc.array(fc.tuple(fc.nat(1000), mutationArb), { minLength: 1, maxLength: 6 }),
                    (stack, mutations) => {
                        const records = stack.map(r => ({ ...r }));
                        const markers: string[] = [];
                        for (const [which, mutation] of mutations) {
                            const i = which % records.length;
                            const mutated = mutate(records[i].properties, [mutation]);
                            records[i] = { ...records[i], properties: mutated.properties };
                            markers.push(...mutated.markers);
                        }
                        assertNoLeak(policy, validateStack(policy, records), markers, false);
                    }), { numRuns: RUNS });
            }
        });
    }
});
