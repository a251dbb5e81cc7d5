import { cutText, quoteValue } from "../../lib/framework/quote";
import type * as aws from "@pulumi/aws";
import { dataConfigSchema, EngineVersionList, useDataFile } from "../../lib/data/data-files";
import { auroraMysqlFullVersion, compareVersions, formatVersionList, majorOf } from "../../lib/data/engine-versions";
import { stackPolicy } from "../../lib/framework/policy";
import { PlannedResourceContext, plannedResources } from "../../lib/aws/lifecycle";
import { RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE } from "../../lib/aws/resource-types";
import { engineVersionsFor, isKnownEngine, judgeVersion, suggestVersions, unknownEngineFinding } from "../../lib/data/version-data";
import { regionOfResource } from "../../lib/aws/region";

interface Config {
    dataFile?: string;
    maxDataAgeDays: number;
}

const NAME = "rds-engine-version-supported";
const ENGINE: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterArgs & keyof aws.rds.GlobalClusterArgs = "engine";
const ENGINE_VERSION: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterArgs & keyof aws.rds.GlobalClusterArgs = "engineVersion";

/** Engines whose major version alone ("15", "8.0") is accepted and resolves to the default minor version. */
const MAJOR_ALIAS_ENGINES: ReadonlySet<string> = new Set(["postgres", "mysql", "mariadb", "aurora-postgresql"]);
const NUMERIC_MAJOR = /^\d+(\.\d+)?$/;

/** The AWS error for a version RDS cannot create (unknown or deprecated), verified from real output. */
export function cannotFindVersionError(version: string, engine: string): string {
    return `InvalidParameterCombination: Cannot find version ${version} for ${engine}`;
}

const TYPES = [RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER];
const LABELS: Record<string, string> = { [RDS_INSTANCE]: "DB instance", [RDS_CLUSTER]: "DB cluster", [RDS_GLOBAL_CLUSTER]: "global cluster" };

// A stack policy because only AnalyzeStack tells a create from an existing resource (lib/aws/lifecycle.ts): RDS
// checks the version when it creates a DB, so a create is mandatory and an existing DB gets an advisory.
export const rdsEngineVersionSupported = stackPolicy<Config>({
    name: NAME,
    description: "RDS engine versions must be ones RDS can still create.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["rds", "versions", "deployment-blocker"],
    remediationSteps: "Set engineVersion to a version RDS can create in your region (the message lists the closest ones, " +
        "same major first), or to the major version alone (e.g. \"15\") to get the default minor version. " +
        "Check with `aws rds describe-db-engine-versions --engine <engine> --query \"DBEngineVersions[].EngineVersion\"`.",
    resourceTypes: TYPES,
    config: dataConfigSchema("rds-engine-versions"),
    docs: {
        failure: "RDS deprecates minor versions regularly (for example postgres 15.2 to 15.12); a program that pins one " +
            "passes `pulumi preview` and fails at `pulumi up`, often after the VPC, subnets and keys were created. " +
            "Mandatory for a DB instance, cluster or global cluster this deployment creates or replaces; advisory for " +
            "one that already exists (its outputs are known from the state), which keeps running: RDS only rejects " +
            "the version when it creates a DB. Checked in AnalyzeStack, where the engine says which resources are new.",
        awsError: cannotFindVersionError("15.5", "postgres"),
    },
    validate: ctx => {
        for (const resource of plannedResources(ctx, TYPES)) {
            checkResource(resource);
        }
    },
});

function checkResource(ctx: PlannedResourceContext<Config>): void {
    const engineValue = ctx.props.string(ENGINE);
    if (typeof engineValue !== "string" || engineValue === "") {
        return; // not set (restored from a snapshot, a read replica, a global cluster from a source), or unknown
    }
    const data = useDataFile(ctx, NAME, "rds-engine-versions");
    if (!data) {
        return;
    }
    const existing = ctx.change === "existing";
    const engine = engineValue.toLowerCase();
    if (!isKnownEngine(data, engine)) {
        const finding = unknownEngineFinding("RDS", engineValue, data);
        ctx.report({ path: ENGINE, ...finding, advisory: finding.advisory || existing });
        return;
    }
    const version = ctx.props.string(ENGINE_VERSION);
    if (typeof version !== "string" || version === "") {
        return; // not set: RDS picks the default version
    }
    if (version.trim() !== version) {
        ctx.report({
            path: ENGINE_VERSION,
            advisory: existing,
            message: `${quoteValue(version, VERSION_LIMIT)} has spaces around it: use ${quoteValue(version.trim(), VERSION_LIMIT)}.\n\n` +
                "RDS lists versions without them, so it cannot find this one.",
        });
        return;
    }
    const region = regionOfResource(ctx.resource).region;
    const found = engineVersionsFor(data, engine, typeof region === "string" ? region : undefined);
    if (!found) {
        return; // an engine the data has no versions for (e.g. Oracle)
    }
    checkVersion(ctx, engine, version, found.list, found.regional && typeof region === "string" ? region : undefined,
        data.sourceDate);
}

