// `npm run demo`: runs every program in examples/ through the compiled pack over the analyzer protocol and prints
// what `pulumi preview --policy-pack .` would show, then checks each example against what it says it expects.
// No AWS credentials and no Pulumi CLI are needed.
import { SECRET_SIG_KEY } from "../lib/runner/engine";
import { EXAMPLES_DATE, ExampleResult, listExamples, redactForbidden, runExample } from "../lib/runner/examples";

function isSecret(value: unknown): boolean {
    return typeof value === "object" && value !== null && SECRET_SIG_KEY in value;
}

const LEVEL_ORDER = ["mandatory", "advisory", "remediate", "disabled"];

function indent(text: string, prefix: string): string {
    return text.split("\n").map(line => prefix + line).join("\n");
}

function print(result: ExampleResult): void {
    console.log(`\n=== examples/${result.name}: ${result.spec.description}`);
    if (result.spec.date) {
        console.log(`  (judged as on ${result.spec.date})`);
    }
    for (const r of result.remediations) {
        const before = r.before as Record<string, unknown>;
        const after = r.after as Record<string, unknown>;
        const changes = Object.keys(after).filter(key => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
            .map(key => isSecret(after[key]) ? `${key} (secret) changed` : `${key}: ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`);
        console.log(`  [remediated by ${r.policies.join(", ")}] ${r.resource}: ${changes.join("; ")}`);
    }
    const byResource = new Map<string, ExampleResult["diagnostics"][number][]>();
    for (const d of result.diagnostics) {
        const key = d.resourceName ? `${d.resourceName} (${d.resourceType})` : "stack";
        byResource.set(key, [...(byResource.get(key) ?? []), d]);
    }
    if (byResource.size === 0) {
        console.log("  no policy violations");
    }
    for (const [resource, diagnostics] of byResource) {
        console.log(`  ${resource}`);
        for (const d of diagnostics) {
            console.log(`    [${d.enforcementLevel}] ${d.policyName}`);
            // The absence checks below fail the example if a forbidden text appears; it is not printed either way.
            console.log(indent(redactForbidden(result.spec, d.message), "        "));
        }
    }
    const counts = new Map<string, number>();
    for (const d of result.diagnostics) {
        counts.set(d.enforcementLevel, (counts.get(d.enforcementLevel) ?? 0) + 1);
    }
    const summary = LEVEL_ORDER.filter(level => counts.has(level)).map(level => `${counts.get(level)} ${level}`);
    console.log(`  Policies: ${summary.length > 0 ? summary.join(", ") : "none violated"}`);
    const never = result.spec.neverInMessages?.length ?? 0;
    const excluded = result.spec.expect.reduce((n, e) => n + (e.messageExcludes?.length ?? 0), 0);
    if (never + excluded > 0) {
        const checks = [never > 0 ? `${never} text(s) absent from every message (neverInMessages)` : "",
            excluded > 0 ? `${excluded} text(s) absent from the expected diagnostics (messageExcludes)` : ""].filter(Boolean);
        const failed = result.problems.some(p => / contains (neverInMessages|messageExcludes)\[/.test(p));
        console.log(`  Checked: ${checks.join("; ")}: ${failed ? "FAILED" : "ok"}`);
    }
    for (const problem of result.problems) {
        console.log(`  EXPECTATION FAILED: ${problem}`);
    }
}

async function main(): Promise<void> {
    const filter = process.argv.slice(2);
    const names = listExamples().filter(name => filter.length === 0 || filter.some(f => name.includes(f)));
    const results: ExampleResult[] = [];
    // Two at a time: each example is a program run plus a pack process, as on a 2-core machine.
    const queue = [...names];
    const workers = Array.from({ length: 2 }, async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
            results.push(await runExample(name));
        }
    });
    await Promise.all(workers);
    results.sort((a, b) => a.name.localeCompare(b.name));
    results.forEach(print);
    const failed = results.filter(r => r.problems.length > 0);
    const totals = new Map<string, number>();
    for (const d of results.flatMap(r => r.diagnostics)) {
        totals.set(d.enforcementLevel, (totals.get(d.enforcementLevel) ?? 0) + 1);
    }
    console.log(`\n${results.length} examples, judged as on ${EXAMPLES_DATE} (lib/runner/examples.ts) unless one states its date: ${LEVEL_ORDER.filter(l => totals.has(l)).map(l => `${totals.get(l)} ${l}`).join(", ") || "no diagnostics"}`);
    if (failed.length > 0) {
        console.log(`${failed.length} example(s) did not behave as they state: ${failed.map(r => r.name).join(", ")}`);
        process.exit(1);
    }
    console.log("every example behaved as it states");
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
