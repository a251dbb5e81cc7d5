// The parts of rds-configuration-supported that need orderable-option data (data/rds-orderable-options.json):
// Performance Insights per class and version, instance classes per engine version, global database versions and
// classes. Each check says something only where the data is explicit about the engine, version and class.
import type * as aws from "@pulumi/aws";
import type { Finding, StackContext, StackResource } from "../../framework/policy";
import { UNKNOWN } from "../../framework/properties";
import { OrderableOptionsFile } from "../../data/data-files";
import { classOptions, engineOptions, supportedVersions, supports } from "../../data/orderable-options";
import { plannedChange } from "../lifecycle";
import { RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_GLOBAL_CLUSTER, RDS_INSTANCE } from "../resource-types";

/** Verified texts (users quoting real AWS responses; see README "What it catches"). */
export const PI_UNSUPPORTED_ERROR = "InvalidParameterCombination: Performance Insights not supported for this configuration.";
export const GLOBAL_VERSION_ERROR =
    "InvalidParameterValue: The requested engine version was not found or does not support global functionality";
export const classCombinationError = (cls: string, engine: string, version: string) =>
    "InvalidParameterCombination: RDS does not support creating a DB instance with the following combination: " +
    `DBInstanceClass=${cls}, Engine=${engine}, EngineVersion=${version}, ...`;

const PERFORMANCE_INSIGHTS: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterInstanceArgs = "performanceInsightsEnabled";
const INSTANCE_CLASS: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterInstanceArgs = "instanceClass";
const ENGINE_VERSION: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterArgs = "engineVersion";
const CLUSTER_ID: keyof aws.rds.ClusterInstanceArgs = "clusterIdentifier";
const GLOBAL_CLUSTER: keyof aws.rds.ClusterArgs = "globalClusterIdentifier";
const SOURCE_CLUSTER: keyof aws.rds.GlobalClusterArgs = "sourceDbClusterIdentifier";

type Report = (resource: StackResource, finding: Finding) => void;

const text = (value: unknown): string | undefined => typeof value === "string" && value !== "" ? value : undefined;

/** The member's cluster in the stack (through `clusterIdentifier`), if any. */
function clusterOf(instance: StackResource): StackResource | undefined {
    return instance.dependenciesOf(CLUSTER_ID).find(r => r.type === RDS_CLUSTER);
}

/** The engine version a resource is created with: its own, else its cluster's; UNKNOWN when computed. */
function versionOf(resource: StackResource): string | undefined | typeof UNKNOWN {
    const own = resource.props.string(ENGINE_VERSION);
    if (own === UNKNOWN) {
        // A cluster instance's planned engineVersion is computed when not set: read the cluster's instead.
        const cluster = resource.type === RDS_CLUSTER_INSTANCE ? clusterOf(resource) : undefined;
        return cluster ? versionOf(cluster) : UNKNOWN;
    }
    if (own) {
        return own;
    }
    const cluster = resource.type === RDS_CLUSTER_INSTANCE ? clusterOf(resource) : undefined;
    return cluster ? versionOf(cluster) : undefined;
}

/** Whether a cluster belongs to a global database: `globalClusterIdentifier` set (known or not), or a stack global
 * cluster names it as its source. */
function isGlobalMember(cluster: StackResource, sources: ReadonlySet<string>): boolean {
    const id = cluster.props.get(GLOBAL_CLUSTER);
    return id === UNKNOWN || text(id) !== undefined || sources.has(cluster.urn);
}

const existingNote = (resource: StackResource) => plannedChange(resource) === "existing"
    ? " It already exists; AWS checks this when pulumi up creates or replaces it." : "";

