// The pack's generated data files (data/*.json): their formats, a lazy cached loader, and the notes a policy
// gives when its data cannot be read or is old. Nothing here reads a file at import time: a file is read the first
// time a policy sees a resource that needs it, then kept for the life of the policy process.
import * as fs from "fs";
import * as path from "path";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { daysBetween, now, parseIsoDate } from "../framework/clock";
import type { ResourceContext } from "../framework/policy";

export type DataKind = "rds-engine-versions" | "elasticache-engine-versions" | "rds-instance-classes" | "lambda-runtimes" |
    "rds-orderable-options";

/** Every data file starts with these: what it is, where its facts come from and how old they are. */
export interface DataFileHeader {
    /** `aws-preflight/<kind>@1` */
    readonly format: string;
    /** Where the facts come from, e.g. "cfn-lint snapshot (...)" or "AWS API DescribeDBEngineVersions (live)". */
    readonly source: string;
    /** Date of the facts (the source's snapshot date; the generation date for live data), ISO yyyy-mm-dd. */
    readonly sourceDate: string;
    /** When the generator wrote the file, ISO timestamp. */
    readonly generated: string;
}

/** Versions of one engine; real versions only (no synthetic major aliases), newest first. */
export interface EngineVersionList {
    /** Versions that new resources can be created with. */
    readonly available: readonly string[];
    /** Versions AWS still lists but no longer lets you create. */
    readonly deprecated?: readonly string[];
}

export interface EngineVersionsFile extends DataFileHeader {
    /** Every engine name the service accepts, including engines without version data (e.g. Oracle). */
    readonly knownEngines: readonly string[];
    /** engine -> versions, valid in every region unless `regions` says otherwise. */
    readonly engines: Readonly<Record<string, EngineVersionList>>;
    /** region -> engine -> versions, from live per-region data; wins over `engines` for that region and engine. */
    readonly regions?: Readonly<Record<string, Readonly<Record<string, EngineVersionList>>>>;
}

/**
 * region -> engine -> licence model -> instance classes, compact: every distinct class list is stored once as a
 * bitset (hex digits, bit i = `classes[i]`, lowest bit of the first digit = class 0) and referenced by index.
 * The licence model key "" holds the classes for a resource that does not set `licenseModel`.
 */
export interface InstanceClassesFile extends DataFileHeader {
    readonly classes: readonly string[];
    readonly sets: readonly string[];
    readonly regions: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
}

export interface RuntimeLifecycle {
    readonly deprecated?: string;
    readonly createBlock?: string;
    readonly updateBlock?: string;
    readonly successor?: string;
}

export interface LambdaRuntimesFile extends DataFileHeader {
    readonly runtimes: Readonly<Record<string, RuntimeLifecycle>>;
}

/**
 * Versions of one engine for which a capability holds or not. Either list may be `["*"]`: every version. A version
 * in neither list is not covered by the data (nothing can be said about it).
 */
export interface VersionSupport {
    readonly supported?: readonly string[];
    readonly unsupported?: readonly string[];
}

/** What RDS offers per instance class for one engine, by engine version (DescribeOrderableDBInstanceOptions). */
export interface ClassOptions {
    /** The versions the class can be created with, and those it cannot. */
    readonly offered?: VersionSupport;
    /** SupportsPerformanceInsights */
    readonly performanceInsights?: VersionSupport;
    /** SupportsGlobalDatabases */
    readonly globalDatabases?: VersionSupport;
}

export interface EngineOptions {
    /** DescribeDBEngineVersions SupportsGlobalDatabases, per engine version. */
    readonly globalDatabases?: VersionSupport;
    readonly classes?: Readonly<Record<string, ClassOptions>>;
}

export interface OrderableOptionsFile extends DataFileHeader {
    /** Where each part of the facts comes from (documentation pages for a transcribed file). */
    readonly sources?: readonly string[];
    readonly engines: Readonly<Record<string, EngineOptions>>;
}

