// Builds data/rds-orderable-options.json (per engine and instance class: which engine versions the class is offered
// for, and which support Performance Insights and global databases), from
//   - live: RDS DescribeOrderableDBInstanceOptions (SupportsPerformanceInsights, SupportsGlobalDatabases per class and
//     version) and DescribeDBEngineVersions (SupportsGlobalDatabases per version), via scripts/generate-data.ts --live;
//   - offline: no public machine-readable snapshot of these fields exists (the cfn-lint service data has none), so
//     the rules AWS documents are transcribed below, with their pages, and applied to the engine versions and
//     instance classes of the offline data. Only what the pages state is written; anything else stays uncovered.
import { ClassOptions, EngineOptions, OrderableOptionsFile, VersionSupport } from "../../lib/data/data-files";
import { compareVersions, sortNewestFirst } from "../../lib/data/engine-versions";
import { DBEngineVersionShape, header, OrderableOptionShape } from "../data-sources";

/** When the rules below were transcribed from the pages they cite. */
export const DOCUMENTED_DATE = "2026-12-01";

const AURORA_GUIDE = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide";
const RDS_GUIDE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide";

export const DOCUMENTED_SOURCES = [
    `${RDS_GUIDE}/USER_PerfInsights.Overview.Engines.html (Performance Insights instance class restrictions, MySQL and MariaDB)`,
    `${AURORA_GUIDE}/USER_PerfInsights.Overview.Engines.html (Aurora MySQL: db.t2, db.t3, db.t4g.micro and db.t4g.small not supported)`,
    `${AURORA_GUIDE}/Concepts.DBInstanceClass.SupportAurora.html (instance classes per Aurora MySQL version; db.t3.small ` +
        "refused for 8.0.mysql_aurora.3.04.0 with \"RDS does not support creating a DB instance with the following combination\")",
    `${AURORA_GUIDE}/Concepts.Aurora_Fea_Regions_DB-eng.Feature.GlobalDatabase.html (global databases: Aurora MySQL 2.07.0 ` +
        "and higher, 3.01.0 and higher, every 8.4 version)",
];

/** Classes (a trailing `.*` is a whole family) that do not support Performance Insights in any version. */
const PI_UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
    "mysql": ["db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"],
    "mariadb": ["db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"],
    "aurora-mysql": ["db.t2.*", "db.t3.*", "db.t4g.micro", "db.t4g.small"],
};

/** Aurora MySQL 3 (8.0.mysql_aurora.3.x) does not offer these classes; db.t3.small is offered for Aurora MySQL 2. */
const AURORA_MYSQL_3 = /^8\.0\.mysql_aurora\.3\./;
const AURORA_MYSQL_2 = /^5\.7\.mysql_aurora\.2\./;
const NOT_ON_AURORA_MYSQL_3 = ["db.t3.small", "db.t2.*", "db.r3.*", "db.r4.*"];
const ON_AURORA_MYSQL_2 = ["db.t3.small"];

/** Global databases, Aurora MySQL: the lowest version per major in every Region of the table; 8.4: all versions. */
function auroraMysqlGlobal(version: string): boolean | undefined {
    const short = /^(?:5\.7|8\.0)\.mysql_aurora\.(\d+\.\d+\.\d+)/.exec(version);
    if (short) {
        const floor = short[1].startsWith("2.") ? "2.07.0" : short[1].startsWith("3.") ? "3.01.0" : undefined;
        return floor === undefined ? undefined : compareVersions(short[1], floor) >= 0;
    }
    if (/^8\.4\./.test(version)) {
        return true;
    }
    if (/^5\.6\./.test(version)) {
        return false; // Aurora MySQL 1 is not in the table (and long retired)
    }
    return undefined;
}

function expand(patterns: readonly string[], classes: readonly string[]): string[] {
    return classes.filter(c => patterns.some(p => p.endsWith(".*") ? c.startsWith(p.slice(0, -1)) : c === p));
}

const list = (versions: Iterable<string>) => sortNewestFirst(new Set(versions));
const support = (supported: Iterable<string>, unsupported: Iterable<string>): VersionSupport => {
    const s = list(supported);
    const u = list(unsupported);
    return { ...(s.length > 0 ? { supported: s } : {}), ...(u.length > 0 ? { unsupported: u } : {}) };
};

export interface OfflineInputs {
    /** engine -> every version the offline data knows (available and deprecated). */
    readonly versions: ReadonlyMap<string, readonly string[]>;
    /** engine -> every instance class any region offers for it. */
    readonly classes: ReadonlyMap<string, readonly string[]>;
}

