// Engine version strings of RDS and ElastiCache: comparison, majors, prefixes and "closest version" suggestions.
//
// Versions are compared segment by segment, numerically where both segments are numbers: "15.13" > "15.5",
// "8.0.mysql_aurora.3.10.0" > "8.0.mysql_aurora.3.05.2", "5.7.44-rds.20240808" > "5.7.44".

const SEGMENT_SPLIT = /[.-]/;
const NUMERIC = /^\d+$/;

const segmentCache = new Map<string, readonly (string | number)[]>();

function segments(version: string): readonly (string | number)[] {
    let parts = segmentCache.get(version);
    if (!parts) {
        parts = version.split(SEGMENT_SPLIT).map(part => NUMERIC.test(part) ? Number(part) : part);
        if (segmentCache.size < 10_000) {
            segmentCache.set(version, parts);
        }
    }
    return parts;
}

/** Negative when a < b, positive when a > b, 0 when equal segment by segment. */
export function compareVersions(a: string, b: string): number {
    const left = segments(a);
    const right = segments(b);
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length; i++) {
        const l = left[i];
        const r = right[i];
        if (l === undefined) {
            return -1;
        }
        if (r === undefined) {
            return 1;
        }
        if (l === r) {
            continue;
        }
        if (typeof l === "number" && typeof r === "number") {
            return l - r;
        }
        // A number sorts before a word ("5.7.44" < "5.7.44-rds.2024..." is handled by length above).
        if (typeof l === "number") {
            return -1;
        }
        if (typeof r === "number") {
            return 1;
        }
        return l < r ? -1 : 1;
    }
    return 0;
}

/** Newest first. */
export function sortNewestFirst(versions: Iterable<string>): string[] {
    return [...versions].sort((a, b) => compareVersions(b, a));
}

const TWO_SEGMENT_MAJOR_ENGINES: ReadonlySet<string> = new Set(["mysql", "mariadb", "aurora-mysql", "aurora"]);

/**
 * The major version as AWS names it: PostgreSQL 10+ "15", PostgreSQL 9 "9.6", MySQL/MariaDB "8.0"/"10.11",
 * Aurora MySQL "8.0" (its engine-mode part), Redis/Valkey 6+ "7", Redis 5 and older and Memcached "5.0"/"1.6",
 * anything else its first segment.
 */
export function majorOf(engine: string, version: string): string {
    const parts = version.split(".");
    const first = parts[0];
    const firstNumber = Number(first);
    if (TWO_SEGMENT_MAJOR_ENGINES.has(engine) || engine === "memcached") {
        return parts.slice(0, 2).join(".");
    }
    if (engine === "postgres" || engine === "aurora-postgresql") {
        return firstNumber < 10 && parts.length > 1 ? parts.slice(0, 2).join(".") : first;
    }
    if (engine === "redis" || engine === "valkey") {
        return firstNumber < 6 && parts.length > 1 ? parts.slice(0, 2).join(".") : first;
    }
    return first;
}

/** True when `prefix` names `version` up to a segment boundary ("15" of "15.13", "8.0" of "8.0.mysql_aurora.3.05.2"). */
export function isVersionPrefix(prefix: string, version: string): boolean {
    return version.length > prefix.length && version.startsWith(prefix) && version[prefix.length] === ".";
}

const MAJOR_ALIAS = /^\d+(\.\d+)?$/;

/**
 * Synthetic major aliases in a version list: purely numeric one- or two-segment entries ("15", "8.0") that prefix
 * other entries. The AWS data (and cfn-lint's copy of it) lists them next to the real versions, in the deprecated
 * list too; they are not versions and never deprecated in themselves.
 */
export function isMajorAlias(version: string, all: ReadonlySet<string> | readonly string[]): boolean {
    if (!MAJOR_ALIAS.test(version)) {
        return false;
    }
    for (const other of all) {
        if (isVersionPrefix(version, other)) {
            return true;
        }
    }
    return false;
}

