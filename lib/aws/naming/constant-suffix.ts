// "The stack's uniqueness token never reached the program": a program that builds its names from a suffix it
// reads with a constant fallback (`process.env.ENVIRONMENT_SUFFIX || "dev"`) gives every stack the same names, all
// ending in that constant. One cause, so one finding for the stack instead of one per resource.

/** How many names must share the constant before it counts as one cause. */
export const MIN_CONSTANT_SUFFIX_NAMES = 3;

/** Fallback values programs use for an environment suffix. Lowercase. */
const ENVIRONMENT_WORDS = new Set([
    "dev", "devel", "develop", "development", "test", "testing", "qa", "uat", "sit", "int", "integration", "stage",
    "staging", "stg", "preprod", "prod", "production", "prd", "live", "local", "default", "sandbox", "demo", "preview",
    "main", "master", "perf",
]);

/** The last segment of a name (after the last `-`, `_`, `.` or `/`, a `.fifo` suffix dropped), lowercased, or
 * undefined for a name of one segment. */
export function lastNameSegment(name: string): string | undefined {
    const body = name.toLowerCase().endsWith(".fifo") ? name.slice(0, -".fifo".length) : name;
    const match = /[-_./]([^-_./]+)$/.exec(body.length > 1024 ? body.slice(-256) : body);
    return match && match.index > 0 ? match[1].toLowerCase() : undefined;
}

export interface SuffixedName {
    readonly name: string;
    /** The kind of resource ("SQS queue"): a constant shared by different kinds is not a word of one type's names. */
    readonly label: string;
}

export interface ConstantSuffixGroup<T> {
    readonly segment: string;
    readonly members: readonly T[];
}

/**
 * Groups of names (each lacking every uniqueness token) that end in the same segment, where that is one cause: at
 * least MIN_CONSTANT_SUFFIX_NAMES names, and the segment is a usual environment word (`dev`, `staging`, `prod`, ...)
 * or is shared by names of at least two kinds of resource (so it is not a word like `queue` that one type's names
 * end in). Names in no such group are not returned. Linear in the names.
 */
export function constantSuffixGroups<T extends SuffixedName>(names: readonly T[]): ConstantSuffixGroup<T>[] {
    const bySegment = new Map<string, { members: T[]; labels: Set<string> }>();
    for (const item of names) {
        const segment = lastNameSegment(item.name);
        if (segment === undefined) {
            continue;
        }
        const group = bySegment.get(segment) ?? { members: [], labels: new Set<string>() };
        group.members.push(item);
        group.labels.add(item.label);
        bySegment.set(segment, group);
    }
    const out: ConstantSuffixGroup<T>[] = [];
    for (const [segment, group] of bySegment) {
        if (group.members.length >= MIN_CONSTANT_SUFFIX_NAMES && (ENVIRONMENT_WORDS.has(segment) || group.labels.size >= 2)) {
            out.push({ segment, members: group.members });
        }
    }
    return out;
}
