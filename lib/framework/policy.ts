// The one wrapper every aws-preflight policy is written against.
//
// It gives a policy safe property access (`PropertyBag`), typed config with defaults, the stack's identity, and a
// `report` that names the offending property path. It contains failures: an exception inside a policy becomes an
// advisory diagnostic naming the policy, the resource and the error, never a failed preview. And it scrubs every
// value that was marked secret from every message before the message leaves the process.
import type {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { Secret } from "@pulumi/policy";
import { formatPath, Path, PropertyBag } from "./properties";
import { preserveSecretMarks, scrubSecrets } from "./secrets";
import { StackInfo, stackInfo } from "./stack";

preserveSecretMarks();

export const DOCS_URL = "https://github.com/aws-preflight/aws-preflight/blob/main/README.md";

export type ConfigSchema<C> = { [K in keyof C]-?: PolicyConfigJSONSchema };

export interface PolicyDocs {
    /** What goes wrong at `pulumi up` (or silently) without this policy, in one or two sentences. */
    readonly failure: string;
    /** The error AWS returns, quoted, when there is one. */
    readonly awsError?: string;
}

interface PolicyMetadata<C> {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly tags: readonly string[];
    readonly remediationSteps: string;
    /** Every Pulumi type token the policy looks at (a stack policy: the ones it reports on or links through). */
    readonly resourceTypes: readonly string[];
    readonly config: ConfigSchema<C>;
    readonly docs: PolicyDocs;
}

export interface Finding {
    /** The offending property, e.g. `blockDeviceMappings[0].ebs.kmsKeyId`. */
    readonly path?: Path;
    readonly message: string;
    /** Report as advisory whatever the policy's level (notes such as "could not be verified during preview"). */
    readonly advisory?: boolean;
}

export interface ProviderInfo {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: PropertyBag;
}

export interface ResourceContext<C> {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: PropertyBag;
    readonly provider: ProviderInfo | undefined;
    readonly config: C;
    readonly stack: StackInfo;
    report(finding: Finding): void;
}

export interface ResourcePolicyDefinition<C> extends PolicyMetadata<C> {
    validate(ctx: ResourceContext<C>): void;
    /** Returns the top-level properties to change, or undefined to leave the resource as it is. */
    remediate?(ctx: ResourceContext<C>): Record<string, unknown> | undefined;
}

export interface StackContext<C> {
    readonly resources: readonly StackResource[];
    readonly config: C;
    readonly stack: StackInfo;
    /** Resources of the given types, from an index built once per call. */
    ofType(...types: string[]): readonly StackResource[];
    byUrn(urn: string): StackResource | undefined;
    report(resource: StackResource | undefined, finding: Finding): void;
}

export interface StackPolicyDefinition<C> extends PolicyMetadata<C> {
    validate(ctx: StackContext<C>): void;
}

/** What the pack registers: the @pulumi/policy object plus the metadata docs and tests read. */
export interface PreflightPolicy {
    readonly kind: "resource" | "stack";
    readonly metadata: PolicyMetadata<unknown>;
    readonly policy: ResourceValidationPolicy | StackValidationPolicy;
}

export class StackResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    private readonly source: PolicyResource;
    private readonly index: ReadonlyMap<string, StackResource>;
    // Built on first use: a stack policy usually reads the properties of a few types only.
    private bag: PropertyBag | undefined;
    private providerCache: ProviderInfo | undefined | null = null;

    constructor(source: PolicyResource, index: ReadonlyMap<string, StackResource>, readonly stack: StackInfo,
        private readonly read: StackResource[] = []) {
        this.source = source;
        this.index = index;
        this.type = source.type;
        this.urn = source.urn;
        this.name = source.name;
    }

    get props(): PropertyBag {
        if (!this.bag) {
            this.bag = new PropertyBag(this.source.props);
            this.read.push(this);
        }
        return this.bag;
    }

    get provider(): ProviderInfo | undefined {
        if (this.providerCache === null) {
            this.providerCache = providerInfo(this.source.provider);
        }
        return this.providerCache;
    }

    get parent(): StackResource | undefined {
        return this.source.parent ? this.index.get(this.source.parent.urn) : undefined;
    }

    /**
     * Whether the engine applies `other` before this resource: a `dependsOn`, or an input computed from `other`,
     * directly or through resources in between (searched up to `limit` resources, so a check stays cheap).
     */
    waitsFor(other: StackResource, limit = 64): boolean {
        const seen = new Set<string>([this.urn]);
        const queue: PolicyResource[] = [this.source];
        while (queue.length > 0 && seen.size <= limit) {
            const current = queue.shift()!;
            const direct = Array.isArray(current.dependencies) ? current.dependencies : [];
            const byProperty = current.propertyDependencies && typeof current.propertyDependencies === "object"
                ? Object.values(current.propertyDependencies).flatMap(deps => Array.isArray(deps) ? deps : []) : [];
            for (const dep of [...direct, ...byProperty]) {
                if (!dep || typeof dep.urn !== "string" || seen.has(dep.urn)) {
                    continue;
                }
                if (dep.urn === other.urn) {
                    return true;
                }
                seen.add(dep.urn);
                queue.push(dep);
            }
        }
        return false;
    }

    /** Resources the value of `property` was computed from (the engine's property dependencies). */
    dependenciesOf(property: string): readonly StackResource[] {
        const deps = this.source.propertyDependencies?.[property];
        if (!Array.isArray(deps)) {
            return [];
        }
        const out: StackResource[] = [];
        for (const dep of deps) {
            const resource = dep && this.index.get(dep.urn);
            if (resource) {
                out.push(resource);
            }
        }
        return out;
    }
}

