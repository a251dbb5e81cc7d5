// Custom Pulumi autonaming (stack config `pulumi:autonaming`): whether a name is what Pulumi generated.
import { StackInfo } from "../../framework/stack";

const AUTONAMING_KEY = "pulumi:autonaming";
const PATTERN_VARIABLE = /\$\{([^}]*)\}/g;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const autonamingCache = new Map<string, AutonamingConfig | null>();

interface AutonamingConfig {
    readonly mode?: string;
    readonly pattern?: string;
    readonly providerMode?: string;
    readonly providerPattern?: string;
    readonly resources: ReadonlyMap<string, string>;
}

function autonamingConfig(info: StackInfo): AutonamingConfig | null {
    const raw = info.config.get(AUTONAMING_KEY);
    if (raw === undefined) {
        return null;
    }
    const cached = autonamingCache.get(raw);
    if (cached !== undefined) {
        return cached;
    }
    let parsed: AutonamingConfig | null = null;
    try {
        const value: unknown = JSON.parse(raw);
        const obj = (v: unknown) => v && typeof v === "object" && !Array.isArray(v) ? v as Record<string, unknown> : {};
        const str = (v: unknown) => typeof v === "string" ? v : undefined;
        const top = obj(value);
        const aws = obj(obj(top.providers).aws);
        const resources = new Map<string, string>();
        for (const [type, cfg] of Object.entries(obj(aws.resources))) {
            const pattern = str(obj(cfg).pattern);
            if (pattern !== undefined) {
                resources.set(type, pattern);
            }
        }
        parsed = { mode: str(top.mode), pattern: str(top.pattern), providerMode: str(aws.mode), providerPattern: str(aws.pattern), resources };
    } catch {
        parsed = { resources: new Map() }; // present but unreadable: see isConfiguredAutoName
    }
    autonamingCache.set(raw, parsed);
    return parsed;
}

const patternRegexes = new Map<string, RegExp | null>();

/** A regular expression for what an autonaming pattern produces; each `${name}` is a capture group. Compiled once
 * per pattern and stack. */
function autonamingRegex(pattern: string, info: StackInfo): RegExp | undefined {
    const key = `${pattern}\u0000${info.project ?? ""}\u0000${info.stack ?? ""}\u0000${info.organization ?? ""}`;
    const cached = patternRegexes.get(key);
    if (cached !== undefined) {
        return cached ?? undefined;
    }
    const regex = compileAutonamingPattern(pattern, info);
    patternRegexes.set(key, regex ?? null);
    return regex;
}

function compileAutonamingPattern(pattern: string, info: StackInfo): RegExp | undefined {
    let source = "";
    let last = 0;
    for (const m of pattern.matchAll(PATTERN_VARIABLE)) {
        source += pattern.slice(last, m.index).replace(REGEX_SPECIAL, "\\$&");
        last = (m.index ?? 0) + m[0].length;
        const variable = m[1].trim();
        const sized = /^(hex|alphanum|string|num)\((\d+)\)$/.exec(variable);
        const literal = (v: string | undefined) => v === undefined ? undefined : v.replace(REGEX_SPECIAL, "\\$&");
        let part: string | undefined;
        if (variable === "name") part = "(.+?)";
        else if (variable === "project") part = literal(info.project);
        else if (variable === "stack") part = literal(info.stack);
        else if (variable === "organization") part = literal(info.organization);
        else if (variable === "uuid") part = "[0-9a-fA-F-]{36}";
        else if (sized) part = { hex: "[0-9a-fA-F]", alphanum: "[0-9A-Za-z]", string: "[A-Za-z]", num: "[0-9]" }[sized[1]] + `{${sized[2]}}`;
        else part = ".*?"; // a variable this pack does not know (e.g. config values): match anything
        if (part === undefined) {
            return undefined;
        }
        source += part;
    }
    source += pattern.slice(last).replace(REGEX_SPECIAL, "\\$&");
    try {
        return new RegExp(`^${source}$`, "i");
    } catch {
        return undefined;
    }
}

/**
 * True when the stack config `pulumi:autonaming` makes `name` what Pulumi generated for the resource: it matches the
 * configured pattern (per resource type, provider or stack), or the mode is `verbatim` and it equals the logical
 * name. When the setting is present but cannot be read, any name is taken as possibly generated.
 */
export function isConfiguredAutoName(info: StackInfo, type: string, name: string, logicalName: string): boolean {
    const cfg = autonamingConfig(info);
    if (!cfg) {
        return false;
    }
    const patterns = [cfg.resources.get(type), cfg.providerPattern, cfg.pattern].filter((p): p is string => p !== undefined);
    const modes = [cfg.providerMode, cfg.mode];
    if (patterns.length === 0 && modes.every(m => m === undefined)) {
        return true; // present but not understood
    }
    if (modes.includes("verbatim") && name === logicalName) {
        return true;
    }
    const pattern = patterns[0];
    if (pattern !== undefined) {
        const regex = autonamingRegex(pattern, info);
        const match = regex?.exec(name);
        return regex === undefined || (!!match && match.slice(1).every(n => n.toLowerCase() === logicalName.toLowerCase()));
    }
    return false;
}
