import { stackPolicy, StackResource } from "../../lib/framework/policy";
import { plannedChange } from "../../lib/aws/lifecycle";
import { quoteValue } from "../../lib/framework/quote";
import {
    cutName,
    fitHeadline,
    quoteShort,
    isAutoName,
    isConfiguredAutoName,
    physicalNameRow,
    physicalNameTypes,
    PhysicalNameRow,
    scopeDescription,
    uniquenessScopeKey,
} from "../../lib/aws/naming";

type Config = Record<string, never>;

interface Claim {
    readonly resource: StackResource;
    readonly name: string;
}

/** How many other claimants a message names; the rest are counted, so reporting stays linear. */
const NAMED_OTHERS = 3;
const TYPES = physicalNameTypes(row => row.scope !== "none");

export const physicalNameUniqueInStack = stackPolicy<Config>({
    name: "physical-name-unique-in-stack",
    description: "Two resources in a stack must not claim the same physical name in the same uniqueness scope.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["naming", "deployment-blocker"],
    remediationSteps: "Give each resource its own name (for example add its role: orders-db-primary-pr6247, " +
        "orders-db-replica-pr6247), or omit the name property on both and let Pulumi auto-name them.",
    resourceTypes: TYPES,
    config: {},
    docs: {
        failure: "Two resources of one stack with the same explicit name in the same namespace (type family, AWS " +
            "account and region as their providers say; account only for IAM; everywhere for S3; per cluster for " +
            "ECS services) pass preview, and the second create fails at `pulumi up`. Names that differ only in case " +
            "collide where the service ignores case (IAM, RDS, ElastiCache, S3, ECR). Two providers are taken to " +
            "reach the same account when neither names one (no allowedAccountIds, assumeRoles or profile), or when " +
            "they name the same one; a provider whose account or region is unknown during preview only collides " +
            "with itself. Where the create API is idempotent (SQS queues, SNS topics, ELBv2 load balancers and target " +
            "groups with identical settings; ECS clusters always), the second create does not fail: both resources " +
            "silently manage one AWS resource, and deleting either deletes it for both. Auto-named resources (including names the stack " +
            "config `pulumi:autonaming` produces), name prefixes and names unknown during preview are not compared. " +
            "Only resources this deployment creates or replaces are reported (their `id` and `arn` are unknown in the " +
            "planned outputs): two existing resources with one name were both accepted by AWS.",
        awsError: "EntityAlreadyExists (IAM), DBInstanceAlreadyExists (RDS), ResourceAlreadyExistsException " +
            "(CloudWatch Logs), QueueNameExists (SQS, when the attributes differ), Table already exists (DynamoDB)",
    },
    validate: ctx => {
        const groups = new Map<string, Claim[]>();
        for (const resource of ctx.ofType(...TYPES)) {
            const row = physicalNameRow(resource.type);
            if (!row) {
                continue;
            }
            const name = resource.props.string(row.nameProperty);
            if (typeof name !== "string" || name === "" || isAutoName(name, resource.name) ||
                isConfiguredAutoName(ctx.stack, resource.type, name, resource.name)) {
                continue;
            }
            const scope = uniquenessScopeKey(row, resource);
            if (scope === undefined) {
                continue; // the namespace is not known during preview
            }
            const key = `${scope}\u0000${row.caseSensitive ? name : name.toLowerCase()}`;
            const group = groups.get(key);
            group ? group.push({ resource, name }) : groups.set(key, [{ resource, name }]);
        }
        for (const group of groups.values()) {
            if (group.length < 2) {
                continue;
            }
            const row = physicalNameRow(group[0].resource.type)!;
            // Only a create can fail: resources that already exist were accepted by AWS under this name.
            for (const claim of group) {
                if (plannedChange(claim.resource) !== "existing") {
                    ctx.report(claim.resource, { path: row.nameProperty, message: message(row, claim, group) });
                }
            }
        }
    },
});

function shown(row: PhysicalNameRow, claim: Claim): string {
    return claim.resource.props.isSecret(row.nameProperty) ? "[secret]" : quoteValue(claim.name, 48);
}

function message(row: PhysicalNameRow, claim: Claim, group: readonly Claim[]): string {
    const others: Claim[] = [];
    for (const other of group) {
        if (others.length === NAMED_OTHERS) {
            break;
        }
        if (other !== claim) {
            others.push(other);
        }
    }
    const more = group.length - 1 - others.length;
    const property = row.nameProperty;
    const noun = row.noun ?? "name";
    const conflict = row.conflictError ? ` with ${row.conflictError}` : " with an 'already exists' error";
    const outcome = row.idempotentCreate === "always"
        ? `the second create does not fail: AWS returns the existing ${row.label}, so both resources silently manage ` +
          `one ${row.label}, and deleting either deletes it for both`
        : row.idempotentCreate
        ? `whichever is created second fails at pulumi up${conflict} when their settings differ; with identical ` +
          `settings AWS returns the existing ${row.label}, so both resources silently manage one ${row.label}, and ` +
          "deleting either deletes it for both"
        : `whichever is created second fails at pulumi up${conflict}`;
    const secret = claim.resource.props.isSecret(property);
    const headline = fitHeadline(limit => {
        const listed = others.map(o => cutName(o.resource.name, limit));
        const tail = more > 0 ? ` and ${more} more` : "";
        return `${secret ? "[secret]" : quoteShort(claim.name, limit)} is also the ${row.label} ${noun} of ${listed.join(", ")}${tail}: ` +
            `give each its own, or omit ${property} to auto-name them.`;
    }, property.length + 2);
    // Names that differ only in case, and the URNs, in the details: they can be long.
    const caseNotes = others.filter(o => o.name !== claim.name)
        .map(o => `${cutName(o.resource.name, 40)} as ${shown(row, o)}, which differs only in case`);
    return `${headline}\n\n${scopeDescription(row)}, so ${outcome}.` +
        (caseNotes.length > 0 ? ` Claimed by ${caseNotes.join("; ")}.` : "") +
        ` (${others.map(o => cutName(o.resource.urn, 100)).join(", ")})`;
}