/** Secret stack config values (`PULUMI_CONFIG_SECRET_KEYS`): a message built from stack config must not show them. */
function stackSecretValues(): readonly string[] {
    return stackInfo().secretConfigValues;
}

function providerInfo(provider: { type: string; urn: string; name: string; props: Record<string, unknown> } | undefined):
    ProviderInfo | undefined {
    if (!provider) {
        return undefined;
    }
    return { type: provider.type, urn: provider.urn, name: provider.name, props: new PropertyBag(provider.props) };
}

function configWithDefaults<C>(schema: ConfigSchema<C>, configured: Record<string, unknown>): C {
    const config: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema) as [string, PolicyConfigJSONSchema][]) {
        const value = configured[key];
        config[key] = value !== undefined && value !== null && matchesType(value, property) ? value : property.default;
    }
    return config as C;
}

function matchesType(value: unknown, schema: PolicyConfigJSONSchema): boolean {
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length === 0) {
        return true;
    }
    return types.some(type => {
        switch (type) {
            case "array": return Array.isArray(value);
            case "object": return typeof value === "object" && value !== null && !Array.isArray(value);
            case "integer": return Number.isInteger(value);
            case "null": return value === null;
            default: return typeof value === type;
        }
    });
}

function schemaProperties<C>(config: ConfigSchema<C>): Record<string, PolicyConfigJSONSchema> {
    return config as unknown as Record<string, PolicyConfigJSONSchema>;
}

function policyBase<C>(def: PolicyMetadata<C>) {
    return {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        severity: def.severity,
        tags: [...def.tags],
        remediationSteps: def.remediationSteps,
        url: `${DOCS_URL}#${def.name}`,
        configSchema: { properties: schemaProperties(def.config) },
    };
}

function formatFinding(description: string, finding: Finding, secrets: () => readonly string[]): string {
    const detail = finding.path !== undefined ? `${formatPath(finding.path)}: ${finding.message}` : finding.message;
    const message = `${description}\n${detail}`;
    const secretValues = secrets();
    return secretValues.length > 0 ? scrubSecrets(message, secretValues) : message;
}

function emit(reportViolation: ReportViolation, description: string, message: string, advisory: boolean, urn?: string) {
    // The object form lets a single diagnostic be advisory; without `enforcementLevel` the configured level applies.
    const diagnostic = { message, description, urn, ...(advisory ? { enforcementLevel: "advisory" } : {}) };
    (reportViolation as unknown as (d: typeof diagnostic) => void)(diagnostic);
}

function errorText(error: unknown): string {
    if (error instanceof Error) {
        return `${error.name}: ${error.message}`;
    }
    return String(error);
}

function internalErrorMessage(policy: string, where: string, error: unknown): string {
    return `aws-preflight could not finish '${policy}' on ${where} and skipped it (${errorText(error)}). ` +
        "This is a bug in the policy pack, not in your program; please report it with this message.";
}

