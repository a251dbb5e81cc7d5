// The date the pack judges by: the real clock for a user (so old data and newly blocked runtimes are reported),
// or AWS_PREFLIGHT_DATE, which the demo, the tests and `check --date` set so their results do not change with the
// calendar.
import * as assert from "assert";
import { analyzeAsCreated } from "../harness/policy-harness";
import * as fs from "fs";
import * as path from "path";
import { CLOCK_ENV, daysBetween, parseIsoDate } from "../../lib/framework/clock";
import { PACK_DIR, PolicyPackProcess, urnOf } from "../../lib/runner/engine";

const FUNCTION = "aws:lambda/function:Function";
const DATA_DATE = parseIsoDate(JSON.parse(fs.readFileSync(path.join(PACK_DIR, "data", "lambda-runtimes.json"), "utf8")).sourceDate)!;
const MAX_AGE = 180;

async function dataAgeNotes(env: Record<string, string>): Promise<string[]> {
    const withoutInherited = { [CLOCK_ENV]: "", ...env };
    const { pack } = await PolicyPackProcess.launch(PACK_DIR, { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } }, withoutInherited);
    try {
        const info = await pack.getAnalyzerInfo();
        await pack.configure(info.policies);
        const diagnostics = await analyzeAsCreated(pack, { type: FUNCTION, name: "f", urn: urnOf(FUNCTION, "f"),
            properties: { runtime: "python3.13", handler: "index.handler", role: "arn:aws:iam::123456789012:role/r" } });
        return diagnostics.filter(d => d.message.includes("maxDataAgeDays")).map(d => d.enforcementLevel);
    } finally {
        await pack.close();
    }
}

describe("e2e: the pack's clock", () => {
    it("a date past maxDataAgeDays gets the data-age advisory, a date within it none", async () => {
        const late = new Date(DATA_DATE.getTime() + (MAX_AGE + 1) * 86_400_000).toISOString().slice(0, 10);
        assert.deepStrictEqual(await dataAgeNotes({ [CLOCK_ENV]: late }), ["advisory"]);
        assert.deepStrictEqual(await dataAgeNotes({ [CLOCK_ENV]: "2027-06-01" }), ["advisory"]);
        assert.deepStrictEqual(await dataAgeNotes({ [CLOCK_ENV]: DATA_DATE.toISOString().slice(0, 10) }), []);
    });

    it("without AWS_PREFLIGHT_DATE the real clock decides (a user with old data is told)", async () => {
        const old = daysBetween(DATA_DATE, new Date()) > MAX_AGE;
        assert.deepStrictEqual(await dataAgeNotes({}), old ? ["advisory"] : []);
    });
});
