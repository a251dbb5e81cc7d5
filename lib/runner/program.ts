// Runs a Pulumi program in preview mode under the SDK's mock monitor and records every resource it registers as
// the engine would describe it to a policy pack: type, name, URN, parent, provider, dependencies, property
// dependencies, and inputs in wire form (unknowns kept as the engine's sentinels, secrets marked, resource
// references turned into ids or URNs). By default it uses this package's @pulumi/pulumi and @pulumi/aws (the
// examples); `check` passes the program's own (`sdkOf`), since the program's resources register with its copy.
import * as fs from "fs";
import * as path from "path";
import type * as pulumiModule from "@pulumi/pulumi";
import type { MockMonitor, Mocks } from "@pulumi/pulumi/runtime/mocks";
import * as YAML from "yaml";
import { ProviderRecord, ResourceRecord, UNKNOWN } from "./engine";

const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** The Pulumi SDK modules a program's resources register through. */
export interface PulumiSdk {
    readonly pulumi: typeof pulumiModule;
    readonly MockMonitor: typeof MockMonitor;
    // Internal runtime functions (marked @internal, so absent from the type declarations).
    readonly settings: {
        setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
        waitForRPCs(): Promise<void>;
    };
    readonly state: { getStore(): Record<string, unknown> };
    /** The @pulumi/aws version the program's default provider gets when the SDK does not say. */
    readonly awsVersion: string;
}

/** The SDK that `from` (a directory) resolves, e.g. a user's program's node_modules. */
export function sdkOf(from: string): PulumiSdk {
    const load = (id: string) => require(require.resolve(id, { paths: [from] }));
    let awsVersion = "";
    try {
        awsVersion = load("@pulumi/aws/package.json").version;
    } catch {
        // A program without @pulumi/aws declares no AWS resources of its own SDK version.
    }
    return {
        pulumi: load("@pulumi/pulumi"),
        MockMonitor: load("@pulumi/pulumi/runtime/mocks").MockMonitor,
        settings: load("@pulumi/pulumi/runtime/settings"),
        state: load("@pulumi/pulumi/runtime/state"),
        awsVersion,
    };
}

let ownSdk: PulumiSdk | undefined;

function defaultSdk(): PulumiSdk {
    return ownSdk ??= sdkOf(__dirname);
}

export interface ProgramOptions {
    readonly project: string;
    readonly stack: string;
    /** Stack config, `namespace:key` to value (as in Pulumi.<stack>.yaml). */
    readonly config?: Readonly<Record<string, string>>;
    /** Config keys whose values are secret (as `pulumi config set --secret` marks them). */
    readonly secretKeys?: readonly string[];
    /** Answers invokes (data sources); the default echoes the arguments. */
    readonly call?: Mocks["call"];
}

interface Registration {
    type: string;
    name: string;
    urn: string;
    custom: boolean;
    parent: string;
    providerRef: string;
    /** The package version the SDK asked for; the engine picks the default provider of that version. */
    version: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    object: Record<string, unknown>;
}

interface RecordingMonitor {
    readonly registrations: Registration[];
}

function recordingMonitor(sdk: PulumiSdk, call: Mocks["call"]): RecordingMonitor {
    return new (recordingMonitorClass(sdk.MockMonitor))(call);
}

const recordingMonitorClass = (Base: typeof MockMonitor) => class RecordingMonitor extends Base {
    readonly registrations: Registration[] = [];

    constructor(call: Mocks["call"]) {
        super({
            // Preview: the id and every computed output of a resource being created are unknown; the state holds
            // only the inputs, as the provider's preview does.
            newResource: args => ({ id: undefined as unknown as string, state: args.inputs }),
            call,
        });
    }

    async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        await super.registerResource(req, (err: any, response: any) => {
            if (!err) {
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                    propertyDependencies[key] = deps.getUrnsList();
                });
                this.registrations.push({
                    type: req.getType(),
                    name: req.getName(),
                    urn: response.getUrn(),
                    custom: req.getCustom(),
                    parent: req.getParent(),
                    providerRef: req.getProvider(),
                    version: req.getVersion(),
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    object: req.getObject()?.toJavaScript() ?? {},
                });
            }
            callback(err, response);
        });
    }
};

/** Points `sdk` at a recording mock monitor in preview mode; records what the program registers from then on. */
export function installMonitor(options: ProgramOptions, sdk: PulumiSdk = defaultSdk()): RecordingMonitor {
    const monitor = recordingMonitor(sdk, options.call ?? (args => args.inputs));
    sdk.settings.setMockOptions(monitor, options.project, options.stack, true);
    const store = sdk.state.getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsAliasSpecs = true;
    sdk.pulumi.runtime.setAllConfig({ ...(options.config ?? {}) }, [...(options.secretKeys ?? [])]);
    return monitor;
}

/** Runs `program` (a function that declares resources) and returns the resources as the engine sends them. */
export async function recordProgram(program: () => unknown, options: ProgramOptions): Promise<ResourceRecord[]> {
    const sdk = defaultSdk();
    const monitor = installMonitor(options, sdk);
    await sdk.pulumi.runtime.runInPulumiStack(async () => {
        await program();
    });
    return recorded(monitor, options, sdk);
}

