// Headlines of the naming policies stay short however long the names they quote (issue 12: a headline of at most
// about 150 characters after the `path: ` prefix). Names are cut by quote.ts; logical names by `cutName`.

export const HEADLINE_MAX = 150;
/** Limits tried for each quoted value, longest first. */
const QUOTE_LIMITS = [64, 48, 32, 24, 16, 8] as const;

/**
 * The longest headline `build(limit)` makes that fits HEADLINE_MAX characters after a `path: ` prefix of `prefix`
 * characters (the shortest one if none fits).
 */
export function fitHeadline(build: (limit: number) => string, prefix = 0): string {
    let headline = "";
    for (const limit of QUOTE_LIMITS) {
        headline = build(limit);
        if (prefix + [...headline].length <= HEADLINE_MAX) {
            break;
        }
    }
    return headline;
}

/** A logical name or other text cut to `limit` characters with "…" (on a code point boundary). */
export function cutName(text: string, limit: number): string {
    if (text.length <= limit) {
        return text;
    }
    const code = text.charCodeAt(limit - 1);
    return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit)}…`;
}

/** `"value"` cut to `limit` characters for a headline (the details may quote it whole, with quote.ts). */
export function quoteShort(text: string, limit: number): string {
    return `"${cutName(text, limit)}"`;
}
