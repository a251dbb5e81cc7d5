// The statements a message gives to paste into the target's policy.
import type { Grant } from "./collect";

const NOT_ALPHANUMERIC = /[^A-Za-z0-9]/g;

/** The principal as the statement should name it (placeholders for what is not known, e.g. `<account-id>`). */
export function principalLabel(grant: Grant): string {
    return Object.values(grant.principalElement)[0] ?? grant.principal.id;
}

function sidOf(grant: Grant): string {
    if (grant.principal.type === "AWS") {
        // A role ARN: its last path segment (AWSServiceRoleForAutoScaling -> AllowAutoScalingServiceLinkedRole).
        const role = grant.principal.id.split("/").pop() ?? "";
        if (role.startsWith("AWSServiceRoleFor")) {
            return `Allow${role.slice("AWSServiceRoleFor".length).split("_")[0].replace(NOT_ALPHANUMERIC, "")}ServiceLinkedRole`;
        }
    }
    const label = grant.principal.id.split(".")[0].replace(NOT_ALPHANUMERIC, "");
    return `Allow${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

export function recommendedStatements(grant: Grant): Record<string, unknown>[] {
    const sid = sidOf(grant);
    const statements: Record<string, unknown>[] = [{
        Sid: sid,
        Effect: "Allow",
        Principal: grant.principalElement,
        Action: [...grant.actions],
        Resource: "*",
        ...(grant.condition ? { Condition: grant.condition } : {}),
    }];
    if (grant.separate) {
        statements.push({
            Sid: `${sid}Grants`,
            Effect: "Allow",
            Principal: grant.principalElement,
            Action: [...grant.separate.actions],
            Resource: "*",
            Condition: grant.separate.condition,
        });
    }
    return statements;
}
