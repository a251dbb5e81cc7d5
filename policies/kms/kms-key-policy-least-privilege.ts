import type * as aws from "@pulumi/aws";
import { cutText } from "../../lib/framework/quote";
import { everyoneForm, formatParseError, readPolicy, restrictingCondition, Statement, statementPath, wildcardMatch } from "../../lib/aws/iam";
import { KEY_POLICY_MAX_BYTES, KMS_RESTRICTING_CONDITION_KEYS, MALFORMED_POLICY_ERROR, oversize } from "../../lib/aws/kms/keys";
import { accountOfPrincipal } from "../../lib/aws/arn";
import { ResourceContext, resourcePolicy } from "../../lib/framework/policy";
import { KMS_KEY, KMS_KEY_POLICY } from "../../lib/aws/resource-types";

interface Config {
    allowedAccounts?: string[];
}

const POLICY_PROPERTY: keyof aws.kms.KeyArgs & keyof aws.kms.KeyPolicyArgs = "policy";

const RESTRICTION = { keys: KMS_RESTRICTING_CONDITION_KEYS };

const CONDITION_EXAMPLE = "\"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"<your account id>\"}}";

export const kmsKeyPolicyLeastPrivilege = resourcePolicy<Config>({
    name: "kms-key-policy-least-privilege",
    description: "KMS key policies must not let everyone use the key without a condition that restricts the caller.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["kms", "security", "iam"],
    remediationSteps: "Give each Allow statement to \"*\" or {AWS: \"*\"} a condition that limits the caller " +
        "(kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn, " +
        "kms:GrantIsForAWSResource), or name the principals instead. Build the policy with JSON.stringify or " +
        "pulumi.jsonStringify so it is valid JSON.",
    resourceTypes: [KMS_KEY, KMS_KEY_POLICY],
    config: {
        allowedAccounts: {
            type: "array",
            items: { type: "string" },
            description: "AWS account ids that key policies may grant access to. When set, principals from other " +
                "accounts are reported as advisory information. Unset: cross-account principals are not reported.",
        },
    },
    docs: {
        failure: "An Allow statement to \"*\" without a restricting condition lets any AWS account use the key; with " +
            "kms:CreateGrant or kms:* anyone can grant themselves every use of it. A key policy that is not valid JSON, " +
            "or is over 32 KB (32,768 bytes, counted as the compact JSON the provider sends), fails at `pulumi up`.",
        awsError: MALFORMED_POLICY_ERROR,
    },
    validate: ctx => {
        const parsed = readPolicy(ctx.props, POLICY_PROPERTY);
        switch (parsed.kind) {
            case "unknown":
            case "absent":
                // Unknown: computed during preview, checked at `pulumi up`. Absent: AWS's default root-only policy.
                return;
            case "malformed":
                ctx.report({
                    path: POLICY_PROPERTY,
                    message: "the key policy is not valid JSON: build it as an object and serialise it with JSON.stringify(...) " +
                        `or pulumi.jsonStringify(...).\n\n${formatParseError(parsed.error)}. AWS rejects it at pulumi up with ` +
                        `${MALFORMED_POLICY_ERROR}.`,
                });
                return;
            case "invalid":
                ctx.report({
                    path: POLICY_PROPERTY,
                    message: `${parsed.reason}: give an object, {"Version": "2012-10-17", "Statement": [...]}.\n\n` +
                        `AWS rejects it at pulumi up with ${MALFORMED_POLICY_ERROR}.`,
                });
                return;
            case "document":
                break;
        }
        const size = oversize(ctx.props.plain(POLICY_PROPERTY), parsed);
        if (size !== undefined) {
            ctx.report({
                path: POLICY_PROPERTY,
                message: `the key policy is ${size.toLocaleString("en-US")} bytes, over the ${KEY_POLICY_MAX_BYTES.toLocaleString("en-US")} ` +
                    "bytes KMS accepts: merge statements that share a principal, or grant through IAM policies or grants.\n\n" +
                    "AWS documents a key policy of up to 32 kilobytes (32,768 bytes) (KMS Developer Guide, key policy format); " +
                    "KMS refuses a longer one at pulumi up (described). The size is that of the compact JSON the provider " +
                    "sends, so indentation does not count. Its statements were not checked.",
            });
            return;
        }
        const secret = ctx.props.isSecret(POLICY_PROPERTY);
        for (const statement of parsed.document.statements) {
            if (statement.effect !== "Allow") {
                continue;
            }
            checkEveryone(ctx, statement, secret);
            checkAccounts(ctx, statement, secret);
        }
    },
});


