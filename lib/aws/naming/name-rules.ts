// The shape of a physical-name rule and the engine that checks a name or name prefix against it (aws-facts.md
// section 3). The rows themselves are in name-table.ts.
import { UNKNOWN, Unknown } from "../../framework/properties";
import { analysedPart, describeCharacters } from "../s3/bucket-names";

export { ANALYSED_NAME_LENGTH } from "../s3/bucket-names";

/** Where a name must be unique: per account and region, per account (IAM), across all of AWS (S3), or nowhere. */
export type UniquenessScope = "account-region" | "account" | "global" | "none";

/** Length of the unique id the AWS provider appends to a name prefix. */
export const PREFIX_GENERATED_LENGTH = 26;
export const FIFO_SUFFIX = ".fifo";

export type NameKind = "name" | "prefix";

export interface CharacterRule {
    /** Tests one character (no `g` flag). */
    readonly allowed: RegExp;
    /** The allowed characters in words, as AWS documents them. */
    readonly text: string;
}

export interface NameRule {
    readonly min: number;
    readonly max: number;
    readonly characters?: CharacterRule;
    /** Uppercase letters are rejected (reported apart from other characters). */
    readonly lowercase?: boolean;
    /** What the first character must be, e.g. a letter. */
    readonly first?: { readonly allowed: RegExp; readonly text: string };
    readonly noLeadingHyphen?: boolean;
    readonly noTrailingHyphen?: boolean;
    readonly noConsecutiveHyphens?: boolean;
    /** Every name starts with this, e.g. KMS `alias/`. */
    readonly requiredPrefix?: string;
    /** Case-insensitive prefixes AWS reserves. */
    readonly reservedPrefixes?: readonly { readonly prefix: string; readonly why: string; readonly matchCase?: boolean }[];
    /** A structural pattern checked once the characters are right (ECR repository names). */
    readonly pattern?: { readonly regex: RegExp; readonly text: string };
    /** The boolean property that makes the resource FIFO; FIFO names end with `.fifo`, others must not. */
    readonly fifoProperty?: string;
    /** Delegates the whole check to another rule set (S3: lib/s3-bucket-names.ts). */
    readonly custom?: (name: string, kind: NameKind) => readonly RuleBreak[];
}

export interface PhysicalNameRow {
    /** Every type token of the resource (v6 and v7, `aws:alb/*` aliases). */
    readonly types: readonly string[];
    /** Human name of the resource, e.g. "load balancer". */
    readonly label: string;
    /** What AWS calls the name, when not "name": "identifier", "id". */
    readonly noun?: string;
    /** Names of one family share a namespace (aws:lb and aws:alb load balancers; v6/v7 S3 buckets). */
    readonly family: string;
    readonly nameProperty: string;
    readonly prefixProperty?: string;
    /** Longest accepted prefix when the provider documents its own limit; otherwise the name's maximum less the
     * 26-character generated id (and `.fifo` for FIFO resources). */
    readonly prefixMax?: number;
    readonly rule: NameRule;
    /** False when AWS treats `Name` and `name` as the same name (or only accepts lowercase). */
    readonly caseSensitive: boolean;
    readonly scope: UniquenessScope;
    /** A property that narrows the namespace inside the scope: ECS service names are unique per cluster. */
    readonly scopeProperty?: string;
    /** The error AWS returns when the name is taken, where it is known. */
    readonly conflictError?: string;
    /** The create API is idempotent: a second create with the same name returns the existing resource. "same-settings":
     * only with identical settings, differing ones fail (SQS, SNS, ELBv2); "always": whatever the settings (ECS
     * CreateCluster returns the existing active cluster, and the provider adopts it). */
    readonly idempotentCreate?: "same-settings" | "always";
    /** Names under this prefix are chosen by the service from another resource's name (CloudWatch Logs `/aws/...`:
     * `/aws/lambda/<function name>`); a suffix belongs on that resource, not at the end of this name. */
    readonly serviceNamedPrefix?: { readonly prefix: string; readonly example: string };
    /** Another policy validates these names; `physical-name-valid` leaves them alone. */
    readonly validatedBy?: string;
    /** Pulumi derives the name from the logical name when both name properties are omitted (`sg-web` becomes
     * `sg-web-1a2b3c4`): check the logical name against the reserved prefixes too. */
    readonly autoNameChecked?: boolean;
    /** An AWS error text for a name that is too long, where a verified one exists. */
    readonly lengthError?: (name: string) => string;
}

export interface RuleBreak {
    readonly rule: string;
    readonly message: string;
}


/** Longest prefix the row accepts, for FIFO resources `.fifo` included. */
export function prefixLimit(row: PhysicalNameRow, fifo: boolean | Unknown | undefined): number {
    const max = row.prefixMax ?? row.rule.max - PREFIX_GENERATED_LENGTH;
    return row.rule.fifoProperty && fifo === true ? max - FIFO_SUFFIX.length : max;
}

/**
 * Every rule `value` breaks for the row's name (`kind` "name") or name prefix (`kind` "prefix"). `fifo` is the
 * value of the row's FIFO property (`UNKNOWN` skips the FIFO rule). An empty list means AWS accepts it.
 * `redact` (a secret name): the messages state the rules only, never the name's length, characters or positions.
 */
