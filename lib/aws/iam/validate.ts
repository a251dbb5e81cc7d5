// What AWS rejects in an IAM-grammar document (MalformedPolicyDocument and the services' own words), checked on the
// document as written (a parsed JSON value that may hold UNKNOWN parts). Unknown parts stay unchecked.
//
// Error texts: IAM's are quoted where they are widely reported from real responses; the others are described.
// Whether an action or condition key the service does not define is refused depends on who parses the document:
// IAM accepts them in identity and trust policies (only the console and IAM Access Analyzer flag them), S3
// refuses them in bucket policies ("Policy has invalid action", "Policy has an invalid condition key").
import { cutText, quoteValue } from "../../framework/quote";
import { isUnknownSentinel, PathSegment, UNKNOWN } from "../../framework/properties";
import { IamCatalog, nearest } from "../../data/iam-actions";
import { isAccountId, isPartition } from "../arn";
import { isStringifiedText } from "../values/stringified-outputs";

/** Who reads the document: IAM (identity or trust policy) or a service's resource policy. */
export type DocumentKind =
    | { readonly kind: "identity" }
    | { readonly kind: "trust" }
    | { readonly kind: "resource"; readonly service: "s3" | "sqs" | "sns" | "ecr" | "secretsmanager" | "kms" };

export interface DocumentIssue {
    /** Path inside the document, e.g. `["Statement", 1, "Action", 0]`. */
    readonly path: readonly PathSegment[];
    /** True when AWS accepts it (unknown actions in identity policies, NotPrincipal with Allow). */
    readonly advisory: boolean;
    /** What is wrong and the fix, without any value from the document when `secret`. */
    readonly headline: string;
    /** AWS's error (quoted or described) and alternatives. */
    readonly details: string;
}

export const VERSIONS: readonly string[] = ["2012-10-17", "2008-10-17"];
const STATEMENT_KEYS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
const BASE_OPERATORS = new Set([
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
    "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
]);
const VENDOR_ERROR = "\"MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.\"";
const ONE_COLON_ERROR = "\"MalformedPolicyDocument: Actions/Condition can contain only one colon.\"";

/** A condition operator AWS knows: a base operator, with `IfExists` (not for Null) and `ForAllValues:`/`ForAnyValue:`. */
export function isConditionOperator(operator: string): boolean {
    const base = operator.replace(/^(ForAllValues|ForAnyValue):/, "");
    if (base === "Null") {
        return base === operator;
    }
    return BASE_OPERATORS.has(base.replace(/IfExists$/, ""));
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isUnknown(value: unknown): boolean {
    return value === UNKNOWN || isUnknownSentinel(value);
}

interface Context {
    readonly kind: DocumentKind;
    readonly catalog: IamCatalog | null;
    readonly secret: boolean;
    readonly issues: DocumentIssue[];
}

/** Who refuses it, in the words of the reader of this document. */
function refusal(ctx: Context, iamText: string, s3Text?: string): string {
    if (ctx.kind.kind === "identity" || ctx.kind.kind === "trust") {
        return `IAM refuses the document at pulumi up: ${iamText}.`;
    }
    if (ctx.kind.service === "s3" && s3Text) {
        return `S3 refuses the bucket policy at pulumi up: "MalformedPolicy: ${s3Text}".`;
    }
    return `${serviceName(ctx.kind.service)} refuses the policy at pulumi up (described; IAM's words: ${iamText}).`;
}

function serviceName(service: string): string {
    return ({ s3: "S3", sqs: "SQS", sns: "SNS", ecr: "ECR", secretsmanager: "Secrets Manager", kms: "KMS" } as Record<string, string>)[service] ?? service;
}

/** How much of a document's value a headline quotes: the headline stays about 160 characters. */
const QUOTED_LIMIT = 40;

function quote(ctx: Context, value: string): string {
    return ctx.secret ? "" : ` ${quoteValue(value, QUOTED_LIMIT)}`;
}

/** Every issue of the document `value` (a parsed JSON value); [] when it is unknown. */
export function validateDocument(value: unknown, kind: DocumentKind, catalog: IamCatalog | null, secret: boolean): DocumentIssue[] {
    const ctx: Context = { kind, catalog, secret, issues: [] };
    if (isUnknown(value)) {
        return [];
    }
    const add = (path: PathSegment[], headline: string, details: string, advisory = false) =>
        ctx.issues.push({ path, headline, details, advisory });
    if (!isRecord(value)) {
        add([], "is not a JSON object: a policy is {\"Version\": \"2012-10-17\", \"Statement\": [...]}",
            refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\"", "This policy contains invalid Json"));
        return ctx.issues;
    }
    const version = value.Version;
    if (version !== undefined && !isUnknown(version) && !(typeof version === "string" && VERSIONS.includes(version))) {
        add(["Version"], `is ${ctx.secret ? "not a policy language version" : JSON.stringify(version).slice(0, 40)}: use "2012-10-17"`,
            `${refusal(ctx, "\"MalformedPolicyDocument: The policy failed legacy parsing\"")} Only 2012-10-17 (current) and ` +
            "2008-10-17 exist; the Version is a fixed date, not the day the policy was written.");
    }
    if (!("Statement" in value)) {
        add([], "has no Statement: add \"Statement\": [{\"Effect\": ..., \"Action\": ..., \"Resource\": ...}]",
            refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\"", "Missing required field Statement"));
        return ctx.issues;
    }
    const statements = value.Statement;
    if (isUnknown(statements)) {
        return ctx.issues;
    }
    if (Array.isArray(statements)) {
        statements.forEach((statement, index) => checkStatement(ctx, statement, ["Statement", index]));
    } else if (isRecord(statements)) {
        checkStatement(ctx, statements, ["Statement"]);
    } else {
        add(["Statement"], "is neither a statement object nor a list of them",
            refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\""));
    }
    return ctx.issues;
}

