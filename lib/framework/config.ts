// Policy pack config that is wrong is rejected, never silently replaced by defaults.
//
// What the Pulumi CLI checks itself (pulumi/pulumi pkg/resource/analyzer/config.go, ReconcilePolicyPackConfig): each
// known policy's merged config against {type: "object", properties: <the policy's configSchema>, required}, with a
// JSON Schema validator; so a wrong type fails `pulumi preview` before the pack is configured. What it cannot check:
// the protocol's PolicyConfigSchema carries only `properties` and `required`, so a misspelt option (`allowdots`)
// passes; `remediate` is a valid level for every policy; and a policy name the pack does not have is passed on.
// `installConfigCheck` makes the pack's `Configure` refuse all of these with one error listing every problem; the
// CLI then stops with `configuring policy pack "<pack>" ...: <that error>` before any resource is analyzed.
// `configProblems` is the same check for one policy, which the policy wrapper runs where no such `Configure` came.
import type { ValidateFunction } from "ajv";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/** The policy fields the check reads: those of @pulumi/policy's Policy, as the server holds them. */
export interface ConfigurablePolicy {
    readonly name: string;
    readonly configSchema?: { properties?: Record<string, PolicyConfigJSONSchema>; required?: string[] };
    readonly remediateResource?: unknown;
    readonly validateStack?: unknown;
}

/** Marks policies built by this framework: their options are exactly their schema's properties. */
export const STRICT_CONFIG = Symbol.for("aws-preflight.strictConfig");
/** A policy's own check of what its schema cannot express (a pattern that does not compile); options have defaults. */
export const EXTRA_CONFIG_CHECK = Symbol.for("aws-preflight.extraConfigCheck");
type ExtraCheck = (options: Record<string, unknown>) => string[];

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
const LEVEL_FROM_PROTO: Record<number, string> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const validators = new WeakMap<object, ValidateFunction>();
let ajv: import("ajv").default | undefined;

function validatorFor(properties: Record<string, PolicyConfigJSONSchema>, required: readonly string[]): ValidateFunction {
    const cached = validators.get(properties);
    if (cached) {
        return cached;
    }
    // Loaded on first use: start-up never pays for it.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Ajv: typeof import("ajv").default = require("ajv").default;
    ajv ??= new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile({ type: "object", properties, required: [...required], additionalProperties: false });
    validators.set(properties, validate);
    return validate;
}

