import { cutText, quoteValue } from "../../lib/framework/quote";
import type * as aws from "@pulumi/aws";
import { dataConfigSchema, useDataFile } from "../../lib/data/data-files";
import { stackPolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";
import { PlannedResourceContext, plannedResources } from "../../lib/aws/lifecycle";
import { RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../../lib/aws/resource-types";
import { classOffer, nearestClasses } from "../../lib/data/version-data";
import { regionOfResource } from "../../lib/aws/region";

interface Config {
    dataFile?: string;
    maxDataAgeDays: number;
}

const NAME = "rds-instance-class-supported";
const INSTANCE_CLASS: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterInstanceArgs = "instanceClass";
const ENGINE: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterInstanceArgs = "engine";
const ENGINE_VERSION: keyof aws.rds.InstanceArgs & keyof aws.rds.ClusterInstanceArgs = "engineVersion";
const LICENSE_MODEL: keyof aws.rds.InstanceArgs = "licenseModel";

const TYPES = [RDS_INSTANCE, RDS_CLUSTER_INSTANCE];

// A stack policy because only AnalyzeStack tells a create from an existing resource (lib/aws/lifecycle.ts).
export const rdsInstanceClassSupported = stackPolicy<Config>({
    name: NAME,
    description: "RDS instance classes must be offered for the engine, licence model and region.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["rds", "versions", "deployment-blocker"],
    remediationSteps: "Pick an instance class the region offers for the engine (the message suggests the nearest ones of " +
        "the same family and size). Check with `aws rds describe-orderable-db-instance-options --engine <engine> " +
        "--region <region> --query \"OrderableDBInstanceOptions[].DBInstanceClass\"`.",
    resourceTypes: TYPES,
    config: dataConfigSchema("rds-instance-classes"),
    docs: {
        failure: "Instance classes differ per region and engine (newer Graviton and memory-optimised families arrive region " +
            "by region); a class the region lacks passes `pulumi preview` and fails at `pulumi up`. Checked per region, " +
            "engine and licence model only: limits that depend on the engine version (an older minor that a class does " +
            "not support) are not in the offline data and are not checked. For an `aws:rds/clusterInstance:ClusterInstance` " +
            "the policy reads the instance's own `engine`, which @pulumi/aws requires; the usual `engine: cluster.engine` " +
            "is known during preview (it is an input of the cluster, which preview passes through), and an engine that " +
            "is still unknown leaves the instance unchecked. Mandatory for an instance this deployment creates or " +
            "replaces; advisory for one that already exists (it keeps running on its class).",
        awsError: "InvalidParameterCombination: RDS does not support creating a DB instance with the following combination: " +
            "DBInstanceClass=db.m9g.large, Engine=postgres, EngineVersion=15.13, LicenseModel=postgresql-license. For supported " +
            "combinations of instance class and database engine version, see the documentation.",
    },
    validate: ctx => {
        for (const resource of plannedResources(ctx, TYPES)) {
            checkResource(resource);
        }
    },
});

function checkResource(ctx: PlannedResourceContext<Config>): void {
    const instanceClass = ctx.props.string(INSTANCE_CLASS);
    const engineValue = ctx.props.string(ENGINE);
    if (typeof instanceClass !== "string" || instanceClass === "" || typeof engineValue !== "string" || engineValue === "") {
        return; // not set (read replica, restore), or computed during preview (e.g. the engine of a new cluster)
    }
    const region = regionOfResource(ctx.resource).region;
    if (typeof region !== "string") {
        return; // unknown region: the classes cannot be checked
    }
    let licence = ctx.type === RDS_INSTANCE ? ctx.props.string(LICENSE_MODEL) : undefined;
    if (licence === UNKNOWN && ctx.change === "create" && ctx.resource.dependenciesOf(LICENSE_MODEL).length === 0) {
        licence = undefined; // not set: the planned outputs of a create carry the provider's computed default
    }
    if (licence !== undefined && typeof licence !== "string") {
        return; // licence model computed from another resource during preview
    }
    const data = useDataFile(ctx, NAME, "rds-instance-classes");
    if (!data) {
        return;
    }
    const engine = engineValue.toLowerCase();
    const offer = classOffer(data, region, engine, licence || undefined);
    if (!offer || offer.has(instanceClass)) {
        return; // region, engine or licence model not in the data, or the class is offered
    }
    const known = data.classes.includes(instanceClass);
    const nearest = nearestClasses(instanceClass, offer.all());
    const licenceText = licence ? `, licence model ${licence}` : "";
    const version = ctx.props.string(ENGINE_VERSION);
    const versionText = typeof version === "string" && version !== "" ? `, EngineVersion=${cutText(version, 64)}` : "";
    const error = `InvalidParameterCombination: RDS does not support creating a DB instance with the following ` +
        `combination: DBInstanceClass=${cutText(instanceClass, 64)}, Engine=${engine}${versionText}, ...`;
    const existing = ctx.change === "existing";
    const fix = nearest.length > 0 ? `${existing ? "move to" : "use"} "${nearest[0]}"` : `pick one ${engine} offers there`;
    ctx.report({
        path: INSTANCE_CLASS,
        advisory: existing,
        message: (known
            ? `${instanceClass} is not offered for ${engine}${licenceText} in ${region}: ${fix}.`
            : `${quoteValue(instanceClass, 32)} is not an RDS instance class: ${fix}.`) +
            `\n\n${known ? `Data of ${data.sourceDate}.` : "RDS classes look like db.t4g.micro or db.r7g.large."} ` +
            (existing ? "This instance already exists and keeps running; a replacement or a new stack fails with " :
                "pulumi up fails with ") + `"${error}". ` +
            (nearest.length > 1 ? `Also offered: ${nearest.slice(1).join(", ")}.` : nearest.length > 0 ? "" : `See which classes ${engine} ` +
                `offers in ${region} with \`aws rds describe-orderable-db-instance-options --engine ${engine} --region ${region}\`.`),
    });
}
