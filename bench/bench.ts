// `npm run bench`: the compiled pack against a baseline pack built here (same @pulumi/policy, same policies by
// name, kind and resource types, each doing nothing), both launched as the Pulumi CLI launches them and driven over
// the analyzer protocol. Medians after a warm-up; ratios pack/baseline with PASS/FAIL against the budget.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allPolicies } from "../policies";
import {
    PACK_DIR, PolicyInfo, PolicyPackProcess, PreparedRequest, prepareAnalyze, prepareAnalyzeStack, ResourceRecord,
} from "../lib/runner/engine";
import { workload } from "./workload";

const QUICK = process.argv.includes("--quick");
const STARTUP_RUNS = QUICK ? 5 : 15;
const REPEATS = QUICK ? 2 : 5;
const ANALYZE_COUNT = 5000;
const STACK_SIZES = QUICK ? [1000, 5000, 10000] : [1000, 10000, 20000];
const IN_FLIGHT = 64;
// Stack "dev": the workload's names carry "-dev", the token physical-name-has-uniqueness-suffix expects.
const STACK = { stack: "dev", project: "bench", config: { "aws:region": "us-east-1" } };

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Peak resident set size of a process so far (Linux /proc), in MiB. */
function peakRssMiB(pid: number | undefined): number {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const match = /VmHWM:\s+(\d+) kB/.exec(status);
        return match ? Number(match[1]) / 1024 : NaN;
    } catch {
        return NaN;
    }
}

/** A pack with the same policies (names, kinds, types, config schemas) whose validations do nothing. */
function writeBaselinePack(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-preflight-baseline-"));
    fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "baseline", version: "0.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    const policies = allPolicies.map(({ kind, metadata, policy }) => ({
        kind, name: metadata.name, description: metadata.description, enforcementLevel: metadata.enforcementLevel,
        severity: metadata.severity, types: metadata.resourceTypes, configSchema: policy.configSchema,
        remediates: "remediateResource" in policy,
    }));
    fs.writeFileSync(path.join(dir, "index.js"), `"use strict";
const { PolicyPack } = require("@pulumi/policy");
const specs = ${JSON.stringify(policies)};
new PolicyPack("baseline", {
    policies: specs.map(spec => {
        const base = { name: spec.name, description: spec.description, enforcementLevel: spec.enforcementLevel,
            severity: spec.severity, configSchema: spec.configSchema };
        if (spec.kind === "stack") {
            return { ...base, validateStack: () => {} };
        }
        const types = new Set(spec.types);
        const validateResource = args => { if (!types.has(args.type)) { return; } };
        if (spec.types.length === 1) { validateResource.__pulumiType = spec.types[0]; }
        return { ...base, validateResource, ...(spec.remediates ? { remediateResource: () => undefined } : {}) };
    }),
});
`);
    return dir;
}

interface Launched { pack: PolicyPackProcess; policies: PolicyInfo[] }

async function launch(dir: string, disabled: boolean): Promise<Launched> {
    const { pack } = await PolicyPackProcess.launch(dir, STACK);
    const { policies } = await pack.getAnalyzerInfo();
    await pack.configure(policies, disabled ? { all: "disabled" } : {});
    return { pack, policies };
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
}

async function analyzeAll(pack: PolicyPackProcess, requests: readonly PreparedRequest[], inFlight: number): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: inFlight }, async () => {
        while (next < requests.length) {
            await pack.analyzePrepared(requests[next++]);
        }
    }));
}

interface Measurement {
    startupMs: number;
    startupRssMiB: number;
    analyzeSequentialUs: number;
    analyzeParallelUs: number;
    analyzeRssMiB: number;
    stack: Record<number, { ms: number; rssMiB: number }>;
}

type Pair<T> = { pack: T; baseline: T };

/** Runs `fn` for the pack and the baseline alternately, `runs` times each, so drift on a shared machine hits both. */
async function alternate<T>(runs: number, fn: (which: keyof Pair<unknown>) => Promise<T>): Promise<Pair<T[]>> {
    const out: Pair<T[]> = { pack: [], baseline: [] };
    for (let r = 0; r < runs; r++) {
        for (const which of (r % 2 ? ["pack", "baseline"] : ["baseline", "pack"]) as (keyof Pair<unknown>)[]) {
            out[which].push(await fn(which));
        }
    }
    return out;
}

type Startups = Pair<{ startupMs: number; rss: number }[]>;

