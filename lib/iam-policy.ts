// IAM policy documents (key policies, bucket policies, role policies): parsing, IAM wildcard matching and a small
// statement evaluator. Written by hand because the maintained npm parsers are AGPL-licensed.
//
// What it models: `Statement` as an object or a list; `Principal`/`NotPrincipal` as "*" or a map of principal type
// ("AWS", "Service", "Federated", "CanonicalUser") to a string or list; `Action`/`NotAction` and
// `Resource`/`NotResource` as a string or list with `*`/`?` wildcards (action names case-insensitive); `Effect`
// Allow/Deny with Deny overriding; `Condition` kept structured (operator -> key -> values).
// Any part may be `UNKNOWN` (computed during preview): the whole document (a JSON string with one unknown inside is
// unknown as a whole), or single values of a document given as an object. Callers then say "could not be verified".
import { isUnknownSentinel, PropertyBag, UNKNOWN, Unknown } from "./properties";

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

// ---------------------------------------------------------------------------------------------------------------
// Wildcards

const globCache = new Map<string, RegExp>();
const REGEX_SPECIAL = /[.+^${}()|[\]\\*?]/g;
const WILDCARDS = /[*?]/g;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;

/** IAM wildcard match: `*` any run of characters, `?` one character; `ignoreCase` for action names. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
    if (!pattern.includes("*") && !pattern.includes("?")) {
        return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
    }
    const key = (ignoreCase ? "i/" : "s/") + pattern;
    let regex = globCache.get(key);
    if (!regex) {
        const source = pattern.replace(REGEX_SPECIAL, c => c === "*" ? ".*" : c === "?" ? "." : `\\${c}`);
        regex = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
        if (globCache.size > 5000) {
            globCache.clear();
        }
        globCache.set(key, regex);
    }
    return regex.test(value);
}

/** Above this many (a, b) position pairs `patternsOverlap` gives up and answers "may overlap". */
const OVERLAP_LIMIT = 10_000_000;

/**
 * Whether some string matches both wildcard patterns (`*`, `?`); a literal is a pattern without wildcards.
 * Iterative (two rows of a table over suffix pairs), so long patterns cannot overflow the stack; above
 * OVERLAP_LIMIT pairs it answers true, which callers treat as "cannot rule it out".
 */
export function patternsOverlap(a: string, b: string): boolean {
    const n = a.length;
    const m = b.length;
    if ((n + 1) * (m + 1) > OVERLAP_LIMIT) {
        return true;
    }
    // next[j]: a[i+1..] and b[j..] overlap; row[j]: a[i..] and b[j..] overlap.
    let next = new Uint8Array(m + 1);
    let row = new Uint8Array(m + 1);
    for (let i = n; i >= 0; i--) {
        for (let j = m; j >= 0; j--) {
            let result: boolean;
            if (i === n && j === m) {
                result = true;
            } else if (i < n && a[i] === "*") {
                result = next[j] === 1 || (j < m && row[j + 1] === 1);
            } else if (j < m && b[j] === "*") {
                result = row[j + 1] === 1 || (i < n && next[j] === 1);
            } else if (i < n && j < m) {
                result = (a[i] === b[j] || a[i] === "?" || b[j] === "?") && next[j + 1] === 1;
            } else {
                result = false;
            }
            row[j] = result ? 1 : 0;
        }
        [next, row] = [row, next];
    }
    return next[0] === 1;
}

/**
 * `patternsOverlap` for ARNs as `ArnLike` compares them: each of the first five colon-separated parts separately (a
 * wildcard there does not cross a colon), the resource part as a whole.
 */
export function arnPatternsOverlap(a: string, b: string): boolean {
    const pa = splitArn(a);
    const pb = splitArn(b);
    if (!pa || !pb) {
        return patternsOverlap(a, b);
    }
    return pa.every((part, i) => patternsOverlap(part, pb[i]));
}

function splitArn(value: string): string[] | undefined {
    const parts: string[] = [];
    let start = 0;
    for (let n = 0; n < 5; n++) {
        const colon = value.indexOf(":", start);
        if (colon < 0) {
            return undefined;
        }
        parts.push(value.slice(start, colon));
        start = colon + 1;
    }
    parts.push(value.slice(start));
    return parts;
}

export function hasWildcard(value: string): boolean {
    return value.includes("*") || value.includes("?");
}

