// Lookups over the RDS orderable-options data (data/rds-orderable-options.json): is a capability (class offered,
// Performance Insights, global databases) available for an engine version. Pure functions; an index per list is
// built once per file.
import { EngineOptions, OrderableOptionsFile, VersionSupport } from "./data-files";
import { auroraMysqlFullVersion, isVersionPrefix } from "./engine-versions";

/** "yes" / "no" when the data is explicit about the version; "unknown" when it does not cover it. */
export type Verdict = "yes" | "no" | "unknown";

const ALL = "*";

interface SupportIndex {
    readonly supported: ReadonlySet<string>;
    readonly unsupported: ReadonlySet<string>;
}

const indexes = new WeakMap<VersionSupport, SupportIndex>();

function indexOf(support: VersionSupport): SupportIndex {
    let index = indexes.get(support);
    if (!index) {
        index = { supported: new Set(support.supported ?? []), unsupported: new Set(support.unsupported ?? []) };
        indexes.set(support, index);
    }
    return index;
}

function exact(index: SupportIndex, version: string): Verdict {
    if (index.supported.has(version)) {
        return "yes";
    }
    if (index.unsupported.has(version)) {
        return "no";
    }
    return "unknown";
}

/**
 * Whether `version` (a full version, a major alias such as "8.0" or "15", the Aurora MySQL short form "3.04.0", or
 * undefined for the engine's default version) has the capability. A prefix answers "no" only when every version it
 * names is unsupported, so a default minor that might differ never gives a false "no".
 */
export function supports(support: VersionSupport | undefined, engine: string, version: string | undefined): Verdict {
    if (!support) {
        return "unknown";
    }
    const index = indexOf(support);
    const everySupported = index.supported.has(ALL);
    const everyUnsupported = index.unsupported.has(ALL);
    if (version === undefined || version === "") {
        return everySupported ? "yes" : everyUnsupported ? "no" : "unknown";
    }
    const full = auroraMysqlFullVersion(engine, version) ?? version;
    const direct = exact(index, full);
    if (direct !== "unknown") {
        return direct;
    }
    if (everySupported) {
        return "yes";
    }
    if (everyUnsupported) {
        return "no";
    }
    let matched = false;
    for (const v of index.supported) {
        if (isVersionPrefix(full, v)) {
            return "unknown"; // some version of the prefix has it: the default minor may be one of them
        }
    }
    for (const v of index.unsupported) {
        if (isVersionPrefix(full, v)) {
            matched = true;
        }
    }
    return matched ? "no" : "unknown";
}

export function engineOptions(data: OrderableOptionsFile, engine: string): EngineOptions | undefined {
    return Object.prototype.hasOwnProperty.call(data.engines, engine) ? data.engines[engine] : undefined;
}

export function classOptions(data: OrderableOptionsFile, engine: string, instanceClass: string) {
    const classes = engineOptions(data, engine)?.classes;
    return classes && Object.prototype.hasOwnProperty.call(classes, instanceClass) ? classes[instanceClass] : undefined;
}

/** The versions of `support` that have the capability, newest first as stored, limited (for a message's alternatives). */
export function supportedVersions(support: VersionSupport | undefined, limit = 3): string[] {
    return (support?.supported ?? []).filter(v => v !== ALL).slice(0, limit);
}
