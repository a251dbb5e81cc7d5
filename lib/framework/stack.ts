// What the policy process knows about the stack being previewed. The Pulumi CLI passes it through the same
// environment variables it sets for programs (DESIGN.md), so reading them needs no engine connection.

export interface StackInfo {
    /** Stack name, e.g. `dev`; undefined when the CLI did not say. */
    readonly stack: string | undefined;
    readonly project: string | undefined;
    readonly organization: string | undefined;
    readonly dryRun: boolean;
    /** Stack configuration as `namespace:key` to string value. */
    readonly config: ReadonlyMap<string, string>;
    /** Values of the config keys the CLI marks secret (`PULUMI_CONFIG_SECRET_KEYS`), to keep out of messages. */
    secretConfigValues: readonly string[];
}

let cached: StackInfo | undefined;

/**
 * The stack the policy process serves. The CLI sets these variables once per process, so they are read once;
 * tests that change them call `resetStackInfo()`.
 */
export function stackInfo(env: NodeJS.ProcessEnv = process.env): StackInfo {
    if (cached && env === process.env) {
        return cached;
    }
    const info: StackInfo = {
        stack: env.PULUMI_NODEJS_STACK || undefined,
        project: env.PULUMI_NODEJS_PROJECT || undefined,
        organization: env.PULUMI_NODEJS_ORGANIZATION || undefined,
        dryRun: env.PULUMI_NODEJS_DRY_RUN === "true",
        config: parseConfig(env.PULUMI_CONFIG),
        secretConfigValues: [],
    };
    info.secretConfigValues = secretValuesOf(info.config, env.PULUMI_CONFIG_SECRET_KEYS);
    if (env === process.env) {
        cached = info;
    }
    return info;
}

export function resetStackInfo(): void {
    cached = undefined;
}

function secretValuesOf(config: ReadonlyMap<string, string>, secretKeysJson: string | undefined): string[] {
    if (!secretKeysJson) {
        return [];
    }
    try {
        const keys: unknown = JSON.parse(secretKeysJson);
        return Array.isArray(keys) ? keys.map(key => config.get(String(key))).filter((v): v is string => !!v) : [];
    } catch {
        return [];
    }
}

function parseConfig(json: string | undefined): ReadonlyMap<string, string> {
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
