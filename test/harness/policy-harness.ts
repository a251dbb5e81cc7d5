// Calls a policy's validation directly with arguments built exactly as the @pulumi/policy server builds them:
// wire-form properties (unknown sentinels, secret marks) -> protobuf Struct -> the server's own deserializer ->
// `unknownCheckingProxy`. Unknown handling and secret scrubbing are therefore exercised for real.
import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
// The server's own deserializer (internal to @pulumi/policy, so untyped).
const deserialize: { deserializeProperties(struct: unknown, keepSecrets: boolean): Record<string, unknown> } =
    require("@pulumi/policy/deserialize");
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PreflightPolicy } from "../../lib/framework/policy";
import "../../lib/framework/secrets";
import { resetStackInfo } from "../../lib/framework/stack";
import { Diagnostic, ProviderRecord, ResourceRecord, UNKNOWN as UNKNOWN_VALUE, urnOf } from "../../lib/runner/engine";

export interface Reported {
    readonly message: string;
    /** "advisory" when the policy downgraded this diagnostic, otherwise the policy's configured level. */
    readonly level: string;
    readonly urn?: string;
}

export interface ResourceInput {
    readonly type: string;
    readonly name?: string;
    readonly urn?: string;
    readonly properties: Record<string, unknown>;
    readonly provider?: ProviderRecord;
}

export interface StackSettings {
    readonly stack?: string;
    readonly project?: string;
    /** Stack config, `namespace:key` to value. */
    readonly config?: Readonly<Record<string, string>>;
}

// The policies of one request share one deserialization of its properties (lib/framework/secrets.ts), so no policy
// may write to them: they are frozen here, and a write throws inside the policy, which every test then sees.
function serverProps(properties: Record<string, unknown>): Record<string, any> {
    const struct = Struct.fromJavaScript(JSON.parse(JSON.stringify(properties)));
    return unknownCheckingProxy(deepFreeze(deserialize.deserializeProperties(struct, false)));
}

function deepFreeze<T>(root: T): T {
    const pending: unknown[] = [root];
    while (pending.length > 0) {
        const value = pending.pop();
        // The server's unknown markers are proxies whose reads return new proxies: they stay as they are.
        if (value !== null && typeof value === "object" && !Object.isFrozen(value) && !(value as Record<string, unknown>).__isSpecialProxy) {
            Object.freeze(value);
            pending.push(...Object.values(value));
        }
    }
    return root;
}

function provider(record: ProviderRecord | undefined) {
    return record && { type: record.type, name: record.name, urn: record.urn, props: serverProps(record.properties) };
}

/** Runs `fn` with the stack environment the CLI would set for the policy process. */
export function withStack<T>(settings: StackSettings, fn: () => T): T {
    const saved = { stack: process.env.PULUMI_NODEJS_STACK, project: process.env.PULUMI_NODEJS_PROJECT, config: process.env.PULUMI_CONFIG };
    process.env.PULUMI_NODEJS_STACK = settings.stack ?? "dev";
    process.env.PULUMI_NODEJS_PROJECT = settings.project ?? "app";
    process.env.PULUMI_CONFIG = JSON.stringify(settings.config ?? {});
    resetStackInfo();
    try {
        return fn();
    } finally {
        restore("PULUMI_NODEJS_STACK", saved.stack);
        restore("PULUMI_NODEJS_PROJECT", saved.project);
        restore("PULUMI_CONFIG", saved.config);
        resetStackInfo();
    }
}

function restore(key: string, value: string | undefined): void {
    if (value === undefined) {
        delete process.env[key];
    } else {
        process.env[key] = value;
    }
}

function collector(defaultLevel: string) {
    const reported: Reported[] = [];
    const report = (d: unknown, urn?: string) => {
        if (typeof d === "string") {
            reported.push({ message: d, level: defaultLevel, urn });
        } else {
            const diag = d as { message: string; enforcementLevel?: string; urn?: string };
            reported.push({ message: diag.message, level: diag.enforcementLevel ?? defaultLevel, urn: diag.urn });
        }
    };
    return { reported, report };
}

function resourceArgs(resource: ResourceInput, config: Record<string, unknown>): ResourceValidationArgs {
    const name = resource.name ?? "test";
    return {
        type: resource.type,
        name,
        urn: resource.urn ?? urnOf(resource.type, name),
        props: serverProps(resource.properties),
        provider: provider(resource.provider),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: (reason?: string): never => { throw new Error(`not applicable: ${reason}`); },
    };
}

/** Runs a resource policy's validation on one resource; returns what it reported. */
export function validateResource(policy: PreflightPolicy, resource: ResourceInput,
    config: Record<string, unknown> = {}, stack: StackSettings = {}): Reported[] {
    if (policy.kind !== "resource") {
        throw new Error(`${policy.metadata.name} is a stack policy: use validateStack`);
    }
    const p = policy.policy as ResourceValidationPolicy;
    const { reported, report } = collector(p.enforcementLevel ?? "advisory");
    const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!];
    withStack(stack, () => {
        for (const validation of validations) {
            validation(resourceArgs(resource, config), report as any);
        }
    });
    return reported;
}

