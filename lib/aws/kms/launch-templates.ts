// Encrypted EBS volumes launched by an Auto Scaling group: the group's service-linked role must be let into the key
// policy of each key the launch template's volumes use (docs.aws.amazon.com/autoscaling/ec2/userguide/
// key-policy-requirements-EBS-encryption.html). Found by code: the key is in a nested list, or is the account's
// default EBS key, and the principal is the role of each group that launches the template.
import type * as aws from "@pulumi/aws";
import type { ConsumerNote, ConsumerRule, ConsumerUse, LocateContext } from "../consumers";
import { IdentifierIndex, referencedResources } from "../../framework/links";
import type { StackResource } from "../../framework/policy";
import { joinPath, Path, PathSegment, UNKNOWN } from "../../framework/properties";
import { AUTOSCALING_GROUP, EBS_DEFAULT_KMS_KEY, EBS_ENCRYPTION_BY_DEFAULT, EC2_LAUNCH_TEMPLATE } from "../resource-types";
import { KeyLink, keyLabel } from "./keys";

export const AUTOSCALING_ERROR = "Client.InvalidKMSKey.InvalidState: The KMS key provided is in an incorrect state";
export const AUTOSCALING_SERVICE_LINKED_ROLE = "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

const AUTOSCALING_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const AUTOSCALING_GRANT_ACTIONS = ["kms:CreateGrant"];

const BLOCK_DEVICE_MAPPINGS: keyof aws.ec2.LaunchTemplateArgs = "blockDeviceMappings";
const DEFAULT_KEY_ARN: keyof aws.ebs.DefaultKmsKeyArgs = "keyArn";
const ENCRYPTION_BY_DEFAULT_ENABLED: keyof aws.ebs.EncryptionByDefaultArgs = "enabled";
const LAUNCH_TEMPLATE_TYPES: ReadonlySet<string> = new Set([EC2_LAUNCH_TEMPLATE]);

export const launchTemplateRule: ConsumerRule<KeyLink> = {
    type: EC2_LAUNCH_TEMPLATE,
    property: "blockDeviceMappings[].ebs.kmsKeyId",
    principal: `arn:{partition}:iam::{account}:${AUTOSCALING_SERVICE_LINKED_ROLE}`,
    actions: AUTOSCALING_ACTIONS,
    who: "the Auto Scaling service-linked role",
    failure: `the group's instance launches fail with "${AUTOSCALING_ERROR}"`,
    separate: {
        actions: AUTOSCALING_GRANT_ACTIONS,
        condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        context: { "kms:GrantIsForAWSResource": "true" },
    },
    locate: locateLaunchTemplates,
    source: "docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html",
};

function presentKeyReference(value: unknown): boolean {
    return value === UNKNOWN || (typeof value === "string" && value !== "");
}

/** The launch templates Auto Scaling groups launch from, with the groups that use each. */
function templatesInUse(ctx: LocateContext<KeyLink>): Map<StackResource, StackResource[]> {
    const used = new Map<StackResource, StackResource[]>();
    const groups = ctx.ofType(AUTOSCALING_GROUP);
    const templates = ctx.ofType(EC2_LAUNCH_TEMPLATE);
    if (groups.length === 0 || templates.length === 0) {
        return used;
    }
    const index = new IdentifierIndex();
    for (const template of templates) {
        index.add(template, template.props.string("id"), template.props.string("name"));
    }
    const uses = (group: StackResource, template: StackResource) => {
        const list = used.get(template);
        list ? list.includes(group) || list.push(group) : used.set(template, [group]);
    };
    for (const group of groups) {
        const direct = group.props.objectOrFirst("launchTemplate");
        if (direct !== undefined) {
            const reference = direct === UNKNOWN ? UNKNOWN : group.props.get("launchTemplate.id") ?? group.props.get("launchTemplate.name")
                ?? group.props.get("launchTemplate[0].id") ?? group.props.get("launchTemplate[0].name");
            for (const template of referencedResources(group, "launchTemplate", reference, LAUNCH_TEMPLATE_TYPES, index)) {
                uses(group, template);
            }
        }
        const mixed = group.props.get("mixedInstancesPolicy");
        if (mixed !== undefined && mixed !== null) {
            const spec = ["mixedInstancesPolicy", "launchTemplate", "launchTemplateSpecification"];
            const reference = mixed === UNKNOWN ? UNKNOWN : firstPresent(group, [
                [...spec, "launchTemplateId"], [...spec, "launchTemplateName"],
                ["mixedInstancesPolicy", 0, "launchTemplate", 0, "launchTemplateSpecification", 0, "launchTemplateId"],
                ["mixedInstancesPolicy", 0, "launchTemplate", 0, "launchTemplateSpecification", 0, "launchTemplateName"],
            ]);
            for (const template of referencedResources(group, "mixedInstancesPolicy", reference, LAUNCH_TEMPLATE_TYPES, index)) {
                uses(group, template);
            }
        }
    }
    return used;
}