function checkStatement(ctx: Context, statement: unknown, path: PathSegment[]): void {
    const add = (sub: PathSegment[], headline: string, details: string, advisory = false) =>
        ctx.issues.push({ path: [...path, ...sub], headline, details, advisory });
    if (isUnknown(statement)) {
        return;
    }
    if (!isRecord(statement)) {
        add([], "is not a statement object", refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\""));
        return;
    }
    const iam = ctx.kind.kind === "identity" || ctx.kind.kind === "trust";
    for (const key of Object.keys(statement)) {
        if (!STATEMENT_KEYS.has(key)) {
            const proper = [...STATEMENT_KEYS].find(k => k.toLowerCase() === key.toLowerCase());
            add([key], proper ? `is spelt "${key}": element names are case-sensitive, write "${proper}"`
                : `is not a statement element: use Sid, Effect, Principal, Action, Resource or Condition`,
                refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\""));
        }
    }
    const sid = statement.Sid;
    if (iam && typeof sid === "string" && !/^[0-9A-Za-z]*$/.test(sid)) {
        add(["Sid"], "has characters other than letters and digits: IAM allows only [0-9A-Za-z] in a Sid",
            refusal(ctx, "\"MalformedPolicyDocument: Statement IDs (SID) must be alpha-numeric. Check that your input " +
                "satisfies the regular expression [0-9A-Za-z]*\""));
    }
    const effect = statement.Effect;
    if (!isUnknown(effect) && effect !== "Allow" && effect !== "Deny") {
        const hint = typeof effect === "string" && /^(allow|deny)$/i.test(effect) ? " (the case matters)" : "";
        add(effect === undefined ? [] : ["Effect"], `${effect === undefined ? "has no Effect" : "has an Effect other than Allow or Deny"}${hint}: ` +
            "set \"Effect\": \"Allow\" or \"Deny\"", refusal(ctx, "\"MalformedPolicyDocument: The policy failed legacy parsing\""));
    }
    checkPrincipals(ctx, statement, path, effect);
    const hasAction = "Action" in statement;
    const hasNotAction = "NotAction" in statement;
    if (hasAction === hasNotAction) {
        add([], hasAction ? "has both Action and NotAction: keep one" : "has no Action: name the actions it allows or denies",
            refusal(ctx, hasAction ? "\"MalformedPolicyDocument: Syntax errors in policy.\"" : "\"MalformedPolicyDocument: Policy statement must contain actions.\"",
                "Missing required field Action"));
    }
    for (const element of ["Action", "NotAction"] as const) {
        if (element in statement) {
            forEachValue(ctx, statement[element], [...path, element], (text, at) => checkAction(ctx, text, at));
        }
    }
    checkResources(ctx, statement, path);
    checkConditions(ctx, statement.Condition, [...path, "Condition"]);
}

