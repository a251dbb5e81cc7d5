// S3 general-purpose and directory bucket naming rules, each with AWS's own wording
// (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, directory-bucket-naming-rules.html).

export const S3_INVALID_NAME_ERROR = "InvalidBucketName: The specified bucket is not valid.";

/** Length of the part the AWS provider appends to `bucketPrefix` (a 26-character unique id). */
export const BUCKET_PREFIX_GENERATED_LENGTH = 26;
export const BUCKET_NAME_MAX = 63;
export const BUCKET_PREFIX_MAX = BUCKET_NAME_MAX - BUCKET_PREFIX_GENERATED_LENGTH;

export type BucketNameKind = "bucket" | "prefix";

export interface BucketNameRuleBreak {
    readonly rule: string;
    readonly message: string;
}

export interface BucketNameOptions {
    /** False also rejects periods (virtual-hosted-style HTTPS, Transfer Acceleration). */
    readonly allowDots?: boolean;
    /**
     * The name is a secret: state only the broken rule, with nothing derived from the name (no characters,
     * positions, lengths, or which reserved prefix/suffix), so that messages cannot rebuild it piece by piece.
     */
    readonly secret?: boolean;
}

const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES: readonly (readonly [string, string])[] = [
    ["-s3alias", "This suffix is reserved for access point alias names."],
    ["--ol-s3", "This suffix is reserved for Object Lambda Access Point alias names."],
    [".mrap", "This suffix is reserved for Multi-Region Access Point names."],
    ["--x-s3", "This suffix is reserved for directory bucket names."],
    ["--table-s3", "This suffix is reserved for S3 Tables buckets."],
];
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const ALLOWED_CHARACTER = /[a-z0-9.-]/;

/**
 * How much of a name the character rules look at. AWS's longest names are 1,024 characters; past that a name is
 * too long whatever it contains, and scanning a hostile megabyte value character by character would cost the
 * preview seconds. Names up to this length are checked whole.
 */
export const ANALYSED_NAME_LENGTH = 1024;

/** The part of `name` the character rules check, and whether that is not all of it. */
export function analysedPart(name: string): { readonly head: string; readonly cut: boolean } {
    return name.length > ANALYSED_NAME_LENGTH ? { head: name.slice(0, ANALYSED_NAME_LENGTH), cut: true } : { head: name, cut: false };
}

const CUT_NOTE = ` (in its first ${ANALYSED_NAME_LENGTH.toLocaleString("en-US")} characters)`;

/** The first few characters of `name` that `isBad` rejects, with their positions, and how many more there are
 * (counted in the first ANALYSED_NAME_LENGTH characters of a longer name). */
export function describeCharacters(whole: string, isBad: (c: string) => boolean): string {
    const { head: name, cut } = analysedPart(whole);
    const found: string[] = [];
    for (let i = 0; i < name.length && found.length < 6; i++) {
        if (isBad(name[i])) {
            found.push(`'${name[i] === " " ? "space" : name[i]}' at position ${i + 1}`);
        }
    }
    const total = [...name].filter(isBad).length;
    return found.join(", ") + (total > found.length ? ` and ${total - found.length} more` : "") + (cut ? CUT_NOTE : "");
}