/** True when a value uses a policy variable such as `${aws:username}` (its meaning depends on the request). */
export function hasPolicyVariable(value: string): boolean {
    return value.includes("${");
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** Who makes the request. */
export interface PrincipalRef {
    readonly type: "AWS" | "Service" | "Federated" | "CanonicalUser";
    /**
     * An ARN or account id for AWS, a service name such as `logs.us-east-1.amazonaws.com` for Service. May contain
     * `*` for a part not known yet (`arn:aws:iam::*:role/...`): a policy value matches when it could be that principal.
     */
    readonly id: string;
}

export interface RequestContext {
    readonly principal: PrincipalRef;
    readonly action: string;
    /** The resource ARN; omitted: `Resource` is not checked (a key policy's `*` means the key itself). */
    readonly resource?: string;
    /**
     * Condition key (any case) to the value the request will carry. The value may itself contain `*`/`?` for the
     * parts that are not known yet (e.g. `arn:aws:logs:us-east-1:*:log-group:/aws/lambda/app`).
     */
    readonly context?: Readonly<Record<string, string>>;
}

export type Match = "yes" | "no" | "unknown";

/** Whether a principal element names the principal. */
export function principalMatches(set: PrincipalSet, principal: PrincipalRef): Match {
    if (set.everyone) {
        return "yes";
    }
    for (const [type, list] of set.byType) {
        if (type.toLowerCase() !== principal.type.toLowerCase()) {
            continue;
        }
        for (const value of list.values) {
            if (principalValueMatches(principal, value)) {
                return "yes";
            }
        }
    }
    return set.hasUnknown ? "unknown" : "no";
}

function principalValueMatches(principal: PrincipalRef, value: string): boolean {
    if (value === "*") {
        return true;
    }
    if (hasWildcard(principal.id)) {
        // A principal only partly known (the account of a service-linked role, the region of a service).
        return patternsOverlap(value.toLowerCase(), principal.id.toLowerCase());
    }
    if (principal.type === "Service" || principal.type === "AWS") {
        // Service names and IAM ARNs (role paths and names) compare case-insensitively.
        return value.toLowerCase() === principal.id.toLowerCase();
    }
    return value === principal.id;
}

function statementPrincipalMatches(statement: Statement, principal: PrincipalRef): Match {
    if (statement.principal) {
        return principalMatches(statement.principal, principal);
    }
    if (statement.notPrincipal) {
        const excluded = principalMatches(statement.notPrincipal, principal);
        return excluded === "yes" ? "no" : excluded === "no" ? "yes" : "unknown";
    }
    // No principal element: not valid in a resource policy; it names nobody.
    return "no";
}

function listMatches(list: ValueList, value: string, ignoreCase: boolean): Match {
    if (list.values.some(pattern => wildcardMatch(pattern, value, ignoreCase))) {
        return "yes";
    }
    return list.hasUnknown ? "unknown" : "no";
}

function positiveOrNegative(positive: ValueList | undefined, negative: ValueList | undefined, value: string,
    ignoreCase: boolean, absent: Match): Match {
    if (positive) {
        return listMatches(positive, value, ignoreCase);
    }
    if (negative) {
        const excluded = listMatches(negative, value, ignoreCase);
        return excluded === "yes" ? "no" : excluded === "no" ? "yes" : "unknown";
    }
    return absent;
}

export function actionMatches(statement: Statement, action: string): Match {
    return positiveOrNegative(statement.action, statement.notAction, action, true, "no");
}

export function resourceMatches(statement: Statement, resource: string): Match {
    return positiveOrNegative(statement.resource, statement.notResource, resource, false, "yes");
}

/** The result of checking one condition block against what is known about a request. */
export type ConditionResult =
    /** Every clause provably holds (or there is none). */
    | "satisfied"
    /** Some clause provably fails: the statement does not apply to this request. */
    | "excluded"
    /** Cannot tell (unknown keys, operators this module does not evaluate, unknown values). */
    | "undetermined";

type ClauseKind = "equals" | "like" | "arnLike";

const EVALUATED_OPERATORS: ReadonlyMap<string, ClauseKind> = new Map([
    ["StringEquals", "equals"],
    ["StringLike", "like"],
    // ArnEquals and ArnLike behave the same: both take wildcards, compared per ARN part.
    ["ArnEquals", "arnLike"],
    ["ArnLike", "arnLike"],
]);

export function evaluateConditions(statement: Statement, context: Readonly<Record<string, string>> | undefined): ConditionResult {
    if (statement.conditions.length === 0 && !statement.conditionUnknown) {
        return "satisfied";
    }
    let result: ConditionResult = statement.conditionUnknown ? "undetermined" : "satisfied";
    const lowerContext = new Map<string, string>();
    for (const [key, value] of Object.entries(context ?? {})) {
        lowerContext.set(key.toLowerCase(), value);
    }
    for (const clause of statement.conditions) {
        const kind = EVALUATED_OPERATORS.get(clause.operator);
        const actual = lowerContext.get(clause.key.toLowerCase());
        if (!kind || actual === undefined) {
            result = "undetermined";
            continue;
        }
        const clauseResult = evaluateClause(kind, clause.values, actual);
        if (clauseResult === "excluded") {
            return "excluded";
        }
        if (clauseResult === "undetermined") {
            result = "undetermined";
        }
    }
    return result;
}

function evaluateClause(kind: ClauseKind, values: ValueList, actual: string): ConditionResult {
    // Values of one clause are alternatives (OR).
    let anyPossible = values.hasUnknown;
    for (const value of values.values) {
        if (hasPolicyVariable(value)) {
            anyPossible = true;
            continue;
        }
        const exact = kind === "equals" || !hasWildcard(value);
        if (exact) {
            if (!hasWildcard(actual) && value === actual) {
                return "satisfied";
            }
            if (wildcardMatch(actual, value)) {
                anyPossible = true;
            }
        } else {
            if (!hasWildcard(actual) && wildcardMatch(value, actual)) {
                return "satisfied";
            }
            if (kind === "arnLike" ? arnPatternsOverlap(value, actual) : patternsOverlap(value, actual)) {
                anyPossible = true;
            }
        }
    }
    return anyPossible ? "undetermined" : "excluded";
}

export type Decision = "allowed" | "denied" | "missing" | "unknown";

export interface Evaluation {
    readonly decision: Decision;
    /** The Deny statements that remove the permission (decision "denied"). */
    readonly deniedBy: readonly Statement[];
    /** The Allow statements that grant it (decision "allowed"; conditions accepted unless provably excluding). */
    readonly allowedBy: readonly Statement[];
    /** Allow statements that name the principal and action but whose condition provably excludes the request. */
    readonly excludedBy: readonly Statement[];
}

/**
 * May `request.principal` perform `request.action`? Allow statements count unless a condition provably excludes
 * the request; Deny statements count when their conditions provably hold (a conditional Deny is not assumed to
 * apply). "unknown" when an unknown part of the document could decide it.
 */
export function evaluate(document: PolicyDocument, request: RequestContext): Evaluation {
    const deniedBy: Statement[] = [];
    const allowedBy: Statement[] = [];
    const excludedBy: Statement[] = [];
    // An unknown statement could be a Deny as well as an Allow.
    let unsureDeny = document.statementsUnknown;
    let unsureAllow = document.statementsUnknown;
    for (const statement of document.statements) {
        if (statement.effect === undefined) {
            continue;
        }
        const principal = statementPrincipalMatches(statement, request.principal);
        const action = actionMatches(statement, request.action);
        const resource = request.resource === undefined ? "yes" : resourceMatches(statement, request.resource);
        if (principal === "no" || action === "no" || resource === "no") {
            continue;
        }
        const certain = principal === "yes" && action === "yes" && resource === "yes";
        const condition = evaluateConditions(statement, request.context);
        if (statement.effect === UNKNOWN) {
            unsureDeny ||= condition === "satisfied";
            unsureAllow ||= condition !== "excluded";
            continue;
        }
        if (statement.effect === "Deny") {
            if (certain && condition === "satisfied") {
                deniedBy.push(statement);
            } else if (condition === "satisfied") {
                unsureDeny = true;
            }
            continue;
        }
        if (condition === "excluded") {
            if (certain) {
                excludedBy.push(statement);
            }
        } else if (certain) {
            allowedBy.push(statement);
        } else {
            unsureAllow = true;
        }
    }
    let decision: Decision;
    if (deniedBy.length > 0) {
        decision = "denied";
    } else if (unsureDeny) {
        decision = "unknown";
    } else if (allowedBy.length > 0) {
        decision = "allowed";
    } else {
        decision = unsureAllow ? "unknown" : "missing";
    }
    return { decision, deniedBy, allowedBy, excludedBy };
}

/**
 * Statement index as users see it in their program (`Statement[2]`), or `Statement` for a single object. Pass
 * `secret` when the document is secret: its Sid is then left out (a Sid is a value of the document).
 */
export function statementLabel(statement: Statement, secret = false): string {
    const where = statement.single ? "Statement" : `Statement[${statement.index}]`;
    return statement.sid && !secret ? `${where} (Sid "${statement.sid}")` : where;
}

/**
 * How a statement names everyone: `"*"`, `{"AWS": "*"}`, or NotPrincipal without Principal (everyone except the
 * listed principals, whatever unknown parts that list has); undefined when it names specific principals.
 */
export function everyoneForm(statement: Statement): string | undefined {
    if (statement.principal?.everyone) {
        return statement.principal.byType.size > 0 ? "{\"AWS\": \"*\"}" : "\"*\"";
    }
    if (statement.notPrincipal && !statement.principal) {
        return "everyone except its NotPrincipal";
    }
    return undefined;
}

/** The statement's path inside the policy property `property`: `policy.Statement[2]`, or `policy.Statement`. */
export function statementPath(property: string, statement: Statement): (string | number)[] {
    return statement.single ? [property, "Statement"] : [property, "Statement", statement.index];
}

// ---------------------------------------------------------------------------------------------------------------
// JSON syntax errors with a position (V8's messages do not always carry one)

class JsonScanError extends Error {
    constructor(readonly reason: string, readonly position: number) {
        super(reason);
    }
}

/** Locates the first JSON syntax error in `text` (called only after JSON.parse failed). */
export function jsonSyntaxError(text: string): ParseError {
    let position = text.length;
    let reason = "the JSON text is not valid";
    try {
        scanJson(text);
    } catch (error) {
        if (error instanceof JsonScanError) {
            position = error.position;
            reason = error.reason;
        }
    }
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < position && i < text.length; i++) {
        if (text[i] === "\n") {
            line++;
            lineStart = i + 1;
        }
    }
    return { reason, position, line, column: position - lineStart + 1 };
}

