// `npm run data:refresh`: writes the pack's data files (data/*.json) from
//   - the offline AWS service data (default; `--source <dir>`, default ../shared/data/aws-service-data next to the
//     repository), or
//   - the live AWS APIs with your credentials (`--live [--regions eu-west-1,us-east-1]`, default all commercial
//     regions): RDS DescribeDBEngineVersions (IncludeAll) and DescribeOrderableDBInstanceOptions, ElastiCache
//     DescribeCacheEngineVersions. Lambda runtime dates have no API and always come from the offline source.
// Options: --out <dir> (default data/), --only <kind,...>, --max-loss <fraction> (sanity floor, default 0.2),
//   --allow-shrink (write even when a file lost more than that), --source-date yyyy-mm-dd.
// The AWS SDK clients are dev dependencies: `npm install` in a clone brings them, the published pack (which ships
// no dev dependencies) never has them, and the pack itself never loads them.
import * as fs from "fs";
import * as path from "path";
import { DATA_KINDS, DataKind, formatOf } from "../lib/data/data-files";
import {
    CacheEngineVersionShape,
    DBEngineVersionShape,
    engineVersionsFromApi,
    engineVersionsFromCfnLint,
    instanceClassesFromApi,
    instanceClassesFromCfnLint,
    lambdaRuntimesFromLifecycle,
    OrderableOptionShape,
    paginate,
    sanityFloorProblem,
} from "./data-sources";
import { orderableOptionsFromApi, orderableOptionsFromDocs } from "./generators/rds-orderable-options";
import { decodeClassSet } from "../lib/data/version-data";
import { EngineVersionsFile, InstanceClassesFile } from "../lib/data/data-files";

const REPO_DIR = path.resolve(__dirname, "..", "..");
const DEFAULT_SOURCE = path.resolve(REPO_DIR, "..", "shared", "data", "aws-service-data");

/** The commercial regions (partition "aws") a live run covers by default. */
export const COMMERCIAL_REGIONS = [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1",
    "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1",
    "us-east-2", "us-west-1", "us-west-2",
];

/** Engine names RDS accepts that the offline documents do not name (they share the RDS API). */
const EXTRA_RDS_ENGINES = ["aurora", "docdb", "neptune"];

export interface Options {
    source: string;
    out: string;
    live: boolean;
    regions: string[];
    only: DataKind[];
    maxLoss: number;
    allowShrink: boolean;
    sourceDate?: string;
}

export function parseArgs(argv: readonly string[]): Options {
    const options: Options = { source: DEFAULT_SOURCE, out: path.join(REPO_DIR, "data"), live: false, regions: COMMERCIAL_REGIONS,
        only: [...DATA_KINDS], maxLoss: 0.2, allowShrink: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined) {
                throw new Error(`${arg} needs a value`);
            }
            return v;
        };
        switch (arg) {
            case "--source": options.source = path.resolve(value()); break;
            case "--out": options.out = path.resolve(value()); break;
            case "--live": options.live = true; break;
            case "--regions": options.regions = value().split(",").map(r => r.trim()).filter(Boolean); break;
            case "--only": {
                const kinds = value().split(",").map(k => k.trim());
                const bad = kinds.filter(k => !DATA_KINDS.includes(k as DataKind));
                if (bad.length > 0) {
                    throw new Error(`--only: unknown data kind ${bad.join(", ")}; known: ${DATA_KINDS.join(", ")}`);
                }
                options.only = kinds as DataKind[];
                break;
            }
            case "--max-loss": {
                const n = Number(value());
                if (!(n >= 0 && n <= 1)) {
                    throw new Error("--max-loss takes a fraction between 0 and 1, e.g. 0.2");
                }
                options.maxLoss = n;
                break;
            }
            case "--allow-shrink": options.allowShrink = true; break;
            case "--source-date": options.sourceDate = value(); break;
            case "--help": case "-h":
                throw new Error(USAGE);
            default:
                throw new Error(`unknown option ${arg}\n${USAGE}`);
        }
    }
    return options;
}

const USAGE = "usage: npm run data:refresh -- [--source <dir>] [--live [--regions a,b]] [--out <dir>] [--only kind,...] " +
    "[--max-loss 0.2] [--allow-shrink] [--source-date yyyy-mm-dd]";

