import * as assert from "assert";
import { bucketNameRuleBreaks, directoryBucketNameRuleBreaks, fixBucketName } from "../../../lib/aws/s3/bucket-names";
import { nameRuleBreaks, physicalNameRow } from "../../../lib/aws/naming";
import { physicalNameValid } from "../../../policies/naming/physical-name-valid";
import { physicalNameUniqueInStack } from "../../../policies/naming/physical-name-unique-in-stack";
import { record, validateOne, validateStack } from "../../harness/policy-harness";
import { headline } from "../../../lib/runner/message-lengths";

const MB5 = 5 * 1024 * 1024;
const ms = (work: () => unknown) => {
    const started = process.hrtime.bigint();
    work();
    return Number(process.hrtime.bigint() - started) / 1e6;
};

// Before the character checks were bounded, each of these took 0.7 to 3 seconds on a 5 MB name.
describe("naming rules on hostile 5 MB names", () => {
    for (const [label, name] of [["uppercase", "A".repeat(MB5)], ["mixed", "a-B_c".repeat(MB5 / 5)]] as const) {
        it(`${label}: S3 and physical-name rules answer from the length and a bounded prefix, in well under 500 ms`, () => {
            const rds = physicalNameRow("aws:rds/instance:Instance")!;
            const queue = physicalNameRow("aws:sqs/queue:Queue")!;
            const bucketTime = ms(() => bucketNameRuleBreaks(name, "bucket"));
            const rdsTime = ms(() => nameRuleBreaks(rds, name, "name"));
            const queueTime = ms(() => nameRuleBreaks(queue, name, "name"));
            const directoryTime = ms(() => directoryBucketNameRuleBreaks(name));
            const fixTime = ms(() => fixBucketName(name, "bucket"));
            for (const [what, t] of [["bucket", bucketTime], ["rds", rdsTime], ["queue", queueTime], ["directory", directoryTime], ["fix", fixTime]] as const) {
                assert.ok(t < 500, `${what}: ${t.toFixed(0)} ms`);
            }
            const rules = bucketNameRuleBreaks(name, "bucket").map(b => b.rule);
            assert.ok(rules.includes("length") && rules.includes("uppercase"), rules.join());
            const message = bucketNameRuleBreaks(name, "bucket").find(b => b.rule === "uppercase")!.message;
            assert.match(message, /\(in its first 1,024 characters\)\.$/);
            assert.ok(message.length < 400);
            assert.deepStrictEqual(nameRuleBreaks(queue, name, "name").map(b => b.rule), label === "mixed" ? ["length"] : ["length"]);
        });
    }

    it("the policies answer a 5 MB name quickly, with the length finding", () => {
        const name = "A".repeat(MB5);
        let reported: { message: string }[] = [];
        const t = ms(() => { reported = validateOne(physicalNameValid, { type: "aws:rds/instance:Instance", name: "db", properties: { identifier: name } }); });
        assert.ok(t < 1500, `${t.toFixed(0)} ms (the harness serialises 5 MB twice)`);
        assert.ok(reported.some(r => /at most 63 characters|1 to 63/.test(r.message)), JSON.stringify(reported.map(r => r.message.slice(0, 200))));
        assert.ok(reported.every(r => r.message.length < 1200));
    });

    it("names up to 1,024 characters get exactly the findings they got before", () => {
        const name = `${"a".repeat(1000)}B_c`;
        const queue = physicalNameRow("aws:sqs/queue:Queue")!;
        const rds = physicalNameRow("aws:rds/instance:Instance")!;
        assert.deepStrictEqual(nameRuleBreaks(queue, name, "name").map(b => b.rule), ["length"]);
        assert.deepStrictEqual(nameRuleBreaks(rds, name, "name").map(b => b.rule), ["length", "uppercase", "characters"]);
        assert.match(nameRuleBreaks(rds, name, "name")[1].message, /'B' at position 1001\.$/);
        assert.match(bucketNameRuleBreaks(name, "bucket")[1].message, /'B' at position 1001\.$/);
    });
});

describe("physical-name-unique-in-stack headlines with long names", () => {
    it("stay within 150 characters after the path", () => {
        const logical = "component-child-".repeat(12);
        const name = "n".repeat(200);
        const resources = [0, 1, 2, 3, 4].map(i => record("aws:iam/role:Role", `${logical}${i}`, { name: i === 1 ? name.toUpperCase() : name }));
        const reported = validateStack(physicalNameUniqueInStack, resources);
        assert.strictEqual(reported.length, 5);
        for (const r of reported) {
            const first = headline(r.message).replace(/^name: /, "");
            assert.ok([...first].length <= 150, `${[...first].length}: ${first}`);
            assert.ok(r.message.length <= 1200, `${r.message.length}`);
        }
        assert.match(reported[0].message, /which differs only in case/);
    });
});