/** Runs a resource policy's remediation; returns the new properties (secrets as `Secret`) or undefined. */
export function remediateResource(policy: PreflightPolicy, resource: ResourceInput,
    config: Record<string, unknown> = {}, stack: StackSettings = {}): Record<string, unknown> | undefined {
    const p = policy.policy as ResourceValidationPolicy;
    if (!p.remediateResource) {
        return undefined;
    }
    const args = resourceArgs(resource, config);
    // The server deserializes remediation input with secrets kept as `Secret`.
    args.props = unknownCheckingProxy(deserialize.deserializeProperties(
        Struct.fromJavaScript(JSON.parse(JSON.stringify(resource.properties))), true));
    return withStack(stack, () => p.remediateResource!(args) as Record<string, unknown> | undefined);
}

/** Runs a stack policy over resources (records as the engine sends them); returns what it reported. */
export function validateStack(policy: PreflightPolicy, resources: readonly ResourceRecord[],
    config: Record<string, unknown> = {}, stack: StackSettings = {}): Reported[] {
    const { reported, run } = stackRun(policy, resources, config);
    withStack(stack, run);
    return reported;
}

/** `validateStack` for a policy whose validation returns a promise (one that asks a service). */
export async function validateStackAsync(policy: PreflightPolicy, resources: readonly ResourceRecord[],
    config: Record<string, unknown> = {}, stack: StackSettings = {}): Promise<Reported[]> {
    const { reported, run } = stackRun(policy, resources, config);
    await withStack(stack, run);
    return reported;
}

function stackRun(policy: PreflightPolicy, resources: readonly ResourceRecord[], config: Record<string, unknown>) {
    const p = policy.policy as StackValidationPolicy;
    const { reported, report } = collector(p.enforcementLevel ?? "advisory");
    const byUrn = new Map<string, PolicyResource>();
    const built = resources.map(r => {
        const resource = {
            type: r.type, name: r.name, urn: r.urn, props: serverProps(r.outputs ?? r.properties),
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            provider: provider(r.provider),
            dependencies: [] as PolicyResource[],
            propertyDependencies: {} as Record<string, PolicyResource[]>,
            isType: () => false,
            asType: () => undefined,
        } as unknown as PolicyResource;
        byUrn.set(r.urn, resource);
        return resource;
    });
    resources.forEach((r, i) => {
        const resource = built[i] as { parent?: PolicyResource; dependencies: PolicyResource[]; propertyDependencies: Record<string, PolicyResource[]> };
        if (r.parent && byUrn.has(r.parent)) {
            resource.parent = byUrn.get(r.parent);
        }
        resource.dependencies = (r.dependencies ?? []).map(u => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[key] = urns.map(u => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
        }
    });
    const args: StackValidationArgs = {
        resources: built,
        stackTags: new Map(),
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: (reason?: string): never => { throw new Error(`not applicable: ${reason}`); },
    };
    return { reported, run: () => p.validateStack(args, report as any) };
}

/** A record for `validateStack` from a type, name and wire-form properties. */
export function record(type: string, name: string, properties: Record<string, unknown>,
    extra: Partial<Omit<ResourceRecord, "type" | "name" | "properties">> = {}): ResourceRecord {
    return { type, name, urn: extra.urn ?? urnOf(type, name), properties, ...extra };
}

export function isSecret(value: unknown): boolean {
    return value instanceof Secret;
}

/** Runs a policy on one resource whatever its kind: a stack policy gets a stack of that resource alone (as a record
 * without outputs unless `resource` has them). */
export function validateOne(policy: PreflightPolicy, resource: ResourceInput & { outputs?: Record<string, unknown> },
    config: Record<string, unknown> = {}, stack: StackSettings = {}): Reported[] {
    if (policy.kind === "resource") {
        return validateResource(policy, resource, config, stack);
    }
    const name = resource.name ?? "test";
    return validateStack(policy, [{ type: resource.type, name, urn: resource.urn ?? urnOf(resource.type, name),
        properties: resource.properties, provider: resource.provider, outputs: resource.outputs }], config, stack);
}

/**
 * What the engine reports for a resource being created: Analyze on its inputs and AnalyzeStack on its planned outputs
 * (inputs with `id` and `arn` unknown), where the stack-kind policies (versions, runtimes) look at it.
 */
export async function analyzeAsCreated(pack: { analyze(r: ResourceRecord): Promise<Diagnostic[]>; analyzeStack(r: readonly ResourceRecord[]): Promise<Diagnostic[]> },
    resource: ResourceRecord): Promise<Diagnostic[]> {
    const created = { ...resource, outputs: { ...resource.properties, id: UNKNOWN_VALUE, arn: UNKNOWN_VALUE } };
    return [...await pack.analyze(resource), ...await pack.analyzeStack([created])];
}

/**
 * The properties of a typed fixture: only the argument names `A` declares (a misspelt one does not compile), with any
 * value, since fixtures hold wire forms (unknown sentinels, secret wrappers). Wrong-shape tests use `untyped`.
 */
export type Fixture<A> = { readonly [K in keyof A]?: unknown };

/** Properties a test deliberately gives in a shape no @pulumi/aws type allows. */
export function untyped(properties: Record<string, unknown>): Record<string, unknown> {
    return properties;
}
