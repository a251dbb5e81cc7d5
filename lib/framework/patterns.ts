// Regular expressions from policy config, compiled once per distinct source and run in linear time.
//
// A user's pattern runs against every resource's name. JavaScript's backtracking engine takes exponential time on
// patterns such as `^(a+)+$`, and no timeout can interrupt it, so patterns run on re2js (a pure JavaScript port of
// RE2: linear time in the input, no native build). RE2 has no lookaround and no backreferences; a pattern using
// them is rejected with a note saying so, once, instead of being run. re2js is loaded when the first pattern is
// compiled: most stacks configure none, and loading it costs start-up time.
import type { RE2JS as RE2JSClass } from "re2js";

/** Longer patterns are rejected: a naming rule is a few dozen characters. */
export const MAX_PATTERN_LENGTH = 4096;
/** Longer inputs do not match: no AWS name or identifier comes close (ARNs are at most 2048 characters). */
export const MAX_PATTERN_INPUT = 8192;

export interface CompiledPattern {
    /** Whether the pattern matches somewhere in `input` (RegExp.prototype.test semantics). */
    test(input: string): boolean;
}

type Compiled = { readonly pattern: CompiledPattern } | { readonly rejection: string };

const compiled = new Map<string, Compiled>();

function compile(source: string, flags: string): Compiled {
    if (typeof source !== "string") {
        return { rejection: "is not a string" };
    }
    if (source.length > MAX_PATTERN_LENGTH) {
        return { rejection: `is ${source.length} characters long, over the ${MAX_PATTERN_LENGTH} the pack accepts` };
    }
    try {
        new RegExp(source, flags.replace(/[^gimsuy]/g, ""));
    } catch {
        return { rejection: "is not a valid regular expression" };
    }
    try {
        const { RE2JS }: { RE2JS: typeof RE2JSClass } = require("re2js");
        const re = RE2JS.compile(source, flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0);
        return {
            pattern: { test: (input: string) => input.length <= MAX_PATTERN_INPUT && re.matcher(input).find() },
        };
    } catch {
        return {
            rejection: "uses syntax the pack's linear-time regular expression engine (RE2) does not run: lookahead or " +
                "lookbehind, backreferences, or a JavaScript-only escape such as \\u0041 (write \\x{41})",
        };
    }
}

function lookup(source: string, flags: string): Compiled {
    const key = `${flags}/${source}`;
    let entry = compiled.get(key);
    if (entry === undefined) {
        entry = compile(source, flags);
        compiled.set(key, entry);
    }
    return entry;
}

/** The compiled pattern, or null when the configured source is rejected (`patternRejection` says why). */
export function compilePattern(source: string, flags = ""): CompiledPattern | null {
    const entry = lookup(source, flags);
    return "pattern" in entry ? entry.pattern : null;
}

/** Why `source` was rejected, as the end of a sentence starting "The configured pattern ...", or undefined. */
export function patternRejection(source: string, flags = ""): string | undefined {
    const entry = lookup(source, flags);
    return "rejection" in entry ? entry.rejection : undefined;
}

const noted = new Set<string>();

/** True the first time a policy asks about a rejected pattern: the advisory is given once per process, not per resource. */
export function firstRejectionNote(policy: string, source: string): boolean {
    const key = `${policy}\u0000${source}`;
    if (noted.has(key)) {
        return false;
    }
    noted.add(key);
    return true;
}
