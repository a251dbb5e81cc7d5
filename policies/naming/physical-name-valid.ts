import { quoteValue } from "../../lib/framework/quote";
import { Finding, resourcePolicy } from "../../lib/framework/policy";
import {
    candidateTokens,
    cutName,
    DEFAULT_SUFFIX_CONFIG_KEY,
    hasTokenSegment,
    isAutoName,
    NameKind,
    nameRuleBreaks,
    physicalNameRow,
    physicalNameTypes,
    PhysicalNameRow,
    RuleBreak,
    suggestName,
    timestampSegments,
} from "../../lib/aws/naming";

// The rules are AWS's; the options only say which uniqueness token a shortened suggestion keeps.
interface Config {
    suffix?: string;
    suffixConfigKey: string;
}

export const physicalNameValid = resourcePolicy<Config>({
    name: "physical-name-valid",
    description: "Explicit physical names and name prefixes must follow their service's naming rules.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["naming", "deployment-blocker"],
    remediationSteps: "Shorten the name or fix the characters as the message says (a ready-to-paste name is given " +
        "when a safe one exists; it keeps the stack's uniqueness token), or omit the name property and let Pulumi " +
        "auto-name the resource. Do not make names unique with a timestamp: it changes on every run, forces " +
        "replacement and pushes names past their length limits.",
    // S3 bucket names are checked by s3-bucket-name-valid, so a broken bucket name is reported once.
    resourceTypes: physicalNameTypes(row => row.validatedBy === undefined),
    config: {
        suffix: {
            type: "string",
            description: "The stack's uniqueness token, kept as the last segment when a corrected name is shortened " +
                "(same meaning as in physical-name-has-uniqueness-suffix; set both alike). Default: the stack config " +
                "value named by suffixConfigKey, else the stack name. A trailing stack-name segment is kept too.",
        },
        suffixConfigKey: {
            type: "string",
            default: DEFAULT_SUFFIX_CONFIG_KEY,
            description: "The stack config key (of the program's project, or `namespace:key`) that holds the token, " +
                "as in physical-name-has-uniqueness-suffix.",
        },
    },
    docs: {
        failure: "A name longer than its service allows (an ALB or target group name over 32 characters, an RDS " +
            "identifier over 63, a Lambda function name over 64, an ElastiCache replication group id over 40), with " +
            "uppercase letters where only lowercase is accepted (RDS identifiers, ECR repositories), without `.fifo` " +
            "on a FIFO queue or topic, or a KMS alias without `alias/` or under `alias/aws/` passes `pulumi preview` " +
            "and fails at `pulumi up`. Name prefixes must leave room for the generated part (load balancer and target " +
            "group `namePrefix`: at most 6 characters). S3 bucket names are left to s3-bucket-name-valid. A shortened " +
            "suggestion keeps the uniqueness token (config `suffix`, else the stack config value named by " +
            "`suffixConfigKey`, else the stack name) as its last segment. For a secret name the message states the " +
            "rule only: no length, characters, positions or suggestion.",
        awsError: "The load balancer name '<name>' cannot be longer than '32' characters",
    },
    validate: ctx => {
        const row = physicalNameRow(ctx.type);
        if (!row || row.validatedBy !== undefined) {
            return;
        }
        const fifo = row.rule.fifoProperty ? ctx.props.boolean(row.rule.fifoProperty) : undefined;
        if (row.autoNameChecked && ctx.props.get(row.nameProperty) === undefined &&
            (row.prefixProperty === undefined || ctx.props.get(row.prefixProperty) === undefined)) {
            reportReservedLogicalName(ctx.report, row, ctx.name);
        }
        const properties: [string | undefined, NameKind][] = [[row.nameProperty, "name"], [row.prefixProperty, "prefix"]];
        for (const [property, kind] of properties) {
            if (property === undefined) {
                continue;
            }
            const value = ctx.props.string(property);
            if (typeof value !== "string" || value === "") {
                continue; // omitted (auto-named), unknown during preview, or not a string
            }
            // A secret name must not leak piecemeal: no correction, length, characters or positions.
            const secret = ctx.props.isSecret(property);
            const breaks = nameRuleBreaks(row, value, kind, fifo, secret);
            if (breaks.length === 0) {
                continue;
            }
            const token = candidateTokens(ctx.stack, ctx.config.suffix, ctx.config.suffixConfigKey).find(t => hasTokenSegment(value, t));
            const fixed = secret ? undefined : suggestName(row, value, kind, fifo, token);
            for (const broken of breaks) {
                ctx.report(finding(row, property, kind, value, broken, fixed, ctx.name, secret));
            }
        }
    },
});