function readJson(file: string): unknown {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The snapshot date the source's README states ("snapshot of 2026-08-19"), else the newest file date. */
function offlineSourceDate(source: string): string {
    try {
        const readme = fs.readFileSync(path.join(source, "README.md"), "utf8");
        const match = /snapshot of (\d{4}-\d{2}-\d{2})/.exec(readme);
        if (match) {
            return match[1];
        }
    } catch {
        // no README: fall back to file dates
    }
    const newest = Math.max(...fs.readdirSync(source).map(f => fs.statSync(path.join(source, f)).mtimeMs));
    return new Date(newest).toISOString().slice(0, 10);
}

export function offlineData(options: Options, generated: Date): Map<DataKind, unknown> {
    const source = options.source;
    if (!fs.existsSync(source)) {
        throw new Error(`the offline source ${source} does not exist; pass --source <dir> (the AWS service data directory)`);
    }
    const sourceDate = options.sourceDate ?? offlineSourceDate(source);
    const head = (what: string) => ({ source: `cfn-lint AWS service data snapshot (${what})`, sourceDate, generated });
    const file = (name: string) => readJson(path.join(source, name));
    const out = new Map<DataKind, unknown>();
    for (const kind of options.only) {
        switch (kind) {
            case "rds-engine-versions":
                out.set(kind, engineVersionsFromCfnLint(kind, {
                    all: [file("aws_rds_dbinstance.engine_version.json"), file("aws_rds_dbcluster.engine_version.json")],
                    deprecated: [file("aws_rds_dbinstance.engine_version_deprecated.json"), file("aws_rds_dbcluster.engine_version_deprecated.json")],
                    extraEngines: EXTRA_RDS_ENGINES,
                }, head("RDS DescribeDBEngineVersions IncludeAll, us-east-1")));
                break;
            case "elasticache-engine-versions":
                out.set(kind, engineVersionsFromCfnLint(kind, { all: [file("aws_elasticache_cachecluster.engine_version.json")], deprecated: [] },
                    head("ElastiCache DescribeCacheEngineVersions, us-east-1")));
                break;
            case "rds-instance-classes":
                out.set(kind, instanceClassesFromCfnLint(file("aws_rds_dbinstance.dbinstanceclass_enum.json"),
                    head("RDS instance classes per region from the AWS price list")));
                break;
            case "lambda-runtimes":
                out.set(kind, lambdaRuntimesFromLifecycle(file("lambda-runtime-lifecycle.json"), head("Lambda runtime lifecycle")));
                break;
            case "rds-orderable-options":
                out.set(kind, orderableOptionsFromDocs(offlineOrderableInputs(options, generated), generated));
                break;
        }
    }
    return out;
}

/** The engine versions and instance classes the documented orderable-option rules are applied to. */
function offlineOrderableInputs(options: Options, generated: Date) {
    const data = offlineData({ ...options, only: ["rds-engine-versions", "rds-instance-classes"] }, generated);
    const engineVersions = data.get("rds-engine-versions") as EngineVersionsFile;
    const classFile = data.get("rds-instance-classes") as InstanceClassesFile;
    const versions = new Map(Object.entries(engineVersions.engines).map(([e, l]) => [e, [...l.available, ...l.deprecated ?? []]]));
    const classes = new Map<string, Set<string>>();
    for (const engines of Object.values(classFile.regions)) {
        for (const [engine, models] of Object.entries(engines)) {
            const set = classes.get(engine) ?? classes.set(engine, new Set()).get(engine)!;
            for (const index of Object.values(models)) {
                decodeClassSet(classFile.sets[index], classFile.classes).forEach(c => set.add(c));
            }
        }
    }
    return { versions, classes: new Map([...classes].map(([e, s]) => [e, [...s].sort()])) };
}

export const SDK_INSTALL = "npm install (in a clone of the pack: the SDK clients are its dev dependencies)";

/** Loads an AWS SDK v3 client package only here, in the live code path; the pack never loads it. */
export function loadSdk(name: "@aws-sdk/client-rds" | "@aws-sdk/client-elasticache"): any {
    try {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        return require(name);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") {
            throw new Error(`--live needs the AWS SDK v3 clients, which are not installed. Run:\n  ${SDK_INSTALL}`);
        }
        throw error;
    }
}

/**
 * Reads the live APIs region by region. `sdk` loads the SDK packages (tests pass fakes that answer with recorded
 * response shapes; nothing here touches the network by itself).
 */
