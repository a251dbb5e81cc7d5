// The stack's uniqueness tokens: what every explicit physical name should carry as a segment. Real programs carry
// the token in several ways (a policy `suffix`, stack config, an environment variable CI sets, the stack name or its
// distinguishing tail); a name carrying any of them is unique to its stack.
import { StackInfo } from "../../framework/stack";

export interface UniquenessToken {
    readonly token: string;
    /** Where it came from, for messages: "stack config 'environmentSuffix'". */
    readonly source: string;
    /** Taken from a secret stack config value: messages show `[secret]`, never the token. */
    readonly secret: boolean;
}

export interface TokenSettings {
    readonly suffix?: unknown;
    /** The stack config key holding the token (default `environmentSuffix`). */
    readonly suffixConfigKey?: unknown;
    /** The environment variable holding the token (default `ENVIRONMENT_SUFFIX`). */
    readonly suffixEnvVar?: unknown;
}

export const DEFAULT_SUFFIX_CONFIG_KEY = "environmentSuffix";
export const DEFAULT_SUFFIX_ENV_VAR = "ENVIRONMENT_SUFFIX";

/** Longer values cannot be a segment of any name AWS accepts. */
const MAX_TOKEN_LENGTH = 255;
/** An environment value shown in a message: a short token, never something that looks like a credential. */
const SHOWABLE_ENV_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

// The policy process gets the CLI's environment (the CLI starts it with its own). Tests replace it here so that the
// machine's own variables never change their outcome.
let environment: () => Readonly<Record<string, string | undefined>> = () => process.env;

/** Replaces the environment the tokens are read from; `undefined` restores `process.env`. For tests. */
export function setTokenEnvironment(env: Readonly<Record<string, string | undefined>> | undefined): void {
    environment = env ? () => env : () => process.env;
}

