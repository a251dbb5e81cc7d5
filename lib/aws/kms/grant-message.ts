// The message of kms-key-grants-service-principals: which principals a consumer's key policy does not let in, why,
// and the statements (or the whole policy) to paste.
import { recommendedStatements, principalLabel, ConsumerPair, GrantResult } from "../consumers";
import { PolicyDocument, Statement, statementLabel, ValueList } from "../iam";
import { partitionOf } from "../arn";
import { regionOfResource } from "../region";
import { CONSUMER_KIND } from "./consumers";
import { EffectivePolicy, KeyLink, keyLabel } from "./keys";
import { AUTOSCALING_SERVICE_LINKED_ROLE } from "./launch-templates";

function policySource(policy: EffectivePolicy): string {
    switch (policy.source) {
        case "default":
            // Also a planned policy that is computed with nothing in the program it depends on: that is the output of
            // a key created without one (see KeyIndex.effectivePolicy).
            return "has no key policy in the program, so AWS gives it the default policy, which trusts only the account root";
        case "keyPolicy":
            return `gets its policy from KeyPolicy '${policy.resource.name}'`;
        case "key":
            return "has a key policy";
    }
}

function globalLogsStatement(document: PolicyDocument): Statement | undefined {
    return document.statements.find(s => s.effect === "Allow" &&
        [...(s.principal?.byType ?? new Map<string, ValueList>()).entries()].some(([type, list]) =>
            type.toLowerCase() === "service" && list.values.some(v => v.toLowerCase() === "logs.amazonaws.com")));
}

export function grantMessage(pair: ConsumerPair<KeyLink>, policy: EffectivePolicy, document: PolicyDocument, failing: GrantResult[],
    unconditioned: GrantResult[], account: string | undefined): string {
    const kind = CONSUMER_KIND[pair.consumer.type] ?? "resource";
    // A secret document's values (its Sids) stay out of the message; only the pack's own text and the pasted
    // statement, built from the consumer and the key's ARN, go in.
    const secret = policy.source !== "default" && policy.resource.props.isSecret("policy");
    const label = (statement: Statement) => statementLabel(statement, secret);
    const lines: string[] = [];
    lines.push(`this ${kind} uses ${keyLabel(pair.target)}, which ${policySource(policy)}.${pair.via ? ` ${pair.via}` : ""}`);
    for (const result of failing) {
        let line = `- ${principalLabel(result.grant)} (${result.grant.who}) is not allowed ` +
            `${result.missing.join(", ")}.`;
        if (result.deniedBy.length > 0) {
            line += ` ${result.deniedBy.map(label).join(", ")} denies it.`;
        }
        if (result.excludedBy.length > 0) {
            const keys = [...new Set(result.excludedBy.flatMap(s => s.conditions.map(c => c.key)))].join(", ");
            line += ` ${result.excludedBy.map(label).join(", ")} names it, but its condition on ${keys} cannot ` +
                `match this ${kind}.`;
        }
        const globalLogs = result.grant.principal.id.startsWith("logs.") ? globalLogsStatement(document) : undefined;
        if (globalLogs) {
            line += ` ${label(globalLogs)} allows logs.amazonaws.com, but CloudWatch Logs uses the regional ` +
                `principal ${principalLabel(result.grant)}.`;
        }
        line += ` Without it ${result.grant.failure}.`;
        lines.push(line);
    }
    for (const result of unconditioned) {
        lines.push(`- ${principalLabel(result.grant)} (${result.grant.who}) is allowed without the recommended condition ` +
            "(requireConditions is on).");
    }
    if (failing.some(r => r.grant.principal.type === "AWS" && r.grant.principal.id.endsWith(`/${AUTOSCALING_SERVICE_LINKED_ROLE.split("/").pop()}`))) {
        // KMS refuses a key policy that names a principal that does not exist yet.
        lines.push("The role AWSServiceRoleForAutoScaling must exist before a key policy can name it; AWS creates it with " +
            "the account's first Auto Scaling group. In a fresh account create it in the program first: new " +
            "aws.iam.ServiceLinkedRole(\"autoscaling\", {awsServiceName: \"autoscaling.amazonaws.com\"}), and let the key " +
            "depend on it.");
    }
    const statements = [...failing, ...unconditioned].flatMap(r => recommendedStatements(r.grant));
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
        lines.push(`Give key '${pair.target.key.name}' this policy (policy: JSON.stringify(...)); its first statement keeps the ` +
            "account root's access that AWS's default policy gives, without which KMS refuses the policy because no " +
            "principal could manage the key:");
        lines.push(JSON.stringify({ Version: "2012-10-17", Statement: [root, ...statements] }, null, 2));
        return lines.join("\n");
    }
    const where = policy.source === "keyPolicy" ? `KeyPolicy '${policy.resource.name}'` : `the policy of key '${pair.target.key.name}'`;
    lines.push(`Add ${statements.length === 1 ? "this statement" : "these statements"} to ${where}:`);
    lines.push(statements.map(s => JSON.stringify(s, null, 2)).join(",\n"));
    return lines.join("\n");
}
