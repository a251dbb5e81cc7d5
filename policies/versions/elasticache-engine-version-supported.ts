import type * as aws from "@pulumi/aws";
import { dataConfigSchema, EngineVersionList, useDataFile } from "../../lib/data/data-files";
import { compareVersions, formatVersionList, majorOf, sortNewestFirst } from "../../lib/data/engine-versions";
import { resourcePolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";
import { ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP } from "../../lib/aws/resource-types";
import { engineVersionsFor, isKnownEngine, unknownEngineFinding } from "../../lib/data/version-data";
import { regionOf } from "../../lib/aws/region";

interface Config {
    dataFile?: string;
    maxDataAgeDays: number;
}

const NAME = "elasticache-engine-version-supported";
const ENGINE: keyof aws.elasticache.ReplicationGroupArgs & keyof aws.elasticache.ClusterArgs = "engine";
const ENGINE_VERSION: keyof aws.elasticache.ReplicationGroupArgs & keyof aws.elasticache.ClusterArgs = "engineVersion";

const MAJOR_ONLY = /^(\d+)$/;
const MAJOR_X = /^(\d+)\.x$/i;
const THREE_PART = /^(\d+)\.(\d+)\.\d+$/;
const X_SUFFIX = /\.x$/i;

export const elasticacheEngineVersionSupported = resourcePolicy<Config>({
    name: NAME,
    description: "ElastiCache engine versions must be ones ElastiCache offers, in the form it accepts.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["elasticache", "versions", "deployment-blocker"],
    remediationSteps: "Redis OSS and Valkey 7 and later take <major>.<minor> (e.g. 7.1); Redis OSS 6 takes 6.2, 6.0 or 6.x; " +
        "Redis OSS 5 and older and Memcached take the full version (e.g. 5.0.6, 1.6.22). Check with " +
        "`aws elasticache describe-cache-engine-versions --engine redis --query \"CacheEngineVersions[].EngineVersion\"`.",
    resourceTypes: [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CLUSTER],
    config: dataConfigSchema("elasticache-engine-versions"),
    docs: {
        failure: "A version in the wrong form (\"7\" instead of \"7.1\", \"7.0.7\" instead of \"7.0\") or one ElastiCache does " +
            "not offer fails the deployment: the AWS provider's own version check catches some forms, ElastiCache the rest " +
            "at `pulumi up`. The pack says which versions exist and the form to use.",
    },
    validate: ctx => {
        const version = ctx.props.string(ENGINE_VERSION);
        if (typeof version !== "string" || version === "") {
            return; // not set (latest version), or computed during preview
        }
        const engineValue = ctx.props.string(ENGINE);
        if (engineValue === UNKNOWN || (engineValue === undefined && ctx.props.has(ENGINE))) {
            return; // engine computed during preview, or not a string
        }
        // A replication group defaults to redis; a cluster that joins a replication group takes its engine from it.
        if ((engineValue === undefined || engineValue === "") && ctx.type !== ELASTICACHE_REPLICATION_GROUP) {
            return;
        }
        const engine = (engineValue || "redis").toLowerCase();
        const data = useDataFile(ctx, NAME, "elasticache-engine-versions");
        if (!data) {
            return;
        }
        if (!isKnownEngine(data, engine)) {
            ctx.report({ path: ENGINE, ...unknownEngineFinding("ElastiCache", engineValue || engine, data) });
            return;
        }
        const region = regionOf(ctx).region;
        const found = engineVersionsFor(data, engine, typeof region === "string" ? region : undefined);
        if (!found) {
            return;
        }
        const where = found.regional && typeof region === "string" ? ` in ${region}` : "";
        const problem = versionProblem(engine, version, found.list, where, data.sourceDate);
        if (problem) {
            ctx.report({ path: ENGINE_VERSION, advisory: problem.advisory, message: problem.message });
        }
    },
});

function versionProblem(engine: string, version: string, list: EngineVersionList, where: string, dataDate: string):
    { message: string; advisory?: boolean } | undefined {
    const available = new Set(list.available);
    if (available.has(version)) {
        return undefined;
    }
    const usesMinorForm = engine === "redis" || engine === "valkey";
    const ofMajor = (major: number) => sortNewestFirst(list.available.filter(v => v.split(".")[0] === String(major)));
    const failure = "The AWS provider's version check or ElastiCache rejects it, so the deployment fails.";
    const majorOnly = MAJOR_ONLY.exec(version);
    const majorX = MAJOR_X.exec(version);
    if (usesMinorForm && (majorOnly || majorX)) {
        const major = Number((majorOnly ?? majorX)![1]);
        const versions = ofMajor(major);
        if (major === 6 && majorX && versions.length > 0) {
            return undefined; // "6.x": the latest 6 minor at creation time
        }
        if (versions.length > 0) {
            const form = major >= 7 ? `${engine} ${major} and later need <major>.<minor>` :
                major === 6 ? `${engine} 6 takes <major>.<minor> or 6.x` : `${engine} ${major} needs the full version`;
            return {
                message: `"${version}" is not a version ElastiCache accepts: ${form}. ${failure} ` +
                    `${engine} ${major} versions${where}: ${formatVersionList(versions)}. Use engineVersion: "${versions[0]}".`,
            };
        }
    }
    const threePart = THREE_PART.exec(version);
    if (usesMinorForm && threePart && Number(threePart[1]) >= 6) {
        const minor = `${threePart[1]}.${threePart[2]}`;
        if (available.has(minor)) {
            return {
                message: `"${version}" names a patch release; ${engine} 6 and later take <major>.<minor> and ElastiCache applies ` +
                    `the latest patch. ${failure} Use engineVersion: "${minor}".`,
            };
        }
    }
    const newest = sortNewestFirst(list.available)[0];
    if (newest !== undefined && compareVersions(version.replace(X_SUFFIX, ""), newest) > 0 && !majorX) {
        return {
            advisory: true,
            message: `${engine} ${version} is newer than every version in the pack's data (newest: ${newest}, data of ${dataDate}), ` +
                "so it could not be checked. Refresh the data (`npm run data:refresh`) if AWS released it recently.",
        };
    }
    const major = majorOf(engine, version.replace(X_SUFFIX, ""));
    const sameMajor = sortNewestFirst(list.available.filter(v => majorOf(engine, v) === major));
    const closest = sameMajor.length > 0 ? sameMajor : sortNewestFirst(list.available).slice(0, 4);
    return {
        message: `"${version}" is not a version of ${engine} that ElastiCache offers${where} (data of ${dataDate}). ${failure} ` +
            (closest.length > 0 ? `Versions that can be created: ${formatVersionList(closest)}. Use engineVersion: "${closest[0]}".`
                : `Check \`aws elasticache describe-cache-engine-versions --engine ${engine}\`.`),
    };
}