export function resourcePolicy<C>(def: ResourcePolicyDefinition<C>): PreflightPolicy {
    const types = new Set(def.resourceTypes);
    const contextFor = (args: ResourceValidationArgs, report: (f: Finding) => void): ResourceContext<C> => {
        const props = new PropertyBag(args.props);
        // Provider, config and stack are computed on first use: most calls never need them.
        let provider: ProviderInfo | undefined | null = null;
        let config: C | undefined;
        const providerOnce = () => provider === null ? provider = providerInfo(args.provider) : provider;
        return {
            type: args.type,
            urn: args.urn,
            name: args.name,
            props,
            get provider() {
                return providerOnce();
            },
            get config() {
                return config ??= configWithDefaults(def.config, args.getConfig<Record<string, unknown>>());
            },
            get stack() {
                return stackInfo();
            },
            report,
        };
    };

    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.has(args.type)) {
            return;
        }
        let ctx: ResourceContext<C> | undefined;
        // A message may quote the resource's, its provider's or the stack config's values.
        const secrets = () => [...(ctx?.props.secretValues() ?? []), ...(ctx?.provider?.props.secretValues() ?? []), ...stackSecretValues()];
        try {
            ctx = contextFor(args, finding =>
                emit(reportViolation, def.description, formatFinding(def.description, finding, secrets), !!finding.advisory));
            def.validate(ctx);
        } catch (error) {
            const message = internalErrorMessage(def.name, `${args.name} (${args.type})`, error);
            emit(reportViolation, def.description, scrubSecrets(message, secrets()), true);
        }
    };
    if (types.size === 1) {
        // Lets the server skip deserializing other resource types for this policy.
        (validateResource as { __pulumiType?: string }).__pulumiType = def.resourceTypes[0];
    }

    const policy: ResourceValidationPolicy = { ...policyBase(def), validateResource };
    const remediate = def.remediate;
    if (remediate) {
        policy.remediateResource = (args: ResourceValidationArgs) => {
            if (!types.has(args.type)) {
                return undefined;
            }
            try {
                const ctx = contextFor(args, () => undefined);
                const changes = remediate(ctx);
                return changes ? withChanges(ctx.props, changes) : undefined;
            } catch {
                // A remediation that fails leaves the resource as it is; validation then reports what is wrong.
                return undefined;
            }
        };
    }
    return { kind: "resource", metadata: def as PolicyMetadata<unknown>, policy };
}

/** The full property set with `changes` applied; a replaced value that was secret stays secret. */
function withChanges(props: PropertyBag, changes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...props.raw };
    for (const [key, value] of Object.entries(changes)) {
        out[key] = props.raw[key] instanceof Secret && !(value instanceof Secret) ? new Secret(value) : value;
    }
    return out;
}

export function stackPolicy<C>(def: StackPolicyDefinition<C>): PreflightPolicy {
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        let resources: StackResource[] = [];
        // Only resources whose properties a policy read can have put a value into a message; they register in
        // `read` as they are read, and each is scanned for secrets once, at the first report after it was read.
        const read: StackResource[] = [];
        const secretValues: string[] = [];
        let scanned = 0;
        const secrets = () => {
            for (; scanned < read.length; scanned++) {
                secretValues.push(...read[scanned].props.secretValues(), ...(read[scanned].provider?.props.secretValues() ?? []));
            }
            return [...secretValues, ...stackSecretValues()];
        };
        try {
            const info = stackInfo();
            const index = new Map<string, StackResource>();
            resources = args.resources.map(source => {
                const resource = new StackResource(source, index, info, read);
                index.set(resource.urn, resource);
                return resource;
            });
            let byType: Map<string, StackResource[]> | undefined;
            const ctx: StackContext<C> = {
                resources,
                config: configWithDefaults(def.config, args.getConfig<Record<string, unknown>>()),
                stack: info,
                ofType: (...typeTokens: string[]) => {
                    if (!byType) {
                        byType = new Map();
                        for (const resource of resources) {
                            const list = byType.get(resource.type);
                            list ? list.push(resource) : byType.set(resource.type, [resource]);
                        }
                    }
                    if (typeTokens.length === 1) {
                        return byType.get(typeTokens[0]) ?? [];
                    }
                    return typeTokens.flatMap(type => byType!.get(type) ?? []);
                },
                byUrn: urn => index.get(urn),
                report: (resource, finding) => emit(reportViolation, def.description,
                    formatFinding(def.description, finding, secrets), !!finding.advisory, resource?.urn),
            };
            def.validate(ctx);
        } catch (error) {
            const message = internalErrorMessage(def.name, "the stack", error);
            emit(reportViolation, def.description, scrubSecrets(message, secrets()), true);
        }
    };
    const policy: StackValidationPolicy = { ...policyBase(def), validateStack };
    return { kind: "stack", metadata: def as PolicyMetadata<unknown>, policy };
}
