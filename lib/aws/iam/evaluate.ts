// A small IAM statement evaluator: does a document allow, deny or not mention a request?
import { UNKNOWN } from "../../framework/properties";
import { PolicyDocument, PrincipalSet, Statement, ValueList } from "./document";
import { arnPatternsOverlap, hasPolicyVariable, hasWildcard, patternsOverlap, wildcardMatch } from "./wildcards";

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