/** Start-up does not depend on the configured levels (Configure comes after the port), so it is measured once. */
async function measureStartup(dirs: Pair<string>): Promise<Startups> {
    // The first launch of each warms the file cache and is not counted.
    const startups = await alternate(STARTUP_RUNS + 1, async which => {
        const { pack, startupMs } = await PolicyPackProcess.launch(dirs[which], STACK);
        const rss = peakRssMiB(pack.pid);
        await pack.close();
        return { startupMs, rss };
    });
    startups.pack.shift();
    startups.baseline.shift();
    return startups;
}

async function measure(dirs: Pair<string>, startups: Startups, disabled: boolean, analyzeRequests: PreparedRequest[],
    stackRequests: Map<number, PreparedRequest>): Promise<Pair<Measurement>> {

    const running: Pair<Launched> = { pack: await launch(dirs.pack, disabled), baseline: await launch(dirs.baseline, disabled) };
    for (const which of ["pack", "baseline"] as const) {
        await analyzeAll(running[which].pack, analyzeRequests.slice(0, 1000), 1); // warm-up
    }
    const sequential = await alternate(REPEATS, async which =>
        await timeMs(() => analyzeAll(running[which].pack, analyzeRequests, 1)) * 1000 / analyzeRequests.length);
    const parallel = await alternate(REPEATS, async which =>
        await timeMs(() => analyzeAll(running[which].pack, analyzeRequests, IN_FLIGHT)) * 1000 / analyzeRequests.length);
    const analyzeRss = { pack: peakRssMiB(running.pack.pack.pid), baseline: peakRssMiB(running.baseline.pack.pid) };
    await running.pack.pack.close();
    await running.baseline.pack.close();

    const stack: Pair<Measurement["stack"]> = { pack: {}, baseline: {} };
    for (const [size, request] of stackRequests) {
        // Fresh processes per size, so the peak RSS belongs to that size.
        const fresh: Pair<Launched> = { pack: await launch(dirs.pack, disabled), baseline: await launch(dirs.baseline, disabled) };
        for (const which of ["pack", "baseline"] as const) {
            await fresh[which].pack.analyzeStackPrepared(stackRequests.get(STACK_SIZES[0])!); // warm-up
        }
        const times = await alternate(REPEATS, which => timeMs(() => fresh[which].pack.analyzeStackPrepared(request)));
        for (const which of ["pack", "baseline"] as const) {
            stack[which][size] = { ms: median(times[which]), rssMiB: peakRssMiB(fresh[which].pack.pid) };
            await fresh[which].pack.close();
        }
    }
    const result = (which: keyof Pair<unknown>): Measurement => ({
        startupMs: median(startups[which].map(s => s.startupMs)),
        startupRssMiB: median(startups[which].map(s => s.rss)),
        analyzeSequentialUs: median(sequential[which]),
        analyzeParallelUs: median(parallel[which]),
        analyzeRssMiB: analyzeRss[which],
        stack: stack[which],
    });
    return { pack: result("pack"), baseline: result("baseline") };
}

interface Line { what: string; pack: number; baseline: number; unit: string; ratio: number; budget?: number; pass?: boolean }

function line(what: string, pack: number, baseline: number, unit: string, budget?: number): Line {
    const ratio = pack / baseline;
    return { what, pack, baseline, unit, ratio, budget, pass: budget === undefined ? undefined : ratio <= budget };
}