export async function liveData(options: Options, generated: Date, sdk: typeof loadSdk = loadSdk,
    progress: (text: string) => void = text => process.stderr.write(text)): Promise<Map<DataKind, unknown>> {
    const wantsOrderable = options.only.includes("rds-instance-classes") || options.only.includes("rds-orderable-options");
    const wantsRds = options.only.includes("rds-engine-versions") || wantsOrderable;
    const rdsSdk = wantsRds ? sdk("@aws-sdk/client-rds") : undefined;
    const cacheSdk = options.only.includes("elasticache-engine-versions") ? sdk("@aws-sdk/client-elasticache") : undefined;
    const sourceDate = generated.toISOString().slice(0, 10);
    const regionsText = options.regions.join(", ");
    const rdsVersions = new Map<string, DBEngineVersionShape[]>();
    const orderable = new Map<string, OrderableOptionShape[]>();
    const cacheVersions = new Map<string, CacheEngineVersionShape[]>();
    for (const region of options.regions) {
        progress(`${region}: `);
        if (rdsSdk) {
            const client = new rdsSdk.RDSClient({ region });
            const versions: DBEngineVersionShape[] = await paginate(async marker => {
                const r = await client.send(new rdsSdk.DescribeDBEngineVersionsCommand({ IncludeAll: true, MaxRecords: 100, Marker: marker }));
                return { items: r.DBEngineVersions ?? [], marker: r.Marker };
            });
            rdsVersions.set(region, versions);
            progress(`${versions.length} RDS engine versions`);
            if (wantsOrderable) {
                const engines = [...new Set(versions.map(v => v.Engine).filter((e): e is string => !!e))];
                const options_: OrderableOptionShape[] = [];
                for (const engine of engines) {
                    options_.push(...await paginate<OrderableOptionShape>(async marker => {
                        const r = await client.send(new rdsSdk.DescribeOrderableDBInstanceOptionsCommand({ Engine: engine, MaxRecords: 100, Marker: marker }));
                        return { items: r.OrderableDBInstanceOptions ?? [], marker: r.Marker };
                    }));
                }
                orderable.set(region, options_);
                progress(`, ${options_.length} orderable options`);
            }
        }
        if (cacheSdk) {
            const client = new cacheSdk.ElastiCacheClient({ region });
            const versions: CacheEngineVersionShape[] = await paginate(async marker => {
                const r = await client.send(new cacheSdk.DescribeCacheEngineVersionsCommand({ MaxRecords: 100, Marker: marker }));
                return { items: r.CacheEngineVersions ?? [], marker: r.Marker };
            });
            cacheVersions.set(region, versions);
            progress(`, ${versions.length} ElastiCache engine versions`);
        }
        progress("\n");
    }
    const out = new Map<DataKind, unknown>();
    const head = (api: string) => ({ source: `AWS API ${api} (live, regions ${regionsText})`, sourceDate, generated });
    if (options.only.includes("rds-engine-versions")) {
        out.set("rds-engine-versions", engineVersionsFromApi("rds-engine-versions", rdsVersions, head("RDS DescribeDBEngineVersions IncludeAll")));
    }
    if (options.only.includes("rds-instance-classes")) {
        out.set("rds-instance-classes", instanceClassesFromApi(orderable, head("RDS DescribeOrderableDBInstanceOptions")));
    }
    if (options.only.includes("rds-orderable-options")) {
        out.set("rds-orderable-options", orderableOptionsFromApi(orderable, rdsVersions,
            head("RDS DescribeOrderableDBInstanceOptions and DescribeDBEngineVersions")));
    }
    if (options.only.includes("elasticache-engine-versions")) {
        out.set("elasticache-engine-versions", engineVersionsFromApi("elasticache-engine-versions", cacheVersions,
            head("ElastiCache DescribeCacheEngineVersions")));
    }
    if (options.only.includes("lambda-runtimes")) {
        // No API lists runtime lifecycle dates: take them from the offline source.
        for (const [kind, data] of offlineData({ ...options, only: ["lambda-runtimes"] }, generated)) {
            out.set(kind, data);
        }
    }
    return out;
}

/** Writes each file unless it lost more than the sanity floor allows; returns the problems (files not written). */
export function writeDataFiles(data: ReadonlyMap<DataKind, unknown>, options: Pick<Options, "out" | "maxLoss" | "allowShrink">,
    log: (line: string) => void = console.log): string[] {
    const problems: string[] = [];
    fs.mkdirSync(options.out, { recursive: true });
    for (const [kind, next] of data) {
        const file = path.join(options.out, `${kind}.json`);
        let current: unknown;
        try {
            current = readJson(file);
        } catch {
            current = undefined;
        }
        const problem = current && (current as { format?: unknown }).format === formatOf(kind) && !options.allowShrink
            ? sanityFloorProblem(kind, current, next, options.maxLoss) : undefined;
        if (problem) {
            problems.push(problem);
            continue;
        }
        const text = formatJson(next, 2) + "\n";
        fs.writeFileSync(file, text);
        log(`wrote ${path.relative(process.cwd(), file) || file} (${(text.length / 1024).toFixed(1)} KiB)`);
    }
    return problems;
}

/** JSON with the first `depth` levels one entry per line (readable diffs) and everything deeper on that line. */
export function formatJson(value: unknown, depth: number, indent = ""): string {
    if (depth <= 0 || value === null || typeof value !== "object") {
        return JSON.stringify(value);
    }
    const inner = indent + " ";
    if (Array.isArray(value)) {
        return value.length === 0 ? "[]" : `[\n${value.map(v => inner + formatJson(v, depth - 1, inner)).join(",\n")}\n${indent}]`;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? "{}" : `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, depth - 1, inner)}`)
        .join(",\n")}\n${indent}}`;
}

async function main(): Promise<void> {
    const options = parseArgs(process.argv.slice(2));
    const generated = new Date();
    const data = options.live ? await liveData(options, generated) : offlineData(options, generated);
    const problems = writeDataFiles(data, options);
    for (const problem of problems) {
        console.error(`not written: ${problem}`);
    }
    process.exitCode = problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
    main().catch(error => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}