export interface DataFiles {
    "rds-engine-versions": EngineVersionsFile;
    "elasticache-engine-versions": EngineVersionsFile;
    "rds-instance-classes": InstanceClassesFile;
    "lambda-runtimes": LambdaRuntimesFile;
    "rds-orderable-options": OrderableOptionsFile;
}

export const DATA_KINDS: readonly DataKind[] = ["rds-engine-versions", "elasticache-engine-versions", "rds-instance-classes", "lambda-runtimes",
    "rds-orderable-options"];

/**
 * The shipped data directory, `<pack>/data`: two levels up from the compiled `bin/lib` (the pack) or `build/lib`
 * (tests), one level up from `lib/` when the TypeScript source runs directly (ts-node).
 */
const LIB_PARENT = path.resolve(__dirname, "..", "..");
export const DATA_DIR = ["bin", "build"].includes(path.basename(LIB_PARENT))
    ? path.resolve(LIB_PARENT, "..", "data")
    : path.resolve(LIB_PARENT, "data");

export function formatOf(kind: DataKind): string {
    return `aws-preflight/${kind}@1`;
}

export function shippedDataFile(kind: DataKind): string {
    return path.join(DATA_DIR, `${kind}.json`);
}

export type Loaded<T> =
    | { readonly ok: true; readonly file: string; readonly data: T }
    | { readonly ok: false; readonly file: string; readonly error: string };

const cache = new Map<string, Loaded<unknown>>();

/** The data file a policy uses: its `dataFile` config (absolute, or relative to the pack directory) or the shipped one. */
export function dataFilePath(kind: DataKind, configured: unknown): string {
    if (typeof configured === "string" && configured.trim() !== "") {
        return path.resolve(process.cwd(), configured.trim());
    }
    return shippedDataFile(kind);
}

/** Reads, checks and caches a data file; a failure is cached too, so a broken file is read once. */
export function loadDataFile<K extends DataKind>(kind: K, configured?: unknown): Loaded<DataFiles[K]> {
    const file = dataFilePath(kind, configured);
    const key = `${kind}\u0000${file}`;
    let loaded = cache.get(key) as Loaded<DataFiles[K]> | undefined;
    if (!loaded) {
        loaded = readDataFile(kind, file);
        cache.set(key, loaded);
    }
    return loaded;
}

/** The largest data file read: the shipped ones are well under 1 MB; a live refresh of every region stays under this. */
export const MAX_DATA_FILE_BYTES = 32 * 1024 * 1024;

/** The parsed JSON of a regular data file, or why it could not be read (never quoting the file's content). */
export function readJsonFile(file: string): { parsed: unknown } | { error: string } {
    const read = readRegularFile(file);
    if (typeof read !== "string") {
        return { error: read.error };
    }
    try {
        return { parsed: JSON.parse(read) };
    } catch (error) {
        // The parser's message quotes the file's first characters (a credentials file's first line): never shown.
        const position = /position (\d+)/.exec(String((error as Error).message));
        return { error: `it is not valid JSON${position ? ` (the error is at character ${position[1]})` : ""}` };
    }
}

function readDataFile<K extends DataKind>(kind: K, file: string): Loaded<DataFiles[K]> {
    const read = readJsonFile(file);
    if ("error" in read) {
        return { ok: false, file, error: read.error };
    }
    const parsed = read.parsed;
    const problem = shapeProblem(kind, parsed);
    if (problem) {
        return { ok: false, file, error: problem };
    }
    return { ok: true, file, data: parsed as DataFiles[K] };
}

/**
 * The file's text, read only if it is a regular file under MAX_DATA_FILE_BYTES. It is opened non-blocking, so a FIFO
 * cannot stall the preview, and checked after opening (fstat), so what is read is what was checked.
 */
