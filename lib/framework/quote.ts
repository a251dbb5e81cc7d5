// Quoting a program's value in a message. A property may be megabytes long, and a message that repeats it costs the
// user's preview time and memory for nothing: the start of the value identifies it.

/** How much of a value a message shows. Names AWS accepts are at most 255 characters; ARNs at most 2048. */
export const QUOTED_VALUE_LIMIT = 256;

/**
 * How much of a value a headline shows: the first line of a message stays at most about 160 characters whatever
 * the program's values are (a valid S3 bucket name, the longest common name, is at most 63).
 */
export const HEADLINE_QUOTE_LIMIT = 64;

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

/** quoteValue for a headline: at most HEADLINE_QUOTE_LIMIT characters of the value. */
export function quoteInHeadline(value: unknown): string {
    return quoteValue(value, HEADLINE_QUOTE_LIMIT);
}

/** `text` itself, or its first `limit` characters and "…": for a value a message shows unquoted (a region, a name). */
export function cutText(text: string, limit = HEADLINE_QUOTE_LIMIT): string {
    if (text.length <= limit) {
        return text;
    }
    const code = text.charCodeAt(limit - 1);
    return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit)}…`;
}