function typeOf(schema: PolicyConfigJSONSchema | undefined): string {
    if (!schema || schema.type === undefined) {
        return "any value";
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.map(type => type === "array" && schema.items && !Array.isArray(schema.items) && typeof schema.items === "object"
        ? `array of ${(schema.items as PolicyConfigJSONSchema).type ?? "values"}` : type).join(" or ");
}

function shown(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The closest name by edit distance (at most 3 edits, case ignored), for "did you mean". */
export function closest(name: string, candidates: readonly string[]): string | undefined {
    const distance = (a: string, b: string): number => {
        const row = Array.from({ length: b.length + 1 }, (_, j) => j);
        for (let i = 1; i <= a.length; i++) {
            let previous = row[0];
            row[0] = i;
            for (let j = 1; j <= b.length; j++) {
                const current = row[j];
                row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.length];
    };
    let best: string | undefined;
    let bestDistance = 4;
    for (const candidate of candidates) {
        const d = distance(name.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

/**
 * What is wrong with one policy's options (without `enforcementLevel`), each problem a sentence naming the key and
 * what is allowed. Empty when the options are valid.
 */
export function configProblems(policy: ConfigurablePolicy, options: Record<string, unknown>): string[] {
    const properties = policy.configSchema?.properties ?? {};
    const names = Object.keys(properties);
    const allowed = names.length > 0 ? `options: ${names.map(n => `${n} (${typeOf(properties[n])})`).join(", ")}` : "it takes no options";
    const validate = validatorFor(properties, policy.configSchema?.required ?? []);
    if (validate(options)) {
        const extra = (policy as { [EXTRA_CONFIG_CHECK]?: ExtraCheck })[EXTRA_CONFIG_CHECK];
        return extra ? extra(options) : [];
    }
    const problems: string[] = [];
    for (const error of validate.errors ?? []) {
        const [top, ...rest] = error.instancePath.split("/").slice(1);
        if (error.keyword === "additionalProperties") {
            const key = String((error.params as { additionalProperty: string }).additionalProperty);
            if (top === undefined) {
                const guess = closest(key, names);
                problems.push(`unknown option "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}; ${allowed}`);
            } else {
                problems.push(`option "${[top, ...rest].map(decodeURIComponent).join(".")}" has an unknown key "${key}"`);
            }
            continue;
        }
        const key = top === undefined ? "" : decodeURIComponent(top);
        if (error.keyword === "required" && top === undefined) {
            problems.push(`option "${(error.params as { missingProperty: string }).missingProperty}" is required`);
            continue;
        }
        const where = [key, ...rest].join(".");
        const value = rest.reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], options[key]);
        const expected = rest.length === 0 ? ` (expected ${typeOf(properties[key])})` : "";
        problems.push(`option "${where}" ${error.message}${expected}, got ${shown(value)}`);
    }
    return [...new Set(problems)];
}

/** Problems of one `Configure` entry: its level, then its options (only for policies built by this framework). */
function entryProblems(policy: ConfigurablePolicy, level: string, options: Record<string, unknown>): string[] {
    const problems: string[] = [];
    if (level === "remediate" && !policy.remediateResource) {
        const kind = policy.validateStack ? "a stack policy" : "it has no automatic fix";
        problems.push(`enforcement level "remediate" is not supported (${kind}); use ` +
            `${LEVELS.filter(l => l !== "remediate").join(", ")}`);
    }
    if ((policy as { [STRICT_CONFIG]?: boolean })[STRICT_CONFIG]) {
        problems.push(...configProblems(policy, options));
    }
    return problems;
}

/** Every problem of a whole pack's config: policy name to { level, options }. */
export function packConfigProblems(policies: readonly ConfigurablePolicy[],
    config: ReadonlyMap<string, { level: string; options: Record<string, unknown> }>): string[] {
    const byName = new Map(policies.map(p => [p.name, p]));
    const problems: string[] = [];
    for (const [name, { level, options }] of config) {
        if (name === "all") {
            continue; // the CLI's key for "every policy", sent along with the policies' own entries
        }
        const policy = byName.get(name);
        if (!policy) {
            const guess = closest(name, [...byName.keys()]);
            problems.push(`${name}: no such policy in this pack${guess ? ` (did you mean "${guess}"?)` : ""}`);
            continue;
        }
        problems.push(...entryProblems(policy, level, options).map(p => `${name}: ${p}`));
    }
    return problems;
}

export function packConfigError(packName: string, problems: readonly string[]): string {
    return `${packName} policy config is invalid (fix the --policy-pack-config file or the policy group's config):\n` +
        problems.map(p => `  ${p}`).join("\n");
}

let configured = false;

/** Whether the pack's `Configure` validated the config this process runs with. */
export function configCheckedAtConfigure(): boolean {
    return configured;
}

const INSTALLED = Symbol.for("aws-preflight.configCheck");

/**
 * Makes the @pulumi/policy server (internal module, pinned in package.json) refuse an invalid `Configure`. When the
 * module has another shape, nothing is patched and the policy wrapper's own check still keeps a misconfigured policy
 * from running with defaults.
 */
export function installConfigCheck(): boolean {
    let server: Record<string | symbol, unknown>;
    let grpc: { Server: { prototype: Record<string, unknown> }; status: { INVALID_ARGUMENT: number } };
    try {
        server = require("@pulumi/policy/server");
        grpc = require(require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/policy")] }));
    } catch {
        return false;
    }
    if (server[INSTALLED]) {
        return true;
    }
    const serve = server.serve;
    const addService = grpc.Server.prototype.addService;
    if (typeof serve !== "function" || typeof addService !== "function") {
        return false;
    }
    server.serve = function (this: unknown, packName: string, version: string, level: string,
        args: { policies?: ConfigurablePolicy[] }, ...rest: unknown[]) {
        const policies = args?.policies ?? [];
        // Only the registration `serve` makes right now gets the check; the patch is undone when it returns.
        grpc.Server.prototype.addService = function (this: unknown, service: unknown, impl: Record<string, unknown>) {
            const configure = impl?.configure;
            const wrapped = typeof configure === "function"
                ? { ...impl, configure: checkedConfigure(configure as GrpcHandler, packName, policies, grpc.status.INVALID_ARGUMENT) }
                : impl;
            return (addService as (...a: unknown[]) => unknown).call(this, service, wrapped);
        };
        try {
            return (serve as (...a: unknown[]) => unknown).call(this, packName, version, level, args, ...rest);
        } finally {
            grpc.Server.prototype.addService = addService;
        }
    };
    server[INSTALLED] = true;
    return true;
}

type GrpcHandler = (call: { request: ConfigureRequest }, callback: (error: unknown, response?: unknown) => void) => unknown;

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): unknown } | undefined }]> };
}

function checkedConfigure(configure: GrpcHandler, packName: string, policies: readonly ConfigurablePolicy[],
    invalidArgument: number): GrpcHandler {
    return (call, callback) => {
        let problems: string[];
        try {
            const config = new Map<string, { level: string; options: Record<string, unknown> }>();
            for (const [name, entry] of call.request.getPolicyconfigMap().entries()) {
                const options = (entry.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
                config.set(name, { level: LEVEL_FROM_PROTO[entry.getEnforcementlevel()] ?? "advisory", options });
            }
            problems = packConfigProblems(policies, config);
        } catch {
            problems = []; // a check that cannot run leaves the decision to the policy wrapper
        }
        if (problems.length > 0) {
            callback({ code: invalidArgument, details: packConfigError(packName, problems) });
            return;
        }
        configured = true;
        return configure(call, callback);
    };
}
