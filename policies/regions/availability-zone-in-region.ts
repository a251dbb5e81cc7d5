import { resourcePolicy, ResourceContext } from "../../lib/framework/policy";
import { PathSegment } from "../../lib/framework/properties";
import { cutText, quoteValue } from "../../lib/framework/quote";
import { regionOf } from "../../lib/aws/region";
import { isZoneId, regionOfZone } from "../../lib/aws/regions/zones";
import {
    AUTOSCALING_GROUP,
    EBS_VOLUME,
    EC2_CAPACITY_RESERVATION,
    EC2_INSTANCE,
    EC2_SUBNET,
    ELASTICACHE_CLUSTER,
    RDS_CLUSTER,
    RDS_INSTANCE,
} from "../../lib/aws/resource-types";

type Config = Record<string, never>;

/** Per type: properties holding one zone name, and properties holding a list of them. */
const ZONE_PROPERTIES: Readonly<Record<string, { single: readonly string[]; lists: readonly string[] }>> = {
    [EC2_SUBNET]: { single: ["availabilityZone"], lists: [] },
    [EC2_INSTANCE]: { single: ["availabilityZone"], lists: [] },
    [EBS_VOLUME]: { single: ["availabilityZone"], lists: [] },
    [EC2_CAPACITY_RESERVATION]: { single: ["availabilityZone"], lists: [] },
    [RDS_INSTANCE]: { single: ["availabilityZone"], lists: [] },
    [RDS_CLUSTER]: { single: [], lists: ["availabilityZones"] },
    [ELASTICACHE_CLUSTER]: { single: ["availabilityZone"], lists: ["preferredAvailabilityZones"] },
    [AUTOSCALING_GROUP]: { single: [], lists: ["availabilityZones"] },
};

/** Zone names are at most about 25 characters (Wavelength Zones), regions about 15. */
const ZONE_QUOTE_LIMIT = 20;
const REGION_LIMIT = 20;

function checkZone(ctx: ResourceContext<Config>, path: PathSegment[], zone: unknown, region: string): void {
    if (typeof zone !== "string" || zone === "" || ctx.props.isSecret(path)) {
        return;
    }
    const zoneRegion = regionOfZone(zone);
    if (zoneRegion !== undefined && zoneRegion !== region) {
        ctx.report({
            path,
            message: `${quoteValue(zone, ZONE_QUOTE_LIMIT)} is not in ${cutText(region, REGION_LIMIT)}, this resource's region: ` +
                `use a zone of ${cutText(region, REGION_LIMIT)} (aws.getAvailabilityZones()).\n\n` +
                `It is a zone of ${cutText(zoneRegion, REGION_LIMIT)}. AWS refuses it at pulumi up (InvalidParameterValue: the zone ` +
                "is not valid in the region; described).",
        });
    } else if (zoneRegion === undefined && isZoneId(zone)) {
        ctx.report({
            path,
            message: `${quoteValue(zone, ZONE_QUOTE_LIMIT)} is a zone id, not a zone name: use the zone's name ` +
                `(e.g. ${cutText(region, REGION_LIMIT)}a)` +
                `${ctx.type === EC2_SUBNET ? " or set availabilityZoneId instead" : ""}.\n\n` +
                "AWS refuses a zone id where a zone name is expected at pulumi up (InvalidParameterValue; described).",
        });
    }
}

export const availabilityZoneInRegion = resourcePolicy<Config>({
    name: "availability-zone-in-region",
    description: "Hard-coded availability zones must belong to the resource's region.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["regions", "ec2", "deployment-blocker"],
    remediationSteps: "Use zones of the region the resource is created in, ideally from aws.getAvailabilityZones() rather " +
        "than hard-coded names, so the stack works in any region.",
    resourceTypes: Object.keys(ZONE_PROPERTIES),
    config: {},
    docs: {
        failure: "A zone name copied from another region (us-east-1a in a eu-west-1 stack) passes `pulumi preview` and " +
            "fails at `pulumi up`. Checked from the zone name's own region part; whether a zone letter exists in the region " +
            "(us-east-1g) needs per-account zone data and is not checked.",
        awsError: "InvalidParameterValue (the zone is not valid in the region; described)",
    },
    validate: ctx => {
        const region = regionOf(ctx).region;
        const properties = ZONE_PROPERTIES[ctx.type];
        if (typeof region !== "string" || !properties) {
            return;
        }
        for (const property of properties.single) {
            checkZone(ctx, [property], ctx.props.get(property), region);
        }
        for (const property of properties.lists) {
            const zones = ctx.props.array(property);
            if (Array.isArray(zones)) {
                zones.forEach((_, i) => checkZone(ctx, [property, i], ctx.props.get([property, i]), region));
            }
        }
    },
});
