import type * as aws from "@pulumi/aws";
import { dataConfigSchema, EngineVersionList, useDataFile } from "../../lib/data/data-files";
import { auroraMysqlFullVersion, compareVersions, formatVersionList, majorOf } from "../../lib/data/engine-versions";
import { resourcePolicy, ResourceContext } from "../../lib/framework/policy";
import { RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE } from "../../lib/aws/resource-types";
import { engineVersionsFor, isKnownEngine, judgeVersion, suggestVersions, unknownEngineFinding } from "../../lib/data/version-data";
import { regionOf } from "../../lib/aws/region";

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

export const rdsEngineVersionSupported = resourcePolicy<Config>({
    name: NAME,
    description: "RDS engine versions must be ones RDS can still create.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["rds", "versions", "deployment-blocker"],
    remediationSteps: "Set engineVersion to a version RDS can create in your region (the message lists the closest ones, " +
        "same major first), or to the major version alone (e.g. \"15\") to get the default minor version. " +
        "Check with `aws rds describe-db-engine-versions --engine <engine> --query \"DBEngineVersions[].EngineVersion\"`.",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER],
    config: dataConfigSchema("rds-engine-versions"),
    docs: {
        failure: "RDS deprecates minor versions regularly (for example postgres 15.2 to 15.12); a program that pins one " +
            "passes `pulumi preview` and fails at `pulumi up`, often after the VPC, subnets and keys were created. " +
            "Limitation: a resource policy is not told whether the resource is being created or already exists, so a " +
            "DB instance or cluster created before its version was deprecated is reported on every preview too (AWS " +
            "only rejects the version when it creates one, e.g. on a replacement). For such a resource, upgrade it, or " +
            "meanwhile set this policy to advisory for that stack: `--policy-pack-config` with " +
            "{\"rds-engine-version-supported\": {\"enforcementLevel\": \"advisory\"}}.",
        awsError: cannotFindVersionError("15.5", "postgres"),
    },
    validate: ctx => {
        const engineValue = ctx.props.string(ENGINE);
        if (typeof engineValue !== "string" || engineValue === "") {
            return; // not set (restored from a snapshot, a read replica, a global cluster from a source), or unknown
        }
        const data = useDataFile(ctx, NAME, "rds-engine-versions");
        if (!data) {
            return;
        }
        const engine = engineValue.toLowerCase();
        if (!isKnownEngine(data, engine)) {
            ctx.report({ path: ENGINE, ...unknownEngineFinding("RDS", engineValue, data) });
            return;
        }
        const version = ctx.props.string(ENGINE_VERSION);
        if (typeof version !== "string" || version === "") {
            return; // not set: RDS picks the default version
        }
        if (version.trim() !== version) {
            ctx.report({
                path: ENGINE_VERSION,
                message: `engineVersion ${JSON.stringify(version)} has spaces around it, so it is not a version RDS lists (versions are written without them). ` +
                    `Use engineVersion: ${JSON.stringify(version.trim())}.`,
            });
            return;
        }
        const region = regionOf(ctx).region;
        const found = engineVersionsFor(data, engine, typeof region === "string" ? region : undefined);
        if (!found) {
            return; // an engine the data has no versions for (e.g. Oracle)
        }
        checkVersion(ctx, engine, version, found.list, found.regional && typeof region === "string" ? region : undefined,
            data.sourceDate);
    },
});

/** What to do when the resource already exists: this policy cannot tell (see docs.failure). */
export const EXISTING_RESOURCE_NOTE = "AWS rejects this version when it creates the resource (a new one, or a " +
    "replacement); if this resource already exists, it keeps running, but this policy cannot tell, so upgrade it to one " +
    "of the versions above), or meanwhile set the policy to advisory for this stack with --policy-pack-config " +
    `{"${NAME}": {"enforcementLevel": "advisory"}}.`;