/** Calls `check` for each known string of a string-or-list element; reports empty lists and non-strings. */
function forEachValue(ctx: Context, value: unknown, path: PathSegment[], check: (text: string, path: PathSegment[]) => void): void {
    if (isUnknown(value)) {
        return;
    }
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) {
        ctx.issues.push({ path, advisory: false, headline: "is an empty list: name at least one value or remove the element",
            details: refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\"") });
        return;
    }
    list.forEach((item, index) => {
        const at = Array.isArray(value) ? [...path, index] : path;
        if (isUnknown(item)) {
            return;
        }
        if (typeof item !== "string") {
            ctx.issues.push({ path: at, advisory: false, headline: `is ${item === null ? "null" : `a ${Array.isArray(item) ? "list" : typeof item}`}, not a string`,
                details: refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\"") });
            return;
        }
        if (!isStringifiedText(item)) {
            check(item, at); // a converted Output is pulumi-output-not-stringified's finding
        }
    });
}

function checkAction(ctx: Context, action: string, path: PathSegment[]): void {
    const add = (headline: string, details: string, advisory = false) => ctx.issues.push({ path, headline, details, advisory });
    if (action === "*") {
        return;
    }
    const colon = action.indexOf(":");
    if (colon < 0) {
        add(`has no service prefix${quote(ctx, action)}: write it as service:Action, e.g. s3:GetObject`, refusal(ctx, VENDOR_ERROR, "Policy has invalid action"));
        return;
    }
    if (action.indexOf(":", colon + 1) >= 0) {
        add(`has more than one colon${quote(ctx, action)}: an action is service:Action`, refusal(ctx, ONE_COLON_ERROR, "Policy has invalid action"));
        return;
    }
    const prefix = action.slice(0, colon);
    const name = action.slice(colon + 1);
    if (!/^[A-Za-z0-9*?-]+$/.test(prefix) || !/^[A-Za-z0-9*?_-]+$/.test(name)) {
        add(`has characters an action name cannot have${quote(ctx, action)} (spaces, quotes, slashes)`,
            refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\"", "Policy has invalid action"));
        return;
    }
    const catalog = ctx.catalog;
    if (!catalog || /[*?]/.test(prefix)) {
        if (/[*?]/.test(prefix)) {
            add(`has a wildcard in the service prefix${quote(ctx, action)}: name the service (s3:Create*) or use "*"`,
                "A wildcard in the service part matches no service's action; IAM's checks flag it (IAM Access Analyzer: " +
                "invalid service in action). Advisory: whether IAM refuses it at create is not verified.", true);
        }
        return;
    }
    const strictS3 = ctx.kind.kind === "resource" && ctx.kind.service === "s3";
    if (!catalog.hasService(prefix)) {
        const near = catalog.nearestService(prefix);
        add(`names a service AWS does not define${quote(ctx, prefix)}${near && !ctx.secret ? `: did you mean "${near}"?` : ": check the service prefix"}`,
            `The statement grants nothing for it (AWS Service Authorization Reference, data of ${catalog.file.sourceDate}). ` +
            (strictS3 ? "S3 refuses the bucket policy: \"MalformedPolicy: Policy has invalid action\"." : "Advisory: IAM accepts unknown actions in identity and trust policies."),
            !strictS3);
        return;
    }
    const matches = catalog.actionMatches(prefix, name);
    if (matches === 0) {
        const near = /[*?]/.test(name) ? undefined : catalog.nearestAction(prefix, name);
        const mandatory = strictS3 && prefix.toLowerCase() === "s3";
        add(`is not an action of ${prefix}${quote(ctx, action)}${near && !ctx.secret ? `: did you mean "${prefix}:${near}"?` : ": name one the service defines"}`,
            `${/[*?]/.test(name) ? "The pattern matches none of the service's actions" : "The service defines no such action"} ` +
            `(AWS Service Authorization Reference, data of ${catalog.file.sourceDate}), so the statement grants nothing for it. ` +
            (mandatory ? "S3 refuses the bucket policy: \"MalformedPolicy: Policy has invalid action\"."
                : "Advisory: IAM and this service accept unknown actions (IAM Access Analyzer flags them)."),
            !mandatory);
    }
}

