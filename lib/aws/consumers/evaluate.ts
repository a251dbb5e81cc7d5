// Does a target's policy let a grant's principal in? Linear in consumers: the statements of a document are indexed
// by the principals they name once, and an evaluation is reused for every consumer whose request is the same
// (same principal and action, and the same request context when a candidate statement has a condition).
import { evaluate, Evaluation, PolicyDocument, Statement } from "../iam";
import type { PrincipalRef } from "../iam";
import type { Grant } from "./collect";
import type { ConditionBlock } from "./rules";

export interface GrantResult {
    readonly grant: Grant;
    /** Needed actions (as the grant lists them) the policy does not allow. */
    readonly missing: string[];
    readonly unknown: boolean;
    readonly deniedBy: Statement[];
    readonly excludedBy: Statement[];
    /** Statements that grant the actions, and the separate ones (for requireConditions). */
    readonly allowedBy: Statement[];
    readonly separateAllowedBy: Statement[];
}

/** The concrete operations an action written with a wildcard stands for (`kms:GenerateDataKey*`). */
export type ActionExpansion = (action: string) => readonly string[];

const WILDCARD = /[*?]/;

interface Candidates {
    readonly document: PolicyDocument;
    readonly conditional: boolean;
}

/** A document's statements by the principals they name, and the evaluations done so far. */
class PolicyIndex {
    private readonly byPrincipal = new Map<string, Statement[]>();
    /** Statements that may name any principal: "*", NotPrincipal, unknown parts. */
    private readonly open: Statement[] = [];
    private readonly candidates = new Map<string, Candidates>();
    private readonly evaluations = new Map<string, Evaluation>();

    constructor(private readonly document: PolicyDocument) {
        for (const statement of document.statements) {
            const principal = statement.principal;
            if (!principal) {
                if (statement.notPrincipal) {
                    this.open.push(statement);
                }
                continue; // no principal element names nobody
            }
            if (principal.everyone || principal.hasUnknown) {
                this.open.push(statement);
                continue;
            }
            for (const [type, list] of principal.byType) {
                for (const value of list.values) {
                    const key = `${type.toLowerCase()}\u0000${value.toLowerCase()}`;
                    const named = this.byPrincipal.get(key);
                    named ? named.includes(statement) || named.push(statement) : this.byPrincipal.set(key, [statement]);
                }
                if (list.hasUnknown || list.values.includes("*")) {
                    this.open.push(statement);
                }
            }
        }
    }

    private candidatesFor(principal: PrincipalRef): Candidates {
        const id = `${principal.type}\u0000${principal.id}`;
        let found = this.candidates.get(id);
        if (!found) {
            // A principal only partly known (`logs.*.amazonaws.com`) may match any value: every statement.
            const statements = WILDCARD.test(principal.id)
                ? this.document.statements
                : [...new Set([...this.open, ...(this.byPrincipal.get(`${principal.type.toLowerCase()}\u0000${principal.id.toLowerCase()}`) ?? [])])]
                    .sort((a, b) => a.index - b.index);
            found = {
                document: { ...this.document, statements },
                conditional: this.document.statementsUnknown || statements.some(s => s.conditions.length > 0 || s.conditionUnknown),
            };
            this.candidates.set(id, found);
        }
        return found;
    }

    evaluate(principal: PrincipalRef, action: string, context: Readonly<Record<string, string>> | undefined): Evaluation {
        const candidates = this.candidatesFor(principal);
        const key = `${principal.type}\u0000${principal.id}\u0000${action}\u0000${candidates.conditional ? JSON.stringify(context ?? {}) : ""}`;
        let result = this.evaluations.get(key);
        if (!result) {
            result = evaluate(candidates.document, { principal, action, context });
            this.evaluations.set(key, result);
        }
        return result;
    }
}

const indexes = new WeakMap<PolicyDocument, PolicyIndex>();

function indexOf(document: PolicyDocument): PolicyIndex {
    let index = indexes.get(document);
    if (!index) {
        index = new PolicyIndex(document);
        indexes.set(document, index);
    }
    return index;
}

/**
 * One principal's request over all its forms (global and regional service principal): a Deny of any form denies,
 * an Allow of any form allows; unknown when an unknown part could decide.
 */
function evaluateForms(index: PolicyIndex, forms: readonly PrincipalRef[], action: string,
    context: Readonly<Record<string, string>> | undefined): Evaluation {
    if (forms.length === 1) {
        return index.evaluate(forms[0], action, context);
    }
    const results = forms.map(form => index.evaluate(form, action, context));
    const union = (pick: (e: Evaluation) => readonly Statement[]) => [...new Set(results.flatMap(pick))].sort((a, b) => a.index - b.index);
    const decisions = new Set(results.map(r => r.decision));
    const decision = decisions.has("denied") ? "denied"
        : decisions.has("unknown") ? "unknown"
            : decisions.has("allowed") ? "allowed" : "missing";
    return { decision, deniedBy: union(r => r.deniedBy), allowedBy: union(r => r.allowedBy), excludedBy: union(r => r.excludedBy) };
}

export function evaluateGrant(document: PolicyDocument, grant: Grant, expand: ActionExpansion): GrantResult {
    const index = indexOf(document);
    const missing: string[] = [];
    const deniedBy = new Set<Statement>();
    const excludedBy = new Set<Statement>();
    const allowedBy = new Set<Statement>();
    const separateAllowedBy = new Set<Statement>();
    let unknown = false;
    // A needed action written with a wildcard is met by any operation it stands for; a concrete one by itself.
    const check = (needed: string, context: Readonly<Record<string, string>> | undefined, allowing: Set<Statement>) => {
        const operations = WILDCARD.test(needed) ? expand(needed) : [needed];
        let allowed = false;
        let undecided = false;
        const denying: Statement[] = [];
        const excluding: Statement[] = [];
        for (const action of operations) {
            const result = evaluateForms(index, grant.forms, action, context);
            denying.push(...result.deniedBy);
            excluding.push(...result.excludedBy);
            result.allowedBy.forEach(s => allowing.add(s));
            allowed ||= result.decision === "allowed";
            undecided ||= result.decision === "unknown";
        }
        if (!allowed && undecided) {
            unknown = true;
        } else if (!allowed) {
            missing.push(needed);
            denying.forEach(s => deniedBy.add(s));
            excluding.forEach(s => excludedBy.add(s));
        }
    };
    for (const action of grant.actions) {
        check(action, grant.context, allowedBy);
    }
    for (const action of grant.separate?.actions ?? []) {
        check(action, { ...grant.context, ...grant.separate!.context }, separateAllowedBy);
    }
    return { grant, missing, unknown, deniedBy: [...deniedBy], excludedBy: [...excludedBy], allowedBy: [...allowedBy], separateAllowedBy: [...separateAllowedBy] };
}

function conditionKeys(condition: ConditionBlock | undefined): Set<string> {
    return new Set(Object.values(condition ?? {}).flatMap(block => Object.keys(block)).map(k => k.toLowerCase()));
}

function someHasCondition(statements: readonly Statement[], keys: ReadonlySet<string>): boolean {
    return keys.size === 0 || statements.some(s => s.conditions.some(c => keys.has(c.key.toLowerCase())));
}

/** The statements that let the principal in carry the recommended condition (the `requireConditions` option). */
export function hasRecommendedCondition(result: GrantResult): boolean {
    return someHasCondition(result.allowedBy, conditionKeys(result.grant.condition)) &&
        (!result.grant.separate || someHasCondition(result.separateAllowedBy, conditionKeys(result.grant.separate.condition)));
}
