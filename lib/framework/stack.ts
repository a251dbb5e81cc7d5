// What the policy process knows about the stack being previewed. The Pulumi CLI passes it through the same
// environment variables it sets for programs (DESIGN.md), so reading them needs no engine connection. Which config
// keys are secret it says only in `ConfigureStack` (secrets.ts keeps that request's secret keys).
import { engineStack, onEngineStackConfig } from "./secrets";

export interface StackInfo {
    /** Stack name, e.g. `dev`; undefined when the CLI did not say. */
    readonly stack: string | undefined;
    readonly project: string | undefined;
    readonly organization: string | undefined;
    readonly dryRun: boolean;
    /** Stack configuration as `namespace:key` to string value. */
    readonly config: ReadonlyMap<string, string>;
    /**
     * Values of the config keys the engine marks secret (`ConfigureStack.configSecretKeys`, or
     * `PULUMI_CONFIG_SECRET_KEYS` where a host sets it), and the string leaves of structured ones, to keep out of
     * messages.
     */
    secretConfigValues: readonly string[];
}

let cached: StackInfo | undefined;
onEngineStackConfig(() => { cached = undefined; });

/**
 * The stack the policy process serves. The CLI sets these variables once per process, so they are read once;
 * tests that change them call `resetStackInfo()`.
 */
export function stackInfo(env: NodeJS.ProcessEnv = process.env): StackInfo {
    if (cached && env === process.env) {
        return cached;
    }
    const engine = engineStack();
    const config = parseConfig(env.PULUMI_CONFIG);
    for (const [key, value] of engine?.config ?? []) {
        if (!config.has(key)) {
            config.set(key, value);
        }
    }
    const info: StackInfo = {
        stack: env.PULUMI_NODEJS_STACK || undefined,
        project: env.PULUMI_NODEJS_PROJECT || undefined,
        organization: env.PULUMI_NODEJS_ORGANIZATION || undefined,
        dryRun: env.PULUMI_NODEJS_DRY_RUN === "true",
        config,
        secretConfigValues: [],
    };
    const secretKeys = [...parseKeys(env.PULUMI_CONFIG_SECRET_KEYS), ...(engine?.secretKeys ?? [])];
    info.secretConfigValues = secretValuesOf(config, secretKeys);
    if (env === process.env) {
        cached = info;
    }
    return info;
}

export function resetStackInfo(): void {
    cached = undefined;
}

function parseKeys(json: string | undefined): string[] {
    if (!json) {
        return [];
    }
    try {
        const keys: unknown = JSON.parse(json);
        return Array.isArray(keys) ? keys.map(String) : [];
    } catch {
        return [];
    }
}

function secretValuesOf(config: ReadonlyMap<string, string>, keys: readonly string[]): string[] {
    const values: string[] = [];
    for (const key of new Set(keys)) {
        const value = config.get(key);
        if (value) {
            values.push(value);
            // A structured secret (`pulumi config set --path --secret a.b x`) arrives as JSON: its leaves are secret.
            if (/^\s*[[{]/.test(value)) {
                try {
                    collectLeaves(JSON.parse(value), values);
                } catch {
                    // not JSON: the whole value is listed
                }
            }
        }
    }
    return values;
}

function collectLeaves(value: unknown, out: string[]): void {
    const pending: unknown[] = [value];
    while (pending.length > 0) {
        const item = pending.pop();
        if (item !== null && typeof item === "object") {
            pending.push(...Object.values(item));
        } else if (item !== null && item !== undefined && item !== "") {
            out.push(String(item));
        }
    }
}

function parseConfig(json: string | undefined): Map<string, string> {
    const config = new Map<string, string>();
    if (!json) {
        return config;
    }
    try {
        const parsed: unknown = JSON.parse(json);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
            for (const [key, value] of Object.entries(parsed)) {
                if (typeof value === "string") {
                    config.set(key, value);
                } else if (value !== null && value !== undefined) {
                    config.set(key, JSON.stringify(value));
                }
            }
        }
    } catch {
        // A malformed PULUMI_CONFIG is the CLI's problem; policies then see no stack config.
    }
    return config;
}

/**
 * Looks up a stack config value. A bare key (`environmentSuffix`) is looked up in the project's namespace and then
 * in any namespace, since programs usually read it with `new pulumi.Config()`.
 */
export function stackConfigValue(info: StackInfo, key: string): string | undefined {
    if (key.includes(":")) {
        return info.config.get(key);
    }
    if (info.project) {
        const own = info.config.get(`${info.project}:${key}`);
        if (own !== undefined) {
            return own;
        }
    }
    for (const [fullKey, value] of info.config) {
        if (fullKey.slice(fullKey.indexOf(":") + 1) === key) {
            return value;
        }
    }
    return undefined;
}