/** An auto-named resource whose logical name starts with a reserved prefix: Pulumi's name starts with it too. */
function reportReservedLogicalName(report: (f: Finding) => void, row: PhysicalNameRow, logicalName: string): void {
    const reserved = (row.rule.reservedPrefixes ?? []).find(r =>
        (r.matchCase ? logicalName : logicalName.toLowerCase()).startsWith(r.prefix));
    if (!reserved) {
        return;
    }
    const renamed = logicalName.slice(reserved.prefix.length).replace(/^[-_.]+/, "") || "main";
    report({
        path: row.nameProperty,
        message: `The auto-name of "${logicalName}" begins with ${reserved.prefix}: rename the resource (e.g. "${renamed}-sg"), or set ` +
            `${row.nameProperty}.\n\nPulumi derives the ${row.label} name from the logical name ("${logicalName}-" plus 7 hex ` +
            `characters), and ${row.label} names must not begin with ${reserved.prefix}: ${reserved.why}.`,
    });
}

function finding(row: PhysicalNameRow, property: string, kind: NameKind, value: string, broken: RuleBreak,
    fixed: string | undefined, logicalName: string, secret: boolean): Finding {
    const noun = row.noun ?? "name";
    const what = kind === "prefix" ? `${row.label} ${noun} prefix` : `${row.label} ${noun}`;
    if (secret) {
        return {
            path: property,
            message: `The ${what} in ${property} (a secret, not shown) is not valid: choose one that follows the rule.\n\n` +
                `${broken.message} It passes preview and fails at pulumi up. Or omit ${property} and let Pulumi auto-name ` +
                "the resource.",
        };
    }
    const stamps = kind === "name" && broken.rule === "length" ? timestampSegments(value.slice(0, 1024)) : [];
    const consequence = broken.rule === "length" && kind === "name" && row.lengthError
        ? `AWS rejects it at pulumi up: "${row.lengthError(cutName(value, 64))}".`
        : "It passes preview and fails at pulumi up.";
    const stamp = stamps.length > 0
        ? ` The digits '${stamps[0]}' look like a timestamp: a timestamp changes on every run and forces replacement, ` +
          "so the corrected name drops it and keeps the uniqueness token."
        : "";
    const auto = `omit ${property} and let Pulumi auto-name the resource ("${logicalName}-" plus 7 random hex characters)`;
    if (kind === "name" && isAutoName(value, logicalName)) {
        // The provider's check filled in the auto-name: the logical name is what to change.
        return {
            path: property,
            message: `${quoteValue(value, 64)} is not a valid ${what}: rename the resource "${cutName(logicalName, 48)}", or set ${property}.\n\n` +
                `${broken.message} It is Pulumi's auto-name for the logical name "${logicalName}" and fails at pulumi up; ` +
                "a shorter logical name of allowed characters fixes it.",
        };
    }
    return {
        path: property,
        message: `${quoteValue(value, 64)} is not a valid ${what}: ${fixed !== undefined ? `use "${fixed}"` : "choose one that follows the rule"}.` +
            `\n\n${broken.message} ${consequence}${stamp} Or ${auto}.`,
    };
}
