// `checkProgram` / `aws-preflight check`: records a user's Pulumi TypeScript or JavaScript program in preview mode
// (in a child process, with the program's own node_modules) and drives this package's compiled pack over the
// analyzer protocol with the result, as `pulumi preview --policy-pack` would.
import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { CLOCK_ENV } from "../framework/clock";
import { evaluate } from "./analyze";
import { ProgramError } from "./check-errors";
import { EnforcementLevel, PACK_DIR, PolicyPackProcess, ResourceRecord } from "./engine";
import type { RecordJob, RecordResult } from "./record-program";

export interface CheckOptions {
    /** The stack whose Pulumi.<stack>.yaml config applies; default: the only stack file, else `dev`. */
    readonly stack?: string;
    /** Config values, `key` (the project's namespace) or `namespace:key` to value; win over the stack file. */
    readonly config?: Readonly<Record<string, string>>;
    /** The `--policy-pack-config` content: an object, or the path of a JSON file. */
    readonly policyConfig?: Readonly<Record<string, unknown>> | string;
    /** Evaluate date-dependent policies as on this ISO date instead of today. */
    readonly date?: string;
    /** Receives what the program prints (default: collected into `report.programOutput`). */
    readonly programOutput?: (chunk: string) => void;
}

export interface CheckFinding {
    readonly policy: string;
    readonly level: EnforcementLevel;
    /** The resource the finding is about; undefined for one about the whole stack. */
    readonly resource?: { readonly name: string; readonly type: string; readonly urn: string };
    readonly message: string;
}

export interface CheckReport {
    readonly project: string;
    readonly stack: string;
    /** Resources the program declared (the stack resource and providers included). */
    readonly resourceCount: number;
    readonly findings: readonly CheckFinding[];
    /** Findings that would fail `pulumi preview` with this pack. */
    readonly mandatory: readonly CheckFinding[];
    readonly advisory: readonly CheckFinding[];
    /** Properties the pack's remediate-level policies changed, per resource. */
    readonly remediations: readonly { readonly resource: string; readonly policies: readonly string[] }[];
    /** Config values that are encrypted in the stack file and were replaced by secret stand-ins. */
    readonly standInConfig: readonly string[];
    /** What the program printed, unless `programOutput` was given. */
    readonly programOutput: string;
}

interface ProjectFile {
    readonly name: string;
    readonly runtime: string;
    readonly typescript: boolean;
    readonly tsconfig?: string;
    readonly main?: string;
    readonly config: Record<string, unknown>;
}

function readProjectFile(dir: string): ProjectFile {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map(f => path.join(dir, f)).find(f => fs.existsSync(f));
    if (!file) {
        throw new ProgramError(`${dir} is not a Pulumi project: it has no Pulumi.yaml.`);
    }
    const parsed = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
    const runtime = typeof parsed.runtime === "string" ? parsed.runtime : parsed.runtime?.name;
    const options = typeof parsed.runtime === "object" ? parsed.runtime?.options ?? {} : {};
    if (typeof parsed.name !== "string" || parsed.name === "") {
        throw new ProgramError(`${file} has no project name.`);
    }
    return {
        name: parsed.name,
        runtime: String(runtime),
        // The Node.js language host compiles TypeScript unless `typescript: false`.
        typescript: options.typescript !== false,
        tsconfig: typeof options.tsconfig === "string" ? options.tsconfig : undefined,
        main: typeof parsed.main === "string" ? parsed.main : undefined,
        config: typeof parsed.config === "object" && parsed.config ? parsed.config : {},
    };
}

/** The working directory and entry the CLI runs the program with (Pulumi's `getPwdMain`, pkg/engine). */
function pwdAndEntry(root: string, main: string | undefined): { pwd: string; entry: string } {
    if (!main) {
        return { pwd: root, entry: "." };
    }
    const target = path.resolve(root, main);
    if (!fs.existsSync(target)) {
        throw new ProgramError(`Pulumi.yaml sets main: ${main}, which does not exist in ${root}.`);
    }
    return fs.statSync(target).isDirectory() ? { pwd: target, entry: "." } : { pwd: path.dirname(target), entry: path.basename(target) };
}

function chooseStack(dir: string, stack: string | undefined): string {
    if (stack) {
        return stack;
    }
    const stacks = fs.readdirSync(dir).map(f => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1]).filter((s): s is string => !!s);
    return stacks.length === 1 ? stacks[0] : "dev";
}

interface StackConfig {
    readonly config: Record<string, string>;
    readonly secretKeys: string[];
    readonly standIns: string[];
}

const configString = (value: unknown) => typeof value === "string" ? value : JSON.stringify(value);

/** Project defaults, then Pulumi.<stack>.yaml, then the caller's values, as `pulumi config` layers them. */
function stackConfig(dir: string, project: ProjectFile, stack: string, given: Readonly<Record<string, string>>): StackConfig {
    const qualify = (key: string) => key.includes(":") ? key : `${project.name}:${key}`;
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const standIns: string[] = [];
    for (const [key, declared] of Object.entries(project.config)) {
        const value = declared && typeof declared === "object" && !Array.isArray(declared)
            ? (declared as Record<string, unknown>).value ?? (declared as Record<string, unknown>).default
            : declared;
        if (value !== undefined) {
            config[qualify(key)] = configString(value);
        }
    }
    const file = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map(f => path.join(dir, f)).find(f => fs.existsSync(f));
    const parsed = file ? YAML.parse(fs.readFileSync(file, "utf8")) ?? {} : {};
    for (const [key, value] of Object.entries(parsed.config ?? {})) {
        if (value && typeof value === "object" && "secure" in value) {
            // Encrypted with the stack's secrets provider, which only the Pulumi CLI can open.
            config[qualify(key)] = "preview-secret-stand-in";
            secretKeys.push(qualify(key));
            standIns.push(qualify(key));
        } else {
            config[qualify(key)] = configString(value);
        }
    }
    for (const [key, value] of Object.entries(given)) {
        config[qualify(key)] = value;
        const i = standIns.indexOf(qualify(key));
        if (i >= 0) {
            standIns.splice(i, 1);
        }
    }
    return { config, secretKeys, standIns };
}

