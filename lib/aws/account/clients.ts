// AWS SDK v3 clients for the account-aware policies, loaded on first use only (an optional dependency: the pack
// starts, and the family says "not checked", without them). One client per package, region and profile.
import type { StackResource } from "../../framework/policy";
import { UNKNOWN } from "../../framework/properties";
import { regionOfResource } from "../region";
import { MissingSdkError } from "./session";

/** Where a resource's calls go: its region and the credentials its provider names. */
export interface Target {
    readonly region: string;
    /** A named profile of the resource's provider, else the CLI environment's default credentials. */
    readonly profile?: string;
}

export type TargetProblem = "region-unknown" | "assume-role" | "provider-credentials-unknown";

/**
 * The region and credentials a resource's provider uses. Providers that assume a role or whose credential settings
 * are unknown are not looked up: the pack would ask with other credentials than the provider, and answer wrongly.
 */
export function targetOf(resource: StackResource): Target | TargetProblem {
    const region = regionOfResource(resource).region;
    if (typeof region !== "string") {
        return "region-unknown";
    }
    const provider = resource.provider?.props;
    if (!provider) {
        return { region };
    }
    for (const key of ["assumeRole", "assumeRoles", "assumeRoleWithWebIdentity"]) {
        const value = provider.get(key);
        if (value === UNKNOWN) {
            return "provider-credentials-unknown";
        }
        if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) {
            return "assume-role";
        }
    }
    for (const key of ["accessKey", "secretKey", "token"]) {
        const value = provider.get(key);
        if (value !== undefined && value !== null) {
            return "provider-credentials-unknown";
        }
    }
    const profile = provider.string("profile");
    if (profile === UNKNOWN) {
        return "provider-credentials-unknown";
    }
    return typeof profile === "string" && profile !== "" ? { region, profile } : { region };
}

type Module = Record<string, any>;
const modules = new Map<string, Module | null>();
const clients = new Map<string, { send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<any> }>();

function load(pkg: string): Module {
    let module = modules.get(pkg);
    if (module === undefined) {
        // The SDK warns on stderr about Node 20 at every preview; that is not the user's business here.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
        try {
            module = require(pkg) as Module;
        } catch {
            module = null;
        }
        modules.set(pkg, module);
    }
    if (!module) {
        throw new MissingSdkError(pkg);
    }
    return module;
}

/** Sends `Command` (a command class name of `pkg`) with `input` to the target, with the session's abort signal. */
export async function send(pkg: string, clientName: string, commandName: string, input: Record<string, unknown>,
    target: Target, signal: AbortSignal): Promise<any> {
    const module = load(pkg);
    const key = `${pkg}|${target.region}|${target.profile ?? ""}`;
    let client = clients.get(key);
    if (!client) {
        const endpointOverridden = !!(process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3);
        client = new module[clientName]({
            region: target.region,
            ...(target.profile ? { profile: target.profile } : {}),
            // The session bounds time and retries; the SDK's own retries would spend the budget on one call.
            maxAttempts: 1,
            // A local stand-in (tests, LocalStack) has no per-bucket host names.
            ...(pkg === "@aws-sdk/client-s3" && endpointOverridden ? { forcePathStyle: true } : {}),
        });
        clients.set(key, client!);
    }
    return client!.send(new module[commandName](input), { abortSignal: signal });
}

/** Forgets clients (tests that change the environment). */
export function resetClients(): void {
    clients.clear();
}
