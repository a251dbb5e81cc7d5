// Lookups over the data files: is an engine version creatable, which instance classes a region offers, what a
// Lambda runtime's lifecycle dates are. Pure functions over the loaded data; lookup tables are built once per file.
import { EngineVersionList, EngineVersionsFile, InstanceClassesFile } from "./data-files";
import { closestVersions, isLikelyMisspelling, isVersionPrefix, similarNames } from "./engine-versions";

/**
 * The finding for an engine the data does not list: mandatory when it is clearly a misspelling of a known engine
 * ("postgresql", "redis-oss"); otherwise advisory, since AWS may have added the engine after the data was made.
 */
export function unknownEngineFinding(service: string, engineValue: string, data: EngineVersionsFile):
    { advisory: boolean; message: string } {
    const similar = similarNames(engineValue, data.knownEngines);
    const fix = similar.length > 0 ? `use ${similar.map(s => `"${s}"`).join(" or ")}` : "use one the data lists";
    const known = `${service} engines in the pack's data (of ${data.sourceDate}): ${data.knownEngines.join(", ")}.`;
    if (isLikelyMisspelling(engineValue, data.knownEngines)) {
        return { advisory: false, message: `"${engineValue}" is not an ${service} engine: ${fix}.\n\npulumi up fails. ${known}` };
    }
    return {
        advisory: true,
        message: `"${engineValue}" is not an ${service} engine the pack's data knows, so it was not checked: refresh the data.` +
            `\n\nIf AWS added it recently, \`npm run data:refresh\` updates the data; otherwise pulumi up fails` +
            `${similar.length > 0 ? ` (did you mean ${similar.map(s => `"${s}"`).join(" or ")}?)` : ""}. ${known}`,
    };
}

export type VersionVerdict =
    /** Exactly a creatable version. */
    | { readonly kind: "available"; readonly version: string }
    /** A major or prefix ("15", "8.0") that names at least one creatable version. */
    | { readonly kind: "prefix-available"; readonly matches: readonly string[] }
    /** Exactly a version AWS lists as deprecated. */
    | { readonly kind: "deprecated"; readonly version: string }
    /** A major or prefix whose versions are all deprecated. */
    | { readonly kind: "prefix-deprecated"; readonly matches: readonly string[] }
    /** Not a version of the engine at all. */
    | { readonly kind: "unknown" };

interface VersionIndex {
    readonly available: ReadonlySet<string>;
    readonly deprecated: ReadonlySet<string>;
    readonly list: EngineVersionList;
}

const indexes = new WeakMap<EngineVersionList, VersionIndex>();

function indexOf(list: EngineVersionList): VersionIndex {
    let index = indexes.get(list);
    if (!index) {
        index = { available: new Set(list.available), deprecated: new Set(list.deprecated ?? []), list };
        indexes.set(list, index);
    }
    return index;
}

/** The version list for an engine: the region's own when the data has one, else the global one. */
export function engineVersionsFor(data: EngineVersionsFile, engine: string, region: string | undefined):
    { list: EngineVersionList; regional: boolean } | undefined {
    const regional = region !== undefined ? data.regions?.[region]?.[engine] : undefined;
    if (regional) {
        return { list: regional, regional: true };
    }
    const global = Object.prototype.hasOwnProperty.call(data.engines, engine) ? data.engines[engine] : undefined;
    return global ? { list: global, regional: false } : undefined;
}

export function isKnownEngine(data: EngineVersionsFile, engine: string): boolean {
    return data.knownEngines.includes(engine) || Object.prototype.hasOwnProperty.call(data.engines, engine);
}

export function judgeVersion(list: EngineVersionList, version: string): VersionVerdict {
    const index = indexOf(list);
    if (index.available.has(version)) {
        return { kind: "available", version };
    }
    if (index.deprecated.has(version)) {
        return { kind: "deprecated", version };
    }
    const available = list.available.filter(v => isVersionPrefix(version, v));
    if (available.length > 0) {
        return { kind: "prefix-available", matches: available };
    }
    const deprecated = (list.deprecated ?? []).filter(v => isVersionPrefix(version, v));
    if (deprecated.length > 0) {
        return { kind: "prefix-deprecated", matches: deprecated };
    }
    return { kind: "unknown" };
}

export function suggestVersions(engine: string, version: string, list: EngineVersionList) {
    return closestVersions(engine, version, list.available);
}

// ---- instance classes ----

const HEX = "0123456789abcdef";

/** Encodes a set of class indexes as the data file's hex bitset. */
export function encodeClassSet(indexes: Iterable<number>, classCount: number): string {
    const digits = new Uint8Array(Math.ceil(classCount / 4));
    for (const i of indexes) {
        digits[i >> 2] |= 1 << (i & 3);
    }
    let out = "";
    for (const d of digits) {
        out += HEX[d];
    }
    return out.replace(/0+$/, "");
}