function readPolicyConfig(policyConfig: CheckOptions["policyConfig"]): Record<string, unknown> {
    if (policyConfig === undefined) {
        return {};
    }
    if (typeof policyConfig !== "string") {
        return { ...policyConfig };
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(policyConfig, "utf8"));
    } catch (error) {
        throw new ProgramError(`could not read the policy config ${policyConfig}: ${(error as Error).message}`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new ProgramError(`the policy config ${policyConfig} must be a JSON object of policy names (as for --policy-pack-config).`);
    }
    return parsed as Record<string, unknown>;
}

const RECORD_PROGRAM = path.join(__dirname, "record-program.js");

function recordInChild(job: RecordJob, typescript: ProjectFile, output: (chunk: string) => void): Promise<ResourceRecord[]> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // As the language host sets them for the program (pulumi-language-nodejs RunPlugin/Run).
    if (typescript.typescript) {
        env.PULUMI_NODEJS_TYPESCRIPT = "true";
    } else {
        delete env.PULUMI_NODEJS_TYPESCRIPT;
    }
    if (typescript.tsconfig) {
        env.PULUMI_NODEJS_TSCONFIG_PATH = typescript.tsconfig;
    }
    delete env.TS_NODE_PROJECT;
    return new Promise((resolve, reject) => {
        const child = fork(RECORD_PROGRAM, [JSON.stringify(job)], { cwd: job.pwd, env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
        child.stdout!.on("data", chunk => output(chunk.toString()));
        child.stderr!.on("data", chunk => output(chunk.toString()));
        let result: RecordResult | undefined;
        child.on("message", message => { result = message as RecordResult; });
        child.on("error", reject);
        child.on("exit", code => {
            if (result && "records" in result) {
                resolve(result.records as ResourceRecord[]);
            } else if (result) {
                reject(programFailure(job, result.error, result.missingConfig));
            } else {
                reject(new ProgramError(`the program exited (code ${code}) before it finished; its output is above.`));
            }
        });
    });
}

function programFailure(job: RecordJob, error: string, missing: readonly string[]): ProgramError {
    if (missing.length === 0) {
        return new ProgramError(`the program failed: ${error}`);
    }
    const flags = missing.map(key => `--config ${key.startsWith(`${job.project}:`) ? key.slice(job.project.length + 1) : key}=<value>`);
    return new ProgramError(`the program requires config it did not get: ${missing.join(", ")}. ` +
        `Pass ${flags.join(" ")} (or set it in Pulumi.${job.stack}.yaml).`, missing);
}

export async function checkProgram(dir: string, options: CheckOptions = {}): Promise<CheckReport> {
    const root = path.resolve(dir);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
        throw new ProgramError(`${dir} is not a directory.`);
    }
    const project = readProjectFile(root);
    if (project.runtime !== "nodejs") {
        throw new ProgramError(`${project.name} is a ${project.runtime} program; check runs TypeScript and JavaScript (runtime: nodejs) ` +
            "programs only. Use `pulumi preview --policy-pack` for the others.");
    }
    const stack = chooseStack(root, options.stack);
    const { config, secretKeys, standIns } = stackConfig(root, project, stack, options.config ?? {});
    const policyConfig = readPolicyConfig(options.policyConfig);
    let collected = "";
    const output = options.programOutput ?? ((chunk: string) => { collected += chunk; });
    const { pwd, entry } = pwdAndEntry(root, project.main);
    const records = await recordInChild({ pwd, entry, project: project.name, stack, config, secretKeys }, project, output);
    const env: NodeJS.ProcessEnv = {
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
        ...(options.date ? { [CLOCK_ENV]: options.date } : {}),
    };
    const { pack } = await PolicyPackProcess.launch(PACK_DIR, { stack, project: project.name, config }, env);
    try {
        const info = await pack.getAnalyzerInfo();
        await pack.configure(info.policies, policyConfig);
        const { diagnostics, remediations } = await evaluate(pack, records);
        const byUrn = new Map(records.map(r => [r.urn, r]));
        const findings: CheckFinding[] = diagnostics.map(d => {
            const resource = d.urn ? byUrn.get(d.urn) : undefined;
            return {
                policy: d.policyName,
                level: d.enforcementLevel,
                ...(resource ? { resource: { name: resource.name, type: resource.type, urn: resource.urn } } : {}),
                message: d.message,
            };
        });
        return {
            project: project.name,
            stack,
            resourceCount: records.length,
            findings,
            mandatory: findings.filter(f => f.level === "mandatory"),
            advisory: findings.filter(f => f.level === "advisory"),
            remediations: remediations.map(r => ({ resource: r.resource, policies: r.policies })),
            standInConfig: standIns,
            programOutput: collected,
        };
    } finally {
        await pack.close();
    }
}
