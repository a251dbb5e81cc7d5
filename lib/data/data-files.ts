// The pack's generated data files (data/*.json): their formats, a lazy cached loader, and the notes a policy
// gives when its data cannot be read or is old. Nothing here reads a file at import time: a file is read the first
// time a policy sees a resource that needs it, then kept for the life of the policy process.
import * as fs from "fs";
import * as path from "path";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { daysBetween, now, parseIsoDate } from "../framework/clock";
import type { ResourceContext } from "../framework/policy";

export type DataKind = "rds-engine-versions" | "elasticache-engine-versions" | "rds-instance-classes" | "lambda-runtimes";

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

export interface DataFiles {
    "rds-engine-versions": EngineVersionsFile;
    "elasticache-engine-versions": EngineVersionsFile;
    "rds-instance-classes": InstanceClassesFile;
    "lambda-runtimes": LambdaRuntimesFile;
}

export const DATA_KINDS: readonly DataKind[] = ["rds-engine-versions", "elasticache-engine-versions", "rds-instance-classes", "lambda-runtimes"];

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

function readDataFile<K extends DataKind>(kind: K, file: string): Loaded<DataFiles[K]> {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist"
            : error instanceof SyntaxError ? `it is not valid JSON (${error.message})`
            : `it could not be read (${(error as Error).message})`;
        return { ok: false, file, error: reason };
    }
    const problem = shapeProblem(kind, parsed);
    if (problem) {
        return { ok: false, file, error: problem };
    }
    return { ok: true, file, data: parsed as DataFiles[K] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A cheap structural check, enough that policies can index the data without guarding every step. */
export function shapeProblem(kind: DataKind, value: unknown): string | undefined {
    if (!isRecord(value)) {
        return "it is not a JSON object";
    }
    if (value.format !== formatOf(kind)) {
        return `its "format" is ${JSON.stringify(value.format)}, expected "${formatOf(kind)}" (is it the right kind of data file?)`;
    }
    if (typeof value.sourceDate !== "string" || typeof value.source !== "string") {
        return "it lacks \"source\" or \"sourceDate\"";
    }
    const versionMap = (map: unknown) => isRecord(map) && Object.values(map).every(v => isRecord(v) && Array.isArray(v.available) &&
        (v.deprecated === undefined || Array.isArray(v.deprecated)));
    switch (kind) {
        case "rds-engine-versions":
        case "elasticache-engine-versions":
            if (!Array.isArray(value.knownEngines) || !versionMap(value.engines) ||
                (value.regions !== undefined && !(isRecord(value.regions) && Object.values(value.regions).every(versionMap)))) {
                return "its \"knownEngines\", \"engines\" or \"regions\" are not in the expected shape";
            }
            return undefined;
        case "rds-instance-classes":
            if (!Array.isArray(value.classes) || !Array.isArray(value.sets) || !isRecord(value.regions) ||
                !Object.values(value.regions).every(engines => isRecord(engines) &&
                    Object.values(engines).every(models => isRecord(models) && Object.values(models).every(i => typeof i === "number")))) {
                return "its \"classes\", \"sets\" or \"regions\" are not in the expected shape";
            }
            return undefined;
        case "lambda-runtimes":
            if (!isRecord(value.runtimes) || !Object.values(value.runtimes).every(isRecord)) {
                return "its \"runtimes\" are not in the expected shape";
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
