// Headlines of the naming policies stay short however long the names they quote (issue 12: a headline of at most
// about 150 characters after the `path: ` prefix). Names are cut by quote.ts; logical names by `cutName`.

export const HEADLINE_MAX = 150;
/** Limits tried for each quoted value, longest first. */
const QUOTE_LIMITS = [64, 48, 32, 24, 16] as const;

/** The longest headline `build(limit)` makes that fits HEADLINE_MAX characters (the shortest one if none fits). */
export function fitHeadline(build: (limit: number) => string): string {
    let headline = "";
    for (const limit of QUOTE_LIMITS) {
        headline = build(limit);
        if ([...headline].length <= HEADLINE_MAX) {
            break;
        }
    }
    return headline;
}

/** A logical name or other unquoted text cut to `limit` characters with "…". */
export function cutName(text: string, limit: number): string {
    return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}
