// The message of kms-key-grants-service-principals: which principals a consumer's key policy does not let in, why,
// and the statements (or the whole policy) to paste.
import { recommendedStatements, principalLabel, ConsumerPair, GrantResult } from "../consumers";
import { Statement, statementLabel } from "../iam";
import { partitionOf } from "../arn";
import { regionOfResource } from "../region";
import { CONSUMER_KIND } from "./consumers";
import { EffectivePolicy, KeyLink, keyLabel } from "./keys";
import { AUTOSCALING_SERVICE_LINKED_ROLE } from "./launch-templates";
import { formatPath } from "../../framework/properties";
import { cutText } from "../../framework/quote";

/** A key's or KeyPolicy's name in a message: its start only, so a long name cannot push the fix off the headline. */
export const NAME_LIMIT = 32;
const named = (name: string) => `'${cutText(name, NAME_LIMIT)}'`;

function policySource(policy: EffectivePolicy): string {
    switch (policy.source) {
        case "default":
            // Also a planned policy that is computed with nothing in the program it depends on: that is the output of
            // a key created without one (see KeyIndex.effectivePolicy).
            return "has no key policy in the program, so AWS gives it the default policy, which trusts only the account root";
        case "keyPolicy":
            return `gets its policy from KeyPolicy ${named(policy.resource.name)}`;
        case "key":
            return "has a key policy";
    }
}

/** The principal as the user knows it: a service principal, or a role's name rather than its whole ARN. */
function principalName(result: GrantResult): string {
    const label = principalLabel(result.grant);
    return result.grant.principal.type === "AWS" && label.startsWith("arn:") ? label.split("/").pop() ?? label : label;
}

/** A headline is at most about 160 characters, its property path included. */
const HEADLINE_BUDGET = 158;

/** Grants listed one by one; the rest are counted (an `extraConsumers` list can be long). */
const LISTED = 10;

function names(values: readonly string[]): string {
    const unique = [...new Set(values)];
    if (unique.length <= 3) {
        return unique.length <= 1 ? unique.join("") : `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
    }
    return `${unique.slice(0, 2).join(", ")} and ${unique.length - 2} more`;
}

function headline(pair: ConsumerPair<KeyLink>, policy: EffectivePolicy, failing: GrantResult[], unconditioned: GrantResult[], statements: number): string {
    // The key by name only (the alias, if any, is in the details): the headline stays short.
    const key = `KMS key ${named(pair.target.key.name)}`;
    const where = policy.source === "keyPolicy" ? ` to KeyPolicy ${named(policy.resource.name)}` : "";
    const fix = policy.source === "default"
        ? "give it the policy below"
        : `add ${statements === 1 ? "the statement" : "the statements"} below${where}`;
    const budget = HEADLINE_BUDGET - formatPath(pair.path).length;
    if (failing.length > 0) {
        const who = names(failing.map(r => r.grant.service));
        const consequences = [...new Set(failing.map(r => r.grant.consequence))];
        const consequence = consequences.length === 1 ? consequences[0] : "the services cannot use it";
        const full = `${key} does not let ${who} in, so ${consequence}: ${fix}.`;
        // The consequence is repeated in the details ("Without it ..."): the fix is what must stay on the line.
        return [...full].length <= budget ? full : `${key} does not let ${who} in: ${fix}.`;
    }
    return `${key} lets ${names(unconditioned.map(r => r.grant.service))} in without the recommended condition ` +
        `(requireConditions is on): ${fix}.`;
}

export function grantMessage(pair: ConsumerPair<KeyLink>, policy: EffectivePolicy, failing: GrantResult[],
    unconditioned: GrantResult[], account: string | undefined): string {
    const kind = CONSUMER_KIND[pair.consumer.type] ?? "resource";
    // A secret document's values (its Sids) stay out of the message; only the pack's own text and the pasted
    // statement, built from the consumer and the key's ARN, go in.
    const secret = policy.source !== "default" && policy.resource.props.isSecret("policy");
    const label = (statement: Statement) => statementLabel(statement, secret);
    const listed = [...failing, ...unconditioned].slice(0, LISTED);
    const statements = listed.flatMap(r => recommendedStatements(r.grant));
    const lines: string[] = [headline(pair, policy, failing, unconditioned, statements.length), ""];
    lines.push(`The ${kind} uses ${keyLabel(pair.target)}, which ${policySource(policy)}.${pair.via ? ` ${pair.via}` : ""}`);
    for (const result of failing.slice(0, LISTED)) {
        let line = `- ${principalName(result)} (${result.grant.who}) is not allowed ${result.missing.join(", ")}.`;
        if (result.deniedBy.length > 0) {
            line += ` ${result.deniedBy.map(label).join(", ")} denies it.`;
        }
        if (result.excludedBy.length > 0) {
            const keys = [...new Set(result.excludedBy.flatMap(s => s.conditions.map(c => c.key)))].join(", ");
            line += ` ${result.excludedBy.map(label).join(", ")} names it, but its condition${secret ? "" : ` on ${keys}`} cannot ` +
                `match this ${kind}.`;
        }
        line += ` Without it ${result.grant.failure}.`;
        lines.push(line);
    }
    for (const result of unconditioned.slice(0, Math.max(0, LISTED - failing.length))) {
        lines.push(`- ${principalName(result)} (${result.grant.who}) is allowed without the recommended condition.`);
    }
    const more = failing.length + unconditioned.length - listed.length;
    if (more > 0) {
        lines.push(`- and ${more} more principals (not listed; fix these first and preview again).`);
    }
    if (failing.slice(0, LISTED).some(r => r.grant.recommendedActions.join() !== r.grant.actions.join())) {
        lines.push("The statements below have the actions AWS documents; only those named above are required.");
    }
    if (failing.some(r => r.grant.principal.type === "AWS" && r.grant.principal.id.endsWith(`/${AUTOSCALING_SERVICE_LINKED_ROLE.split("/").pop()}`))) {
        // KMS refuses a key policy that names a principal that does not exist yet.
        lines.push("AWSServiceRoleForAutoScaling must exist before a key policy names it (AWS creates it with the account's " +
            "first Auto Scaling group): in a fresh account add new aws.iam.ServiceLinkedRole(\"autoscaling\", " +
            "{awsServiceName: \"autoscaling.amazonaws.com\"}) and make the key depend on it.");
    }
    if (policy.source === "default") {
        // There is no policy to add to: give a whole one. It keeps the account root's kms:* from AWS's default policy;
        // a policy without a principal that can manage the key fails KMS's policy lockout safety check.
        const resolved = regionOfResource(pair.consumer).region;
        const { partition } = partitionOf(typeof resolved === "string" ? resolved : "");
        const root = {
            Sid: "EnableAccountRootAccess",
            Effect: "Allow",
            Principal: { AWS: `arn:${partition}:iam::${account ?? "<account-id>"}:root` },
            Action: "kms:*",
            Resource: "*",
        };
        lines.push("Its policy (policy: JSON.stringify(...)); the first statement keeps the account root's access, without which " +
            "KMS refuses a policy that no principal could manage:");
        lines.push(JSON.stringify({ Version: "2012-10-17", Statement: [root, ...statements] }, null, 2));
        return lines.join("\n");
    }
    const where = policy.source === "keyPolicy" ? `KeyPolicy ${named(policy.resource.name)}` : `the policy of key ${named(pair.target.key.name)}`;
    lines.push(`Add ${statements.length === 1 ? "this statement" : "these statements"} to ${where}:`);
    lines.push(statements.map(s => JSON.stringify(s, null, 2)).join(",\n"));
    return lines.join("\n");
}