function scanJson(text: string): void {
    let i = 0;
    // The offending character is not quoted: policy documents may be secret.
    const fail = (expected: string): never => {
        throw new JsonScanError(`expected ${expected}${i >= text.length ? " but the text ended" : ""}`, i);
    };
    const space = () => {
        while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) {
            i++;
        }
    };
    const string = () => {
        if (text[i] !== "\"") {
            fail("'\"'");
        }
        i++;
        while (i < text.length && text[i] !== "\"") {
            const c = text.charCodeAt(i);
            if (c < 0x20) {
                throw new JsonScanError("control character inside a string", i);
            }
            if (text[i] === "\\") {
                i++;
                if (text[i] === "u") {
                    if (!HEX4.test(text.slice(i + 1, i + 5))) {
                        throw new JsonScanError("invalid \\u escape", i);
                    }
                    i += 4;
                } else if (!"\"\\/bfnrt".includes(text[i] ?? "x")) {
                    throw new JsonScanError("invalid escape in a string", i);
                }
            }
            i++;
        }
        if (i >= text.length) {
            throw new JsonScanError("unterminated string", i);
        }
        i++;
    };
    const literal = (word: string) => {
        if (text.startsWith(word, i)) {
            i += word.length;
        } else {
            fail("a value");
        }
    };
    const number = () => {
        const match = JSON_NUMBER.exec(text.slice(i, i + 400));
        if (!match || match[0] === "" || match[0] === "-") {
            fail("a value");
        }
        i += match![0].length;
    };
    const value = (depth: number): void => {
        if (depth > 500) {
            throw new JsonScanError("nesting too deep", i);
        }
        space();
        const c = text[i];
        if (c === "{") {
            i++;
            space();
            if (text[i] === "}") {
                i++;
                return;
            }
            for (;;) {
                space();
                if (text[i] !== "\"") {
                    fail("a double-quoted property name");
                }
                string();
                space();
                if (text[i] !== ":") {
                    fail("':'");
                }
                i++;
                value(depth + 1);
                space();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "}") {
                    i++;
                    return;
                }
                fail("',' or '}'");
            }
        }
        if (c === "[") {
            i++;
            space();
            if (text[i] === "]") {
                i++;
                return;
            }
            for (;;) {
                value(depth + 1);
                space();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "]") {
                    i++;
                    return;
                }
                fail("',' or ']'");
            }
        }
        if (c === "\"") {
            string();
        } else if (c === "t") {
            literal("true");
        } else if (c === "f") {
            literal("false");
        } else if (c === "n") {
            literal("null");
        } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
            number();
        } else {
            fail("a value");
        }
    };
    value(0);
    space();
    if (i < text.length) {
        fail("end of input");
    }
}

