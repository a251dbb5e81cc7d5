import type * as aws from "@pulumi/aws";
import { ResourceContext, StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { dataConfigSchema, useDataFile } from "../../lib/data/data-files";
import { checkOrderableOptions, needsOrderableData } from "../../lib/aws/rds/orderable-checks";
import { UNKNOWN } from "../../lib/framework/properties";
import { plannedChange } from "../../lib/aws/lifecycle";
import { evaluate, readPolicy } from "../../lib/aws/iam";
import {
    EC2_SUBNET,
    IAM_ROLE,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_GLOBAL_CLUSTER,
    RDS_INSTANCE,
    RDS_SUBNET_GROUP,
} from "../../lib/aws/resource-types";
import {
    GP3_MIN_STORAGE_GIB,
    gp3PerformanceThreshold,
    gp3ThresholdError,
    IOPS_RATIO,
    iopsRatioError,
    isAuroraMysql,
    MONITORING_INTERVAL_REQUIRED_ERROR,
    MONITORING_ROLE_REQUIRED_ERROR,
    MONITORING_SERVICE_PRINCIPAL,
    SERVERLESS_V2_MAX_ACU,
    SERVERLESS_V2_STEP,
    subnetCoverageError,
} from "../../lib/aws/rds/configuration";

interface Config {
    dataFile?: string;
    maxDataAgeDays: number;
}
const NAME = "rds-configuration-supported";
type Ctx = StackContext<Config>;

const MONITORING_INTERVAL: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterArgs & keyof aws.rds.ClusterInstanceArgs = "monitoringInterval";
const MONITORING_ROLE: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterArgs & keyof aws.rds.ClusterInstanceArgs = "monitoringRoleArn";
const ASSUME_ROLE_POLICY: keyof aws.iam.RoleArgs = "assumeRolePolicy";
const STORAGE_TYPE: keyof aws.rds.InstanceArgs = "storageType";
const ALLOCATED_STORAGE: keyof aws.rds.InstanceArgs = "allocatedStorage";
const IOPS: keyof aws.rds.InstanceArgs = "iops";
const THROUGHPUT: keyof aws.rds.InstanceArgs = "storageThroughput";
const ENGINE_MODE: keyof aws.rds.ClusterArgs = "engineMode";
const SCALING_V2: keyof aws.rds.ClusterArgs = "serverlessv2ScalingConfiguration";
const BACKTRACK: keyof aws.rds.ClusterArgs = "backtrackWindow";
const GLOBAL_CLUSTER: keyof aws.rds.ClusterArgs = "globalClusterIdentifier";
const SUBNET_IDS: keyof aws.rds.SubnetGroupArgs = "subnetIds";
const ZONE: keyof aws.ec2.SubnetArgs = "availabilityZone";
const ZONE_ID: keyof aws.ec2.SubnetArgs = "availabilityZoneId";

const known = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const set = (value: unknown) => value !== undefined && value !== null && value !== "";

function checkMonitoring(ctx: Ctx, resource: StackResource): void {
    const interval = resource.props.number(MONITORING_INTERVAL);
    const role = resource.props.get(MONITORING_ROLE);
    if (interval === UNKNOWN || role === UNKNOWN && resource.dependenciesOf(MONITORING_ROLE).length === 0) {
        return;
    }
    if (known(interval) && interval > 0 && !set(role)) {
        ctx.report(resource, {
            path: MONITORING_INTERVAL,
            message: `Enhanced Monitoring every ${interval} s needs a monitoring role; set monitoringRoleArn to a role ` +
                `${MONITORING_SERVICE_PRINCIPAL} can assume.\n\nAWS refuses it at pulumi up: "${MONITORING_ROLE_REQUIRED_ERROR}" ` +
                "Attach the managed policy AmazonRDSEnhancedMonitoringRole to the role, or set monitoringInterval: 0.",
        });
        return;
    }
    if (set(role) && (!known(interval) || interval === 0)) {
        ctx.report(resource, {
            path: MONITORING_ROLE,
            message: "set while monitoringInterval is 0 (the default); set monitoringInterval to 1, 5, 10, 15, 30 or 60, " +
                `or remove monitoringRoleArn.\n\nAWS refuses it at pulumi up: "${MONITORING_INTERVAL_REQUIRED_ERROR}"`,
        });
        return;
    }
    for (const roleResource of resource.dependenciesOf(MONITORING_ROLE)) {
        if (roleResource.type === IAM_ROLE) {
            checkMonitoringTrust(ctx, resource, roleResource);
        }
    }
}

function checkMonitoringTrust(ctx: Ctx, resource: StackResource, role: StackResource): void {
    const parsed = readPolicy(role.props, ASSUME_ROLE_POLICY);
    if (parsed.kind !== "document") {
        return; // unknown, absent or malformed: iam policies report a malformed document
    }
    const result = evaluate(parsed.document, { principal: { type: "Service", id: MONITORING_SERVICE_PRINCIPAL }, action: "sts:AssumeRole" });
    if (result.decision === "missing" || result.decision === "denied") {
        ctx.report(resource, {
            path: MONITORING_ROLE,
            message: `role "${role.name}" does not let ${MONITORING_SERVICE_PRINCIPAL} assume it; allow that service principal ` +
                "sts:AssumeRole in its assumeRolePolicy.\n\nRDS refuses the role when pulumi up creates or modifies the database " +
                "(InvalidParameterValue about the IAM role ARN and ENHANCED_MONITORING; described). Trust statement: " +
                `{"Effect":"Allow","Principal":{"Service":"${MONITORING_SERVICE_PRINCIPAL}"},"Action":"sts:AssumeRole"}.`,
        });
    }
}

function checkInstanceStorage(ctx: Ctx, resource: StackResource): void {
    const storageType = resource.props.string(STORAGE_TYPE);
    const engine = resource.props.string("engine");
    const allocated = resource.props.number(ALLOCATED_STORAGE);
    if (typeof storageType !== "string" || typeof engine !== "string" || !known(allocated)) {
        return;
    }
    const type = storageType.toLowerCase();
    if (type === "gp3") {
        if (allocated < GP3_MIN_STORAGE_GIB) {
            ctx.report(resource, {
                path: ALLOCATED_STORAGE,
                message: `${allocated} GiB is below the ${GP3_MIN_STORAGE_GIB} GiB gp3 minimum; set allocatedStorage: ${GP3_MIN_STORAGE_GIB}.` +
                    "\n\nRDS refuses the instance at pulumi up (InvalidParameterValue about the storage size; described).",
            });
        }
        const threshold = gp3PerformanceThreshold(engine);
        for (const property of [IOPS, THROUGHPUT]) {
            if (threshold !== undefined && allocated < threshold && set(resource.props.get(property))) {
                ctx.report(resource, {
                    path: property,
                    message: `gp3 under ${threshold} GiB has a fixed baseline for ${engine}; remove ${property} (and ` +
                        `${property === IOPS ? THROUGHPUT : IOPS}), or allocate at least ${threshold} GiB.\n\n` +
                        `AWS refuses it at pulumi up: "${gp3ThresholdError(engine.toLowerCase(), threshold)}"`,
                });
            }
        }
        return;
    }
    const ratio = IOPS_RATIO[type];
    const iops = resource.props.number(IOPS);
    if (ratio && known(iops) && allocated > 0) {
        const actual = iops / allocated;
        if (actual < ratio.min || actual > ratio.max) {
            const fix = actual < ratio.min ? `at least ${Math.ceil(allocated * ratio.min)} iops` : `at most ${Math.floor(allocated * ratio.max)} iops`;
            ctx.report(resource, {
                path: IOPS,
                message: `${iops} IOPS on ${allocated} GiB of ${type} is outside ${ratio.min} to ${ratio.max} IOPS per GiB; set ${fix} ` +
                    `or change allocatedStorage.\n\nAWS refuses it at pulumi up: "${iopsRatioError(engine.toLowerCase(), type, actual)}"`,
            });
        }
    }
}

function checkCluster(ctx: Ctx, cluster: StackResource): void {
    const engine = cluster.props.string("engine");
    const mode = cluster.props.string(ENGINE_MODE);
    if (mode === "serverless" && plannedChange(cluster) !== "existing") {
        ctx.report(cluster, {
            path: ENGINE_MODE,
            message: "Aurora Serverless v1 has reached its end of support and new clusters cannot use it; use " +
                "engineMode: \"provisioned\" with serverlessv2ScalingConfiguration and db.serverless instances.\n\n" +
                "RDS refuses to create the cluster (described). Aurora Serverless v2 scales from minCapacity to maxCapacity ACUs.",
        });
    }
    checkScaling(ctx, cluster);
    const backtrack = cluster.props.number(BACKTRACK);
    if (known(backtrack) && backtrack > 0 && typeof engine === "string") {
        if (!isAuroraMysql(engine)) {
            ctx.report(cluster, {
                path: BACKTRACK,
                message: `backtrack is available only for Aurora MySQL, not ${engine}; remove backtrackWindow.\n\n` +
                    "RDS refuses the cluster at pulumi up (InvalidParameterCombination; described). Use point-in-time restore instead.",
            });
        } else if (set(cluster.props.get(GLOBAL_CLUSTER))) {
            ctx.report(cluster, {
                path: BACKTRACK,
                message: "backtrack is not available for clusters in a global database; remove backtrackWindow or " +
                    "globalClusterIdentifier.\n\nRDS refuses the cluster at pulumi up (InvalidParameterCombination; described).",
            });
        }
    }
}

function checkScaling(ctx: Ctx, cluster: StackResource): void {
    const scaling = cluster.props.objectOrFirst(SCALING_V2);
    if (!scaling || scaling === UNKNOWN) {
        return;
    }
    const min = typeof scaling.minCapacity === "number" ? scaling.minCapacity : undefined;
    const max = typeof scaling.maxCapacity === "number" ? scaling.maxCapacity : undefined;
    const problems: string[] = [];
    const onStep = (v: number) => Math.abs(v / SERVERLESS_V2_STEP - Math.round(v / SERVERLESS_V2_STEP)) < 1e-9;
    if (known(max) && (max < 1 || max > SERVERLESS_V2_MAX_ACU || !onStep(max))) {
        problems.push(`maxCapacity must be 1 to ${SERVERLESS_V2_MAX_ACU} ACUs in steps of ${SERVERLESS_V2_STEP}`);
    }
    if (known(min) && (min < 0 || min > SERVERLESS_V2_MAX_ACU || !onStep(min))) {
        problems.push(`minCapacity must be 0 to ${SERVERLESS_V2_MAX_ACU} ACUs in steps of ${SERVERLESS_V2_STEP}`);
    }
    if (known(min) && known(max) && min > max) {
        problems.push("minCapacity must not exceed maxCapacity");
    }
    if (problems.length > 0) {
        ctx.report(cluster, {
            path: SCALING_V2,
            message: `${problems[0]}; fix the capacity range.\n\n${problems.slice(1).map(p => `Also: ${p}. `).join("")}` +
                "RDS refuses the Aurora Serverless v2 capacity at pulumi up (InvalidParameterValue; described).",
        });
    }
}

function checkSubnetGroup(ctx: Ctx, group: StackResource): void {
    const ids = group.props.array(SUBNET_IDS);
    if (!Array.isArray(ids) || ids.length === 0 || plannedChange(group) === "existing") {
        return;
    }
    const subnets = group.dependenciesOf(SUBNET_IDS).filter(r => r.type === EC2_SUBNET);
    // Every listed subnet must be one of the stack's: a subnet id from outside the stack has a zone we cannot see.
    if (subnets.length < ids.length) {
        return;
    }
    const zones = new Set<string>();
    for (const subnet of subnets) {
        const zone = subnet.props.string(ZONE);
        const zoneId = subnet.props.string(ZONE_ID);
        const value = typeof zone === "string" && zone !== "" ? zone : typeof zoneId === "string" && zoneId !== "" ? zoneId : undefined;
        if (value === undefined) {
            return; // unknown, or AWS picks the zone
        }
        zones.add(value);
    }
    if (zones.size < 2) {
        const list = [...zones];
        ctx.report(group, {
            path: SUBNET_IDS,
            message: `every subnet is in ${list.join(", ")}; add a subnet in a second availability zone.\n\n` +
                `AWS refuses the subnet group at pulumi up: "${subnetCoverageError(list)}" A single-AZ database still needs ` +
                "a subnet group that covers two zones.",
        });
    }
}

/** The data loader reports its notes (unusable or old data) without a resource. */
function dataContext(ctx: Ctx): ResourceContext<Config> {
    return { config: ctx.config, stack: ctx.stack, report: (finding: { message: string; advisory?: boolean }) => ctx.report(undefined, finding) } as
        unknown as ResourceContext<Config>;
}

export const rdsConfigurationSupported = stackPolicy<Config>({
    name: NAME,
    description: "RDS and Aurora settings must be combinations RDS accepts (monitoring, storage, serverless, backtrack, " +
        "Performance Insights, instance classes per engine version, global databases, subnet groups).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["rds", "deployment-blocker"],
    remediationSteps: "Give Enhanced Monitoring a role that monitoring.rds.amazonaws.com can assume; leave iops and " +
        "storageThroughput unset on gp3 below the engine's threshold (400 GiB, Oracle 200 GiB); keep io1 IOPS within 0.5 " +
        "to 50 per GiB; use Aurora Serverless v2 (engineMode provisioned, serverlessv2ScalingConfiguration) instead of v1; " +
        "backtrack only on Aurora MySQL outside global databases; Performance Insights only on classes that support it " +
        "(not db.t3.micro/small or db.t4g.micro/small on MySQL and MariaDB, no db.t2/db.t3 on Aurora MySQL); instance " +
        "classes the engine version offers (no db.t3.small on Aurora MySQL 3); global databases only on versions that " +
        "support them; DB subnet groups with subnets in two zones.",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_GLOBAL_CLUSTER, RDS_SUBNET_GROUP, EC2_SUBNET, IAM_ROLE],
    config: dataConfigSchema("rds-orderable-options"),
    docs: {
        failure: "RDS checks these combinations only when `pulumi up` creates or modifies the database, often after the " +
            "network and roles exist. Performance Insights, instance classes per engine version and global database " +
            "support are read from data/rds-orderable-options.json: the shipped file transcribes AWS's documented " +
            "tables (Performance Insights class restrictions for MySQL, MariaDB and Aurora MySQL; classes Aurora MySQL 3 " +
            "does not offer; Aurora MySQL global database versions), and `npm run data:refresh -- --live` writes the " +
            "full DescribeOrderableDBInstanceOptions answer. Combinations the data does not cover are not reported. Not " +
            "checked: Multi-AZ DB cluster classes, maximum storage per class.",
        awsError: MONITORING_ROLE_REQUIRED_ERROR,
    },
    validate: ctx => {
        for (const resource of ctx.ofType(RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE)) {
            checkMonitoring(ctx, resource);
        }
        for (const instance of ctx.ofType(RDS_INSTANCE)) {
            checkInstanceStorage(ctx, instance);
        }
        for (const cluster of ctx.ofType(RDS_CLUSTER)) {
            checkCluster(ctx, cluster);
        }
        for (const group of ctx.ofType(RDS_SUBNET_GROUP)) {
            checkSubnetGroup(ctx, group);
        }
        if (needsOrderableData(ctx as StackContext<unknown>)) {
            const data = useDataFile(dataContext(ctx), NAME, "rds-orderable-options");
            if (data) {
                checkOrderableOptions(ctx, data);
            }
        }
    },
});