function checkVersion(ctx: ResourceContext<Config>, engine: string, version: string, list: EngineVersionList,
    region: string | undefined, dataDate: string): void {
    const verdict = judgeVersion(list, version);
    const where = region ? ` in ${region}` : "";
    const error = `AWS rejects it at pulumi up with "${cannotFindVersionError(version, engine)}".`;
    switch (verdict.kind) {
        case "available":
        case "prefix-available":
            return;
        case "deprecated":
            ctx.report({
                path: ENGINE_VERSION,
                message: `${engine} ${version} can no longer be created${where}: RDS deprecated it (data of ${dataDate}). ` +
                    `${error} ${suggestion(engine, version, list)} ${EXISTING_RESOURCE_NOTE}`,
            });
            return;
        case "prefix-deprecated":
            ctx.report({
                path: ENGINE_VERSION,
                message: `Every ${engine} ${version} version is deprecated${where} (${formatVersionList(verdict.matches)}; data of ` +
                    `${dataDate}), so RDS cannot create one. ${error} ${suggestion(engine, version, list)} ${EXISTING_RESOURCE_NOTE}`,
            });
            return;
        case "unknown": {
            const full = auroraMysqlFullVersion(engine, version);
            if (full !== undefined) {
                // "3.05.2": the Aurora MySQL version without its MySQL major.
                const fullVerdict = judgeVersion(list, full);
                const usable = fullVerdict.kind === "available" || fullVerdict.kind === "prefix-available";
                ctx.report({
                    path: ENGINE_VERSION,
                    message: `"${version}" is not an engine version RDS accepts for ${engine}: Aurora MySQL versions are written ` +
                        `with their MySQL major, "${full}"${where} (data of ${dataDate}). ${error} ` +
                        (usable ? `Use engineVersion: "${full}".` : `${full} cannot be created either. ${suggestion(engine, full, list)}`),
                });
                return;
            }
            const newest = newestOfMajor(engine, version, list);
            if (newest !== undefined && compareVersions(version, newest) > 0) {
                // Newer than anything the data knows: perhaps released after the data was made.
                ctx.report({
                    advisory: true,
                    path: ENGINE_VERSION,
                    message: `${engine} ${version} is newer than every version in the pack's data (newest: ${newest}, data of ` +
                        `${dataDate}), so it could not be checked. If RDS does not offer it${where}, ${error} ` +
                        "Refresh the data (`npm run data:refresh`) if AWS released it recently.",
                });
                return;
            }
            ctx.report({
                path: ENGINE_VERSION,
                message: `"${version}" is not a version of ${engine} that RDS offers${where} (data of ${dataDate}). ${error} ` +
                    `${suggestion(engine, version, list)} ${EXISTING_RESOURCE_NOTE}`,
            });
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

function suggestion(engine: string, version: string, list: EngineVersionList): string {
    const { sameMajor, otherMajors } = suggestVersions(engine, version, list);
    const major = majorOf(engine, version);
    const parts: string[] = [];
    if (sameMajor.length > 0) {
        parts.push(`${engine} ${major} versions that can be created: ${formatVersionList(sameMajor)}.`);
        const alias = MAJOR_ALIAS_ENGINES.has(engine) && NUMERIC_MAJOR.test(major) ? ` (or engineVersion: "${major}" for the default minor version)` : "";
        parts.push(`Use engineVersion: "${sameMajor[0]}"${alias}.`);
        if (otherMajors.length > 0) {
            parts.push(`Other majors: ${otherMajors.join(", ")}.`);
        }
    } else if (otherMajors.length > 0) {
        parts.push(`No ${engine} ${major} version can be created any more; the closest majors: ${otherMajors.join(", ")}. ` +
            `Use engineVersion: "${otherMajors[0]}" (a major upgrade: test your application).`);
    } else {
        parts.push(`No version of ${engine} can be created according to the data; check \`aws rds describe-db-engine-versions --engine ${engine}\`.`);
    }
    return parts.join(" ");
}
