import { resourcePolicy } from "../../lib/framework/policy";
import { compilePattern, firstRejectionNote, patternRejection } from "../../lib/framework/patterns";
import { quoteValue } from "../../lib/framework/quote";
import {
    collisionOutcome,
    DEFAULT_SUFFIX_CONFIG_KEY,
    hasAutoNameSegment,
    hasTokenSegment,
    isAutoName,
    isConfiguredAutoName,
    nameWithToken,
    physicalNameRow,
    physicalNameTypes,
    PhysicalNameRow,
    scopeDescription,
    timestampSegments,
    uniquenessToken,
} from "../../lib/aws/naming";

interface Config {
    suffix?: string;
    suffixConfigKey: string;
    pattern?: string;
    exemptTypes: string[];
}

const NEVER_TIMESTAMPS = "Do not append a timestamp: it changes on every run, so every `pulumi up` replaces the resource.";

export const physicalNameHasUniquenessSuffix = resourcePolicy<Config>({
    name: "physical-name-has-uniqueness-suffix",
    description: "Explicit physical names must carry the stack's uniqueness token (environment suffix or stack name).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["naming", "reliability"],
    remediationSteps: "Append the stack's uniqueness token as its own segment (e.g. `orders-${environmentSuffix}`), or " +
        "omit the name property and let Pulumi auto-name the resource (`<logical name>-<7 random hex>`, unique per " +
        "stack and stable across updates). Never use a timestamp: it changes on every run and forces replacement.",
    // Types whose names need not be unique (API Gateway APIs) are left out.
    resourceTypes: physicalNameTypes(row => row.scope !== "none"),
    config: {
        suffix: {
            type: "string",
            description: "The uniqueness token every explicit name must contain. Default: the stack config value " +
                "named by suffixConfigKey, else the stack name.",
        },
        suffixConfigKey: {
            type: "string",
            default: DEFAULT_SUFFIX_CONFIG_KEY,
            description: "The stack config key (of the program's project, or `namespace:key`) that holds the token.",
        },
        pattern: {
            type: "string",
            description: "A regular expression explicit names must match instead of containing the token, for " +
                "organisations with their own naming scheme, e.g. ^acme-(dev|prod)-.",
        },
        exemptTypes: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Type tokens to skip, e.g. [\"aws:iam/role:Role\"] (an `aws:lb/*` token also exempts its `aws:alb/*` alias).",
        },
    },
    docs: {
        failure: "A static physical name collides as soon as the same program is deployed twice into one account " +
            "(a second PR environment, a retried CI run, leftovers of a half-failed deployment): the create fails " +
            "with an 'already exists' error, or, where the create API is idempotent (SQS queues, SNS topics, ELBv2 load " +
            "balancers and target groups with identical settings; ECS clusters always), the second stack silently " +
            "adopts the first stack's resource, and destroying either stack deletes it for both. Not checked: " +
            "names Pulumi auto-names (`<logical name>-<7 hex>`, or what the stack config `pulumi:autonaming` pattern " +
            "or `verbatim` mode produces; an unreadable `pulumi:autonaming` setting turns the check off), names that " +
            "contain an auto-name segment (the log group `/aws/lambda/<auto-named function>`), name prefixes, and names " +
            "unknown during preview. Log group names under `/aws/` are chosen by the service from another resource " +
            "(`/aws/lambda/<function name>`): the message asks for the suffix on that resource, not on the log group.",
        awsError: "EntityAlreadyExists (IAM), BucketAlreadyOwnedByYou (S3), ResourceAlreadyExistsException (CloudWatch " +
            "Logs), Table already exists (DynamoDB), QueueNameExists (SQS, only when the attributes differ), " +
            "DuplicateLoadBalancerName (ELBv2, only when the settings differ), Creation of service was not idempotent (ECS)",
    },
    validate: ctx => {
        const row = physicalNameRow(ctx.type);
        if (!row || row.scope === "none" || isExempt(row, ctx.config.exemptTypes)) {
            return;
        }
        const property = row.nameProperty;
        const name = ctx.props.string(property);
        if (typeof name !== "string" || name === "" || isAutoName(name, ctx.name) || hasAutoNameSegment(name) ||
            isConfiguredAutoName(ctx.stack, ctx.type, name, ctx.name)) {
            return; // omitted or auto-named (unique by construction), or unknown during preview
        }
        const secret = ctx.props.isSecret(property);
        const shown = secret ? `The ${row.label} name (a secret, not shown)` : quoteValue(name);
        const autoName = `or omit ${property} to auto-name it`;
        const autoNameDetail = `An auto-name ("${ctx.name}-" plus 7 random hex characters) is unique per stack and stable across updates.`;
        if (ctx.config.pattern !== undefined && ctx.config.pattern !== "") {
            const pattern = compilePattern(ctx.config.pattern);
            if (pattern === null) {
                if (firstRejectionNote("physical-name-has-uniqueness-suffix", ctx.config.pattern)) {
                    ctx.report({
                        advisory: true,
                        message: `The configured pattern ${quoteValue(ctx.config.pattern, 80)} ${patternRejection(ctx.config.pattern)}; ` +
                            "names were not checked. Fix 'physical-name-has-uniqueness-suffix.pattern' in the policy pack config.",
                    });
                }
            } else if (!pattern.test(name)) {
                ctx.report({
                    path: property,
                    message: `${shown} does not match your organisation's naming pattern: rename the ${row.label} to match it, ${autoName}.\n\n` +
                        `The pattern: ${quoteValue(ctx.config.pattern, 200)}. ${autoNameDetail} ${NEVER_TIMESTAMPS}`,
                });
            }
            return;
        }
        const token = uniquenessToken(ctx.stack, ctx.config.suffix, ctx.config.suffixConfigKey);
        if (!token || hasTokenSegment(name, token.token)) {
            return;
        }
        // A secret name is never printed, not even in part (its digits).
        const stamps = secret ? [] : timestampSegments(name);
        const conflict = collisionOutcome(row);
        const serviceNamed = row.serviceNamedPrefix;
        if (serviceNamed && name.toLowerCase().startsWith(serviceNamed.prefix)) {
            ctx.report({
                path: property,
                message: `${shown} has no "${token.token}" segment: give the resource it belongs to the token (or an auto-name) ` +
                    `and build this name from it.\n\n` +
                    `${capitalise(row.label)} names under ${serviceNamed.prefix} are chosen by the service from another ` +
                    `resource's name (e.g. ${serviceNamed.example}): appending the token here leaves the service writing to ` +
                    `the old one. The token comes from ${token.source}. ${scopeDescription(row)}, and ${conflict}.`,
            });
            return;
        }
        const suggestion = secret ? undefined : nameWithToken(row, name, token.token, undefined);
        ctx.report({
            path: property,
            message: `${shown} has no "${token.token}" segment, so a second stack collides with it: ` +
                `${suggestion ? `use ${property}: "${suggestion}"` : `append "${token.token}" as a segment`}, ${autoName}.\n\n` +
                `The token comes from ${token.source}. ${scopeDescription(row)}, and ${conflict}. ${autoNameDetail} ` +
                (stamps.length > 0 ? `The digits '${stamps[0]}' look like a timestamp. ` : "") + NEVER_TIMESTAMPS,
        });
    },
});

function isExempt(row: PhysicalNameRow, exempt: unknown): boolean {
    return Array.isArray(exempt) && exempt.some(type => typeof type === "string" && row.types.includes(type));
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