function checkVersion(ctx: PlannedResourceContext<Config>, engine: string, version: string, list: EngineVersionList,
    region: string | undefined, dataDate: string): void {
    const verdict = judgeVersion(list, version);
    const where = region ? ` in ${region}` : "";
    const existing = ctx.change === "existing";
    const label = LABELS[ctx.type] ?? "DB";
    const error = `"${cannotFindVersionError(cutText(version, 64), engine)}"`;
    const quoted = quoteValue(version, VERSION_LIMIT);
    // The consequence, and for an existing DB why this is only advisory.
    const outcome = existing
        ? `This ${label} already exists and keeps running; RDS rejects the version when it creates one (a replacement, ` +
          `a restore, a new stack) with ${error}.`
        : `pulumi up fails with ${error}.`;
    const report = (headline: string, details: string, advisory = existing) =>
        ctx.report({ path: ENGINE_VERSION, advisory, message: `${headline}\n\n${details}` });
    switch (verdict.kind) {
        case "available":
        case "prefix-available":
            return;
        case "deprecated": {
            const s = suggestion(engine, version, list);
            report(`${quoted} can no longer be created for ${engine}${where}: ${existing ? "upgrade to" : "use"} ${s.fix}.`,
                `RDS deprecated it (data of ${dataDate}). ${outcome} ${s.details}`);
            return;
        }
        case "prefix-deprecated": {
            const s = suggestion(engine, version, list);
            report(`Every ${engine} ${cutText(version, VERSION_LIMIT)} version is deprecated${where}: ${existing ? "upgrade to" : "use"} ${s.fix}.`,
                `${formatVersionList(verdict.matches)} (data of ${dataDate}) cannot be created. ${outcome} ${s.details}`);
            return;
        }
        case "unknown": {
            const full = auroraMysqlFullVersion(engine, version);
            if (full !== undefined) {
                // "3.05.2": the Aurora MySQL version without its MySQL major.
                const fullVerdict = judgeVersion(list, full);
                const usable = fullVerdict.kind === "available" || fullVerdict.kind === "prefix-available";
                const s = usable ? undefined : suggestion(engine, full, list);
                report(`${quoted} is not an ${engine} version: write it with its MySQL major, ` +
                    (usable ? `"${full}".` : `and "${full}" cannot be created either: use ${s!.fix}.`),
                    `Aurora MySQL versions are written with their MySQL major${where} (data of ${dataDate}). ${outcome}` +
                    (s ? ` ${s.details}` : ""));
                return;
            }
            const newest = newestOfMajor(engine, version, list);
            if (newest !== undefined && compareVersions(version, newest) > 0) {
                // Newer than anything the data knows: perhaps released after the data was made.
                report(`${engine} ${cutText(version, VERSION_LIMIT)} is newer than the pack's data (newest ${newest}), so it was not checked: ` +
                    "refresh the data if AWS released it.",
                    `Data of ${dataDate}; \`npm run data:refresh\` updates it. If RDS does not offer it${where}, ` +
                    `pulumi up fails with ${error}.`, true);
                return;
            }
            const s = suggestion(engine, version, list);
            report(`${quoted} is not a version of ${engine} that RDS offers${where}: ${existing ? "upgrade to" : "use"} ${s.fix}.`,
                `Data of ${dataDate}. ${outcome} ${s.details}`);
            return;
        }
    }
}

/** The newest known version (available or deprecated) of the version's major, or of all majors when it has none. */
function newestOfMajor(engine: string, version: string, list: EngineVersionList): string | undefined {
    const major = majorOf(engine, version);
    const all = [...list.available, ...(list.deprecated ?? [])];
    const same = all.filter(v => majorOf(engine, v) === major);
    const pool = same.length > 0 ? same : all;
    return pool.reduce<string | undefined>((best, v) => best === undefined || compareVersions(v, best) > 0 ? v : best, undefined);
}

/** The fix for the headline ('"15.15" (or "15")') and the version lists for the details. */
/** How much of a version a headline quotes (real ones are under 20 characters). */
const VERSION_LIMIT = 32;

function suggestion(engine: string, version: string, list: EngineVersionList): { fix: string; details: string } {
    const { sameMajor, otherMajors } = suggestVersions(engine, version, list);
    const major = majorOf(engine, version);
    if (sameMajor.length > 0) {
        const alias = MAJOR_ALIAS_ENGINES.has(engine) && NUMERIC_MAJOR.test(major) ? ` (or "${major}")` : "";
        return {
            fix: `"${sameMajor[0]}"${alias}`,
            details: `${engine} ${cutText(major, VERSION_LIMIT)} versions that can be created: ${formatVersionList(sameMajor, 3)}.` +
                (alias ? ` "${major}" gets the default minor version.` : "") +
                (otherMajors.length > 0 ? ` Other majors: ${otherMajors.join(", ")}.` : ""),
        };
    }
    if (otherMajors.length > 0) {
        return {
            fix: `"${otherMajors[0]}" (a major upgrade: test your application)`,
            details: `No ${engine} ${cutText(major, VERSION_LIMIT)} version can be created any more; the closest majors: ${otherMajors.join(", ")}.`,
        };
    }
    return {
        fix: "a version `aws rds describe-db-engine-versions` lists",
        details: `No version of ${engine} can be created according to the data; check ` +
            `\`aws rds describe-db-engine-versions --engine ${engine}\`.`,
    };
}
