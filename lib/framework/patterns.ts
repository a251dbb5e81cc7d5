// Regular expressions from policy config, compiled once per distinct source.
const compiled = new Map<string, RegExp | null>();

/** The compiled pattern, or null when the configured source is not a valid regular expression. */
export function compilePattern(source: string, flags = ""): RegExp | null {
    const key = `${flags}/${source}`;
    let pattern = compiled.get(key);
    if (pattern === undefined) {
        try {
            pattern = new RegExp(source, flags);
        } catch {
            pattern = null;
        }
        compiled.set(key, pattern);
    }
    return pattern;
}
