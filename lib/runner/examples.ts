// Runs the Pulumi programs in examples/ through the compiled pack over the analyzer protocol, the way
// `pulumi preview --policy-pack . --policy-pack-config <file>` would, and checks each example's stated expectations.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { CLOCK_ENV } from "../framework/clock";
import { evaluate, Remediation, ReportedDiagnostic } from "./analyze";
import { PACK_DIR, PolicyPackProcess, ResourceRecord } from "./engine";
import { readProject } from "./program";

export type { Remediation, ReportedDiagnostic } from "./analyze";

const execFileAsync = promisify(execFile);

export interface Expectation {
    readonly policy: string;
    /** The resource's logical name; omit for a diagnostic not tied to one resource. */
    readonly resource?: string;
    readonly level?: string;
    readonly messageIncludes?: readonly string[];
    /** Texts the matching diagnostic's message must not contain (e.g. a secret); never printed in a problem. */
    readonly messageExcludes?: readonly string[];
}

export interface RemediationExpectation {
    readonly policy: string;
    readonly resource: string;
    readonly property: string;
    readonly value: unknown;
}

export interface ExampleSpec {
    readonly description: string;
    /** The day the example is evaluated on (ISO date); EXAMPLES_DATE when omitted. */
    readonly date?: string;
    /** The `--policy-pack-config` content the example runs with. */
    readonly policyConfig?: Record<string, unknown>;
    /** Every diagnostic the pack must report; anything else it reports is a failure. */
    readonly expect: readonly Expectation[];
    readonly remediations?: readonly RemediationExpectation[];
    /** Environment variables the pack runs with, as the CLI passes its own environment on (e.g. a CI suffix). */
    readonly env?: Readonly<Record<string, string>>;
    /** Texts no diagnostic message of this example may contain (e.g. a secret config value); never printed. */
    readonly neverInMessages?: readonly string[];
}

export interface ExampleResult {
    readonly name: string;
    readonly spec: ExampleSpec;
    readonly resources: readonly ResourceRecord[];
    readonly diagnostics: readonly ReportedDiagnostic[];
    readonly remediations: readonly Remediation[];
    readonly problems: readonly string[];
}

export const EXAMPLES_DIR = path.join(PACK_DIR, "examples");
/**
 * The day the examples were written against. Version and runtime policies depend on the date (a runtime blocked
 * from a day on, data older than `maxDataAgeDays`), so the demo and the tests evaluate each example on a fixed day
 * and give the same result on any date; an example can state its own `date` in expect.json.
 */
export const EXAMPLES_DATE = "2026-12-01";
const COMPILED_EXAMPLES_DIR = path.join(PACK_DIR, "build", "examples");
const RUN_EXAMPLE = path.join(__dirname, "run-example.js");
const RUN_ALL_EXAMPLES = path.join(__dirname, "run-all-examples.js");

export function listExamples(): string[] {
    return fs.readdirSync(EXAMPLES_DIR)
        .filter(name => fs.existsSync(path.join(EXAMPLES_DIR, name, "expect.json")))
        .sort();
}

export function readSpec(name: string): ExampleSpec {
    return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name, "expect.json"), "utf8"));
}

/** Records an example's resources in a child process, so examples never share Pulumi runtime state. */
export async function recordExampleResources(name: string): Promise<ResourceRecord[]> {
    const { stdout } = await execFileAsync(process.execPath, [RUN_EXAMPLE, path.join(EXAMPLES_DIR, name),
        path.join(COMPILED_EXAMPLES_DIR, name, "index.js")], { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...readSpec(name).env } });
    return JSON.parse(stdout);
}