function report(title: string, pack: Measurement, base: Measurement): Line[] {
    const [small, mid, large] = STACK_SIZES;
    const lines = [
        line("start-up (spawn to port)", pack.startupMs, base.startupMs, "ms", 1.10),
        line("peak RSS after start-up", pack.startupRssMiB, base.startupRssMiB, "MiB", 1.2),
        line(`Analyze, sequential, per resource (${ANALYZE_COUNT})`, pack.analyzeSequentialUs, base.analyzeSequentialUs, "µs", 1.30),
        line(`Analyze, ${IN_FLIGHT} in flight, per resource`, pack.analyzeParallelUs, base.analyzeParallelUs, "µs", 1.30),
        line("peak RSS after Analyze", pack.analyzeRssMiB, base.analyzeRssMiB, "MiB", 1.2),
        line(`AnalyzeStack ${small}`, pack.stack[small].ms, base.stack[small].ms, "ms"),
        line(`AnalyzeStack ${mid}`, pack.stack[mid].ms, base.stack[mid].ms, "ms", 1.5),
        { what: `AnalyzeStack ${mid}, absolute (< 2000 ms)`, pack: pack.stack[mid].ms, baseline: base.stack[mid].ms, unit: "ms",
            ratio: pack.stack[mid].ms / 2000, budget: 1, pass: pack.stack[mid].ms < 2000 },
        line(`AnalyzeStack ${large}`, pack.stack[large].ms, base.stack[large].ms, "ms"),
        line(`AnalyzeStack peak RSS at ${large}`, pack.stack[large].rssMiB, base.stack[large].rssMiB, "MiB", 1.2),
    ];
    const growth = pack.stack[large].ms / pack.stack[mid].ms;
    const baseGrowth = base.stack[large].ms / base.stack[mid].ms;
    lines.push({ what: `AnalyzeStack ${large / 1000}k/${mid / 1000}k (linear)`, pack: growth, baseline: baseGrowth, unit: "x", ratio: growth, budget: 2.2, pass: growth <= 2.2 });
    // The server deserializes every resource once per stack policy, so the baseline's own growth shows how much of
    // the total is the framework's; the pack's own cost is what its policies add on top of the baseline.
    const ownMid = pack.stack[mid].ms - base.stack[mid].ms;
    const ownLarge = pack.stack[large].ms - base.stack[large].ms;
    if (ownMid > 0 && ownLarge > 0) {
        lines.push({ what: `AnalyzeStack pack's own cost ${large / 1000}k/${mid / 1000}k`, pack: ownLarge / ownMid, baseline: NaN, unit: "x", ratio: ownLarge / ownMid });
    }
    console.log(`\n${title}`);
    console.log(`${"measure".padEnd(46)} ${"pack".padStart(10)} ${"baseline".padStart(10)}  unit  ratio   budget`);
    for (const l of lines) {
        const verdict = l.budget === undefined ? "" : `${l.pass ? "PASS" : "FAIL"} ≤ ${l.budget}`;
        console.log(`${l.what.padEnd(46)} ${l.pack.toFixed(1).padStart(10)} ${l.baseline.toFixed(1).padStart(10)}  ${l.unit.padEnd(4)} ${l.ratio.toFixed(2).padStart(5)}   ${verdict}`);
    }
    return lines;
}

/** Share of the workload's resources on which the pack reports anything (not timed). */
async function violatingShare(requests: readonly PreparedRequest[]): Promise<number> {
    const { pack } = await launch(PACK_DIR, false);
    try {
        let flagged = 0;
        for (const request of requests) {
            flagged += (await pack.analyzePrepared(request)).length > 0 ? 1 : 0;
        }
        return flagged / requests.length;
    } finally {
        await pack.close();
    }
}

async function main(): Promise<void> {
    const started = Date.now();
    const baselineDir = writeBaselinePack();
    try {
        const analyzeRequests = workload(ANALYZE_COUNT).map(prepareAnalyze);
        const stackRequests = new Map<number, PreparedRequest>(STACK_SIZES.map(size => [size, prepareAnalyzeStack(workload(size))]));
        const results: Record<string, { pack: Measurement; baseline: Measurement; lines: Line[] }> = {};
        const dirs = { pack: PACK_DIR, baseline: baselineDir };
        const share = await violatingShare(analyzeRequests);
        console.log(`workload: ${ANALYZE_COUNT} resources, ${(share * 100).toFixed(1)}% with at least one diagnostic from the pack`);
        const startups = await measureStartup(dirs);
        for (const disabled of [false, true]) {
            const title = disabled ? "every policy disabled" : "policies enabled (default levels)";
            const { pack, baseline } = await measure(dirs, startups, disabled, analyzeRequests, stackRequests);
            results[disabled ? "disabled" : "enabled"] = { pack, baseline, lines: report(title, pack, baseline) };
        }
        const failed = results.enabled.lines.filter(l => l.pass === false);
        const out = {
            date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
            policies: allPolicies.length, quick: QUICK, violatingShare: share, durationSeconds: Math.round((Date.now() - started) / 1000), results,
        };
        const resultsDir = path.join(PACK_DIR, "bench", "results");
        fs.mkdirSync(resultsDir, { recursive: true });
        fs.writeFileSync(path.join(resultsDir, "latest.json"), JSON.stringify(out, null, 2));
        console.log(`\n${os.cpus().length} CPUs, Node ${process.version}, ${allPolicies.length} policies, ${out.durationSeconds} s; results in bench/results/latest.json`);
        const overTime = out.durationSeconds > 600;
        console.log(failed.length === 0 && !overTime ? "budget: PASS"
            : `budget: FAIL (${[...failed.map(l => l.what), ...(overTime ? ["the run took over 10 minutes"] : [])].join("; ")})`);
    } finally {
        fs.rmSync(baselineDir, { recursive: true, force: true });
    }
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