export function nameRuleBreaks(row: PhysicalNameRow, value: string, kind: NameKind,
    fifo: boolean | Unknown | undefined = undefined, redact = false): RuleBreak[] {
    const rule = row.rule;
    if (rule.custom) {
        return [...rule.custom(value, kind)];
    }
    const breaks: RuleBreak[] = [];
    const label = row.label;
    const noun = row.noun ?? "name";
    const names = `${capitalise(label)} ${noun}s`;
    const isFifo = !!rule.fifoProperty && fifo === true;
    let body = value;
    if (kind === "name") {
        if (value.length < rule.min || value.length > rule.max) {
            const over = value.length > rule.max ? ` (${value.length - rule.max} too many)` : "";
            const measured = redact ? `this one is ${value.length > rule.max ? "longer" : "shorter"}` : `this one has ${value.length}${over}`;
            breaks.push({
                rule: "length",
                message: `${names} must be ${rule.min === 1 ? "at most" : `${rule.min} to`} ${rule.max} characters long` +
                    `${isFifo ? ", .fifo included" : ""}; ${measured}.`,
            });
        }
        if (rule.fifoProperty) {
            const hasSuffix = value.endsWith(FIFO_SUFFIX);
            if (isFifo && !hasSuffix) {
                breaks.push({
                    rule: "fifo-suffix",
                    message: `The name of a FIFO ${label} must end with the .fifo suffix (${rule.fifoProperty} is true).`,
                });
            } else if (hasSuffix && fifo !== UNKNOWN && !isFifo) {
                breaks.push({
                    rule: "fifo-suffix",
                    message: `Only FIFO ${label}s may end with .fifo, and ${rule.fifoProperty} is not true: set ` +
                        `${rule.fifoProperty}: true, or drop the suffix.`,
                });
            }
            if (hasSuffix) {
                body = value.slice(0, -FIFO_SUFFIX.length);
            }
        }
    } else {
        const limit = prefixLimit(row, fifo);
        if (value.length > limit) {
            const why = row.prefixMax !== undefined
                ? `the provider accepts at most ${limit} characters in ${row.prefixProperty}`
                : `the provider appends a ${PREFIX_GENERATED_LENGTH}-character unique id${isFifo ? " and .fifo" : ""} and ` +
                  `${label} ${noun}s are at most ${rule.max} characters long`;
            breaks.push({
                rule: "length",
                message: `The ${label} ${noun} prefix ${redact ? "is too long" : `has ${value.length} characters`}; at most ` +
                    `${limit} fit, because ${why}.`,
            });
        }
    }
    if (rule.requiredPrefix && !value.startsWith(rule.requiredPrefix)) {
        breaks.push({ rule: "required-prefix", message: `${names} must begin with ${rule.requiredPrefix}.` });
    } else if (rule.requiredPrefix && kind === "name" && value === rule.requiredPrefix) {
        breaks.push({ rule: "required-prefix", message: `${names} need at least one character after ${rule.requiredPrefix}.` });
    }
    const lower = value.toLowerCase();
    for (const reserved of rule.reservedPrefixes ?? []) {
        if ((reserved.matchCase ? value : lower).startsWith(reserved.prefix)) {
            breaks.push({
                rule: "reserved-prefix",
                message: `${names} must not begin with ${reserved.prefix}: ${reserved.why}.`,
            });
        }
    }
    // Characters are checked in a bounded prefix (a longer name already breaks the length rule): a hostile
    // megabyte value must not cost the preview seconds.
    const { head, cut } = analysedPart(body);
    const isUpper = (c: string) => c !== c.toLowerCase();
    if (rule.lowercase && [...head].some(isUpper)) {
        breaks.push({
            rule: "uppercase",
            message: `${names} can contain only ${rule.characters?.text ?? "lowercase characters"}: ` +
                (redact ? "this one contains uppercase letters." : `uppercase ${describeCharacters(body, isUpper)}.`),
        });
    }
    const characters = rule.characters;
    const isInvalid = characters ? (c: string) => !(rule.lowercase && isUpper(c)) && !characters.allowed.test(c) : () => false;
    const invalid = characters !== undefined && [...head].some(isInvalid);
    if (characters && invalid) {
        breaks.push({
            rule: "characters",
            message: `${names} can contain only ${characters.text}` +
                (redact ? "; this one contains other characters." : `: ${describeCharacters(body, isInvalid)}.`),
        });
    }
    const checked = rule.requiredPrefix && body.startsWith(rule.requiredPrefix) ? body.slice(rule.requiredPrefix.length) : body;
    if (checked.length > 0) {
        if (rule.first && !rule.first.allowed.test(checked[0])) {
            breaks.push({
                rule: "first-character",
                message: `${names} must begin with ${rule.first.text}` + (redact ? "." : `; this one begins with '${checked[0]}'.`),
            });
        }
        const leading = !rule.first && rule.noLeadingHyphen && checked.startsWith("-");
        const trailing = kind === "name" && rule.noTrailingHyphen && checked.endsWith("-");
        if (leading || trailing) {
            breaks.push({
                rule: "hyphen-ends",
                message: `${names} must not ${rule.noLeadingHyphen && !rule.first ? "begin or " : ""}end with a hyphen` +
                    (redact ? "." : `; this one ${leading ? "begins" : "ends"} with '-'.`),
            });
        }
    }
    if (rule.noConsecutiveHyphens && head.includes("--")) {
        breaks.push({
            rule: "consecutive-hyphens",
            message: `${names} must not contain two consecutive hyphens` + (redact ? "." : ` (at position ${head.indexOf("--") + 1}).`),
        });
    }
    // The structure only once the characters are right, so one problem is reported once.
    if (rule.pattern && kind === "name" && !cut && !invalid && !(rule.lowercase && [...body].some(isUpper)) && !rule.pattern.regex.test(body)) {
        breaks.push({ rule: "pattern", message: `${names} must be ${rule.pattern.text}.` });
    }
    return breaks;
}

export function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
