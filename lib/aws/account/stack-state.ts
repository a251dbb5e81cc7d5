// The stack's own state, read through the Pulumi CLI that runs the preview (`pulumi stack export`), so that a name an
// existing resource of this stack owns is not reported as taken: a replace with the same explicit name deletes first
// (pulumi-terraform-bridge sets DeleteBeforeReplace when a name property was not auto-named), and AnalyzeStack does
// not tell a replace from a create.
import { execFile } from "child_process";
import type { StackInfo } from "../../framework/stack";

export interface StackState {
    /** Whether `value` (a physical name or id) belongs to a resource of `type` in the stack's state. */
    owns(type: string, value: string): boolean;
}

let pending: Promise<StackState | undefined> | undefined;

export function resetStackState(): void {
    pending = undefined;
}

/** The fully qualified stack name the CLI's environment describes, or undefined. */
export function qualifiedStack(info: StackInfo): string | undefined {
    if (!info.stack || !info.project) {
        return undefined;
    }
    return info.organization ? `${info.organization}/${info.project}/${info.stack}` : info.stack;
}

/** Reads the state once per preview; undefined when the CLI is not there, fails, or takes longer than `timeoutMs`. */
export function stackState(info: StackInfo, timeoutMs: number, command = process.env.AWS_PREFLIGHT_PULUMI ?? "pulumi"):
    Promise<StackState | undefined> {
    const stack = qualifiedStack(info);
    if (!stack || timeoutMs <= 0) {
        return Promise.resolve(undefined);
    }
    pending ??= new Promise(resolve => {
        execFile(command, ["stack", "export", "--stack", stack], { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
            (error, stdout) => resolve(error ? undefined : parseState(stdout)));
    });
    return pending;
}

/** A `pulumi stack export` document (checkpoint version 3): `{ deployment: { resources: [{ type, id, outputs }] } }`. */
export function parseState(text: string): StackState | undefined {
    let resources: unknown;
    try {
        resources = JSON.parse(text)?.deployment?.resources;
    } catch {
        return undefined;
    }
    if (!Array.isArray(resources)) {
        return undefined;
    }
    const owned = new Map<string, Set<string>>();
    for (const resource of resources) {
        if (!resource || typeof resource.type !== "string") {
            continue;
        }
        const values = owned.get(resource.type) ?? new Set<string>();
        if (typeof resource.id === "string") {
            values.add(resource.id);
        }
        const outputs = resource.outputs;
        if (outputs && typeof outputs === "object") {
            for (const value of Object.values(outputs)) {
                if (typeof value === "string" && value.length <= 2048) {
                    values.add(value);
                }
            }
        }
        owned.set(resource.type, values);
    }
    return { owns: (type, value) => owned.get(type)?.has(value) ?? false };
}