/** Every rule `name` breaks; an empty list means S3 accepts it. */
export function bucketNameRuleBreaks(name: string, kind: BucketNameKind, options: BucketNameOptions = {}):
    BucketNameRuleBreak[] {
    const breaks: BucketNameRuleBreak[] = [];
    const what = kind === "prefix" ? "Bucket name prefix" : "Bucket name";
    const secret = options.secret === true;
    if (kind === "bucket" && (name.length < 3 || name.length > BUCKET_NAME_MAX)) {
        breaks.push({
            rule: "length",
            message: "Bucket names must be between 3 (min) and 63 (max) characters long" +
                (secret ? "." : `; this one has ${name.length}.`),
        });
    }
    if (kind === "prefix" && name.length > BUCKET_PREFIX_MAX) {
        breaks.push({
            rule: "length",
            message: (secret ? `${what} is too long` : `${what} has ${name.length} characters`) +
                `; at most ${BUCKET_PREFIX_MAX} fit, because AWS appends a ${BUCKET_PREFIX_GENERATED_LENGTH}-character ` +
                "unique id and bucket names must be between 3 (min) and 63 (max) characters long.",
        });
    }
    // Characters are checked in a bounded prefix: a longer name already breaks the length rule.
    const { head } = analysedPart(name);
    const isUpper = (c: string) => c !== c.toLowerCase();
    if ([...head].some(isUpper)) {
        breaks.push({
            rule: "uppercase",
            message: `Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens (-): ` +
                (secret ? "this one contains uppercase letters." : `uppercase ${describeCharacters(name, isUpper)}.`),
        });
    }
    const isInvalid = (c: string) => !isUpper(c) && !ALLOWED_CHARACTER.test(c);
    if ([...head].some(isInvalid)) {
        breaks.push({
            rule: "characters",
            message: `Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens (-): ` +
                (secret ? "this one contains other characters." : `${describeCharacters(name, isInvalid)}.`),
        });
    }
    const alphanumeric = /^[a-zA-Z0-9]$/;
    if (name.length > 0 && (!alphanumeric.test(name[0]) || (kind === "bucket" && !alphanumeric.test(name[name.length - 1])))) {
        const rule = kind === "bucket" ? "Bucket names must begin and end with a letter or number"
            : "Bucket names must begin with a letter or number";
        const detail = kind === "bucket"
            ? `this one ${!alphanumeric.test(name[0]) ? `begins with '${name[0]}'` : `ends with '${name[name.length - 1]}'`}`
            : `this prefix begins with '${name[0]}'`;
        breaks.push({ rule: "start-end", message: secret ? `${rule}.` : `${rule}; ${detail}.` });
    }
    if (head.includes("..")) {
        breaks.push({
            rule: "adjacent-periods",
            message: "Bucket names must not contain two adjacent periods" +
                (secret ? "." : ` (at position ${head.indexOf("..") + 1}).`),
        });
    }
    if (kind === "bucket" && IP_ADDRESS.test(name)) {
        breaks.push({ rule: "ip-address", message: "Bucket names must not be formatted as an IP address (for example, 192.168.5.4)." });
    }
    const lower = name.toLowerCase();
    const reservedPrefix = RESERVED_PREFIXES.find(prefix => lower.startsWith(prefix));
    if (reservedPrefix !== undefined) {
        breaks.push({
            rule: "reserved-prefix",
            message: secret ? `Bucket names must not start with a reserved prefix (${RESERVED_PREFIXES.join(", ")}).`
                : `Bucket names must not start with the prefix ${reservedPrefix}.`,
        });
    }
    if (kind === "bucket") {
        const reserved = RESERVED_SUFFIXES.find(([suffix]) => lower.endsWith(suffix));
        if (reserved !== undefined) {
            breaks.push({
                rule: "reserved-suffix",
                message: secret
                    ? `Bucket names must not end with a reserved suffix (${RESERVED_SUFFIXES.map(([suffix]) => suffix).join(", ")}).`
                    : `Bucket names must not end with the suffix ${reserved[0]}. ${reserved[1]}`,
            });
        }
    }
    if (options.allowDots === false && head.includes(".")) {
        breaks.push({
            rule: "periods",
            message: "Bucket names with periods (.) break virtual-hosted-style HTTPS (the wildcard certificate does not " +
                "match) and buckets used with Amazon S3 Transfer Acceleration can't have periods (.) in their names; " +
                "this pack is configured with allowDots: false.",
        });
    }
    return breaks;
}

/**
 * The name with what can be fixed without changing its meaning fixed: lowercased, invalid characters turned into
 * hyphens, adjacent periods collapsed, leading/trailing punctuation trimmed (and periods turned into hyphens when
 * dots are not allowed). Undefined when the result still breaks a rule (too long, an IP address, a reserved prefix
 * or suffix): renaming those is the author's decision.
 */
export function fixBucketName(name: string, kind: BucketNameKind, options: BucketNameOptions = {}): string | undefined {
    if (name.length > (kind === "bucket" ? BUCKET_NAME_MAX : BUCKET_PREFIX_MAX)) {
        return undefined; // fixing never shortens a name
    }
    let fixed = name.toLowerCase().replace(/[^a-z0-9.-]/g, "-").replace(/\.{2,}/g, ".");
    if (options.allowDots === false) {
        fixed = fixed.replace(/\./g, "-");
    }
    fixed = fixed.replace(/^[.-]+/, "");
    if (kind === "bucket") {
        fixed = fixed.replace(/[.-]+$/, "");
    }
    if (fixed === name || fixed.length === 0) {
        return undefined;
    }
    return bucketNameRuleBreaks(fixed, kind, options).length === 0 ? fixed : undefined;
}

/** Directory buckets: `<base-name>--<zone-id>--x-s3`, base of lowercase letters, numbers and hyphens. */
export function directoryBucketNameRuleBreaks(name: string, options: Pick<BucketNameOptions, "secret"> = {}):
    BucketNameRuleBreak[] {
    const breaks: BucketNameRuleBreak[] = [];
    // A name past the analysed length is only too long: the format pattern backtracks over the whole value.
    const match = name.length > ANALYSED_NAME_LENGTH ? undefined
        : /^(.*)--([a-z0-9]+-(?:az|lz)\d+|[a-z0-9-]+-az\d+)--x-s3$/.exec(name);
    if (match === null) {
        breaks.push({
            rule: "directory-format",
            message: "Directory bucket names must have the form bucket-base-name--zone-id--x-s3 " +
                "(for example, my-bucket--usw2-az1--x-s3).",
        });
    } else if (match) {
        const base = match[1];
        if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$/.test(base)) {
            breaks.push({
                rule: "characters",
                message: "Directory bucket base names can consist only of lowercase letters, numbers and hyphens (-), " +
                    "and must begin and end with a letter or number.",
            });
        }
    }
    if (name.length < 3 || name.length > BUCKET_NAME_MAX) {
        breaks.push({
            rule: "length",
            message: "Bucket names must be between 3 (min) and 63 (max) characters long" +
                (options.secret === true ? "." : `; this one has ${name.length}.`),
        });
    }
    return breaks;
}
