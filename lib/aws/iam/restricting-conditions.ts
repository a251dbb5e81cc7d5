// Conditions that restrict who can use an "everyone" statement.
import { ConditionClause, Statement } from "./document";
import { hasPolicyVariable, hasWildcard, WILDCARDS } from "./wildcards";
import { splitArn } from "../arn";

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
