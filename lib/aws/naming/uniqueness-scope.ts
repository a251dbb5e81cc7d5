// The namespace in which a physical name must be unique: type family, AWS account, region, scope property.
import type { ProviderInfo, StackResource } from "../../framework/policy";
import { UNKNOWN } from "../../framework/properties";
import { regionOfResource } from "../region";
import { accountOfArn, parseArn } from "../arn";
import { capitalise, PhysicalNameRow } from "./name-rules";

function parsedMaybeJson(value: unknown): unknown {
    if (typeof value === "string" && /^\s*[[{]/.test(value)) {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}

/**
 * The AWS account a provider deploys to, as far as its configuration tells: the only entry of
 * `allowedAccountIds`, else the account of the (last) assumed role, else its `profile`, else the ambient
 * credentials (`""`). Anything unknown during preview makes the provider its own account (keyed by its URN), so
 * two resources are never said to collide on a guess.
 */
export function providerAccountKey(provider: ProviderInfo | undefined): string {
    if (!provider) {
        return "";
    }
    const props = provider.props;
    const own = `provider:${provider.urn}`;
    const allowed = parsedMaybeJson(props.get("allowedAccountIds"));
    if (allowed === UNKNOWN) {
        return own;
    }
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string") {
        return `account:${allowed[0]}`;
    }
    for (const key of ["assumeRoles", "assumeRole"]) {
        let roles = parsedMaybeJson(props.get(key));
        if (roles === UNKNOWN) {
            return own;
        }
        if (Array.isArray(roles)) {
            roles = roles[roles.length - 1];
        }
        if (roles && typeof roles === "object") {
            const arn = (roles as Record<string, unknown>).roleArn;
            if (typeof arn === "string") {
                const account = parseArn(arn)?.service === "iam" ? accountOfArn(arn) : undefined;
                return account ? `account:${account}` : own;
            }
            if (arn !== undefined && arn !== null) {
                return own; // unknown or odd
            }
        }
    }
    const profile = props.string("profile");
    if (profile === UNKNOWN) {
        return own;
    }
    return typeof profile === "string" && profile !== "" ? `profile:${profile}` : "";
}

/**
 * The namespace key of a resource's physical name: family, then account and region as the scope requires, then
 * the scope property (ECS cluster). Undefined when the namespace cannot be told during preview.
 */
export function uniquenessScopeKey(row: PhysicalNameRow, resource: StackResource): string | undefined {
    if (row.scope === "none") {
        return undefined;
    }
    let key = row.family;
    if (row.scope === "account" || row.scope === "account-region") {
        key += `\u0000${providerAccountKey(resource.provider)}`;
    }
    if (row.scope === "account-region") {
        const { region } = regionOfResource(resource);
        // An unknown region is only known to be the same for resources of the same provider.
        key += `\u0000${region === UNKNOWN ? `unknown:${resource.provider?.urn ?? ""}` : region ?? ""}`;
    }
    if (row.scopeProperty) {
        const value = resource.props.get(row.scopeProperty);
        if (value === UNKNOWN) {
            const deps = resource.dependenciesOf(row.scopeProperty);
            if (deps.length === 0) {
                return undefined;
            }
            key += `\u0000${deps[0].urn}`;
        } else if (typeof value === "string" && value !== "") {
            key += `\u0000${value}`;
        } else if (value === undefined || value === null) {
            key += "\u0000default";
        } else {
            return undefined;
        }
    }
    return key;
}

export function scopeDescription(row: PhysicalNameRow): string {
    const what = `${capitalise(row.label)} ${row.noun ?? "name"}s`;
    const caseNote = row.caseSensitive ? "" : " (ignoring case)";
    switch (row.scope) {
        case "global": return `${what} are unique across all AWS accounts${caseNote}`;
        case "account": return `${what} are unique per AWS account, in every region${caseNote}`;
        case "account-region": return `${what} are unique per AWS account and region${row.scopeProperty ? ` and ${row.scopeProperty}` : ""}${caseNote}`;
        default: return `${what} need not be unique`;
    }
}

/**
 * What happens when a second stack (or a second resource of one stack: `second` true) creates a name that exists:
 * the AWS error, or for idempotent creates, the silent adoption of the existing resource.
 */
export function collisionOutcome(row: PhysicalNameRow): string {
    const error = row.conflictError ? `fails with ${row.conflictError}` : "fails with an 'already exists' error";
    if (!row.idempotentCreate) {
        return `the create ${error}`;
    }
    if (row.idempotentCreate === "always") {
        return `the create does not fail: AWS returns the existing ${row.label}, so both stacks silently manage one ` +
            `${row.label}, and destroying either deletes it for both`;
    }
    return `the create ${error} when the settings differ; with identical settings (the same program deployed twice) ` +
        `AWS returns the existing ${row.label} instead, so both silently manage one ${row.label}, and destroying either ` +
        "deletes it for both";
}