function checkResources(ctx: Context, statement: Record<string, unknown>, path: PathSegment[]): void {
    const hasResource = "Resource" in statement;
    const hasNotResource = "NotResource" in statement;
    const add = (sub: PathSegment[], headline: string, details: string) => ctx.issues.push({ path: [...path, ...sub], headline, details, advisory: false });
    if (ctx.kind.kind === "trust") {
        for (const element of ["Resource", "NotResource"]) {
            if (element in statement) {
                add([element], "is not allowed in a role's trust policy: remove it (the role is the resource)",
                    `IAM refuses the role at pulumi up: "MalformedPolicyDocument: Has prohibited field ${element}".`);
            }
        }
        return;
    }
    if (hasResource && hasNotResource) {
        add([], "has both Resource and NotResource: keep one", refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\""));
    } else if (!hasResource && !hasNotResource && (ctx.kind.kind === "identity" || ctx.kind.service === "s3")) {
        add([], "has no Resource: name the ARNs it applies to, or \"*\"",
            refusal(ctx, "\"MalformedPolicyDocument: Policy statement must contain resources.\"", "Missing required field Resource"));
    }
    for (const element of ["Resource", "NotResource"]) {
        if (element in statement) {
            forEachValue(ctx, statement[element], [...path, element], (text, at) => checkResource(ctx, text, at));
        }
    }
}

function checkResource(ctx: Context, resource: string, path: PathSegment[]): void {
    if (resource === "*" || resource.includes("${")) {
        return;
    }
    const add = (headline: string, details: string) => ctx.issues.push({ path, headline, details, advisory: false });
    if (!resource.startsWith("arn:") || resource.split(":").length < 6) {
        add(`is neither "*" nor an ARN${quote(ctx, resource)}: use the resource's .arn`,
            "An ARN is arn:partition:service:region:account:resource. " + refusal(ctx, `"MalformedPolicyDocument: Resource ${ctx.secret ? "<resource>" : resource.slice(0, 60)} must be in ARN format or "*"."`,
                "Policy has invalid resource"));
        return;
    }
    const partition = resource.split(":")[1];
    if (!isPartition(partition) && !/[*?]/.test(partition)) {
        add(`has partition${quote(ctx, partition)}, not aws, aws-cn or aws-us-gov: use the resource's .arn`,
            refusal(ctx, `"MalformedPolicyDocument: Partition ${ctx.secret ? "<partition>" : `"${partition.slice(0, 30)}"`} is not valid for resource ..."`,
                "Policy has invalid resource"));
    }
}

function checkPrincipals(ctx: Context, statement: Record<string, unknown>, path: PathSegment[], effect: unknown): void {
    const add = (sub: PathSegment[], headline: string, details: string, advisory = false) =>
        ctx.issues.push({ path: [...path, ...sub], headline, details, advisory });
    const present = ["Principal", "NotPrincipal"].filter(element => element in statement);
    if (ctx.kind.kind === "identity") {
        for (const element of present) {
            add([element], `is not allowed in an identity policy: remove it (the policy applies to whoever it is attached to)`,
                "IAM refuses the document at pulumi up: \"MalformedPolicyDocument: Policy document should not specify a principal.\" " +
                "To let another principal in, use a resource policy or the role's trust policy (assumeRolePolicy).");
        }
        return;
    }
    if (present.length === 0) {
        add([], "has no Principal: name who the statement applies to, e.g. {\"Service\": \"lambda.amazonaws.com\"}",
            refusal(ctx, "\"MalformedPolicyDocument: Missing required field Principal\"", "Missing required field Principal"));
        return;
    }
    if ("NotPrincipal" in statement && effect === "Allow") {
        add(["NotPrincipal"], "with Effect Allow lets everyone else in: name the principals in Principal instead",
            "AWS strongly recommends against NotPrincipal with Allow (IAM User Guide, NotPrincipal); it accepts it. Advisory.", true);
    }
    for (const element of present) {
        checkPrincipal(ctx, statement[element], [...path, element]);
    }
}

