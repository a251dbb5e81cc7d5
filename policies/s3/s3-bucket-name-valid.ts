import type * as aws from "@pulumi/aws";
import { Finding, resourcePolicy, ResourceContext } from "../../lib/framework/policy";
import { compilePattern, firstRejectionNote, patternRejection } from "../../lib/framework/patterns";
import { quoteValue } from "../../lib/framework/quote";
import {
    bucketNameRuleBreaks,
    BucketNameKind,
    directoryBucketNameRuleBreaks,
    fixBucketName,
    S3_INVALID_NAME_ERROR,
} from "../../lib/aws/s3/bucket-names";
import { S3_BUCKET_TYPES, S3_DIRECTORY_BUCKET } from "../../lib/aws/resource-types";

interface Config {
    allowDots: boolean;
    pattern?: string;
}

const NAME_PROPERTIES: readonly [keyof aws.s3.BucketArgs & keyof aws.s3.BucketV2Args, BucketNameKind][] = [
    ["bucket", "bucket"],
    ["bucketPrefix", "prefix"],
];
const DIRECTORY_NAME_PROPERTY: keyof aws.s3.DirectoryBucketArgs = "bucket";

export const s3BucketNameValid = resourcePolicy<Config>({
    name: "s3-bucket-name-valid",
    description: "S3 bucket names must follow the S3 naming rules.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["s3", "naming", "deployment-blocker"],
    remediationSteps: "Use only lowercase letters, numbers, hyphens and periods; begin and end with a letter or number; " +
        "stay within 3-63 characters (bucketPrefix: 37). Or omit the name and let Pulumi auto-name the bucket. " +
        "With enforcement level 'remediate' the pack lowercases the name and fixes invalid characters itself.",
    resourceTypes: [...S3_BUCKET_TYPES, S3_DIRECTORY_BUCKET],
    config: {
        allowDots: {
            type: "boolean",
            default: true,
            description: "Allow periods in bucket names. Set false for virtual-hosted-style HTTPS and Transfer Acceleration.",
        },
        pattern: {
            type: "string",
            description: "A regular expression every explicit bucket name (and prefix) must match, e.g. ^acme-[a-z0-9-]+$.",
        },
    },
    checkConfig: config => config.pattern !== undefined && config.pattern !== "" && compilePattern(config.pattern) === null
        ? [`option "pattern" is not a valid regular expression: ${JSON.stringify(config.pattern)}`] : [],
    docs: {
        failure: "A bucket name with an uppercase letter, an underscore or another broken naming rule passes " +
            "`pulumi preview` and fails at `pulumi up`, often after the rest of the stack was created. A common " +
            "source is an environment suffix such as `PR6247` appended to a static name.",
        awsError: S3_INVALID_NAME_ERROR,
    },
    validate: ctx => {
        if (ctx.type === S3_DIRECTORY_BUCKET) {
            const name = ctx.props.string(DIRECTORY_NAME_PROPERTY);
            if (typeof name === "string") {
                const secret = ctx.props.isSecret(DIRECTORY_NAME_PROPERTY);
                const breaks = directoryBucketNameRuleBreaks(name, { secret });
                if (breaks.length > 0) {
                    ctx.report(nameFinding(DIRECTORY_NAME_PROPERTY, name, secret, breaks.map(b => b.message), undefined));
                }
                checkPattern(ctx, DIRECTORY_NAME_PROPERTY, name, secret);
            }
            return;
        }
        for (const [property, kind] of NAME_PROPERTIES) {
            const name = ctx.props.string(property);
            if (typeof name !== "string") {
                continue; // omitted (auto-named), unknown during preview, or not a string
            }
            // A secret name: state only the broken rules. Characters, positions, the length or a corrected name
            // would print the secret piece by piece, which scrubbing the whole value does not prevent.
            const secret = ctx.props.isSecret(property);
            const options = { allowDots: ctx.config.allowDots, secret };
            const breaks = bucketNameRuleBreaks(name, kind, options);
            const fixed = breaks.length > 0 && !secret ? fixBucketName(name, kind, options) : undefined;
            if (breaks.length > 0) {
                ctx.report(nameFinding(property, name, secret, breaks.map(b => b.message), fixed));
            }
            checkPattern(ctx, property, name, secret);
        }
    },
    remediate: ctx => {
        if (ctx.type === S3_DIRECTORY_BUCKET) {
            return undefined;
        }
        const changes: Record<string, string> = {};
        for (const [property, kind] of NAME_PROPERTIES) {
            const name = ctx.props.string(property);
            if (typeof name === "string" && name !== "") {
                const fixed = fixBucketName(name, kind, { allowDots: ctx.config.allowDots });
                if (fixed !== undefined) {
                    changes[property] = fixed;
                }
            }
        }
        return Object.keys(changes).length > 0 ? changes : undefined;
    },
});

const AUTO_NAME = "or omit it to auto-name the bucket";
/** The headline after its `bucket: ` path; a long name is cut (quoteInHeadline) and its fix then moves to the details. */
const HEADLINE_BUDGET = 150;

function subjectOf(property: string, name: string, secret: boolean): string {
    const label = property === "bucketPrefix" ? "bucket name prefix" : "bucket name";
    // A name up to the 63 characters S3 allows is shown whole; a longer one by its start.
    return secret ? `the ${label} (a secret, not shown)` : name.length <= 63 ? quoteValue(name) : quoteValue(name, 40);
}

/** One finding per name: the headline says what to use, the details list every rule it breaks in AWS's words. */
function nameFinding(property: string, name: string, secret: boolean, rules: readonly string[], fixed: string | undefined): Finding {
    const label = property === "bucketPrefix" ? "bucket name prefix" : "bucket name";
    const problem = `${subjectOf(property, name, secret)} is not a valid S3 ${label}`;
    const suggested = fixed !== undefined ? quoteValue(fixed) : undefined;
    let headline = suggested !== undefined ? `${problem}: use ${suggested}, ${AUTO_NAME}.` : `${problem}: rename it, ${AUTO_NAME}.`;
    let moved = "";
    if (suggested !== undefined && [...property, ": ", ...headline].length > HEADLINE_BUDGET) {
        headline = `${problem}: rename it (suggestion below), ${AUTO_NAME}.`;
        moved = `Suggested name: ${suggested}.\n`;
    }
    const remediate = fixed !== undefined ? "\nLevel \"remediate\" applies the fix during preview." : "";
    return {
        path: property,
        message: `${headline}\n\n${moved}${rules.join("\n")}\npulumi up fails: "${S3_INVALID_NAME_ERROR}"${remediate}`,
    };
}

function checkPattern(ctx: ResourceContext<Config>, property: string, name: string, secret: boolean): void {
    if (ctx.config.pattern === undefined || ctx.config.pattern === "") {
        return;
    }
    const pattern = compilePattern(ctx.config.pattern);
    if (pattern === null) {
        if (firstRejectionNote("s3-bucket-name-valid", ctx.config.pattern)) {
            ctx.report({
                advisory: true,
                message: `the configured pattern ${patternRejection(ctx.config.pattern)}: bucket names were not checked against it.\n\n` +
                    `Fix 's3-bucket-name-valid.pattern' (${quoteValue(ctx.config.pattern, 80)}) in the policy pack config.`,
            });
        }
        return;
    }
    if (!pattern.test(name)) {
        ctx.report({
            path: property,
            message: `${subjectOf(property, name, secret)} does not match your required bucket name pattern: rename it, ${AUTO_NAME}.` +
                `\n\nThe pattern (s3-bucket-name-valid option "pattern") is ${quoteValue(ctx.config.pattern, 256)}`,
        });
    }
}
