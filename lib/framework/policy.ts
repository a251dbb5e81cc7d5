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
import { cutText } from "./quote";
import { keepConfigureStackSecrets, preserveSecretMarks } from "./secrets";
import { safeMessage, SecretScrubber } from "./scrub";
import { StackInfo, stackInfo } from "./stack";
import { ProviderInfo, providerInfo, StackResource } from "./stack-resource";

export { ProviderInfo, StackResource };
import { ConfigurablePolicy, configCheckedAtConfigure, configProblems, EXTRA_CONFIG_CHECK, installConfigCheck, STRICT_CONFIG } from "./config";

preserveSecretMarks();
keepConfigureStackSecrets();
installConfigCheck();

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
    /**
     * Problems with config values that the schema cannot express (e.g. a pattern that does not compile), each a
     * sentence naming the option. The pack refuses such config as it refuses a wrong type (lib/framework/config.ts).
     */
    readonly checkConfig?: (config: C) => string[];
    readonly docs: PolicyDocs;
}

export interface Finding {
    /** The offending property, e.g. `blockDeviceMappings[0].ebs.kmsKeyId`. */
    readonly path?: Path;
    readonly message: string;
    /** Report as advisory whatever the policy's level (notes such as "could not be verified during preview"). */
    readonly advisory?: boolean;
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
    /** May return a promise (a policy that asks a service); the server awaits it before the next stack policy. */
    validate(ctx: StackContext<C>): void | Promise<void>;
}

/** What the pack registers: the @pulumi/policy object plus the metadata docs and tests read. */
export interface PreflightPolicy<C = unknown> {
    readonly kind: "resource" | "stack";
    readonly metadata: PolicyMetadata<unknown>;
    readonly policy: ResourceValidationPolicy | StackValidationPolicy;
    /** Never set: carries the policy's config type to the library's typed options (lib/library.ts). */
    readonly configType?: C;
}

/** Secret stack config values (`ConfigureStack.configSecretKeys`): a message built from stack config must not show them. */
function stackSecretValues(): readonly string[] {
    return stackInfo().secretConfigValues;
}

function withDefaults<C>(schema: ConfigSchema<C>, configured: Record<string, unknown>): C {
    const config: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema) as [string, PolicyConfigJSONSchema][]) {
        config[key] = configured[key] !== undefined ? configured[key] : property.default;
    }
    return config as C;
}

/**
 * The policy's config with schema defaults filled in, or the problems that keep the policy from running. When the
 * pack's `Configure` already refused invalid config (lib/framework/config.ts), the options are known to be valid.
 */
function checkedConfig<C>(def: PolicyMetadata<C>, configured: Record<string, unknown>): { config: C } | { problems: string[] } {
    if (!configCheckedAtConfigure()) {
        const problems = configProblems({ name: def.name, configSchema: { properties: schemaProperties(def.config) },
            [EXTRA_CONFIG_CHECK]: extraConfigCheck(def) } as ConfigurablePolicy, configured);
        if (problems.length > 0) {
            return { problems };
        }
    }
    return { config: withDefaults(def.config, configured) };
}

/** One finding per distinct invalid config of a policy (the policy then skips every resource): one cause, one finding. */
function invalidConfigReporter(def: PolicyMetadata<unknown>) {
    const reported = new Set<string>();
    return (configured: Record<string, unknown>, problems: readonly string[], emitIt: (message: string) => void) => {
        const key = JSON.stringify(configured);
        if (!reported.has(key)) {
            reported.add(key);
            emitIt(`${def.name} did not run: its policy pack config is invalid; fix --policy-pack-config.\n\n` +
                problems.map(p => `- ${p}`).join("\n"));
        }
    };
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
        [STRICT_CONFIG]: true,
        [EXTRA_CONFIG_CHECK]: extraConfigCheck(def),
    };
}

function extraConfigCheck<C>(def: PolicyMetadata<C>): ((options: Record<string, unknown>) => string[]) | undefined {
    const check = def.checkConfig;
    return check ? options => check(withDefaults(def.config, options)) : undefined;
}

// What a terminal user sees is this message alone: the CLI prints `[level]  pack vX  policy (type: name)` and then
// the diagnostic's `message`, never its `description` (pulumi/pulumi pkg/backend/display/progress.go
// printPolicyViolations; pkg/engine/events.go policyViolationEvent), so the message starts with its headline.
function formatFinding(finding: Finding, secrets: () => SecretScrubber): string {
    const message = finding.path !== undefined ? `${headlinePath(finding.path, secrets)}: ${finding.message}` : finding.message;
    return safeMessage(message, secrets());
}

/** Longest path segment (a map key: a tag, an environment variable, a condition key) a headline shows whole. */
const PATH_SEGMENT_LIMIT = 40;

/**
 * The path as the headline starts: a long key is cut so the problem and fix stay on the line. A cut key that
 * overlaps a secret value is left out whole (the scrubber replaces whole values only, not their starts).
 */