function locateLaunchTemplates(ctx: LocateContext<KeyLink>): { uses: ConsumerUse<KeyLink>[]; notes: ConsumerNote<KeyLink>[] } {
    const found: ConsumerUse<KeyLink>[] = [];
    const notes: ConsumerNote<KeyLink>[] = [];
    const used = templatesInUse(ctx);
    if (used.size === 0) {
        return { uses: found, notes };
    }
    const defaultKeys = ctx.ofType(EBS_DEFAULT_KMS_KEY).flatMap(d =>
        ctx.resolve(d, DEFAULT_KEY_ARN, d.props.get(DEFAULT_KEY_ARN)).map(link => ({ link, setter: d })));
    const byDefault = defaultKeys.length > 0 ? encryptionByDefault(ctx) : undefined;
    // Groups whose serviceLinkedRoleArn is computed: the role is not known, so no guess; one advisory per template/key.
    const unverifiedRoles = new Map<string, ConsumerNote<KeyLink>>();
    for (const [template, groupsUsing] of used) {
        const mappings = template.props.array(BLOCK_DEVICE_MAPPINGS);
        if (mappings === UNKNOWN) {
            continue;
        }
        // Groups with a custom service-linked role (serviceLinkedRoleArn) launch as that role; the others as the default.
        const roles = new Map<string | undefined, string[]>();
        const unknownRoles: string[] = [];
        for (const group of groupsUsing) {
            const custom = group.props.string("serviceLinkedRoleArn");
            // Unset, the planned value is computed too (AWS fills in the default role): only a value computed from
            // another resource (a ServiceLinkedRole with a customSuffix) is a custom role that is not known yet.
            if (custom === UNKNOWN && group.dependenciesOf("serviceLinkedRoleArn").length > 0) {
                unknownRoles.push(`'${group.name}'`);
                continue;
            }
            const role = typeof custom === "string" && custom.startsWith("arn:") ? custom : undefined;
            roles.set(role, [...(roles.get(role) ?? []), `'${group.name}'`]);
        }
        const addAll = (path: Path, target: KeyLink, via?: string, uncertain?: boolean) => {
            for (const [role, names] of roles) {
                found.push({
                    consumer: template, path, target, via, uncertain, principal: role,
                    who: `the Auto Scaling service-linked role; Auto Scaling group ${names.join(", ")} launches instances from this template`,
                });
            }
            const id = `${template.urn}\u0000${target.key.urn}`;
            if (unknownRoles.length > 0 && !unverifiedRoles.has(id)) {
                unverifiedRoles.set(id, {
                    consumer: template, path, target,
                    message: `Auto Scaling group ${unknownRoles.join(", ")} launches instances from this template with a ` +
                        `serviceLinkedRoleArn that is computed during preview, so whether the policy of ${keyLabel(target)} lets ` +
                        "that service-linked role use the key could not be verified now; it will be at pulumi up.",
                });
            }
        };
        const defaultKeyVia = (setter: StackResource, reason: string) =>
            `${reason}, so EC2 uses the account's default EBS key, which DefaultKmsKey '${setter.name}' sets to this key.`;
        const list = Array.isArray(mappings) ? mappings : [];
        for (let i = 0; i < list.length; i++) {
            const ebsPath = [BLOCK_DEVICE_MAPPINGS, i, "ebs"];
            const kmsKeyId = template.props.get([...ebsPath, "kmsKeyId"]);
            if (presentKeyReference(kmsKeyId)) {
                for (const link of ctx.resolve(template, BLOCK_DEVICE_MAPPINGS, kmsKeyId)) {
                    addAll(joinPath(ebsPath, "kmsKeyId"), link);
                }
            } else if (template.props.boolean([...ebsPath, "encrypted"]) === true) {
                // Without a key id EC2 uses the account's default EBS key; only a default key set in this stack is
                // checked here (ebs-encryption-explicit-kms-key reports the missing key id itself).
                for (const { link, setter } of defaultKeys) {
                    addAll(joinPath(ebsPath, "encrypted"), link, defaultKeyVia(setter, "The volume is encrypted without a kmsKeyId"));
                }
            }
        }
        if (byDefault) {
            // EBS encryption by default encrypts every volume the template launches, the AMI's root volume and
            // mappings without `encrypted` included, with the default key.
            for (const { link, setter } of defaultKeys) {
                addAll(BLOCK_DEVICE_MAPPINGS, link, defaultKeyVia(setter, byDefault.sentence), byDefault.unknown);
            }
        }
    }
    notes.push(...unverifiedRoles.values());
    return { uses: found, notes };
}

/** EBS encryption by default as the stack's EncryptionByDefault resources set it (`enabled` defaults to true). */
function encryptionByDefault(ctx: LocateContext<KeyLink>): { sentence: string; unknown: boolean } | undefined {
    let unknown: StackResource | undefined;
    for (const setting of ctx.ofType(EBS_ENCRYPTION_BY_DEFAULT)) {
        const enabled = setting.props.boolean(ENCRYPTION_BY_DEFAULT_ENABLED);
        if (enabled === true || enabled === undefined) {
            return { sentence: `EncryptionByDefault '${setting.name}' turns on EBS encryption by default: every volume the ` +
                "template launches (the AMI's root volume and mappings without a kmsKeyId included) is encrypted", unknown: false };
        }
        if (enabled === UNKNOWN) {
            unknown = setting;
        }
    }
    return unknown ? {
        sentence: `EncryptionByDefault '${unknown.name}' may turn on EBS encryption by default (its enabled is computed ` +
            "during preview); if it does, every volume the template launches is encrypted", unknown: true,
    } : undefined;
}

function firstPresent(resource: StackResource, paths: readonly PathSegment[][]): unknown {
    for (const path of paths) {
        const value = resource.props.get(path);
        if (value !== undefined && value !== null) {
            return value;
        }
    }
    return undefined;
}