export function readRegularFile(file: string): string | { error: string } {
    let fd: number;
    try {
        fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { error: code === "ENOENT" ? "the file does not exist" : `it could not be opened (${code ?? "unknown error"})` };
    }
    try {
        const stat = fs.fstatSync(fd);
        if (!stat.isFile()) {
            const what = stat.isDirectory() ? "a directory" : stat.isFIFO() ? "a named pipe (FIFO)"
                : stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : stat.isSocket() ? "a socket" : "not a regular file";
            return { error: `it is ${what}, not a regular file` };
        }
        if (stat.size > MAX_DATA_FILE_BYTES) {
            return { error: `it is ${stat.size} bytes, over the ${MAX_DATA_FILE_BYTES}-byte limit for a data file` };
        }
        // Read at most one byte past the limit: a file that grows while it is read is refused too.
        const buffer = Buffer.alloc(Math.min(stat.size, MAX_DATA_FILE_BYTES) + 1);
        let length = 0;
        for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0;) {
            length += n;
        }
        if (length > MAX_DATA_FILE_BYTES) {
            return { error: `it is over the ${MAX_DATA_FILE_BYTES}-byte limit for a data file` };
        }
        return buffer.toString("utf8", 0, length);
    } catch (error) {
        return { error: `it could not be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})` };
    } finally {
        fs.closeSync(fd);
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === "string";
const isStringArray = (value: unknown): boolean => Array.isArray(value) && value.every(isString);
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const everyValue = (value: unknown, check: (v: unknown) => boolean) => isRecord(value) && Object.values(value).every(check);

function isVersionList(value: unknown): boolean {
    return isRecord(value) && isStringArray(value.available) && optional(value.deprecated, isStringArray);
}

/**
 * Checks every field policies read, down to the leaves, so a user's data file with the right outline but wrong
 * inner types (numbers for versions, null entries) is reported as an unusable file instead of failing a policy.
 */
export function shapeProblem(kind: DataKind, value: unknown): string | undefined {
    if (!isRecord(value)) {
        return "it is not a JSON object";
    }
    if (value.format !== formatOf(kind)) {
        const format = typeof value.format === "string" && value.format.length <= 64 && /^[\w@/.-]*$/.test(value.format)
            ? `"${value.format}"` : typeof value.format === "string" ? "another string" : `not a string (${value.format === null ? "null" : typeof value.format})`;
        return `its "format" is ${format}, expected "${formatOf(kind)}" (is it the right kind of data file?)`;
    }
    if (typeof value.sourceDate !== "string" || typeof value.source !== "string") {
        return "it lacks \"source\" or \"sourceDate\" (strings)";
    }
    const versionMap = (map: unknown) => everyValue(map, isVersionList);
    switch (kind) {
        case "rds-engine-versions":
        case "elasticache-engine-versions":
            if (!isStringArray(value.knownEngines) || !versionMap(value.engines) || !optional(value.regions, r => everyValue(r, versionMap))) {
                return "its \"knownEngines\", \"engines\" or \"regions\" are not in the expected shape (engine names and " +
                    "versions must be strings: { available: [\"8.0.35\", ...], deprecated?: [...] })";
            }
            return undefined;
        case "rds-instance-classes": {
            const sets = value.sets;
            const setIndex = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < (sets as unknown[]).length;
            if (!isStringArray(value.classes) || !Array.isArray(sets) || !sets.every(set => isString(set) && /^[0-9a-f]*$/i.test(set)) ||
                !everyValue(value.regions, engines => everyValue(engines, models => everyValue(models, setIndex)))) {
                return "its \"classes\", \"sets\" or \"regions\" are not in the expected shape (class names strings, sets hex " +
                    "strings, regions mapping to indexes into sets)";
            }
            return undefined;
        }
        case "rds-orderable-options": {
            const support = (v: unknown) => v === undefined || (isRecord(v) && optional(v.supported, isStringArray) && optional(v.unsupported, isStringArray));
            const classOptions = (c: unknown) => isRecord(c) && support(c.offered) && support(c.performanceInsights) && support(c.globalDatabases);
            if (!everyValue(value.engines, e => isRecord(e) && support(e.globalDatabases) && optional(e.classes, c => everyValue(c, classOptions)))) {
                return "its \"engines\" are not in the expected shape (engine -> { globalDatabases?, classes?: class -> { offered?, " +
                    "performanceInsights?, globalDatabases? } }, each { supported?: [versions], unsupported?: [versions] })";
            }
            return undefined;
        }
        case "lambda-runtimes":
            if (!everyValue(value.runtimes, runtime => isRecord(runtime) &&
                ["deprecated", "createBlock", "updateBlock", "successor"].every(key => optional(runtime[key], isString)))) {
                return "its \"runtimes\" are not in the expected shape (runtime name to { deprecated?, createBlock?, " +
                    "updateBlock?: ISO dates, successor?: string })";
            }
            return undefined;
    }
}

/** The files read so far in this process (tests check that nothing is read before it is needed). */
export function loadedDataFiles(): string[] {
    return [...cache.values()].map(loaded => loaded.file);
}

const noted = new Set<string>();

/** Forgets loaded files and the notes already given (tests only). */
export function resetDataFiles(): void {
    cache.clear();
    noted.clear();
}

interface DataConfig {
    dataFile?: string;
    maxDataAgeDays: number;
}

/** The `dataFile` and `maxDataAgeDays` config every data-driven policy has. */
export function dataConfigSchema(kind: DataKind): { dataFile: PolicyConfigJSONSchema; maxDataAgeDays: PolicyConfigJSONSchema } {
    return {
        dataFile: {
            type: "string",
            description: `Path to your own ${kind} data file (absolute, or relative to the policy pack directory), e.g. one ` +
                "written by `npm run data:refresh -- --live --regions eu-west-1` with your AWS credentials. " +
                `Default: the pack's shipped data/${kind}.json.`,
        },
        maxDataAgeDays: {
            type: "integer",
            default: 180,
            minimum: 0,
            description: "When the data is older than this many days, one advisory says so and how to refresh it. 0 turns the note off.",
        },
    };
}

/**
 * Loads the policy's data file. Returns the data, or undefined when it cannot be used (after one advisory per
 * process saying why). Also gives one advisory per process when the data is older than `maxDataAgeDays`.
 */
export function useDataFile<K extends DataKind>(ctx: ResourceContext<DataConfig>, policy: string, kind: K): DataFiles[K] | undefined {
    const loaded = loadDataFile(kind, ctx.config.dataFile);
    const key = `${policy}\u0000${loaded.file}`;
    if (!loaded.ok) {
        if (!noted.has(key)) {
            noted.add(key);
            ctx.report({
                advisory: true,
                message: `'${policy}' could not use its data file ${displayPath(loaded.file)}: ${loaded.error}. ` +
                    `Nothing was checked. Fix '${policy}.dataFile' in the policy pack config, or remove it to use the shipped data.`,
            });
        }
        return undefined;
    }
    const maxAge = ctx.config.maxDataAgeDays;
    const date = parseIsoDate(loaded.data.sourceDate);
    if (!noted.has(key) && typeof maxAge === "number" && maxAge > 0 && date) {
        const age = daysBetween(date, now());
        if (age > maxAge) {
            noted.add(key);
            ctx.report({
                advisory: true,
                message: `The ${kind} data '${policy}' checks against (${displayPath(loaded.file)}, ${loaded.data.source}) is ` +
                    `from ${loaded.data.sourceDate}, ${age} days old (maxDataAgeDays: ${maxAge}); AWS may have deprecated versions ` +
                    "or added new ones since. Fix: refresh the data with `npm run data:refresh` (it reads the offline AWS " +
                    "service data, so update that first, or use `npm run data:refresh -- --live` with AWS credentials): " +
                    "in the policy pack's own repository it rewrites the shipped files in data/ and this note goes away; " +
                    `elsewhere add \`--out <dir>\` and point '${policy}.dataFile' at the result. Or update the policy pack, ` +
                    `or set '${policy}.maxDataAgeDays' to 0 to turn this note off.`,
            });
        }
    }
    return loaded.data;
}

function displayPath(file: string): string {
    const shipped = path.relative(path.dirname(DATA_DIR), file);
    return shipped.startsWith("..") || path.isAbsolute(shipped) ? file : shipped;
}