export function classSetHas(set: string, index: number): boolean {
    const digit = index >> 2;
    if (digit >= set.length) {
        return false;
    }
    return ((parseInt(set[digit], 16) >> (index & 3)) & 1) === 1;
}

export function decodeClassSet(set: string, classes: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < classes.length; i++) {
        if (classSetHas(set, i)) {
            out.push(classes[i]);
        }
    }
    return out;
}

const classIndexes = new WeakMap<InstanceClassesFile, ReadonlyMap<string, number>>();

function classIndexOf(data: InstanceClassesFile): ReadonlyMap<string, number> {
    let index = classIndexes.get(data);
    if (!index) {
        index = new Map(data.classes.map((c, i) => [c, i]));
        classIndexes.set(data, index);
    }
    return index;
}

export interface ClassOffer {
    /** The licence models whose lists were consulted ("" = the default when `licenseModel` is not set). */
    readonly licenceModels: readonly string[];
    has(instanceClass: string): boolean;
    all(): string[];
}

/**
 * The classes a region offers for an engine and licence model; undefined when the data does not cover the region,
 * the engine or the licence model (then nothing can be said). Without a licence model: the engine's default list,
 * or the union of its licence models when the data has no default.
 */
export function classOffer(data: InstanceClassesFile, region: string, engine: string, licenceModel: string | undefined):
    ClassOffer | undefined {
    const engines = Object.prototype.hasOwnProperty.call(data.regions, region) ? data.regions[region] : undefined;
    const models = engines && Object.prototype.hasOwnProperty.call(engines, engine) ? engines[engine] : undefined;
    if (!models) {
        return undefined;
    }
    let keys: string[];
    if (licenceModel !== undefined) {
        if (!Object.prototype.hasOwnProperty.call(models, licenceModel)) {
            return undefined;
        }
        keys = [licenceModel];
    } else {
        keys = Object.prototype.hasOwnProperty.call(models, "") ? [""] : Object.keys(models);
    }
    const sets = keys.map(k => data.sets[models[k]]).filter((s): s is string => typeof s === "string");
    if (sets.length === 0) {
        return undefined;
    }
    return {
        licenceModels: keys,
        has: (instanceClass: string) => {
            const i = classIndexOf(data).get(instanceClass);
            return i !== undefined && sets.some(set => classSetHas(set, i));
        },
        all: () => [...new Set(sets.flatMap(set => decodeClassSet(set, data.classes)))],
    };
}

const CLASS_PARTS = /^db\.([a-z]+)(\d+)([a-z-]*)\.(.+)$/;
const SIZE_ORDER = ["micro", "small", "medium", "large", "xlarge", "2xlarge", "3xlarge", "4xlarge", "8xlarge", "9xlarge",
    "10xlarge", "12xlarge", "16xlarge", "18xlarge", "24xlarge", "32xlarge", "48xlarge", "metal"];

function sizeRank(size: string): number {
    const i = SIZE_ORDER.indexOf(size);
    return i >= 0 ? i : SIZE_ORDER.length;
}

/**
 * The available classes nearest to `wanted` (db.<series><generation><options>.<size>): the same size in the same
 * series (newest generation first), then the same family in the nearest sizes, then the rest of the series in the
 * nearest sizes, then the same size in other series.
 */
export function nearestClasses(wanted: string, available: readonly string[], limit = 4): string[] {
    const parts = CLASS_PARTS.exec(wanted);
    if (!parts) {
        return [];
    }
    const [, series, generation, options, size] = parts;
    const family = `${series}${generation}${options}`;
    const ranked: { cls: string; tier: number; order: number }[] = [];
    for (const cls of available) {
        const p = CLASS_PARTS.exec(cls);
        if (!p || cls.includes(".tpc")) {
            continue;
        }
        if (p[1] !== series) {
            if (p[4] === size) {
                ranked.push({ cls, tier: 3, order: -Number(p[2]) });
            }
            continue;
        }
        const distance = Math.abs(sizeRank(p[4]) - sizeRank(size));
        if (p[4] === size) {
            ranked.push({ cls, tier: 0, order: -Number(p[2]) });
        } else if (`${p[1]}${p[2]}${p[3]}` === family) {
            ranked.push({ cls, tier: 1, order: distance });
        } else {
            ranked.push({ cls, tier: 2, order: distance * 100 - Number(p[2]) });
        }
    }
    ranked.sort((a, b) => a.tier - b.tier || a.order - b.order || a.cls.localeCompare(b.cls));
    return ranked.slice(0, limit).map(r => r.cls);
}
