import { stackPolicy, StackContext } from "../../lib/framework/policy";
import { compilePattern, firstRejectionNote, patternRejection } from "../../lib/framework/patterns";
import { quoteValue } from "../../lib/framework/quote";
import { listNames } from "../../lib/framework/summary";
import { PlannedResourceContext, plannedResources } from "../../lib/aws/lifecycle";
import {
    ANALYSED_NAME_LENGTH,
    collisionOutcome,
    constantSuffixGroups,
    cutName,
    fitHeadline,
    quoteShort,
    ConstantSuffixGroup,
    DEFAULT_SUFFIX_CONFIG_KEY,
    DEFAULT_SUFFIX_ENV_VAR,
    describeTokens,
    hasAutoNameSegment,
    hasTokenSegment,
    isAutoName,
    isConfiguredAutoName,
    nameWithToken,
    physicalNameRow,
    physicalNameTypes,
    PhysicalNameRow,
    scopeDescription,
    shownToken,
    timestampSegments,
    UniquenessToken,
    uniquenessTokens,
} from "../../lib/aws/naming";

interface Config {
    suffix?: string;
    suffixConfigKey: string;
    suffixEnvVar: string;
    pattern?: string;
    exemptTypes: string[];
}

/** A name of a resource being created that carries none of the stack's tokens. */
interface Untokened {
    readonly resource: PlannedResourceContext<Config>;
    readonly row: PhysicalNameRow;
    readonly name: string;
    readonly secret: boolean;
    readonly label: string;
}

// Types whose names need not be unique (API Gateway APIs) are left out.
const TYPES = physicalNameTypes(row => row.scope !== "none");
/** Resources a one-cause finding names; the rest are counted. */
const LISTED_RESOURCES = 10;
/** Longest name or suggestion a headline quotes; longer ones are cut (quote.ts) or go to the details. */
const HEADLINE_NAME = 48;

const NEVER_TIMESTAMPS = "Do not append a timestamp: it changes on every run, so every `pulumi up` replaces the resource.";