function checkPrincipal(ctx: Context, principal: unknown, path: PathSegment[]): void {
    const invalid = (at: PathSegment[], headline: string) => ctx.issues.push({ path: at, headline, advisory: false,
        details: refusal(ctx, "\"MalformedPolicyDocument: Invalid principal in policy\"", "Invalid principal in policy") });
    if (isUnknown(principal) || principal === "*") {
        return;
    }
    if (!isRecord(principal)) {
        invalid(path, "must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}");
        return;
    }
    const types = Object.keys(principal);
    if (types.length === 0) {
        invalid(path, "is empty: name at least one principal");
        return;
    }
    for (const type of types) {
        if (!PRINCIPAL_TYPES.has(type)) {
            invalid([...path, type], `is not a principal type: use AWS, Service, Federated or CanonicalUser (case-sensitive)`);
            continue;
        }
        forEachValue(ctx, principal[type], [...path, type], (text, at) => {
            if (type === "AWS" && !isAwsPrincipal(text)) {
                invalid(at, `is not an account id, an IAM ARN or "*"${quote(ctx, text)}: use the role's or account's ARN`);
            } else if (type === "Service" && !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$|^[a-z0-9.-]+\.amazonaws\.eu$/.test(text)) {
                const strict = ctx.kind.kind === "trust" || (ctx.kind.kind === "resource" && ctx.kind.service === "s3");
                ctx.issues.push({ path: at, advisory: !strict,
                    headline: `is not a service principal${quote(ctx, text)}: service principals look like lambda.amazonaws.com`,
                    details: strict ? refusal(ctx, "\"MalformedPolicyDocument: Invalid principal in policy\"", "Invalid principal in policy")
                        : "Not a service principal's form; whether this service refuses it is not verified (advisory)." });
            }
        });
    }
}

function isAwsPrincipal(text: string): boolean {
    if (text === "*" || isAccountId(text) || /^A[A-Z0-9]{15,}$/.test(text)) {
        return true; // "*", an account id, or the unique id IAM shows for a principal that was deleted
    }
    const parts = text.split(":");
    return parts.length >= 6 && parts[0] === "arn" && (isPartition(parts[1]) || parts[1].includes("$"))
        && (parts[2] === "iam" || parts[2] === "sts");
}

function checkConditions(ctx: Context, condition: unknown, path: PathSegment[]): void {
    if (condition === undefined || isUnknown(condition)) {
        return;
    }
    const add = (at: PathSegment[], headline: string, details: string, advisory = false) => ctx.issues.push({ path: at, headline, details, advisory });
    if (!isRecord(condition)) {
        add(path, "is not an object of operator -> key -> values", refusal(ctx, "\"MalformedPolicyDocument: Syntax errors in policy.\""));
        return;
    }
    for (const [operator, block] of Object.entries(condition)) {
        if (!isConditionOperator(operator)) {
            const near = nearest(operator, [...BASE_OPERATORS, "Null"]);
            add([...path, operator], `is not a condition operator${near && !ctx.secret ? `: did you mean "${near}"?` : ": use StringEquals, ArnLike, Bool, ..."}`,
                refusal(ctx, "an invalid condition type (described)"));
            continue;
        }
        if (isUnknown(block) || !isRecord(block)) {
            continue;
        }
        for (const key of Object.keys(block)) {
            checkConditionKey(ctx, key, [...path, operator, key]);
        }
    }
}

function checkConditionKey(ctx: Context, key: string, path: PathSegment[]): void {
    const add = (headline: string, details: string, advisory: boolean) => ctx.issues.push({ path, headline, details, advisory });
    const colon = key.indexOf(":");
    if (colon <= 0) {
        add(`has no service prefix: write it as aws:SourceArn, s3:prefix, ...`, refusal(ctx, VENDOR_ERROR, "Policy has an invalid condition key"), false);
        return;
    }
    const prefix = key.slice(0, colon).toLowerCase();
    if (prefix === "aws" || !ctx.catalog) {
        return; // global keys: not in the service data
    }
    const known = ctx.catalog.conditionKeyKnown(key);
    if (known !== false) {
        return;
    }
    const strict = ctx.kind.kind === "resource" && ctx.kind.service === "s3" && prefix === "s3";
    const near = ctx.catalog.nearestConditionKey(key);
    add(`is not a condition key of ${cutText(prefix, 32)}${near && !ctx.secret ? `: did you mean "${near}"?` : ": use a key the service defines"}`,
        `The service defines no such key (AWS Service Authorization Reference, data of ${ctx.catalog.file.sourceDate}): ` +
        "the condition never matches. " + (strict ? "S3 refuses the bucket policy: \"MalformedPolicy: Policy has an invalid condition key\"."
            : "Advisory: IAM accepts unknown condition keys (IAM Access Analyzer flags them)."),
        !strict);
}

/** Characters AWS counts towards a policy's size: everything but whitespace (IAM quotas: white space is not counted). */
export function policySize(text: string): number {
    let size = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
            size++;
        }
    }
    return size;
}
