import { cutText, quoteValue } from "../../lib/framework/quote";
import type * as aws from "@pulumi/aws";
import { dataConfigSchema, EngineVersionList, useDataFile } from "../../lib/data/data-files";
import { compareVersions, formatVersionList, majorOf, sortNewestFirst } from "../../lib/data/engine-versions";
import { stackPolicy } from "../../lib/framework/policy";
import { PlannedResourceContext, plannedResources } from "../../lib/aws/lifecycle";
import { UNKNOWN } from "../../lib/framework/properties";
import { ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP } from "../../lib/aws/resource-types";
import { engineVersionsFor, isKnownEngine, unknownEngineFinding } from "../../lib/data/version-data";
import { regionOfResource } from "../../lib/aws/region";

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

const TYPES = [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CLUSTER];

// A stack policy because only AnalyzeStack tells a create from an existing resource (lib/aws/lifecycle.ts).
export const elasticacheEngineVersionSupported = stackPolicy<Config>({
    name: NAME,
    description: "ElastiCache engine versions must be ones ElastiCache offers, in the form it accepts.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["elasticache", "versions", "deployment-blocker"],
    remediationSteps: "Redis OSS and Valkey 7 and later take <major>.<minor> (e.g. 7.1); Redis OSS 6 takes 6.2, 6.0 or 6.x; " +
        "Redis OSS 5 and older and Memcached take the full version (e.g. 5.0.6, 1.6.22). Check with " +
        "`aws elasticache describe-cache-engine-versions --engine redis --query \"CacheEngineVersions[].EngineVersion\"`.",
    resourceTypes: TYPES,
    config: dataConfigSchema("elasticache-engine-versions"),
    docs: {
        failure: "A version in the wrong form (\"7\" instead of \"7.1\", \"7.0.7\" instead of \"7.0\") or one ElastiCache does " +
            "not offer fails the deployment: the AWS provider's own version check catches some forms, ElastiCache the rest " +
            "at `pulumi up`. The pack says which versions exist and the form to use. Mandatory for a replication group or " +
            "cluster this deployment creates or replaces; advisory for one that already exists.",
    },
    validate: ctx => {
        for (const resource of plannedResources(ctx, TYPES)) {
            checkResource(resource);
        }
    },
});

function checkResource(ctx: PlannedResourceContext<Config>): void {
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
        const finding = unknownEngineFinding("ElastiCache", engineValue || engine, data);
        ctx.report({ path: ENGINE, ...finding, advisory: finding.advisory || ctx.change === "existing" });
        return;
    }
    const region = regionOfResource(ctx.resource).region;
    const found = engineVersionsFor(data, engine, typeof region === "string" ? region : undefined);
    if (!found) {
        return;
    }
    const where = found.regional && typeof region === "string" ? ` in ${region}` : "";
    const existing = ctx.change === "existing";
    const problem = versionProblem(engine, version, found.list, where, data.sourceDate, existing);
    if (problem) {
        ctx.report({ path: ENGINE_VERSION, advisory: problem.advisory || existing, message: problem.message });
    }
}

function versionProblem(engine: string, version: string, list: EngineVersionList, where: string, dataDate: string,
    existing: boolean): { message: string; advisory?: boolean } | undefined {
    const available = new Set(list.available);
    if (available.has(version)) {
        return undefined;
    }
    const usesMinorForm = engine === "redis" || engine === "valkey";
    const ofMajor = (major: number) => sortNewestFirst(list.available.filter(v => v.split(".")[0] === String(major)));
    const use = existing ? "move to" : "use";
    const failure = existing
        ? "This one already exists and keeps running; ElastiCache rejects the version when it creates one (a replacement or a new stack)."
        : "The AWS provider's version check or ElastiCache rejects it, so the deployment fails.";
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
                message: `"${version}" is not a form ElastiCache accepts for ${engine}: ${use} "${versions[0]}".\n\n${form}. ${failure} ` +
                    `${engine} ${major} versions${where}: ${formatVersionList(versions)}.`,
            };
        }
    }
    const threePart = THREE_PART.exec(version);
    if (usesMinorForm && threePart && Number(threePart[1]) >= 6) {
        const minor = `${threePart[1]}.${threePart[2]}`;
        if (available.has(minor)) {
            return {
                message: `${quoteValue(version, 32)} names a patch release: ${use} "${minor}".\n\n${engine} 6 and later take <major>.<minor> and ` +
                    `ElastiCache applies the latest patch. ${failure}`,
            };
        }
    }
    const newest = sortNewestFirst(list.available)[0];
    if (newest !== undefined && compareVersions(version.replace(X_SUFFIX, ""), newest) > 0 && !majorX) {
        return {
            advisory: true,
            message: `${engine} ${cutText(version, 32)} is newer than the pack's data (newest ${newest}), so it was not checked: refresh the ` +
                `data if AWS released it.\n\nData of ${dataDate}; \`npm run data:refresh\` updates it.`,
        };
    }
    const major = majorOf(engine, version.replace(X_SUFFIX, ""));
    const sameMajor = sortNewestFirst(list.available.filter(v => majorOf(engine, v) === major));
    const closest = sameMajor.length > 0 ? sameMajor : sortNewestFirst(list.available).slice(0, 4);
    return {
        message: `${quoteValue(version, 32)} is not a version of ${engine} that ElastiCache offers${where}: ` +
            (closest.length > 0 ? `${use} "${closest[0]}".` : `check \`aws elasticache describe-cache-engine-versions --engine ${engine}\`.`) +
            `\n\nData of ${dataDate}. ${failure}` +
            (closest.length > 0 ? ` Versions that can be created: ${formatVersionList(closest)}.` : ""),
    };
}