// A stack policy because only AnalyzeStack tells a resource being created from one that exists (lib/aws/lifecycle.ts;
// an existing resource keeps its name), and because one cause across the stack is one finding.
export const physicalNameHasUniquenessSuffix = stackPolicy<Config>({
    name: "physical-name-has-uniqueness-suffix",
    description: "Explicit physical names must carry the stack's uniqueness token (environment suffix or stack name).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["naming", "reliability"],
    remediationSteps: "Append the stack's uniqueness token as its own segment (e.g. `orders-${environmentSuffix}`), or " +
        "omit the name property and let Pulumi auto-name the resource (`<logical name>-<7 random hex>`, unique per " +
        "stack and stable across updates). Never use a timestamp: it changes on every run and forces replacement.",
    resourceTypes: TYPES,
    config: {
        suffix: {
            type: "string",
            description: "A uniqueness token explicit names may contain as a segment. A name is accepted when it contains " +
                "any of: this suffix, the stack config value named by suffixConfigKey, the environment variable named " +
                "by suffixEnvVar, the stack name, or the stack name's distinguishing tail (pr6264 of TapStackpr6264).",
        },
        suffixConfigKey: {
            type: "string",
            default: DEFAULT_SUFFIX_CONFIG_KEY,
            description: "The stack config key (of the program's project, or `namespace:key`) that holds the token.",
        },
        suffixEnvVar: {
            type: "string",
            default: DEFAULT_SUFFIX_ENV_VAR,
            description: "The environment variable that holds the token, as CI pipelines pass it to `pulumi preview` " +
                "(the policy pack runs with the CLI's environment). Its value is shown in messages only when it looks " +
                "like a token (up to 32 letters, digits, . _ -).",
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
            "(`/aws/lambda/<function name>`): the message asks for the suffix on that resource, not on the log group. " +
            "Only resources this deployment creates or replaces are checked (their `id` and `arn` are unknown in the " +
            "planned outputs): an existing resource keeps its name. When three or more names lack every token and end " +
            "in the same segment (an environment word such as `-dev`, or one shared by different kinds of resource), " +
            "the program fell back to a constant instead of the stack's token: that is one finding for the stack, " +
            "listing the resources, not one per resource.",
        awsError: "EntityAlreadyExists (IAM), BucketAlreadyOwnedByYou (S3), ResourceAlreadyExistsException (CloudWatch " +
            "Logs), Table already exists (DynamoDB), QueueNameExists (SQS, only when the attributes differ), " +
            "DuplicateLoadBalancerName (ELBv2, only when the settings differ), Creation of service was not idempotent (ECS)",
    },
    validate: ctx => {
        const tokens = uniquenessTokens(ctx.stack, ctx.config);
        const pattern = ctx.config.pattern !== undefined && ctx.config.pattern !== "" ? ctx.config.pattern : undefined;
        if (pattern === undefined && tokens.length === 0) {
            return; // nothing says what would make a name unique to the stack
        }
        const untokened: Untokened[] = [];
        for (const resource of plannedResources(ctx, TYPES)) {
            if (resource.change === "existing") {
                continue; // AWS accepted this name when it created the resource
            }
            const row = physicalNameRow(resource.type);
            if (!row || row.scope === "none" || isExempt(row, ctx.config.exemptTypes)) {
                continue;
            }
            const name = resource.props.string(row.nameProperty);
            if (typeof name !== "string" || name === "" || name.length > ANALYSED_NAME_LENGTH || isAutoName(name, resource.name) ||
                hasAutoNameSegment(name) || isConfiguredAutoName(ctx.stack, resource.type, name, resource.name)) {
                continue; // omitted or auto-named (unique by construction), unknown during preview, or too long for AWS
            }
            const secret = resource.props.isSecret(row.nameProperty);
            if (pattern !== undefined) {
                checkPattern(resource, row, name, secret, pattern);
            } else if (!tokens.some(t => hasTokenSegment(name, t.token))) {
                untokened.push({ resource, row, name, secret, label: row.label });
            }
        }
        // In the program's order, as the resources were declared (ofType returns them by type).
        const order = new Map(ctx.resources.map((r, i) => [r, i] as const));
        untokened.sort((a, b) => order.get(a.resource.resource)! - order.get(b.resource.resource)!);
        // A secret name's last segment is part of the secret: it is reported on its own.
        const groups = constantSuffixGroups(untokened.filter(u => !u.secret));
        const grouped = new Set<Untokened>();
        for (const group of groups) {
            group.members.forEach(member => grouped.add(member));
            reportConstantSuffix(ctx, group, tokens);
        }
        for (const item of untokened) {
            if (!grouped.has(item)) {
                reportUntokened(item, tokens);
            }
        }
    },
});

const autoNameDetail = (logicalName: string) =>
    `An auto-name ("${logicalName}-" plus 7 random hex characters) is unique per stack and stable across updates.`;

function shownName(item: { name: string; secret: boolean; row: PhysicalNameRow }, limit = HEADLINE_NAME): string {
    return item.secret ? `The ${item.row.label} name (a secret, not shown)` : quoteShort(item.name, limit);
}

function checkPattern(resource: PlannedResourceContext<Config>, row: PhysicalNameRow, name: string, secret: boolean, source: string): void {
    const compiled = compilePattern(source);
    if (compiled === null) {
        if (firstRejectionNote("physical-name-has-uniqueness-suffix", source)) {
            resource.report({
                advisory: true,
                message: `The configured pattern ${quoteValue(source, 80)} ${patternRejection(source)}; ` +
                    "names were not checked. Fix 'physical-name-has-uniqueness-suffix.pattern' in the policy pack config.",
            });
        }
        return;
    }
    if (!compiled.test(name)) {
        const property = row.nameProperty;
        resource.report({
            path: property,
            message: `${shownName({ name, secret, row })} does not match your organisation's naming pattern: rename the ` +
                `${row.label} to match it, or omit ${property} to auto-name it.\n\n` +
                `The pattern: ${quoteValue(source, 200)}. ${autoNameDetail(resource.name)} ${NEVER_TIMESTAMPS}`,
        });
    }
}

function reportUntokened(item: Untokened, tokens: readonly UniquenessToken[]): void {
    const { resource, row, name, secret } = item;
    const property = row.nameProperty;
    const token = tokens[0];
    const lookedFor = `Looked for: ${describeTokens(tokens)}.`;
    const conflict = collisionOutcome(row);
    const serviceNamed = row.serviceNamedPrefix;
    if (serviceNamed && name.toLowerCase().startsWith(serviceNamed.prefix)) {
        resource.report({
            path: property,
            message: fitHeadline(limit => `${shownName(item, limit)} has no ${shownToken(token, Math.min(limit, 24))} segment: give ` +
                "the resource it belongs to the token (or an auto-name) and build this name from it.") + "\n\n" +
                `${capitalise(row.label)} names under ${serviceNamed.prefix} are chosen by the service from another ` +
                `resource's name (e.g. ${serviceNamed.example}): appending the token here leaves the service writing to ` +
                `the old one. ${lookedFor} ${scopeDescription(row)}, and ${conflict}.`,
        });
        return;
    }
    // A secret name is never printed, not even in part (its digits), and a secret token never suggested.
    const stamps = secret ? [] : timestampSegments(name);
    const suggestion = secret || token.secret ? undefined : nameWithToken(row, name, token.token, undefined);
    const inHeadline = suggestion !== undefined && suggestion.length <= HEADLINE_NAME;
    const suggested = suggestion !== undefined && !inHeadline ? `Suggested: ${property}: "${suggestion}". ` : "";
    const headline = fitHeadline(limit => {
        const fix = inHeadline ? `use ${property}: "${suggestion}"`
            : "append it as a segment";
        return `${shownName(item, limit)} has no ${shownToken(token, Math.min(limit, 24))} segment, so a second stack collides ` +
            `with it: ${fix}, or omit ${property} to auto-name it.`;
    });
    resource.report({
        path: property,
        message: `${headline}\n\n${suggested}${lookedFor} ${scopeDescription(row)}, and ${conflict}. ` +
            `${autoNameDetail(resource.name)} ` +
            (stamps.length > 0 ? `The digits '${stamps[0].slice(0, 20)}' look like a timestamp. ` : "") + NEVER_TIMESTAMPS,
    });
}

function reportConstantSuffix(ctx: StackContext<Config>, group: ConstantSuffixGroup<Untokened>, tokens: readonly UniquenessToken[]): void {
    const token = tokens[0];
    const envVar = ctx.config.suffixEnvVar || DEFAULT_SUFFIX_ENV_VAR;
    const configKey = ctx.config.suffixConfigKey || DEFAULT_SUFFIX_CONFIG_KEY;
    const resources = listNames(group.members.map(m => m.resource.name), LISTED_RESOURCES);
    const headline = fitHeadline(limit => `${group.members.length} names end in ${quoteShort(group.segment, Math.min(limit, 24))}, ` +
        `not the stack's token ${shownToken(token, Math.min(limit, 24))}: it never reached the program; pass it ` +
        `(${cutName(envVar, limit)} or config ${cutName(configKey, limit)}).`);
    ctx.report(undefined, {
        message: `${headline}\n\n` +
            `The program seems to fall back to a constant (such as \`process.env.${envVar.length <= 32 ? envVar : "SUFFIX"} || ` +
            `"${group.segment.slice(0, 24)}"\`), so every stack of it gets these names and a second one collides with them. ` +
            `Build each name from the token, or omit the name to auto-name the resource. Resources: ${resources}. ` +
            `Looked for: ${describeTokens(tokens)}.`,
    });
}

function isExempt(row: PhysicalNameRow, exempt: unknown): boolean {
    return Array.isArray(exempt) && exempt.some(type => typeof type === "string" && row.types.includes(type));
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
