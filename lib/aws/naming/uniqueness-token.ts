// The stack's uniqueness token: what every explicit physical name should carry as a segment.
import { StackInfo, stackConfigValue } from "../../framework/stack";

export interface UniquenessToken {
    readonly token: string;
    /** Where it came from, for messages: "stack config 'environmentSuffix'". */
    readonly source: string;
}

/**
 * The token every explicit name should carry: `suffix` when set, else the stack config value named by
 * `configKey` (as the engine passes stack config to the policy process), else the stack name.
 */
export function uniquenessToken(info: StackInfo, suffix: unknown, configKey: unknown): UniquenessToken | undefined {
    if (typeof suffix === "string" && suffix.trim() !== "") {
        return { token: suffix.trim(), source: "the policy's 'suffix' config" };
    }
    const key = typeof configKey === "string" && configKey.trim() !== "" ? configKey.trim() : DEFAULT_SUFFIX_CONFIG_KEY;
    const fromConfig = stackConfigValue(info, key);
    if (fromConfig !== undefined && fromConfig.trim() !== "") {
        return { token: fromConfig.trim(), source: `stack config '${key}'` };
    }
    if (info.stack) {
        return { token: info.stack, source: "the stack name" };
    }
    return undefined;
}

export const DEFAULT_SUFFIX_CONFIG_KEY = "environmentSuffix";

/**
 * Tokens a corrected name should keep, in order: the token `uniquenessToken` resolves from `suffix` and
 * `suffixConfigKey` (the same config as physical-name-has-uniqueness-suffix), then the stack name.
 */
export function candidateTokens(info: StackInfo, suffix?: unknown, configKey?: unknown): string[] {
    const out: string[] = [];
    const resolved = uniquenessToken(info, suffix, configKey);
    if (resolved) {
        out.push(resolved.token);
    }
    if (info.stack && !out.some(t => t.toLowerCase() === info.stack!.toLowerCase())) {
        out.push(info.stack);
    }
    return out;
}