/** Every example's resources, recorded in one child process: { "<example>": records }. */
export async function recordAllExamples(): Promise<Record<string, ResourceRecord[]>> {
    const { stdout } = await execFileAsync(process.execPath, [RUN_ALL_EXAMPLES, EXAMPLES_DIR, COMPILED_EXAMPLES_DIR],
        { maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(stdout);
}

export async function runExample(name: string): Promise<ExampleResult> {
    const spec = readSpec(name);
    const project = readProject(path.join(EXAMPLES_DIR, name));
    const recorded = await recordExampleResources(name);
    const { pack } = await PolicyPackProcess.launch(PACK_DIR, { stack: project.stack, project: project.project, config: project.config },
        { ...spec.env, [CLOCK_ENV]: spec.date ?? EXAMPLES_DATE });
    try {
        const info = await pack.getAnalyzerInfo();
        await pack.configure(info.policies, spec.policyConfig ?? {});
        const { diagnostics, remediations } = await evaluate(pack, recorded);
        return { name, spec, resources: recorded, diagnostics, remediations, problems: checkExpectations(spec, diagnostics, remediations) };
    } finally {
        await pack.close();
    }
}

function matches(expectation: Expectation, d: ReportedDiagnostic): boolean {
    return expectation.policy === d.policyName &&
        (expectation.resource === undefined || expectation.resource === d.resourceName) &&
        (expectation.level === undefined || expectation.level === d.enforcementLevel) &&
        (expectation.messageIncludes ?? []).every(text => d.message.includes(text));
}

/** The message with every text the spec says must never appear replaced, so a failure report does not print it. */
export function redactForbidden(spec: ExampleSpec, message: string): string {
    const texts = [...(spec.neverInMessages ?? []), ...spec.expect.flatMap(e => e.messageExcludes ?? [])]
        .filter(text => text !== "");
    return texts.reduce((redacted, text) => redacted.split(text).join("[excluded text]"), message);
}

export function checkExpectations(spec: ExampleSpec, diagnostics: readonly ReportedDiagnostic[],
    remediations: readonly Remediation[]): string[] {
    const problems: string[] = [];
    const where = (d: ReportedDiagnostic) => `'${d.policyName}' diagnostic on ${d.resourceName ?? "the stack"}`;
    for (const expectation of spec.expect) {
        if (!diagnostics.some(d => matches(expectation, d))) {
            problems.push(`expected ${expectation.level ?? "a"} '${expectation.policy}' diagnostic on ` +
                `${expectation.resource ?? "the stack"}${expectation.messageIncludes ? ` mentioning ${JSON.stringify(expectation.messageIncludes)}` : ""}, got none`);
        }
    }
    for (const d of diagnostics) {
        if (!spec.expect.some(expectation => matches(expectation, d))) {
            problems.push(`unexpected ${d.enforcementLevel} ${where(d)}: ${redactForbidden(spec, d.message)}`);
        }
    }
    // Absence checks: by index, so that the text itself (often a secret) is never printed.
    for (const expectation of spec.expect) {
        const excludes = expectation.messageExcludes ?? [];
        for (const d of diagnostics.filter(d => matches(expectation, d))) {
            excludes.forEach((text, i) => {
                if (text !== "" && d.message.includes(text)) {
                    problems.push(`${where(d)} contains messageExcludes[${i}] (text not shown)`);
                }
            });
        }
    }
    const never = spec.neverInMessages ?? [];
    for (const d of diagnostics) {
        never.forEach((text, i) => {
            if (text !== "" && d.message.includes(text)) {
                problems.push(`${where(d)} contains neverInMessages[${i}] (text not shown)`);
            }
        });
    }
    for (const expected of spec.remediations ?? []) {
        const done = remediations.find(r => r.resource === expected.resource && r.policies.includes(expected.policy));
        const value = done ? (done.after as Record<string, unknown>)[expected.property] : undefined;
        if (JSON.stringify(value) !== JSON.stringify(expected.value)) {
            problems.push(`expected '${expected.policy}' to remediate ${expected.resource}.${expected.property} to ` +
                `${JSON.stringify(expected.value)}, got ${JSON.stringify(value)}`);
        }
    }
    return problems;
}
