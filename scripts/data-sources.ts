// The pure parts of the data generator (scripts/generate-data.ts): turning the offline AWS service data
// (cfn-lint's format) or recorded AWS API responses into the pack's data files, the pagination loop for the live
// API, and the sanity floor. No file system, no network: the CLI does that, tests feed recorded shapes.
import {
    DataFileHeader,
    DataKind,
    EngineVersionList,
    EngineVersionsFile,
    formatOf,
    InstanceClassesFile,
    LambdaRuntimesFile,
    RuntimeLifecycle,
} from "../lib/data/data-files";
import { isMajorAlias, sortNewestFirst } from "../lib/data/engine-versions";
import { encodeClassSet } from "../lib/data/version-data";

export function header(kind: DataKind, source: string, sourceDate: string, generated: Date): DataFileHeader {
    return { format: formatOf(kind), source, sourceDate, generated: generated.toISOString() };
}

// ---- offline: cfn-lint JSON schema snippets ----

type Json = unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * `{"allOf": [{"if": {"properties": {"Engine": {"const": E}, "EngineVersion": ...}}, "then": ...}]}` -> E -> versions.
 * In the "all versions" files the versions are in `then.properties.EngineVersion.enum`; in the deprecated files in
 * `if.properties.EngineVersion.enum` with `then: false`. The first entry (Engine enum) lists every engine.
 */
export function parseCfnLintEngineVersions(doc: Json): { engines: string[]; versions: Map<string, string[]> } {
    const engines: string[] = [];
    const versions = new Map<string, string[]>();
    const rules = isRecord(doc) && Array.isArray(doc.allOf) ? doc.allOf : [];
    for (const rule of rules) {
        if (!isRecord(rule) || !isRecord(rule.if) || !isRecord(rule.if.properties)) {
            continue;
        }
        const engine = rule.if.properties.Engine;
        if (!isRecord(engine)) {
            continue;
        }
        if (typeof engine.const !== "string") {
            const then = rule.then;
            if (isRecord(then) && isRecord(then.properties) && isRecord(then.properties.Engine)) {
                engines.push(...strings(then.properties.Engine.enum));
            }
            continue;
        }
        const list = rule.then === false
            ? strings(isRecord(rule.if.properties.EngineVersion) ? rule.if.properties.EngineVersion.enum : undefined)
            : strings(isRecord(rule.then) && isRecord(rule.then.properties) && isRecord(rule.then.properties.EngineVersion)
                ? rule.then.properties.EngineVersion.enum : undefined);
        versions.set(engine.const, [...(versions.get(engine.const) ?? []), ...list]);
    }
    return { engines, versions };
}

/** Every version minus the deprecated ones is available; synthetic major aliases are dropped from both lists. */
export function engineVersionList(all: Iterable<string>, deprecated: Iterable<string>): EngineVersionList {
    const allSet = new Set(all);
    const deprecatedSet = new Set(deprecated);
    for (const v of deprecatedSet) {
        allSet.add(v);
    }
    const real = [...allSet].filter(v => !isMajorAlias(v, allSet));
    const available = sortNewestFirst(real.filter(v => !deprecatedSet.has(v)));
    const dep = sortNewestFirst(real.filter(v => deprecatedSet.has(v)));
    return dep.length > 0 ? { available, deprecated: dep } : { available };
}

export interface OfflineEngineSources {
    /** The "all versions" documents (e.g. DB instance and DB cluster). */
    readonly all: readonly Json[];
    /** The matching deprecated-versions documents. */
    readonly deprecated: readonly Json[];
    /** Engine names the service accepts beyond those the documents name. */
    readonly extraEngines?: readonly string[];
}

export function engineVersionsFromCfnLint(kind: "rds-engine-versions" | "elasticache-engine-versions", sources: OfflineEngineSources,
    head: { source: string; sourceDate: string; generated: Date }): EngineVersionsFile {
    const known = new Set<string>(sources.extraEngines ?? []);
    const all = new Map<string, Set<string>>();
    const deprecated = new Map<string, Set<string>>();
    const add = (target: Map<string, Set<string>>, docs: readonly Json[]) => {
        for (const doc of docs) {
            const parsed = parseCfnLintEngineVersions(doc);
            parsed.engines.forEach(e => known.add(e));
            for (const [engine, versions] of parsed.versions) {
                known.add(engine);
                const set = target.get(engine) ?? new Set<string>();
                versions.forEach(v => set.add(v));
                target.set(engine, set);
            }
        }
    };
    add(all, sources.all);
    add(deprecated, sources.deprecated);
    const engines: Record<string, EngineVersionList> = {};
    for (const engine of [...all.keys()].sort()) {
        engines[engine] = engineVersionList(all.get(engine)!, deprecated.get(engine) ?? []);
    }
    return { ...header(kind, head.source, head.sourceDate, head.generated), knownEngines: [...known].sort(), engines };
}