/**
 * The versions to suggest instead of `version`: creatable versions of the same major, newest first, then the newest
 * versions of the nearest newer majors (and, when there are none, of older ones). Variants with a suffix
 * ("16.13-limitless", "5.7.44-rds.20250818") are suggested only for a version with a suffix, or when a major has
 * nothing else.
 */
export function closestVersions(engine: string, version: string, available: readonly string[]):
    { sameMajor: string[]; otherMajors: string[] } {
    const major = majorOf(engine, version);
    const byMajor = new Map<string, string[]>();
    for (const v of available) {
        const m = majorOf(engine, v) === major || isVersionPrefix(version, v) ? major : majorOf(engine, v);
        const list = byMajor.get(m);
        list ? list.push(v) : byMajor.set(m, [v]);
    }
    const wantsVariant = version.includes("-");
    const prefer = (list: readonly string[]) => {
        if (wantsVariant) {
            return sortNewestFirst(list);
        }
        const plain = list.filter(v => !v.includes("-"));
        return sortNewestFirst(plain.length > 0 ? plain : list);
    };
    const sameMajor = prefer(byMajor.get(major) ?? []);
    // Other majors: only those with a plain version when any has one, so a retired major is not answered with an
    // Extended-Support-only build ("11.22-rds.20260224").
    const otherEntries = [...byMajor.entries()].filter(([m]) => m !== major);
    const withPlain = otherEntries.filter(([, list]) => list.some(v => !v.includes("-")));
    const newestOf = (wantsVariant || withPlain.length === 0 ? otherEntries : withPlain).map(([m, list]) => [m, prefer(list)[0]] as const);
    const newer = newestOf.filter(([m]) => compareVersions(m, major) > 0).sort((a, b) => compareVersions(a[0], b[0])).map(([, v]) => v);
    const older = newestOf.filter(([m]) => compareVersions(m, major) < 0).sort((a, b) => compareVersions(b[0], a[0])).map(([, v]) => v);
    const others = [...newer, ...older].slice(0, sameMajor.length > 0 ? 2 : 3);
    return { sameMajor, otherMajors: others };
}

const AURORA_MYSQL_SHORT = /^([23])\.\d+(?:\.\d+)?$/;

/**
 * The full Aurora MySQL version for the short form users write ("3.05.2" -> "8.0.mysql_aurora.3.05.2", "2.12.1" ->
 * "5.7.mysql_aurora.2.12.1"), or undefined when `version` is not that form.
 */
export function auroraMysqlFullVersion(engine: string, version: string): string | undefined {
    const short = engine === "aurora-mysql" ? AURORA_MYSQL_SHORT.exec(version) : null;
    return short ? `${short[1] === "3" ? "8.0" : "5.7"}.mysql_aurora.${version}` : undefined;
}

/** "15.18, 15.17, 15.16, …, 15.13": the newest few and the oldest, so the lower bound of what is creatable shows. */
export function formatVersionList(versions: readonly string[], limit = 5): string {
    if (versions.length <= limit + 1) {
        return versions.join(", ");
    }
    return `${versions.slice(0, limit - 1).join(", ")}, … (${versions.length - limit} more), ${versions[versions.length - 1]}`;
}

/** Names from `known` that look like a misspelling of `name` ("postgresql" -> "postgres"), closest first. */
export function similarNames(name: string, known: readonly string[], limit = 3): string[] {
    const lower = name.toLowerCase();
    return known
        .map(candidate => ({ candidate, distance: editDistance(lower, candidate) }))
        .filter(({ candidate, distance }) => distance <= 3 || candidate.startsWith(lower) || lower.startsWith(candidate))
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
        .slice(0, limit)
        .map(({ candidate }) => candidate);
}

/** True when `name` is clearly a misspelling of a known name: at most 2 edits away, or a known name plus a suffix
 * ("redis-oss"). */
export function isLikelyMisspelling(name: string, known: readonly string[]): boolean {
    const lower = name.toLowerCase();
    return known.some(candidate => editDistance(lower, candidate) <= 2 || lower.startsWith(`${candidate}-`));
}

function editDistance(a: string, b: string): number {
    if (Math.abs(a.length - b.length) > 8) {
        return 99;
    }
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