function checkInstance(data: OrderableOptionsFile, resource: StackResource, globalMember: boolean, report: Report): void {
    const engine = text(resource.props.string("engine"))?.toLowerCase();
    const cls = text(resource.props.string(INSTANCE_CLASS));
    const version = versionOf(resource);
    if (!engine || !cls || version === UNKNOWN || resource.props.isSecret("engine") || resource.props.isSecret(INSTANCE_CLASS)) {
        return; // computed, or secret: a finding would tell what the secret is
    }
    const options = classOptions(data, engine, cls);
    if (!options) {
        return;
    }
    const advisory = plannedChange(resource) === "existing";
    const versionText = version ?? "its default version";
    if (supports(options.offered, engine, version) === "no") {
        const alternatives = supportedVersions(options.offered);
        report(resource, {
            path: INSTANCE_CLASS,
            advisory,
            message: `${cls} is not offered for ${engine} ${versionText}: use a newer class` +
                `${alternatives.length > 0 ? `, or version ${alternatives[0]}` : ""}.\n\n` +
                `pulumi up fails: "${classCombinationError(cls, engine, version ?? "<default>")}" (data of ${data.sourceDate}).` +
                existingNote(resource),
        });
        return; // the other checks are moot for a class the version does not offer
    }
    if (resource.props.boolean(PERFORMANCE_INSIGHTS) === true && supports(options.performanceInsights, engine, version) === "no") {
        report(resource, {
            path: PERFORMANCE_INSIGHTS,
            advisory,
            message: `Performance Insights is not available on ${cls} for ${engine}; set performanceInsightsEnabled: false or ` +
                `use a larger class.\n\npulumi up fails: "${PI_UNSUPPORTED_ERROR}" (data of ${data.sourceDate}).${existingNote(resource)}`,
        });
    }
    if (globalMember && supports(options.globalDatabases, engine, version) === "no") {
        report(resource, {
            path: INSTANCE_CLASS,
            advisory,
            message: `${cls} does not support Aurora global databases for ${engine} ${versionText}; use a memory-optimized ` +
                `class (db.r*).\n\nRDS refuses the instance at pulumi up (described; data of ${data.sourceDate}).${existingNote(resource)}`,
        });
    }
}

function checkGlobalVersion(data: OrderableOptionsFile, resource: StackResource, report: Report): void {
    const engine = text(resource.props.string("engine"))?.toLowerCase();
    const version = resource.props.string(ENGINE_VERSION);
    if (!engine || typeof version !== "string" || version === "" || resource.props.isSecret(ENGINE_VERSION)) {
        return; // the default version, computed, or secret
    }
    const global = engineOptions(data, engine)?.globalDatabases;
    if (supports(global, engine, version) !== "no") {
        return;
    }
    const alternatives = supportedVersions(global, 2);
    report(resource, {
        path: ENGINE_VERSION,
        advisory: plannedChange(resource) === "existing",
        message: `${engine} ${version} does not support Aurora global databases; use ` +
            `${alternatives.length > 0 ? alternatives.join(" or ") : "a version that does"}.\n\n` +
            `pulumi up fails: "${GLOBAL_VERSION_ERROR}" (data of ${data.sourceDate}).${existingNote(resource)}`,
    });
}

/**
 * Whether the stack has anything these checks judge, so the data file is loaded only then: an instance with
 * Performance Insights on, an Aurora instance (classes per Aurora version), or a global database. (Classes per
 * version of the other engines are therefore judged only with Performance Insights on; rds-instance-class-supported
 * checks their classes per region.)
 */
export function needsOrderableData(ctx: StackContext<unknown>): boolean {
    const judged = (r: StackResource) => {
        const engine = r.props.string("engine");
        return typeof r.props.string(INSTANCE_CLASS) === "string" &&
            (r.props.boolean(PERFORMANCE_INSIGHTS) === true || typeof engine === "string" && engine.toLowerCase().startsWith("aurora"));
    };
    return ctx.ofType(RDS_GLOBAL_CLUSTER).length > 0 || ctx.ofType(RDS_INSTANCE, RDS_CLUSTER_INSTANCE).some(judged) ||
        ctx.ofType(RDS_CLUSTER).some(c => c.props.get(GLOBAL_CLUSTER) !== undefined);
}

export function checkOrderableOptions<C>(ctx: StackContext<C>, data: OrderableOptionsFile): void {
    const report: Report = (resource, finding) => ctx.report(resource, finding);
    const globals = ctx.ofType(RDS_GLOBAL_CLUSTER);
    const sources = new Set<string>();
    for (const global of globals) {
        global.dependenciesOf(SOURCE_CLUSTER).forEach(c => sources.add(c.urn));
        checkGlobalVersion(data, global, report);
    }
    const globalMembers = new Set<string>();
    for (const cluster of ctx.ofType(RDS_CLUSTER)) {
        if (!isGlobalMember(cluster, sources)) {
            continue;
        }
        globalMembers.add(cluster.urn);
        // The version is checked on the global cluster when it states one; on the member otherwise.
        const named = cluster.dependenciesOf(GLOBAL_CLUSTER).filter(r => r.type === RDS_GLOBAL_CLUSTER);
        if (!named.some(g => text(g.props.string(ENGINE_VERSION)))) {
            checkGlobalVersion(data, cluster, report);
        }
    }
    for (const resource of ctx.ofType(RDS_INSTANCE, RDS_CLUSTER_INSTANCE)) {
        const cluster = resource.type === RDS_CLUSTER_INSTANCE ? clusterOf(resource) : undefined;
        checkInstance(data, resource, cluster !== undefined && globalMembers.has(cluster.urn), report);
    }
}