/**
 * cfn-lint's per-region instance classes: region -> `{"allOf": [{"if": {"properties": {"Engine": {"const": E},
 * "LicenseModel": {"const": L} | false}}, "then": {"properties": {"DBInstanceClass": {"enum": [...]}}}}]}`.
 * `LicenseModel: false` means "when no licence model is given" and becomes the "" key.
 */
export function instanceClassesFromCfnLint(doc: Json, head: { source: string; sourceDate: string; generated: Date }): InstanceClassesFile {
    const byRegion = new Map<string, Map<string, Map<string, Set<string>>>>();
    for (const [region, regionDoc] of Object.entries(isRecord(doc) ? doc : {})) {
        const rules = isRecord(regionDoc) && Array.isArray(regionDoc.allOf) ? regionDoc.allOf : [];
        for (const rule of rules) {
            if (!isRecord(rule) || !isRecord(rule.if) || !isRecord(rule.if.properties) || !isRecord(rule.then) ||
                !isRecord(rule.then.properties) || !isRecord(rule.then.properties.DBInstanceClass)) {
                continue;
            }
            const engine = rule.if.properties.Engine;
            const licence = rule.if.properties.LicenseModel;
            if (!isRecord(engine) || typeof engine.const !== "string") {
                continue;
            }
            const model = licence === false || licence === undefined ? "" : isRecord(licence) && typeof licence.const === "string" ? licence.const : undefined;
            if (model === undefined) {
                continue;
            }
            addClasses(byRegion, region, engine.const, model, strings(rule.then.properties.DBInstanceClass.enum));
        }
    }
    return compactInstanceClasses(byRegion, head);
}

function addClasses(byRegion: Map<string, Map<string, Map<string, Set<string>>>>, region: string, engine: string, model: string,
    classes: Iterable<string>): void {
    const engines = byRegion.get(region) ?? new Map<string, Map<string, Set<string>>>();
    byRegion.set(region, engines);
    const models = engines.get(engine) ?? new Map<string, Set<string>>();
    engines.set(engine, models);
    const set = models.get(model) ?? new Set<string>();
    models.set(model, set);
    for (const c of classes) {
        set.add(c);
    }
}

/** Builds the compact form: one class table, each distinct class list once as a bitset, regions referencing them. */
export function compactInstanceClasses(byRegion: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>>,
    head: { source: string; sourceDate: string; generated: Date }): InstanceClassesFile {
    const allClasses = new Set<string>();
    for (const engines of byRegion.values()) {
        for (const models of engines.values()) {
            for (const set of models.values()) {
                set.forEach(c => allClasses.add(c));
            }
        }
    }
    const classes = [...allClasses].sort();
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const sets: string[] = [];
    const setIndex = new Map<string, number>();
    const regions: Record<string, Record<string, Record<string, number>>> = {};
    for (const region of [...byRegion.keys()].sort()) {
        const engines = byRegion.get(region)!;
        const out: Record<string, Record<string, number>> = {};
        for (const engine of [...engines.keys()].sort()) {
            const models = engines.get(engine)!;
            const modelsOut: Record<string, number> = {};
            for (const model of [...models.keys()].sort()) {
                const encoded = encodeClassSet([...models.get(model)!].map(c => classIndex.get(c)!), classes.length);
                let index = setIndex.get(encoded);
                if (index === undefined) {
                    index = sets.length;
                    sets.push(encoded);
                    setIndex.set(encoded, index);
                }
                modelsOut[model] = index;
            }
            out[engine] = modelsOut;
        }
        regions[region] = out;
    }
    return { ...header("rds-instance-classes", head.source, head.sourceDate, head.generated), classes, sets, regions };
}