function checkEveryone(ctx: ResourceContext<Config>, statement: Statement, secret: boolean): void {
    const who = everyoneForm(statement);
    if (!who) {
        return;
    }
    if (restrictingCondition(statement, RESTRICTION) !== undefined) {
        return; // restricted, or the condition is unknown during preview
    }
    const actions = statement.action;
    const notAction = statement.notAction;
    const covers = (action: string) => actions
        ? actions.values.some(pattern => wildcardMatch(pattern, action, true))
        : !!notAction && !notAction.values.some(pattern => wildcardMatch(pattern, action, true));
    const everything = actions ? actions.values.some(p => p === "*" || p.toLowerCase() === "kms:*") : false;
    const createGrant = covers("kms:CreateGrant");
    // What the statement allows, in the document's words (left out of a secret document; a long list is cut).
    const listed = (values: readonly string[]) => values.length <= LISTED_ACTIONS
        ? values.join(", ")
        : `${values.slice(0, LISTED_ACTIONS).join(", ")} and ${values.length - LISTED_ACTIONS} more`;
    let granted = "";
    if (actions && !secret) {
        granted = ` (${cutText(listed(actions.values), 256)})`;
    } else if (!actions && notAction) {
        granted = secret ? " (every action except those in its NotAction)" : ` (every action except ${cutText(listed(notAction.values), 256)})`;
    }
    // The statement's own condition keys do not restrict the caller; name them so "unconditionally" is not claimed.
    const conditionKeys = [...new Set(statement.conditions.map(c => c.key))];
    const how = conditionKeys.length === 0 ? "unconditionally" : "with no condition that restricts the caller";
    const unrestricted = conditionKeys.length === 0
        ? "without a condition that restricts the caller"
        : `without a condition that restricts the caller (its condition${secret ? "" : ` on ${cutText(conditionKeys.join(", "), 256)}`} does not)`;
    let what = "to use the key";
    let worst = "";
    if (everything) {
        what = "kms:*";
        worst = ` This is the worst case: kms:* to anyone, ${how}, lets any AWS account use the key, change its policy and ` +
            "schedule its deletion.";
    } else if (!actions && notAction && covers("kms:PutKeyPolicy")) {
        what = "nearly every KMS action";
        worst = ` This is the worst case: nearly every KMS action to anyone, ${how}, lets any AWS account use the key and ` +
            "change its policy.";
    } else if (createGrant) {
        what = "kms:CreateGrant";
        worst = ` This is the worst case: kms:CreateGrant to anyone, ${how}, lets any AWS account grant itself every use of the key.`;
    }
    ctx.report({
        path: statementPath(POLICY_PROPERTY, statement),
        message: `allows ${who} ${what} with no condition on the caller: add a kms:CallerAccount condition or name the ` +
            `principals.\n\nThe statement allows ${who} to use the key${granted} ${unrestricted}.${worst} Add e.g. ` +
            `${CONDITION_EXAMPLE} (or kms:ViaService, aws:PrincipalOrgID, or aws:SourceArn/aws:SourceAccount for a service principal).`,
    });
}

/** Account ids a headline lists; the rest are counted. */
function accountList(accounts: readonly string[]): string {
    const shown = accounts.slice(0, 3).map(a => cutText(a, 20)).join(", ");
    return accounts.length <= 3 ? shown : `${shown} and ${accounts.length - 3} more`;
}

/** Actions of a statement a message lists; the rest are counted. */
const LISTED_ACTIONS = 6;

function checkAccounts(ctx: ResourceContext<Config>, statement: Statement, secret: boolean): void {
    const allowed = ctx.config.allowedAccounts;
    if (!Array.isArray(allowed) || allowed.length === 0 || !statement.principal) {
        return;
    }
    const outside = new Set<string>();
    for (const [type, list] of statement.principal.byType) {
        if (type.toUpperCase() !== "AWS") {
            continue;
        }
        for (const value of list.values) {
            const account = accountOfPrincipal(value);
            if (account && !allowed.includes(account)) {
                outside.add(account);
            }
        }
    }
    if (outside.size > 0) {
        ctx.report({
            advisory: true,
            path: statementPath(POLICY_PROPERTY, statement),
            // The account ids come from the document: a secret one gets a count (the wrapper scrubs only whole values,
            // and an id is a part of an ARN).
            message: (secret
                ? `grants access to ${outside.size} account${outside.size > 1 ? "s" : ""} outside allowedAccounts`
                : `grants access to account${outside.size > 1 ? "s" : ""} ${accountList([...outside])}, not in allowedAccounts`) +
                ": remove the grant, or add the account to allowedAccounts if it is intended.\n\n" +
                `allowedAccounts is ${cutText(allowed.join(", "), 256)} ('kms-key-policy-least-privilege.allowedAccounts' in the policy pack config).`,
        });
    }
}
