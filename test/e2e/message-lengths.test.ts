// Issue 12 §3: every diagnostic the demo shows, measured as the terminal shows it (lib/runner/message-lengths.ts
// says exactly what is measured): median at most 400 characters, none over 1,200 unless it carries a paste-ready
// policy document, and a first line of at most 160 that names the problem and the fix.
// MESSAGE_LENGTHS=1 prints the per-policy table.
import * as assert from "assert";
import { listExamples, runExample } from "../../lib/runner/examples";
import {
    carriesPolicyDocument, headline, lengthProblems, lengthTable, LIMITS, MeasuredMessage, median,
} from "../../lib/runner/message-lengths";

describe("message lengths over the examples (what `npm run demo` shows)", function () {
    this.timeout(1_800_000);
    let messages: MeasuredMessage[] = [];
    const descriptions = new Map<MeasuredMessage, string>();

    before(async () => {
        const queue = listExamples();
        const workers = Array.from({ length: 2 }, async () => {
            for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
                const result = await runExample(name);
                for (const d of result.diagnostics) {
                    const m = { policy: d.policyName, where: `examples/${name} ${d.resourceName ?? "(stack)"}`, message: d.message };
                    messages.push(m);
                    descriptions.set(m, d.description);
                }
            }
        });
        await Promise.all(workers);
        messages = messages.sort((a, b) => a.where.localeCompare(b.where) || a.policy.localeCompare(b.policy));
        if (process.env.MESSAGE_LENGTHS) {
            console.log(lengthTable(messages));
        }
    });

    it("measures a real set of diagnostics", () => {
        assert.ok(messages.length >= 30, `only ${messages.length} diagnostics across the examples`);
    });

    it(`meets the limits: median <= ${LIMITS.medianTotal}, each <= ${LIMITS.total} (policy documents excepted), headline <= ${LIMITS.headline}`, () => {
        const problems = lengthProblems(messages);
        assert.deepStrictEqual(problems, [], `${problems.join("\n")}\n\n${lengthTable(messages)}`);
    });

    it("no message repeats the policy description the CLI already has, nor starts with a blank line", () => {
        for (const m of messages) {
            assert.ok(headline(m.message).trim() !== "", `${m.policy} on ${m.where} starts with an empty line`);
            const description = descriptions.get(m) ?? "";
            assert.ok(description === "" || !m.message.startsWith(description), `${m.policy} on ${m.where} starts with its description`);
        }
    });
});

describe("message length rules", () => {
    it("median, headline and the policy-document exception", () => {
        assert.strictEqual(median([1, 5, 3]), 3);
        assert.strictEqual(median([1, 2, 3, 4]), 2.5);
        assert.strictEqual(headline("a: b\n\nc"), "a: b");
        const doc = JSON.stringify({ Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: ["kms:Encrypt"], Resource: "*" }, null, 2);
        assert.ok(carriesPolicyDocument(`policy: add this statement.\n\n${doc}`));
        assert.ok(!carriesPolicyDocument("policy: a statement {\"Effect\": \"Allow\"} inline is not paste-ready"));
        assert.ok(!carriesPolicyDocument(`x\n\n{"Effect": "Allow"}`), "a JSON object without Action is not a statement");
        const long = (message: string): MeasuredMessage => ({ policy: "p", where: "w", message });
        assert.deepStrictEqual(lengthProblems([long(`h\n\n${"x".repeat(1300)}`)]).length, 2, "over 1,200 and over the median");
        assert.deepStrictEqual(lengthProblems([long(`h\n\n${doc}${"x".repeat(1300)}`), long("a"), long("b")]), []);
        assert.match(lengthProblems([long("h".repeat(LIMITS.headline + 1))])[0], new RegExp(`headline of ${LIMITS.headline + 1} characters`));
    });
});
