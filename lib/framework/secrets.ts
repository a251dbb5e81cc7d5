// Keeping secret values out of policy messages.
//
// The engine sends secret properties marked as secret, but the @pulumi/policy server unwraps those marks before
// `Analyze` and `AnalyzeStack` policies see the values, so a policy cannot tell a secret bucket name or policy
// document from a plain one. `preserveSecretMarks` makes the server deserialize the way it already does for
// `Remediate`: secret values stay wrapped in `Secret` underneath the proxies (reads through the proxies still see
// plain values), so `PropertyBag` knows which values were secret and the policy wrapper can scrub them from every
// message before it leaves the process.
//
// The same patch lets the policies of one request share one deserialization. The server deserializes a request's
// properties again for every policy (every resource of the stack for every stack policy: with 20 stack policies that
// is most of an AnalyzeStack's time). The protobuf message of a request's properties is one object per request, so
// its deserialized value is kept against it until the request is collected. Only the Analyze and AnalyzeStack paths
// share (they ask for unproxied secrets); Remediate, whose policies may build new properties, deserializes afresh.
type DeserializeProperties = (struct: unknown, proxySecrets: boolean) => Record<string, unknown>;

const PATCHED = Symbol.for("aws-preflight.preserveSecretMarks");

/**
 * Returns whether secret marks are preserved. The module is internal to @pulumi/policy (pinned exactly in
 * package.json, and covered by the end-to-end tests); if a future version moves it, the pack still loads and runs,
 * and says once on stderr (never stdout, which carries the port) that secrets are unmarked.
 */
export function preserveSecretMarks(): boolean {
    let module: Record<string | symbol, unknown>;
    try {
        module = require("@pulumi/policy/deserialize");
    } catch {
        warnUnpatched("@pulumi/policy/deserialize could not be loaded");
        return false;
    }
    if (module[PATCHED]) {
        return true;
    }
    const original = module.deserializeProperties;
    if (typeof original !== "function" || original.length !== 2) {
        warnUnpatched("@pulumi/policy's deserializeProperties has an unexpected shape");
        return false;
    }
    const shared = new WeakMap<object, Record<string, unknown>>();
    module.deserializeProperties = (struct: unknown, proxySecrets: boolean) => {
        if (proxySecrets || typeof struct !== "object" || struct === null) {
            return (original as DeserializeProperties)(struct, true);
        }
        let properties = shared.get(struct);
        if (!properties) {
            properties = (original as DeserializeProperties)(struct, true);
            shared.set(struct, properties);
        }
        return properties;
    };
    module[PATCHED] = true;
    return true;
}

function warnUnpatched(reason: string): void {
    process.stderr.write(`aws-preflight: ${reason}; values marked secret cannot be told apart from plain ones, ` +
        "so policy messages may show them. Pin @pulumi/policy to the version in aws-preflight's package.json.\n");
}

export { REDACTED, scrubSecrets } from "./scrub";

/** What the engine said in `ConfigureStack` that @pulumi/policy does not keep. */
export interface EngineStackConfig {
    /** `namespace:key` of every stack config value that is secret (`config_secret_keys`, field 6). */
    readonly secretKeys: readonly string[];
    /** The stack config the engine sent (`config`, field 7): the same values as `PULUMI_CONFIG`. */
    readonly config: ReadonlyMap<string, string>;
}

const CONFIGURE_PATCHED = Symbol.for("aws-preflight.keepConfigureStack");
let engineStackConfig: EngineStackConfig | undefined;
const listeners: (() => void)[] = [];

/** The secret config keys the engine sent, or undefined before `ConfigureStack` (or outside the CLI). */
export function engineStack(): EngineStackConfig | undefined {
    return engineStackConfig;
}

/** Called when `ConfigureStack` arrives (the stack info cache listens). */
export function onEngineStackConfig(listener: () => void): void {
    listeners.push(listener);
}

/** Tests only: what a `ConfigureStack` request would have recorded. */
export function setEngineStackConfig(config: EngineStackConfig | undefined): void {
    engineStackConfig = config;
    listeners.forEach(listener => listener());
}

/**
 * The Pulumi CLI names the secret stack config keys only in `ConfigureStack.configSecretKeys` (it does not set
 * PULUMI_CONFIG_SECRET_KEYS for policy packs), and @pulumi/policy 1.21 keeps only the request's tags. This wraps
 * the request deserializer of the service definition @pulumi/policy's server registers, so the keys are recorded
 * before its handler runs. It must run before `new PolicyPack(...)` registers the service.
 */
export function keepConfigureStackSecrets(): boolean {
    let service: Record<string, { requestDeserialize?: unknown; [key: symbol]: unknown }>;
    try {
        const policyDir = require("path").dirname(require.resolve("@pulumi/policy/server"));
        service = require(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb", { paths: [policyDir] })).AnalyzerService;
    } catch {
        warnUnkept("the analyzer service definition could not be loaded");
        return false;
    }
    const method = service?.configureStack;
    if (!method) {
        warnUnkept("the analyzer service has no ConfigureStack method");
        return false;
    }
    if (method[CONFIGURE_PATCHED]) {
        return true;
    }
    const original = method.requestDeserialize;
    if (typeof original !== "function") {
        warnUnkept("ConfigureStack has no request deserializer");
        return false;
    }
    method.requestDeserialize = (bytes: unknown) => {
        const request = (original as (b: unknown) => unknown)(bytes);
        recordConfigureStack(request);
        return request;
    };
    method[CONFIGURE_PATCHED] = true;
    return true;
}

function recordConfigureStack(request: unknown): void {
    try {
        const r = request as { getConfigSecretKeysList?: () => unknown; getConfigMap?: () => { forEach(f: (v: unknown, k: unknown) => void): void } };
        const keys = typeof r.getConfigSecretKeysList === "function" ? r.getConfigSecretKeysList() : [];
        const config = new Map<string, string>();
        r.getConfigMap?.().forEach((value, key) => {
            if (typeof key === "string" && typeof value === "string") {
                config.set(key, value);
            }
        });
        setEngineStackConfig({ secretKeys: Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [], config });
    } catch {
        // A request of another shape: the server's own handler reports it.
    }
}

function warnUnkept(reason: string): void {
    process.stderr.write(`aws-preflight: ${reason}; secret stack config values cannot be told apart from plain ones, ` +
        "so policy messages may show them. Pin @pulumi/policy to the version in aws-preflight's package.json.\n");
}
