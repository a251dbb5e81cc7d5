// One cause, one finding: when the same finding would fire for the same reason on many resources, a stack policy
// reports it once for the stack (`ctx.report(undefined, finding)`, which the CLI shows under the stack) and lists the
// resources in the finding's details with `listNames`, instead of repeating the finding on each of them.

/** "a, b, c, d, e and 29 more" (in the order given, duplicates dropped); "" for none. */
export function listNames(names: Iterable<string>, shown = 5): string {
    const unique = [...new Set(names)];
    if (unique.length <= shown + 1) {
        return unique.length <= 1 ? unique.join("") : `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
    }
    return `${unique.slice(0, shown).join(", ")} and ${unique.length - shown} more`;
}
