// Runs a Pulumi program in preview mode under the SDK's mock monitor and records every resource it registers as
// the engine would describe it to a policy pack: type, name, URN, parent, provider, dependencies, property
// dependencies, and inputs in wire form (unknowns kept as the engine's sentinels, secrets marked, resource
// references turned into ids or URNs).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
// Internal runtime functions (marked @internal, so absent from the type declarations).
const settings: {
    setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
    waitForRPCs(): Promise<void>;
} = require("@pulumi/pulumi/runtime/settings");
const state: { getStore(): Record<string, unknown> } = require("@pulumi/pulumi/runtime/state");
import * as YAML from "yaml";
import { ProviderRecord, ResourceRecord, UNKNOWN } from "./engine";

const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const AWS_PROVIDER_VERSION: string = require("@pulumi/aws/package.json").version;

export interface ProgramOptions {
    readonly project: string;
    readonly stack: string;
    /** Stack config, `namespace:key` to value (as in Pulumi.<stack>.yaml). */
    readonly config?: Readonly<Record<string, string>>;
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

class RecordingMonitor extends MockMonitor {
    readonly registrations: Registration[] = [];

    constructor() {
        super({
            // Preview: the id and every computed output of a resource being created are unknown; the state holds
            // only the inputs, as the provider's preview does.
            newResource: args => ({ id: undefined as unknown as string, state: args.inputs }),
            call: args => args.inputs,
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
}

function installMonitor(options: ProgramOptions): RecordingMonitor {
    const monitor = new RecordingMonitor();
    settings.setMockOptions(monitor, options.project, options.stack, true);
    const store = state.getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsAliasSpecs = true;
    pulumi.runtime.setAllConfig({ ...(options.config ?? {}) });
    return monitor;
}

/** Runs `program` (a function that declares resources) and returns the resources as the engine sends them. */
export async function recordProgram(program: () => unknown, options: ProgramOptions): Promise<ResourceRecord[]> {
    const monitor = installMonitor(options);
    const computed = new ComputedOutputs();
    await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(args => computed.observe(args.type, args.props));
        await program();
    });
    await settings.waitForRPCs();
    return toRecords(monitor.registrations, options, computed);
}

/**
 * Which computed outputs a type has, from the property names its SDK class passes to the Resource constructor
 * (output-only properties are passed as `undefined`), so a recorded resource being created can carry them as
 * unknown in the outputs AnalyzeStack receives, as the provider's preview Create returns them.
 */
class ComputedOutputs {
    private readonly withArn = new Set<string>();

    observe(type: string, props: Record<string, unknown>): undefined {
        if ("arn" in props) {
            this.withArn.add(type);
        }
        return undefined;
    }

    /** The planned outputs of a resource being created: its inputs, an unknown `id`, and an unknown `arn` when the
     * type has one the inputs do not set. */
    plannedOutputs(type: string, properties: Record<string, unknown>): Record<string, unknown> {
        const unknown: Record<string, unknown> = { id: UNKNOWN };
        if (this.withArn.has(type) && properties.arn === undefined) {
            unknown.arn = UNKNOWN;
        }
        return { ...properties, ...unknown };
    }
}

function toRecords(registrations: readonly Registration[], options: ProgramOptions, computed: ComputedOutputs): ResourceRecord[] {
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
        const resolved = version || AWS_PROVIDER_VERSION;
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
            ...(r.custom && !r.type.startsWith("pulumi:providers:") ? { outputs: computed.plannedOutputs(r.type, properties) } : {}),
            ...(r.parent ? { parent: r.parent } : {}),
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            ...(provider ? { provider } : {}),
        };
    });
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

/** Reads a Pulumi project directory: Pulumi.yaml and Pulumi.<stack>.yaml (default stack `dev`). */
export function readProject(dir: string, stack = "dev"): ExampleProgram {
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

/** Runs a compiled example program (its `index.js`) and returns its records. */
export async function recordExample(example: ExampleProgram, compiledIndex: string): Promise<ResourceRecord[]> {
    return recordProgram(() => require(compiledIndex), { project: example.project, stack: example.stack, config: example.config });
}
