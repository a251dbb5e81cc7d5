// IAM policy documents (key policies, bucket policies, role policies): their structure and parsing. Written by hand
// because the maintained npm parsers are AGPL-licensed.
//
// What it models: `Statement` as an object or a list; `Principal`/`NotPrincipal` as "*" or a map of principal type
// ("AWS", "Service", "Federated", "CanonicalUser") to a string or list; `Action`/`NotAction` and
// `Resource`/`NotResource` as a string or list with `*`/`?` wildcards (action names case-insensitive); `Effect`
// Allow/Deny with Deny overriding; `Condition` kept structured (operator -> key -> values).
// Any part may be `UNKNOWN` (computed during preview): the whole document (a JSON string with one unknown inside is
// unknown as a whole), or single values of a document given as an object. Callers then say "could not be verified".
import { isUnknownSentinel, PropertyBag, UNKNOWN, Unknown } from "../../framework/properties";
import { jsonSyntaxError } from "./json-syntax";

export type Maybe<T> = T | Unknown;

/** A list-valued element (`Action`, `Resource`, a principal type's values, a condition's values). */
export interface ValueList {
    /** The known values, in document order. */
    readonly values: readonly string[];
    /** True when the element itself or one of its entries is unknown. */
    readonly hasUnknown: boolean;
}

export interface PrincipalSet {
    /** `"*"`, or `{AWS: "*"}`: everyone. */
    readonly everyone: boolean;
    /** Principal type (as written: "AWS", "Service", "Federated", "CanonicalUser") to its values. */
    readonly byType: ReadonlyMap<string, ValueList>;
    /** True when the element or a part of it is unknown. */
    readonly hasUnknown: boolean;
}

export interface ConditionClause {
    /** As written, e.g. `ArnLike`, `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`. */
    readonly operator: string;
    /** As written, e.g. `kms:EncryptionContext:aws:logs:arn`. */
    readonly key: string;
    /** The values as strings (booleans and numbers as text). */
    readonly values: ValueList;
}

export type Effect = "Allow" | "Deny";

export interface Statement {
    /** Position in the document's statement list (0 for a single statement object). */
    readonly index: number;
    /** `Statement` is a single object, not a list: its path is `Statement`, not `Statement[0]`. */
    readonly single: boolean;
    readonly sid: string | undefined;
    /** undefined when missing or not Allow/Deny (AWS rejects such a document). */
    readonly effect: Maybe<Effect> | undefined;
    readonly principal: PrincipalSet | undefined;
    readonly notPrincipal: PrincipalSet | undefined;
    readonly action: ValueList | undefined;
    readonly notAction: ValueList | undefined;
    readonly resource: ValueList | undefined;
    readonly notResource: ValueList | undefined;
    /** Empty when the statement has no condition. */
    readonly conditions: readonly ConditionClause[];
    /** True when `Condition` itself (or one of its operator blocks) is unknown. */
    readonly conditionUnknown: boolean;
}

export interface PolicyDocument {
    readonly version: string | undefined;
    readonly statements: readonly Statement[];
    /** True when `Statement` itself, or one whole statement, is unknown. */
    readonly statementsUnknown: boolean;
}

export interface ParseError {
    /** What is wrong, e.g. `expected ',' or '}'`. */
    readonly reason: string;
    /** 0-based character offset into the JSON text, with 1-based line and column. */
    readonly position: number;
    readonly line: number;
    readonly column: number;
}