/** "position 42 (line 3, column 7): expected ',' or '}' but found '\"'" */
export function formatParseError(error: ParseError): string {
    return `position ${error.position} (line ${error.line}, column ${error.column}): ${error.reason}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions that restrict who can use an "everyone" statement

const RESTRICTING_OPERATORS: ReadonlySet<string> = new Set([
    "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "Bool", "IpAddress",
    "ForAnyValue:StringEquals", "ForAnyValue:StringEqualsIgnoreCase", "ForAnyValue:StringLike",
    "ForAnyValue:ArnEquals", "ForAnyValue:ArnLike",
]);

/** Keys whose value is an account (or organisation): a pattern such as `*1` matches nearly every account. */
const ACCOUNT_VALUED_KEYS: ReadonlySet<string> = new Set(["kms:CallerAccount", "aws:PrincipalAccount", "aws:SourceAccount",
    "aws:PrincipalOrgID", "aws:SourceOrgID", "aws:SourceOwner"].map(k => k.toLowerCase()));
/** Keys whose value is an ARN: a pattern restricts only with a fixed account (`arn:aws:iam::*:*` matches everyone). */
const ARN_VALUED_KEYS: ReadonlySet<string> = new Set(["aws:PrincipalArn", "aws:SourceArn"].map(k => k.toLowerCase()));
/** Operators under which `*` and `?` are wildcards (StringLike, ArnLike, ArnEquals and their set/IfExists forms). */
const WILDCARD_OPERATORS = /(?:Like|^(?:For(?:Any|All)Value:)?Arn)/;

/**
 * An ARN pattern that names a fixed account: the account part has no wildcard, and when it is empty (S3 bucket
 * ARNs) the service and the resource are not wildcards alone.
 */
function arnNamesAccount(pattern: string): boolean {
    const parts = splitArn(pattern);
    if (!parts) {
        return false;
    }
    const [, , service, , account, resource] = parts;
    if (account !== "") {
        return !hasWildcard(account);
    }
    return !hasWildcard(service) && service !== "" && resource.replace(WILDCARDS, "") !== "";
}

export interface RestrictionOptions {
    /** Condition keys that identify the caller or the calling resource (any case). */
    readonly keys: ReadonlySet<string>;
    /** A value counts only without wildcards and policy variables (S3's definition of non-public). */
    readonly fixedValuesOnly?: boolean;
    /** Extra test per clause (e.g. `aws:SourceIp` must not be 0.0.0.0/0). */
    readonly accept?: (clause: ConditionClause) => boolean;
}

/**
 * The condition clause that limits who a statement applies to, "unknown" when the condition is not known during
 * preview, or undefined when nothing restricts it. Negated operators and `...IfExists` do not restrict (a request
 * without the key passes them).
 */
export function restrictingCondition(statement: Statement, options: RestrictionOptions): ConditionClause | "unknown" | undefined {
    let unknown = statement.conditionUnknown;
    for (const clause of statement.conditions) {
        if (!RESTRICTING_OPERATORS.has(clause.operator) || !options.keys.has(clause.key.toLowerCase())) {
            continue;
        }
        if (clause.operator === "Bool" && !clause.values.values.every(v => v.toLowerCase() === "true")) {
            continue;
        }
        const values = clause.values.values;
        const key = clause.key.toLowerCase();
        const wildcards = WILDCARD_OPERATORS.test(clause.operator);
        const fixed = values.every(v => options.fixedValuesOnly
            ? !hasWildcard(v) && !hasPolicyVariable(v)
            : ACCOUNT_VALUED_KEYS.has(key) ? !hasPolicyVariable(v) && !(wildcards && hasWildcard(v))
            : ARN_VALUED_KEYS.has(key) ? !hasPolicyVariable(v) && (!wildcards || arnNamesAccount(v))
            : v.replace(WILDCARDS, "") !== "");
        if (!fixed || (options.accept && !options.accept(clause))) {
            continue;
        }
        if (values.length === 0) {
            unknown ||= clause.values.hasUnknown;
            continue;
        }
        return clause;
    }
    return unknown ? "unknown" : undefined;
}