function headlinePath(path: Path, secrets: () => SecretScrubber): string {
    const segments = typeof path === "string" ? path.split(".") : path;
    const cut = segments.map(segment => {
        if (typeof segment !== "string" || segment.length <= PATH_SEGMENT_LIMIT) {
            return segment;
        }
        const start = cutText(segment, PATH_SEGMENT_LIMIT);
        // A cut could leave a piece of a secret too short for the scrubber to recognise: a key holding one is not shown.
        return secrets().scrub(segment) !== segment ? "…" : start;
    });
    return typeof path === "string" ? cut.join(".") : formatPath(cut);
}

function emit(reportViolation: ReportViolation, description: string, message: string, level: boolean | "mandatory", urn?: string) {
    // The object form lets a single diagnostic be advisory; without `enforcementLevel` the configured level applies.
    const enforcementLevel = level === true ? "advisory" : level === "mandatory" ? "mandatory" : undefined;
    const diagnostic = { message, description, urn, ...(enforcementLevel ? { enforcementLevel } : {}) };
    (reportViolation as unknown as (d: typeof diagnostic) => void)(diagnostic);
}

function errorText(error: unknown): string {
    if (error instanceof Error) {
        return `${error.name}: ${error.message}`;
    }
    return String(error);
}

function internalErrorMessage(policy: string, where: string, error: unknown): string {
    return `aws-preflight could not finish '${policy}' on ${where} and skipped it: a bug in the pack, not in your ` +
        `program; please report it.\n\n${errorText(error)}`;
}

export function resourcePolicy<C>(def: ResourcePolicyDefinition<C>): PreflightPolicy<C> {
    const types = new Set(def.resourceTypes);
    const reportInvalidConfig = invalidConfigReporter(def as PolicyMetadata<unknown>);
    const contextFor = (args: ResourceValidationArgs, report: (f: Finding) => void, checked?: C): ResourceContext<C> => {
        const props = new PropertyBag(args.props);
        // Provider, config and stack are computed on first use: most calls never need them.
        let provider: ProviderInfo | undefined | null = null;
        let config: C | undefined = checked;
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
                return config ??= withDefaults(def.config, args.getConfig<Record<string, unknown>>());
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
        let scrubber: SecretScrubber | undefined;
        const secrets = () => scrubber ??= new SecretScrubber()
            .add(ctx?.props.secretValues() ?? []).add(ctx?.provider?.props.secretValues() ?? []).add(stackSecretValues());
        try {
            let checked: C | undefined;
            if (!configCheckedAtConfigure()) {
                const configured = args.getConfig<Record<string, unknown>>();
                const result = checkedConfig(def, configured);
                if ("problems" in result) {
                    reportInvalidConfig(configured, result.problems, message => emit(reportViolation, def.description, message, "mandatory"));
                    return;
                }
                checked = result.config;
            }
            ctx = contextFor(args, finding =>
                emit(reportViolation, def.description, formatFinding(finding, secrets), !!finding.advisory), checked);
            def.validate(ctx);
        } catch (error) {
            const message = internalErrorMessage(def.name, `${args.name} (${args.type})`, error);
            emit(reportViolation, def.description, safeMessage(message, secrets()), true);
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
                const result = checkedConfig(def, args.getConfig<Record<string, unknown>>());
                if ("problems" in result) {
                    return undefined; // validation reports the invalid config
                }
                const ctx = contextFor(args, () => undefined, result.config);
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

export function stackPolicy<C>(def: StackPolicyDefinition<C>): PreflightPolicy<C> {
    const reportInvalidConfig = invalidConfigReporter(def as PolicyMetadata<unknown>);
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation): void | Promise<void> => {
        let resources: StackResource[] = [];
        // Only resources whose properties a policy read can have put a value into a message; they register in
        // `read` as they are read, and each is scanned for secrets once, at the first report after it was read.
        const read: StackResource[] = [];
        const scrubber = new SecretScrubber();
        let scanned = 0;
        let stackSecretsAdded = false;
        const secrets = () => {
            if (!stackSecretsAdded) {
                scrubber.add(stackSecretValues());
                stackSecretsAdded = true;
            }
            for (; scanned < read.length; scanned++) {
                scrubber.add(read[scanned].props.secretValues()).add(read[scanned].provider?.props.secretValues() ?? []);
            }
            return scrubber;
        };
        const failed = (error: unknown) => {
            const message = internalErrorMessage(def.name, "the stack", error);
            emit(reportViolation, def.description, safeMessage(message, secrets()), true);
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
            const configured = args.getConfig<Record<string, unknown>>();
            const checked = checkedConfig(def, configured);
            if ("problems" in checked) {
                reportInvalidConfig(configured, checked.problems, message => emit(reportViolation, def.description, message, "mandatory"));
                return;
            }
            const ctx: StackContext<C> = {
                resources,
                config: checked.config,
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
                    formatFinding(finding, secrets), !!finding.advisory, resource?.urn),
            };
            const pending = def.validate(ctx);
            if (pending) {
                return pending.catch(failed);
            }
        } catch (error) {
            failed(error);
        }
    };
    const policy: StackValidationPolicy = { ...policyBase(def), validateStack };
    return { kind: "stack", metadata: def as PolicyMetadata<unknown>, policy };
}
