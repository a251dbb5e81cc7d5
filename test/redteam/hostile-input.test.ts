// Red team, hostile input: patterns that backtrack exponentially, data files that are devices, pipes or the wrong
// shape, and values of megabytes. The pack must answer every call quickly, say once what it could not use, and never
// report its own bug for a user's input.
import * as assert from "assert";
import { analyzeAsCreated } from "../harness/policy-harness";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Diagnostic, PACK_DIR, PolicyInfo, PolicyPackProcess, ResourceRecord, urnOf } from "../../lib/runner/engine";
import { assertNoBug } from "./leaks";

const QUEUE = "aws:sqs/queue:Queue";
const BUCKET = "aws:s3/bucket:Bucket";
const RDS = "aws:rds/instance:Instance";
const resource = (type: string, name: string, properties: Record<string, unknown>): ResourceRecord =>
    ({ type, name, urn: urnOf(type, name), properties });

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
}

describe("red team: hostile input over the analyzer protocol", function () {
    this.timeout(15_000);
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];
    let dir: string;

    before(async function () {
        this.timeout(60_000);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "preflight-redteam-"));
        pack = (await PolicyPackProcess.launch(PACK_DIR, { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } })).pack;
        policies = (await pack.getAnalyzerInfo()).policies;
    });
    after(async () => {
        await pack?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    for (const [policy, type, property] of [["physical-name-has-uniqueness-suffix", QUEUE, "name"], ["s3-bucket-name-valid", BUCKET, "bucket"]] as const) {
        it(`${policy}: a catastrophically backtracking pattern runs in linear time`, async () => {
            for (const pattern of ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "(x+x+)+y", "^([a-z]+)*-$"]) {
                await pack.configure(policies, { [policy]: { pattern } });
                const { result, ms } = await timed(() => analyzeAsCreated(pack, resource(type, "r", { [property]: `${"a".repeat(40)}!` })));
                assert.ok(ms < 3000, `${pattern} took ${ms} ms`);
                assertNoBug(result);
            }
        });

        it(`${policy}: a pattern the engine cannot run (or too long) gets one clear advisory, not one per resource`, async () => {
            for (const pattern of ["^(?=acme-)[a-z-]+$", "^(a)\\1$", `^${"a".repeat(40_000)}$`, "(unclosed"]) {
                // A pattern the policy can judge is refused at Configure (the preview stops, naming it); one it
                // cannot judge there gets one advisory.
                const refused = await pack.configure(policies, { [policy]: { pattern } }).then(() => false, (error: Error) => {
                    assert.match(error.message, new RegExp(`${policy}: option "pattern"`));
                    return true;
                });
                if (refused) {
                    continue;
                }
                const notes: Diagnostic[] = [];
                for (let i = 0; i < 3; i++) {
                    const { result, ms } = await timed(() => analyzeAsCreated(pack, resource(type, `r${i}`, { [property]: `acme-name-${i}` })));
                    assert.ok(ms < 3000, `${pattern.slice(0, 40)} took ${ms} ms`);
                    assertNoBug(result);
                    notes.push(...result.filter(d => d.policyName === policy && /configured pattern/.test(d.message)));
                }
                assert.strictEqual(notes.length, 1, `${pattern.slice(0, 40)}: ${JSON.stringify(notes.map(n => n.message.slice(0, 300)))}`);
                assert.strictEqual(notes[0].enforcementLevel, "advisory");
                assert.ok(notes[0].message.length < 1200, `${notes[0].message.length} characters`);
            }
            await pack.configure(policies);
        });
    }

    describe("dataFile", () => {
        const engineVersion = resource(RDS, "db", { engine: "mysql", engineVersion: "8.0.35", instanceClass: "db.t3.micro" });
        const dataNotes = async (dataFile: string) => {
            await pack.configure(policies, { "rds-engine-version-supported": { dataFile } });
            const { result, ms } = await timed(() => analyzeAsCreated(pack, engineVersion));
            assert.ok(ms < 3000, `${dataFile} took ${ms} ms`);
            assertNoBug(result);
            return result.filter(d => d.policyName === "rds-engine-version-supported");
        };

        it("a device (/dev/zero) is refused at once, with one advisory, and the pack stays up", async () => {
            const notes = await dataNotes("/dev/zero");
            assert.strictEqual(notes.length, 1, JSON.stringify(notes));
            assert.strictEqual(notes[0].enforcementLevel, "advisory");
            assert.match(notes[0].message, /a device, not a regular file/);
            assert.deepStrictEqual(await dataNotes("/dev/zero"), [], "said once");
        });

        it("a named pipe with no writer does not block the preview", async function () {
            const fifo = path.join(dir, "data.fifo");
            try {
                execFileSync("mkfifo", [fifo]);
            } catch {
                this.skip();
            }
            const notes = await dataNotes(fifo);
            assert.strictEqual(notes.length, 1);
            assert.match(notes[0].message, /named pipe \(FIFO\), not a regular file/);
        });

        it("a directory, and a file over the size limit, are refused", async () => {
            assert.match((await dataNotes(dir))[0].message, /a directory, not a regular file/);
            const big = path.join(dir, "big.json");
            fs.writeFileSync(big, "");
            fs.truncateSync(big, 33 * 1024 * 1024);
            assert.match((await dataNotes(big))[0].message, /over the \d+-byte limit/);
        });

        it("a file that is not JSON is refused without quoting any of its contents", async () => {
            const credentials = path.join(dir, "credentials");
            fs.writeFileSync(credentials, "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\n");
            const notes = await dataNotes(credentials);
            assert.strictEqual(notes.length, 1);
            assert.match(notes[0].message, /not valid JSON/);
            for (const content of ["[default]", "default", "aws_access", "AKIA", "wJalr"]) {
                assert.ok(!notes[0].message.includes(content), `${content} quoted:\n${notes[0].message}`);
            }
        });

        it("a file of the right outline but wrong inner types is an unusable file, not a bug in the pack", async () => {
            const header = { format: "aws-preflight/rds-engine-versions@1", source: "test", sourceDate: "2026-11-01", generated: "2026-11-01T00:00:00Z" };
            const variants = [
                { ...header, knownEngines: ["mysql"], engines: { mysql: { available: [8, 5.7] } } },
                { ...header, knownEngines: [null, 42], engines: { mysql: { available: ["8.0.35"] } } },
                { ...header, knownEngines: ["mysql"], engines: { mysql: { available: ["8.0.35"], deprecated: [null] } } },
                { ...header, knownEngines: ["mysql"], engines: { mysql: { available: ["8.0.35"] } }, regions: { "us-east-1": { mysql: { available: [{}] } } } },
                { ...header, format: { toString: null }, knownEngines: ["mysql"] },
            ];
            for (const [i, variant] of variants.entries()) {
                const file = path.join(dir, `shape-${i}.json`);
                fs.writeFileSync(file, JSON.stringify(variant));
                const notes = await dataNotes(file);
                assert.strictEqual(notes.length, 1, `${i}: ${JSON.stringify(notes)}`);
                assert.strictEqual(notes[0].enforcementLevel, "advisory");
                assert.match(notes[0].message, /could not use its data file/);
            }
            await pack.configure(policies);
        });
    });

    describe("sizes", () => {
        it("a 256 KB property value costs seconds at most and no message repeats it", async () => {
            await pack.configure(policies);
            const huge = `Orders_${"x".repeat(256 * 1024)}`;
            for (const [type, property] of [[QUEUE, "name"], [BUCKET, "bucket"], [RDS, "engineVersion"]] as const) {
                const { result, ms } = await timed(() => pack.analyze(resource(type, "big", { [property]: huge, engine: "mysql" })));
                assert.ok(ms < 8000, `${type} took ${ms} ms`);
                assertNoBug(result);
                const total = result.reduce((sum, d) => sum + d.message.length, 0);
                assert.ok(total < 100_000, `${type}: ${result.length} messages, ${total} characters`);
            }
        });
    });
});