/** The documented rules applied to the offline engine versions and classes. */
export function orderableOptionsFromDocs(inputs: OfflineInputs, generated: Date, sourceDate = DOCUMENTED_DATE): OrderableOptionsFile {
    const engines: Record<string, { globalDatabases?: VersionSupport; classes: Record<string, ClassOptions> }> = {};
    const engine = (name: string) => engines[name] ??= { classes: {} };
    for (const [name, patterns] of Object.entries(PI_UNSUPPORTED)) {
        for (const cls of expand(patterns, inputs.classes.get(name) ?? [])) {
            engine(name).classes[cls] = { performanceInsights: { unsupported: ["*"] } };
        }
    }
    const auroraVersions = inputs.versions.get("aurora-mysql") ?? [];
    const auroraClasses = inputs.classes.get("aurora-mysql") ?? [];
    const v3 = auroraVersions.filter(v => AURORA_MYSQL_3.test(v));
    const v2 = auroraVersions.filter(v => AURORA_MYSQL_2.test(v));
    const onV2 = new Set(expand(ON_AURORA_MYSQL_2, auroraClasses));
    for (const cls of expand(NOT_ON_AURORA_MYSQL_3, auroraClasses)) {
        const entry = engine("aurora-mysql").classes[cls] ?? {};
        engine("aurora-mysql").classes[cls] = { ...entry, offered: support(onV2.has(cls) ? v2 : [], v3) };
    }
    if (auroraVersions.length > 0) {
        engine("aurora-mysql").globalDatabases = support(auroraVersions.filter(v => auroraMysqlGlobal(v) === true),
            auroraVersions.filter(v => auroraMysqlGlobal(v) === false));
    }
    return {
        ...header("rds-orderable-options", "AWS documentation tables, transcribed (no machine-readable snapshot of " +
            "DescribeOrderableDBInstanceOptions is public)", sourceDate, generated),
        sources: DOCUMENTED_SOURCES,
        engines: sortEngines(engines),
    };
}

function sortEngines(engines: Record<string, { globalDatabases?: VersionSupport; classes: Record<string, ClassOptions> }>):
    Record<string, EngineOptions> {
    const out: Record<string, EngineOptions> = {};
    for (const name of Object.keys(engines).sort()) {
        const { globalDatabases, classes } = engines[name];
        const sorted: Record<string, ClassOptions> = {};
        for (const cls of Object.keys(classes).sort()) {
            sorted[cls] = classes[cls];
        }
        out[name] = { ...(globalDatabases ? { globalDatabases } : {}), ...(Object.keys(sorted).length > 0 ? { classes: sorted } : {}) };
    }
    return out;
}

/**
 * Live answers of every region -> the file. A class/version pair counts as offered when any region offers it, and as
 * not offered only for versions of the engine that some region lists (DescribeDBEngineVersions, available) while no
 * region offers the class for them. A capability is supported when any region says so.
 */
export function orderableOptionsFromApi(orderable: ReadonlyMap<string, readonly OrderableOptionShape[]>,
    versions: ReadonlyMap<string, readonly DBEngineVersionShape[]>, head: { source: string; sourceDate: string; generated: Date }):
    OrderableOptionsFile {
    type Acc = { offered: Set<string>; pi: Set<string>; noPi: Set<string>; global: Set<string>; noGlobal: Set<string> };
    const byEngine = new Map<string, Map<string, Acc>>();
    for (const options of orderable.values()) {
        for (const o of options) {
            if (!o.Engine || !o.EngineVersion || !o.DBInstanceClass) {
                continue;
            }
            const classes = byEngine.get(o.Engine) ?? new Map<string, Acc>();
            byEngine.set(o.Engine, classes);
            const acc = classes.get(o.DBInstanceClass) ??
                { offered: new Set(), pi: new Set(), noPi: new Set(), global: new Set(), noGlobal: new Set() };
            classes.set(o.DBInstanceClass, acc);
            acc.offered.add(o.EngineVersion);
            (o.SupportsPerformanceInsights ? acc.pi : acc.noPi).add(o.EngineVersion);
            (o.SupportsGlobalDatabases ? acc.global : acc.noGlobal).add(o.EngineVersion);
        }
    }
    const available = new Map<string, Set<string>>();
    const global = new Map<string, { yes: Set<string>; no: Set<string> }>();
    for (const list of versions.values()) {
        for (const v of list) {
            if (!v.Engine || !v.EngineVersion) {
                continue;
            }
            if (v.Status !== "deprecated") {
                (available.get(v.Engine) ?? available.set(v.Engine, new Set()).get(v.Engine)!).add(v.EngineVersion);
            }
            const g = global.get(v.Engine) ?? global.set(v.Engine, { yes: new Set(), no: new Set() }).get(v.Engine)!;
            (v.SupportsGlobalDatabases ? g.yes : g.no).add(v.EngineVersion);
        }
    }
    const engines: Record<string, { globalDatabases?: VersionSupport; classes: Record<string, ClassOptions> }> = {};
    for (const [engine, classes] of byEngine) {
        const out: Record<string, ClassOptions> = {};
        for (const [cls, acc] of classes) {
            const notOffered = [...available.get(engine) ?? []].filter(v => !acc.offered.has(v));
            out[cls] = {
                offered: support(acc.offered, notOffered),
                performanceInsights: support(acc.pi, [...acc.noPi].filter(v => !acc.pi.has(v))),
                globalDatabases: support(acc.global, [...acc.noGlobal].filter(v => !acc.global.has(v))),
            };
        }
        engines[engine] = { classes: out };
    }
    for (const [engine, g] of global) {
        const entry = engines[engine] ??= { classes: {} };
        entry.globalDatabases = support(g.yes, [...g.no].filter(v => !g.yes.has(v)));
    }
    return { ...header("rds-orderable-options", head.source, head.sourceDate, head.generated), engines: sortEngines(engines) };
}
