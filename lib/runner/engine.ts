// Plays the Pulumi engine's side of the analyzer protocol against a policy pack launched the way the CLI
// launches it: `node <@pulumi/pulumi/cmd/run-policy-pack> <engine-address> <pack-dir>` with cwd = pack dir and
// the stack described in environment variables. Used by the end-to-end tests, the demo and the benchmark.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

// The stubs the CLI itself is generated from, as the pack's own @pulumi/pulumi ships them.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");

export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function policyConfig(name: string, level: unknown, properties: Record<string, unknown>): unknown {
    if (typeof level !== "string" || !(level in LEVEL_TO_PROTO)) {
        // The CLI's own error for such config (pulumi/pulumi plugin/analyzer_plugin.go Configure).
        throw new Error(`invalid enforcement level ${JSON.stringify(level ?? "")} for "${name}" in the policy pack config`);
    }
    const config = new analyzerPb.PolicyConfig();
    config.setEnforcementlevel(LEVEL_TO_PROTO[level as EnforcementLevel]);
    config.setProperties(Struct.fromJavaScript(properties as any));
    return config;
}

/** A property value the engine would send as secret. */
export function secret(value: unknown): Record<string, unknown> {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
const LEVEL_TO_PROTO: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const LEVEL_FROM_PROTO: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

export interface ProviderRecord {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly properties: Record<string, unknown>;
}

/** A resource as the engine describes it to analyzers (properties in wire form: sentinels and secret marks). */
export interface ResourceRecord {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly properties: Record<string, unknown>;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly provider?: ProviderRecord;
    /** What AnalyzeStack receives instead of `properties`: the planned outputs (for a resource being created, its
     * inputs plus unknown computed outputs such as `id` and `arn`; for an existing one, known outputs). */
    readonly outputs?: Record<string, unknown>;
}

export interface Diagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly message: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly urn: string;
    readonly severity: number;
}

export interface PolicyInfo {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: number;
    readonly tags: readonly string[];
    readonly url: string;
    readonly remediationSteps: string;
    readonly policyType: "resource" | "stack" | "unknown";
    readonly configSchema: Record<string, { default?: unknown; type?: unknown }>;
}

export interface StackDescription {
    readonly stack: string;
    readonly project: string;
    readonly organization?: string;
    readonly dryRun?: boolean;
    /** Stack config as the CLI passes it: `namespace:key` to string. */
    readonly config?: Readonly<Record<string, string>>;
    /**
     * The config keys that are secret. The CLI names them only in ConfigureStack's `config_secret_keys`
     * (pulumi/pulumi analyzer_plugin.go) and does not set PULUMI_CONFIG_SECRET_KEYS, and neither does this client.
     */
    readonly configSecretKeys?: readonly string[];
    readonly tags?: Readonly<Record<string, string>>;
}

export interface LaunchResult {
    readonly pack: PolicyPackProcess;
    /** Milliseconds from spawn to the port printed on stdout. */
    readonly startupMs: number;
}

export class PolicyPackProcess {
    private stderr = "";

    private constructor(private readonly child: ChildProcess, private readonly client: any, readonly port: number) {
        child.stderr?.on("data", chunk => { this.stderr += chunk.toString(); });
    }

