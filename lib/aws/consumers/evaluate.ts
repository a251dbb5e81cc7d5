// Does a target's policy let a grant's principal in? One evaluation per grant, over the document's statements.
import { evaluate, PolicyDocument, Statement } from "../iam";
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

/** The concrete operations an action stands for (a documented wildcard such as `kms:GenerateDataKey*`). */
export type ActionExpansion = (action: string) => readonly string[];

export function evaluateGrant(document: PolicyDocument, grant: Grant, expand: ActionExpansion): GrantResult {
    const missing: string[] = [];
    const deniedBy = new Set<Statement>();
    const excludedBy = new Set<Statement>();
    const allowedBy = new Set<Statement>();
    const separateAllowedBy = new Set<Statement>();
    let unknown = false;
    const check = (required: string, context: Readonly<Record<string, string>> | undefined, allowing: Set<Statement>) => {
        let missed = false;
        for (const action of expand(required)) {
            const result = evaluate(document, { principal: grant.principal, action, context });
            result.deniedBy.forEach(s => deniedBy.add(s));
            result.excludedBy.forEach(s => excludedBy.add(s));
            result.allowedBy.forEach(s => allowing.add(s));
            if (result.decision === "missing" || result.decision === "denied") {
                missed = true;
            } else if (result.decision === "unknown") {
                unknown = true;
            }
        }
        if (missed) {
            missing.push(required);
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
