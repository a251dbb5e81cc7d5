// Quoting a program's value in a message. A property may be megabytes long, and a message that repeats it costs the
// user's preview time and memory for nothing: the start of the value identifies it.

/** How much of a value a message shows. Names AWS accepts are at most 255 characters; ARNs at most 2048. */
export const QUOTED_VALUE_LIMIT = 256;

/** `"value"`, or `"start…" (N characters)` for a value longer than `limit`. Never used on a secret value. */
export function quoteValue(value: unknown, limit = QUOTED_VALUE_LIMIT): string {
    const text = typeof value === "string" ? value : String(value);
    if (text.length <= limit) {
        return `"${text}"`;
    }
    // Cut on a code point boundary, so the message stays valid UTF-16.
    let cut = limit;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) {
        cut--;
    }
    return `"${text.slice(0, cut)}…" (${text.length} characters)`;
}