export type ParsedPolicy =
    | { readonly kind: "document"; readonly document: PolicyDocument }
    /** The whole policy is unknown during preview. */
    | { readonly kind: "unknown" }
    /** No policy (undefined, null or an empty string). */
    | { readonly kind: "absent" }
    /** Not JSON: AWS rejects it with MalformedPolicyDocumentException. */
    | { readonly kind: "malformed"; readonly error: ParseError }
    /** JSON, but not a policy document object (a number, a list, ...). */
    | { readonly kind: "invalid"; readonly reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isUnknown(value: unknown): boolean {
    return value === UNKNOWN || isUnknownSentinel(value);
}

/** Parses a policy given as a JSON string, an object (possibly holding `UNKNOWN` parts) or `UNKNOWN`. */
export function parsePolicy(input: unknown): ParsedPolicy {
    if (isUnknown(input)) {
        return { kind: "unknown" };
    }
    if (input === undefined || input === null || (typeof input === "string" && input.trim() === "")) {
        return { kind: "absent" };
    }
    let value: unknown = input;
    if (typeof input === "string") {
        try {
            value = JSON.parse(input);
        } catch {
            return { kind: "malformed", error: jsonSyntaxError(input) };
        }
    }
    if (!isRecord(value)) {
        return { kind: "invalid", reason: `the policy is ${describeJson(value)}, not a JSON object with a Statement` };
    }
    return { kind: "document", document: toDocument(value) };
}

/** Reads a policy property (`policy` of a key, a bucket, a bucket policy) through the resource's PropertyBag. */
export function readPolicy(props: PropertyBag, property: string): ParsedPolicy {
    return parsePolicy(props.plain(property));
}

function describeJson(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    return value === null ? "null" : `a ${typeof value}`;
}

function field(record: Record<string, unknown>, name: string): unknown {
    // Element names are case-sensitive in AWS; documents written by hand sometimes differ only in case.
    if (Object.prototype.hasOwnProperty.call(record, name)) {
        return record[name];
    }
    const lower = name.toLowerCase();
    for (const key of Object.keys(record)) {
        if (key.toLowerCase() === lower) {
            return record[key];
        }
    }
    return undefined;
}

function toDocument(record: Record<string, unknown>): PolicyDocument {
    const version = field(record, "Version");
    const raw = field(record, "Statement");
    const statements: Statement[] = [];
    let statementsUnknown = false;
    if (isUnknown(raw)) {
        statementsUnknown = true;
    } else if (Array.isArray(raw)) {
        raw.forEach((item, index) => {
            if (isUnknown(item)) {
                statementsUnknown = true;
            } else if (isRecord(item)) {
                statements.push(toStatement(item, index, false));
            }
        });
    } else if (isRecord(raw)) {
        statements.push(toStatement(raw, 0, true));
    }
    return { version: typeof version === "string" ? version : undefined, statements, statementsUnknown };
}

function toStatement(record: Record<string, unknown>, index: number, single: boolean): Statement {
    const sid = field(record, "Sid");
    const effect = field(record, "Effect");
    const conditions = toConditions(field(record, "Condition"));
    return {
        index,
        single,
        sid: typeof sid === "string" ? sid : undefined,
        effect: isUnknown(effect) ? UNKNOWN : effect === "Allow" || effect === "Deny" ? effect : undefined,
        principal: toPrincipal(field(record, "Principal")),
        notPrincipal: toPrincipal(field(record, "NotPrincipal")),
        action: toValueList(field(record, "Action")),
        notAction: toValueList(field(record, "NotAction")),
        resource: toValueList(field(record, "Resource")),
        notResource: toValueList(field(record, "NotResource")),
        conditions: conditions.clauses,
        conditionUnknown: conditions.unknown,
    };
}

function scalarText(value: unknown): string | undefined {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return undefined;
}

/** A string or a list of strings; undefined when the element is missing. */
function toValueList(value: unknown): ValueList | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (isUnknown(value)) {
        return { values: [], hasUnknown: true };
    }
    const items = Array.isArray(value) ? value : [value];
    const values: string[] = [];
    let hasUnknown = false;
    for (const item of items) {
        if (isUnknown(item)) {
            hasUnknown = true;
            continue;
        }
        const text = scalarText(item);
        if (text !== undefined) {
            values.push(text);
        }
    }
    return { values, hasUnknown };
}

function toPrincipal(value: unknown): PrincipalSet | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (isUnknown(value)) {
        return { everyone: false, byType: new Map(), hasUnknown: true };
    }
    if (typeof value === "string") {
        return { everyone: value === "*", byType: new Map(), hasUnknown: false };
    }
    if (!isRecord(value)) {
        return { everyone: false, byType: new Map(), hasUnknown: false };
    }
    const byType = new Map<string, ValueList>();
    let everyone = false;
    let hasUnknown = false;
    for (const [type, raw] of Object.entries(value)) {
        const list = toValueList(raw);
        if (!list) {
            continue;
        }
        byType.set(type, list);
        hasUnknown ||= list.hasUnknown;
        if (type.toUpperCase() === "AWS" && list.values.includes("*")) {
            everyone = true;
        }
    }
    return { everyone, byType, hasUnknown };
}

function toConditions(value: unknown): { clauses: ConditionClause[]; unknown: boolean } {
    const clauses: ConditionClause[] = [];
    if (value === undefined || value === null) {
        return { clauses, unknown: false };
    }
    if (isUnknown(value)) {
        return { clauses, unknown: true };
    }
    if (!isRecord(value)) {
        return { clauses, unknown: false };
    }
    let unknown = false;
    for (const [operator, block] of Object.entries(value)) {
        if (isUnknown(block)) {
            unknown = true;
            continue;
        }
        if (!isRecord(block)) {
            continue;
        }
        for (const [key, raw] of Object.entries(block)) {
            clauses.push({ operator, key, values: toValueList(raw) ?? { values: [], hasUnknown: false } });
        }
    }
    return { clauses, unknown };
}