function nonEmpty(value: unknown): string | undefined {
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Every token a name may carry to be unique to the stack, most specific first (the first one is what a corrected
 * name uses): the policy's `suffix`, the stack config value(s) of `suffixConfigKey`, the environment variable
 * `suffixEnvVar`, the stack name's distinguishing tail, the stack name. Duplicates (ignoring case) are dropped.
 */
export function uniquenessTokens(info: StackInfo, settings: TokenSettings = {}): UniquenessToken[] {
    const out: UniquenessToken[] = [];
    const secrets = new Set(info.secretConfigValues.map(v => v.trim().toLowerCase()));
    const add = (token: string | undefined, source: string, secret = false) => {
        if (token !== undefined && token.length <= MAX_TOKEN_LENGTH &&
            !out.some(t => t.token.toLowerCase() === token.toLowerCase())) {
            out.push({ token, source, secret: secret || secrets.has(token.toLowerCase()) });
        }
    };
    add(nonEmpty(settings.suffix), "the policy's 'suffix' config");
    const key = nonEmpty(settings.suffixConfigKey) ?? DEFAULT_SUFFIX_CONFIG_KEY;
    for (const value of stackConfigValues(info, key)) {
        add(nonEmpty(value), `stack config '${key}'`);
    }
    const variable = nonEmpty(settings.suffixEnvVar) ?? DEFAULT_SUFFIX_ENV_VAR;
    const fromEnv = nonEmpty(environment()[variable]);
    // A variable whose value does not look like a token is used, never shown (suffixEnvVar may name anything).
    add(fromEnv, `$${variable}`, fromEnv !== undefined && !SHOWABLE_ENV_VALUE.test(fromEnv));
    if (info.stack) {
        add(stackNameTail(info.stack, info.project), "the stack name's tail");
        add(info.stack, "the stack name");
    }
    return out;
}

/**
 * Every value of a stack config key: a `namespace:key` exactly; a bare key (`environmentSuffix`) in the project's
 * namespace first, then in any other, since programs read it with `new pulumi.Config()` or a library's namespace.
 */
export function stackConfigValues(info: StackInfo, key: string): string[] {
    if (key.includes(":")) {
        const value = info.config.get(key);
        return value === undefined ? [] : [value];
    }
    const own = info.project !== undefined ? info.config.get(`${info.project}:${key}`) : undefined;
    const out = own === undefined ? [] : [own];
    for (const [fullKey, value] of info.config) {
        if (fullKey.slice(fullKey.indexOf(":") + 1) === key && fullKey !== `${info.project}:${key}`) {
            out.push(value);
        }
    }
    return out;
}

const SEPARATORS = /[-_.]+/;
/** A tail must say something: two characters at least, and a letter unless it is three digits or more. */
const MEANINGFUL_TAIL = /^(?=.*[A-Za-z]|\d{3,}$)[A-Za-z0-9]{2,}$/;

/**
 * The part of a stack name that tells it from its siblings, when the name is `<project-ish prefix><token>`, or
 * undefined. Conservative, one shape at a time:
 * - the project name as the prefix: `orders` + `pr6264`, `orders-pr6264`, `Orders_PR6264`;
 * - a prefix ending in `Stack`: `TapStackpr6264`, `TapStack-dev` (the CDK-style names CI pipelines generate);
 * - a trailing pull-request number: `anything-pr6264`, `TapPR6264`;
 * - the last segment after a separator: `orders-api-staging` gives `staging`.
 * A camel or Pascal case boundary alone (`MyAppProd`) is not a tail: `MyApp` would give `App` as well.
 */
export function stackNameTail(stack: string, project: string | undefined): string | undefined {
    const tail = (rest: string): string | undefined => {
        const trimmed = rest.replace(/^[-_.]+/, "");
        return MEANINGFUL_TAIL.test(trimmed) && trimmed.toLowerCase() !== stack.toLowerCase() ? trimmed : undefined;
    };
    if (project && stack.length > project.length && stack.slice(0, project.length).toLowerCase() === project.toLowerCase()) {
        const rest = stack.slice(project.length);
        const afterStack = /^[-_.]?stack([-_.]?)(.+)$/i.exec(rest);
        const found = tail(afterStack ? afterStack[2] : rest) ?? lastSegment(rest);
        if (found) {
            return found;
        }
    }
    // The last "stack" word with something before it: `TapStackpr6264`, `tap-stack-dev`.
    const at = stack.toLowerCase().lastIndexOf("stack");
    if (at > 0) {
        const found = tail(stack.slice(at + "stack".length));
        if (found) {
            return found;
        }
    }
    // A pull-request number after a separator, a digit or a capital P: `web-pr6264`, `TapPR6264`, `TapPr6264`.
    const pullRequest = /pr[-_]?\d+$/i.exec(stack);
    if (pullRequest && pullRequest.index > 0 && (/[-_.\d]/.test(stack[pullRequest.index - 1]) || stack[pullRequest.index] === "P")) {
        return pullRequest[0];
    }
    return lastSegment(stack);
}

function lastSegment(text: string): string | undefined {
    const parts = text.split(SEPARATORS).filter(p => p !== "");
    if (parts.length < 2) {
        return undefined;
    }
    const last = parts[parts.length - 1];
    return MEANINGFUL_TAIL.test(last) && last.toLowerCase() !== "stack" ? last : undefined;
}

/** Tokens a corrected name should keep, in order (the same config as physical-name-has-uniqueness-suffix). */
export function candidateTokens(info: StackInfo, suffix?: unknown, configKey?: unknown, envVar?: unknown): string[] {
    return uniquenessTokens(info, { suffix, suffixConfigKey: configKey, suffixEnvVar: envVar }).map(t => t.token);
}

/** How a token appears in a message: quoted, or `[secret]`. */
export function shownToken(token: UniquenessToken, limit = 40): string {
    if (token.secret) {
        return '"[secret]"';
    }
    return token.token.length <= limit ? `"${token.token}"` : `"${token.token.slice(0, limit)}…"`;
}

/** `"pr6264" (stack config 'environmentSuffix'), "TapStackpr6264" (the stack name)`: the tokens looked for. */
export function describeTokens(tokens: readonly UniquenessToken[]): string {
    return tokens.map(t => `${shownToken(t)} (${t.source})`).join(", ");
}