    static async launch(packDir: string, stack: StackDescription, extraEnv: NodeJS.ProcessEnv = {}): Promise<LaunchResult> {
        const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
        const inherited: NodeJS.ProcessEnv = { ...process.env };
        delete inherited.PULUMI_CONFIG_SECRET_KEYS; // the CLI does not set it for policy packs
        const env: NodeJS.ProcessEnv = {
            ...inherited,
            PULUMI_NODEJS_STACK: stack.stack,
            PULUMI_NODEJS_PROJECT: stack.project,
            PULUMI_NODEJS_ORGANIZATION: stack.organization ?? "organization",
            PULUMI_NODEJS_DRY_RUN: String(stack.dryRun ?? true),
            PULUMI_CONFIG: JSON.stringify(stack.config ?? {}),
            ...extraEnv,
        };
        // Variables of the surrounding test run must not leak into the pack (mocha, ts-node).
        delete env.TS_NODE_PROJECT;
        delete env.TS_NODE_TRANSPILE_ONLY;
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", "."], {
            cwd: packDir,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            let stderr = "";
            const timer = setTimeout(() => fail(new Error("policy pack did not print its port within 60 s")), 60_000);
            const fail = (error: Error) => {
                clearTimeout(timer);
                child.kill("SIGKILL");
                reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
            };
            child.stderr!.on("data", chunk => { stderr += chunk.toString(); });
            child.stdout!.on("data", chunk => {
                stdout += chunk.toString();
                const newline = stdout.indexOf("\n");
                if (newline >= 0) {
                    clearTimeout(timer);
                    const first = stdout.slice(0, newline).trim();
                    // The CLI reads the first line as the port; anything else there breaks the handshake.
                    if (!/^\d+$/.test(first)) {
                        fail(new Error(`first line on stdout is not a port: ${JSON.stringify(first)}`));
                    } else {
                        resolve(Number(first));
                    }
                }
            });
            child.on("exit", code => fail(new Error(`policy pack exited with code ${code} before printing its port`)));
        });
        const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
        child.removeAllListeners("exit");
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        const pack = new PolicyPackProcess(child, client, port);
        await pack.handshake(packDir);
        await pack.configureStack(stack);
        return { pack, startupMs };
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    get stderrText(): string {
        return this.stderr;
    }

    private call<T>(method: string, request: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            this.client[method](request, (error: Error | null, response: T) => error ? reject(error) : resolve(response));
        });
    }

    /** The CLI's first call; @pulumi/policy does not implement it, and the CLI tolerates UNIMPLEMENTED. */
    async handshake(packDir: string): Promise<"ok" | "unimplemented"> {
        const request = new analyzerPb.AnalyzerHandshakeRequest();
        request.setEngineAddress("127.0.0.1:1");
        request.setRootDirectory(packDir);
        request.setProgramDirectory(packDir);
        try {
            await this.call("handshake", request);
            return "ok";
        } catch (error) {
            if ((error as { code?: number }).code === grpc.status.UNIMPLEMENTED) {
                return "unimplemented";
            }
            throw error;
        }
    }

    async configureStack(stack: StackDescription): Promise<void> {
        const request = new analyzerPb.AnalyzerStackConfigureRequest();
        request.setStack(stack.stack);
        request.setProject(stack.project);
        request.setOrganization(stack.organization ?? "organization");
        request.setDryRun(stack.dryRun ?? true);
        for (const [key, value] of Object.entries(stack.config ?? {})) {
            request.getConfigMap().set(key, value);
        }
        request.setConfigSecretKeysList([...(stack.configSecretKeys ?? [])]);
        for (const [key, value] of Object.entries(stack.tags ?? {})) {
            request.getTagsMap().set(key, value);
        }
        await this.call("configureStack", request);
    }

    async getAnalyzerInfo(): Promise<{ name: string; version: string; policies: PolicyInfo[] }> {
        const info: any = await this.call("getAnalyzerInfo", new Empty());
        const policyTypes: Record<number, PolicyInfo["policyType"]> = { 1: "resource", 2: "stack" };
        return {
            name: info.getName(),
            version: info.getVersion(),
            policies: info.getPoliciesList().map((p: any) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVEL_FROM_PROTO[p.getEnforcementlevel()],
                severity: p.getSeverity(),
                tags: p.getTagsList(),
                url: p.getUrl(),
                remediationSteps: p.getRemediationSteps(),
                policyType: policyTypes[p.getPolicyType()] ?? "unknown",
                configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
            })),
        };
    }

    /**
     * Sends `Configure` the way the CLI does: every policy with its level and its schema defaults, overridden by
     * `overrides` (the `--policy-pack-config` file's content).
     */
    async configure(policies: readonly PolicyInfo[], overrides: Readonly<Record<string, unknown>> = {}): Promise<void> {
        const request = new analyzerPb.ConfigureAnalyzerRequest();
        for (const policy of policies) {
            const override = overrides[policy.name] ?? overrides.all;
            const properties: Record<string, unknown> = {};
            for (const [key, schema] of Object.entries(policy.configSchema)) {
                if (schema && schema.default !== undefined) {
                    properties[key] = schema.default;
                }
            }
            let level = policy.enforcementLevel;
            if (typeof override === "string") {
                level = override as EnforcementLevel;
            } else if (override && typeof override === "object") {
                for (const [key, value] of Object.entries(override)) {
                    if (key === "enforcementLevel") {
                        level = value as EnforcementLevel;
                    } else {
                        properties[key] = value;
                    }
                }
            }
            request.getPolicyconfigMap().set(policy.name, policyConfig(policy.name, level, properties));
        }
        // Like the CLI (pulumi/pulumi pkg/resource/analyzer/config.go applyConfig, plugin/analyzer_plugin.go
        // Configure), entries for names that are no policy of the pack ("all", a misspelt policy) are passed on;
        // without an enforcement level the CLI itself fails on them.
        const known = new Set(policies.map(p => p.name));
        for (const [name, value] of Object.entries(overrides)) {
            if (known.has(name)) {
                continue;
            }
            const { enforcementLevel, ...properties } = typeof value === "object" && value !== null
                ? value as Record<string, unknown> : { enforcementLevel: value };
            request.getPolicyconfigMap().set(name, policyConfig(name, enforcementLevel, properties));
        }
        await this.call("configure", request);
    }

    async analyze(resource: ResourceRecord): Promise<Diagnostic[]> {
        return this.analyzePrepared(prepareAnalyze(resource));
    }

    /** Sends an `Analyze` request serialized beforehand with `prepareAnalyze` (the benchmark times only the pack). */
    async analyzePrepared(request: PreparedRequest): Promise<Diagnostic[]> {
        return diagnostics(await this.callPrepared(request));
    }

    async analyzeStackPrepared(request: PreparedRequest): Promise<Diagnostic[]> {
        return diagnostics(await this.callPrepared(request));
    }

    private callPrepared(request: PreparedRequest): Promise<unknown> {
        return new Promise((resolve, reject) => {
            this.client.makeUnaryRequest(request.path, (bytes: Buffer) => bytes,
                (bytes: Buffer) => analyzerPb.AnalyzeResponse.deserializeBinary(new Uint8Array(bytes)), request.bytes,
                (error: Error | null, response: unknown) => error ? reject(error) : resolve(response));
        });
    }

    /** Returns the remediated properties (wire form) and the policies that changed them. */
    async remediate(resource: ResourceRecord): Promise<{ properties: Record<string, unknown>; policies: string[]; diagnostics: string[] }> {
        const response: any = await this.call("remediate", analyzeRequest(resource));
        let properties = resource.properties;
        const policies: string[] = [];
        const notes: string[] = [];
        for (const remediation of response.getRemediationsList()) {
            const props = remediation.getProperties();
            if (props) {
                properties = props.toJavaScript();
                policies.push(remediation.getPolicyname());
            }
            if (remediation.getDiagnostic()) {
                notes.push(remediation.getDiagnostic());
            }
        }
        return { properties, policies, diagnostics: notes };
    }

    async analyzeStack(resources: readonly ResourceRecord[]): Promise<Diagnostic[]> {
        return this.analyzeStackPrepared(prepareAnalyzeStack(resources));
    }

    async close(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            await new Promise<void>(resolve => {
                this.child.once("exit", () => resolve());
                this.child.kill("SIGTERM");
            });
        }
    }
}