/** `{"nodejs14.x": {"deprecated": "...", "create-block": "...", "update-block": "...", "successor": "..."}}` */
export function lambdaRuntimesFromLifecycle(doc: Json, head: { source: string; sourceDate: string; generated: Date }): LambdaRuntimesFile {
    const runtimes: Record<string, RuntimeLifecycle> = {};
    for (const name of Object.keys(isRecord(doc) ? doc : {}).sort()) {
        const entry = (doc as Record<string, unknown>)[name];
        if (!isRecord(entry)) {
            continue;
        }
        const pick = (key: string) => typeof entry[key] === "string" && entry[key] !== "" ? entry[key] as string : undefined;
        const lifecycle: { -readonly [K in keyof RuntimeLifecycle]: RuntimeLifecycle[K] } = {};
        const deprecated = pick("deprecated");
        const createBlock = pick("create-block");
        const updateBlock = pick("update-block");
        const successor = pick("successor");
        if (deprecated) lifecycle.deprecated = deprecated;
        if (createBlock) lifecycle.createBlock = createBlock;
        if (updateBlock) lifecycle.updateBlock = updateBlock;
        if (successor) lifecycle.successor = successor;
        runtimes[name] = lifecycle;
    }
    return { ...header("lambda-runtimes", head.source, head.sourceDate, head.generated), runtimes };
}

// ---- live: AWS API responses (shapes of @aws-sdk/client-rds and @aws-sdk/client-elasticache) ----

/** One page of a Marker-paginated AWS API. */
export interface Page<T> {
    readonly items: readonly T[];
    readonly marker?: string;
}

/** Calls `fetchPage` until the API stops returning a marker; refuses to loop on a repeated marker. */
export async function paginate<T>(fetchPage: (marker: string | undefined) => Promise<Page<T>>, maxPages = 10_000): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    let marker: string | undefined;
    for (let page = 0; page < maxPages; page++) {
        const result = await fetchPage(marker);
        out.push(...result.items);
        if (!result.marker) {
            return out;
        }
        if (seen.has(result.marker)) {
            throw new Error(`the API returned the marker ${JSON.stringify(result.marker)} twice; stopping instead of looping`);
        }
        seen.add(result.marker);
        marker = result.marker;
    }
    throw new Error(`more than ${maxPages} pages; stopping`);
}

/** The fields of `DBEngineVersion` (DescribeDBEngineVersions) the generator reads. */
export interface DBEngineVersionShape {
    readonly Engine?: string;
    readonly EngineVersion?: string;
    /** "available" or "deprecated" */
    readonly Status?: string;
    readonly SupportsGlobalDatabases?: boolean;
}

/** The fields of `CacheEngineVersion` (DescribeCacheEngineVersions) the generator reads. */
export interface CacheEngineVersionShape {
    readonly Engine?: string;
    readonly EngineVersion?: string;
}

/** The fields of `OrderableDBInstanceOption` (DescribeOrderableDBInstanceOptions) the generator reads. */
export interface OrderableOptionShape {
    readonly Engine?: string;
    readonly EngineVersion?: string;
    readonly DBInstanceClass?: string;
    readonly LicenseModel?: string;
    readonly SupportsPerformanceInsights?: boolean;
    readonly SupportsGlobalDatabases?: boolean;
}

/**
 * Per-region engine versions -> data file. Each region gets its own lists; the global lists are the union (a
 * version is available globally when it is available in any region, deprecated when only deprecated anywhere).
 */
export function engineVersionsFromApi(kind: "rds-engine-versions" | "elasticache-engine-versions",
    byRegion: ReadonlyMap<string, readonly (DBEngineVersionShape | CacheEngineVersionShape)[]>,
    head: { source: string; sourceDate: string; generated: Date }): EngineVersionsFile {
    const known = new Set<string>();
    const globalAll = new Map<string, Set<string>>();
    const globalAvailable = new Map<string, Set<string>>();
    const regions: Record<string, Record<string, EngineVersionList>> = {};
    for (const region of [...byRegion.keys()].sort()) {
        const all = new Map<string, Set<string>>();
        const deprecated = new Map<string, Set<string>>();
        for (const item of byRegion.get(region)!) {
            if (!item.Engine || !item.EngineVersion) {
                continue;
            }
            known.add(item.Engine);
            const status = (item as DBEngineVersionShape).Status;
            add(all, item.Engine, item.EngineVersion);
            add(globalAll, item.Engine, item.EngineVersion);
            if (status === "deprecated") {
                add(deprecated, item.Engine, item.EngineVersion);
            } else {
                add(globalAvailable, item.Engine, item.EngineVersion);
            }
        }
        const engines: Record<string, EngineVersionList> = {};
        for (const engine of [...all.keys()].sort()) {
            engines[engine] = engineVersionList(all.get(engine)!, deprecated.get(engine) ?? []);
        }
        regions[region] = engines;
    }
    const engines: Record<string, EngineVersionList> = {};
    for (const engine of [...globalAll.keys()].sort()) {
        const available = globalAvailable.get(engine) ?? new Set<string>();
        engines[engine] = engineVersionList(globalAll.get(engine)!, [...globalAll.get(engine)!].filter(v => !available.has(v)));
    }
    return { ...header(kind, head.source, head.sourceDate, head.generated), knownEngines: [...known].sort(), engines, regions };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
    const set = map.get(key) ?? new Set<string>();
    set.add(value);
    map.set(key, set);
}

