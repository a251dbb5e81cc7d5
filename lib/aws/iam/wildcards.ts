// IAM wildcards (`*`, `?`) in actions, resources and condition values: matching and overlap.
import { splitArn } from "../arn";

const globCache = new Map<string, RegExp>();
const REGEX_SPECIAL = /[.+^${}()|[\]\\*?]/g;
export const WILDCARDS = /[*?]/g;

/** IAM wildcard match: `*` any run of characters, `?` one character; `ignoreCase` for action names. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
    if (!pattern.includes("*") && !pattern.includes("?")) {
        return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
    }
    const key = (ignoreCase ? "i/" : "s/") + pattern;
    let regex = globCache.get(key);
    if (!regex) {
        const source = pattern.replace(REGEX_SPECIAL, c => c === "*" ? ".*" : c === "?" ? "." : `\\${c}`);
        regex = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
        if (globCache.size > 5000) {
            globCache.clear();
        }
        globCache.set(key, regex);
    }
    return regex.test(value);
}

/** Above this many (a, b) position pairs `patternsOverlap` gives up and answers "may overlap". */
const OVERLAP_LIMIT = 10_000_000;

/**
 * Whether some string matches both wildcard patterns (`*`, `?`); a literal is a pattern without wildcards.
 * Iterative (two rows of a table over suffix pairs), so long patterns cannot overflow the stack; above
 * OVERLAP_LIMIT pairs it answers true, which callers treat as "cannot rule it out".
 */
export function patternsOverlap(a: string, b: string): boolean {
    const n = a.length;
    const m = b.length;
    if ((n + 1) * (m + 1) > OVERLAP_LIMIT) {
        return true;
    }
    // next[j]: a[i+1..] and b[j..] overlap; row[j]: a[i..] and b[j..] overlap.
    let next = new Uint8Array(m + 1);
    let row = new Uint8Array(m + 1);
    for (let i = n; i >= 0; i--) {
        for (let j = m; j >= 0; j--) {
            let result: boolean;
            if (i === n && j === m) {
                result = true;
            } else if (i < n && a[i] === "*") {
                result = next[j] === 1 || (j < m && row[j + 1] === 1);
            } else if (j < m && b[j] === "*") {
                result = row[j + 1] === 1 || (i < n && next[j] === 1);
            } else if (i < n && j < m) {
                result = (a[i] === b[j] || a[i] === "?" || b[j] === "?") && next[j + 1] === 1;
            } else {
                result = false;
            }
            row[j] = result ? 1 : 0;
        }
        [next, row] = [row, next];
    }
    return next[0] === 1;
}

/**
 * `patternsOverlap` for ARNs as `ArnLike` compares them: each of the first five colon-separated parts separately (a
 * wildcard there does not cross a colon), the resource part as a whole.
 */
export function arnPatternsOverlap(a: string, b: string): boolean {
    const pa = splitArn(a);
    const pb = splitArn(b);
    if (!pa || !pb) {
        return patternsOverlap(a, b);
    }
    return pa.every((part, i) => patternsOverlap(part, pb[i]));
}

export function hasWildcard(value: string): boolean {
    return value.includes("*") || value.includes("?");
}

/** True when a value uses a policy variable such as `${aws:username}` (its meaning depends on the request). */
export function hasPolicyVariable(value: string): boolean {
    return value.includes("${");
}