/** Waits for the program's outstanding registrations and returns what it registered, as the engine sends it. */
export async function recorded(monitor: RecordingMonitor, options: ProgramOptions, sdk: PulumiSdk = defaultSdk()): Promise<ResourceRecord[]> {
    await sdk.settings.waitForRPCs();
    return toRecords(monitor.registrations, options, sdk.awsVersion);
}

function toRecords(registrations: readonly Registration[], options: ProgramOptions, awsProviderVersion: string): ResourceRecord[] {
    const byUrn = new Map(registrations.map(r => [r.urn, r]));
    const providers = new Map<string, ProviderRecord>();
    for (const r of registrations) {
        if (r.type.startsWith("pulumi:providers:")) {
            // The engine puts the version the SDK asked for into an explicit provider's inputs (source_eval.go
            // RegisterResource: providers.SetProviderVersion).
            const properties = wireForm(r.object, byUrn) as Record<string, unknown>;
            providers.set(r.urn, { type: r.type, name: r.name, urn: r.urn,
                properties: r.version && properties.version === undefined ? { ...properties, version: r.version } : properties });
        }
    }
    // The engine gives each resource without an explicit provider the default provider of the package version
    // its SDK asked for (@pulumi/aws v6 and v7 programs get different ones), configured from stack config.
    const defaultProviders = new Map<string, ProviderRecord>();
    const defaultAwsProvider = (version: string): ProviderRecord => {
        const resolved = version || awsProviderVersion;
        let provider = defaultProviders.get(resolved);
        if (!provider) {
            const name = `default_${resolved.replace(/\./g, "_")}`;
            provider = {
                type: "pulumi:providers:aws",
                name,
                urn: `urn:pulumi:${options.stack}::${options.project}::pulumi:providers:aws::${name}`,
                properties: {
                    version: resolved,
                    ...(options.config?.["aws:region"] ? { region: options.config["aws:region"] } : {}),
                },
            };
            defaultProviders.set(resolved, provider);
        }
        return provider;
    };
    return registrations.map(r => {
        const providerUrn = r.providerRef ? r.providerRef.split("::").slice(0, -1).join("::") : "";
        const provider = providers.get(providerUrn) ?? (r.custom && r.type.startsWith("aws:") ? defaultAwsProvider(r.version) : undefined);
        const properties = providers.get(r.urn)?.properties ?? wireForm(r.object, byUrn) as Record<string, unknown>;
        return {
            type: r.type,
            name: r.name,
            urn: r.urn,
            properties,
            // A preview of a new stack: every custom resource is being created.
            ...(r.custom && !r.type.startsWith("pulumi:providers:") ? { outputs: plannedOutputs(properties) } : {}),
            ...(r.parent ? { parent: r.parent } : {}),
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            ...(provider ? { provider } : {}),
        };
    });
}

/**
 * The planned outputs of a resource being created, as AnalyzeStack receives them: its inputs, and the values the
 * provider computes at create unknown. The terraform bridge's preview Create returns the planned state of a resource
 * that does not exist yet, with every computed value unknown and `id` always present (pulumi-terraform-bridge
 * pkg/tfbridge/provider.go); `arn` is added for every type (a type without one is never asked for it).
 */
function plannedOutputs(properties: Record<string, unknown>): Record<string, unknown> {
    return { ...properties, id: UNKNOWN, ...(properties.arn === undefined ? { arn: UNKNOWN } : {}) };
}

/** Resource references become what the engine hands analyzers: the id of a custom resource (unknown while it is
 * being created), the URN of a component. */
function wireForm(value: unknown, byUrn: ReadonlyMap<string, Registration>): unknown {
    if (Array.isArray(value)) {
        return value.map(item => wireForm(item, byUrn));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === RESOURCE_REF_SIG) {
        const urn = String(record.urn ?? "");
        const target = byUrn.get(urn);
        if (target && !target.custom) {
            return urn;
        }
        return typeof record.id === "string" && record.id !== "" ? record.id : UNKNOWN;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
        out[key] = wireForm(item, byUrn);
    }
    return out;
}

export interface ExampleProgram {
    readonly dir: string;
    readonly project: string;
    readonly stack: string;
    readonly config: Record<string, string>;
}

/** Reads a Pulumi project directory: Pulumi.yaml and Pulumi.<stack>.yaml (default: the only stack file's stack, else
 * `dev`), so an example can run under the stack name it is about (`Pulumi.TapStackpr6264.yaml`). */
export function readProject(dir: string, stack = onlyStack(dir) ?? "dev"): ExampleProgram {
    const project = YAML.parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    const config: Record<string, string> = {};
    if (fs.existsSync(stackFile)) {
        const parsed = YAML.parse(fs.readFileSync(stackFile, "utf8")) ?? {};
        for (const [key, value] of Object.entries(parsed.config ?? {})) {
            const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
            config[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { dir, project: project.name, stack, config };
}

function onlyStack(dir: string): string | undefined {
    const stacks = fs.readdirSync(dir).map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
    return stacks.length === 1 ? stacks[0] : undefined;
}

/** Runs a compiled example program (its `index.js`) and returns its records. */
export async function recordExample(example: ExampleProgram, compiledIndex: string): Promise<ResourceRecord[]> {
    return recordProgram(() => require(compiledIndex), { project: example.project, stack: example.stack, config: example.config });
}