/**
 * Per-region orderable options -> instance classes file. An engine with a single licence model in a region also
 * gets the "" (no licenseModel given) entry.
 */
export function instanceClassesFromApi(byRegion: ReadonlyMap<string, readonly OrderableOptionShape[]>,
    head: { source: string; sourceDate: string; generated: Date }): InstanceClassesFile {
    const out = new Map<string, Map<string, Map<string, Set<string>>>>();
    for (const [region, options] of byRegion) {
        for (const option of options) {
            if (option.Engine && option.DBInstanceClass && option.LicenseModel) {
                addClasses(out, region, option.Engine, option.LicenseModel, [option.DBInstanceClass]);
            }
        }
        for (const models of out.get(region)?.values() ?? []) {
            if (models.size === 1) {
                models.set("", new Set([...models.values()][0]));
            }
        }
    }
    return compactInstanceClasses(out, head);
}

// ---- sanity floor ----

/** How many facts a data file holds (versions, region/engine/licence/class combinations, runtimes). */
export function entryCount(kind: DataKind, data: unknown): number {
    if (!isRecord(data)) {
        return 0;
    }
    const versionCount = (engines: unknown) => Object.values(isRecord(engines) ? engines : {})
        .reduce((n: number, v) => n + (isRecord(v) ? strings(v.available).length + strings(v.deprecated).length : 0), 0);
    switch (kind) {
        case "rds-engine-versions":
        case "elasticache-engine-versions":
            return versionCount(data.engines) +
                Object.values(isRecord(data.regions) ? data.regions : {}).reduce((n: number, r) => n + versionCount(r), 0);
        case "rds-instance-classes": {
            const sets = strings(data.sets);
            const popCounts = sets.map(s => [...s].reduce((n, d) => n + BIT_COUNT[parseInt(d, 16)], 0));
            let n = 0;
            for (const engines of Object.values(isRecord(data.regions) ? data.regions : {})) {
                for (const models of Object.values(isRecord(engines) ? engines : {})) {
                    for (const index of Object.values(isRecord(models) ? models : {})) {
                        n += typeof index === "number" ? popCounts[index] ?? 0 : 0;
                    }
                }
            }
            return n;
        }
        case "lambda-runtimes":
            return Object.keys(isRecord(data.runtimes) ? data.runtimes : {}).length;
        case "rds-orderable-options": {
            const count = (s: unknown) => isRecord(s) ? strings(s.supported).length + strings(s.unsupported).length : 0;
            let n = 0;
            for (const engine of Object.values(isRecord(data.engines) ? data.engines : {})) {
                n += isRecord(engine) ? count(engine.globalDatabases) : 0;
                for (const c of Object.values(isRecord(engine) && isRecord(engine.classes) ? engine.classes : {})) {
                    n += isRecord(c) ? count(c.offered) + count(c.performanceInsights) + count(c.globalDatabases) : 0;
                }
            }
            return n;
        }
    }
}

const BIT_COUNT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Undefined when `next` may replace `current`; otherwise why not (it lost more than `maxLoss` of the entries). */
export function sanityFloorProblem(kind: DataKind, current: unknown, next: unknown, maxLoss: number): string | undefined {
    const before = entryCount(kind, current);
    const after = entryCount(kind, next);
    if (before === 0 || after >= before * (1 - maxLoss)) {
        return undefined;
    }
    const lost = (before - after) / before;
    return `${kind}: the new data has ${after} entries, the current file ${before}: it lost ${(lost * 100).toFixed(1)}%, ` +
        `more than the allowed ${(maxLoss * 100).toFixed(0)}%. Check the source (partial API answers, missing regions), ` +
        "or pass --allow-shrink to write it anyway.";
}