/** A request serialized to protobuf bytes ahead of time, with the method it is for. */
export interface PreparedRequest {
    readonly path: string;
    readonly bytes: Buffer;
}

export function prepareAnalyze(resource: ResourceRecord): PreparedRequest {
    return { path: "/pulumirpc.Analyzer/Analyze", bytes: Buffer.from(analyzeRequest(resource).serializeBinary()) };
}

function analyzeRequest(resource: ResourceRecord): any {
    return withResourceFields(new analyzerPb.AnalyzeRequest(), resource);
}

/** The fields AnalyzeRequest and AnalyzerResource share. */
function withResourceFields(message: any, resource: ResourceRecord): any {
    message.setType(resource.type);
    message.setName(resource.name);
    message.setUrn(resource.urn);
    message.setProperties(Struct.fromJavaScript(resource.properties as any));
    message.setOptions(resourceOptions(resource));
    if (resource.provider) {
        message.setProvider(providerMessage(resource.provider));
    }
    return message;
}

export function prepareAnalyzeStack(resources: readonly ResourceRecord[]): PreparedRequest {
    const request = new analyzerPb.AnalyzeStackRequest();
    request.setResourcesList(resources.map(resource => {
        const message = withResourceFields(new analyzerPb.AnalyzerResource(), { ...resource, properties: resource.outputs ?? resource.properties });
        if (resource.parent) {
            message.setParent(resource.parent);
        }
        message.setDependenciesList([...(resource.dependencies ?? [])]);
        for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            const deps = new analyzerPb.AnalyzerPropertyDependencies();
            deps.setUrnsList([...urns]);
            message.getPropertydependenciesMap().set(property, deps);
        }
        return message;
    }));
    return { path: "/pulumirpc.Analyzer/AnalyzeStack", bytes: Buffer.from(request.serializeBinary()) };
}

function resourceOptions(resource: ResourceRecord): unknown {
    const options = new analyzerPb.AnalyzerResourceOptions();
    options.setProtect(false);
    if (resource.parent) {
        options.setParent(resource.parent);
    }
    return options;
}

function providerMessage(provider: ProviderRecord): unknown {
    const message = new analyzerPb.AnalyzerProviderResource();
    message.setType(provider.type);
    message.setName(provider.name);
    message.setUrn(provider.urn);
    message.setProperties(Struct.fromJavaScript(provider.properties as any));
    return message;
}

function diagnostics(response: any): Diagnostic[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        message: d.getMessage(),
        description: d.getDescription(),
        enforcementLevel: LEVEL_FROM_PROTO[d.getEnforcementlevel()],
        urn: d.getUrn(),
        severity: d.getSeverity(),
    }));
}

/** The directory of this pack (the repository root), wherever the harness is compiled to. */
const LIB_PARENT = path.resolve(__dirname, "..", "..");
export const PACK_DIR = ["bin", "build"].includes(path.basename(LIB_PARENT)) ? path.dirname(LIB_PARENT) : LIB_PARENT;

export function urnOf(type: string, name: string, stack = "dev", project = "app"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
