// The table itself: tokens and property names checked against the real @pulumi/aws package.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { hasTokenSegment, isAutoName, PHYSICAL_NAME_TABLE, physicalNameRow, prefixLimit, timestampSegments } from "../../../lib/aws/naming";
import { recordProgram } from "../../../lib/runner/program";

function resourceClass(type: string): (new (name: string, args: Record<string, unknown>) => pulumi.CustomResource) & { __pulumiType?: string } {
    const match = /^aws:([^/]+)\/[^:]+:(\w+)$/.exec(type);
    assert.ok(match, type);
    return (aws as unknown as Record<string, Record<string, any>>)[match![1]][match![2]];
}

describe("lib/aws/naming table", () => {
    it("lists every type once, with tokens the @pulumi/aws package really uses", () => {
        const seen = new Set<string>();
        for (const row of PHYSICAL_NAME_TABLE) {
            for (const type of row.types) {
                assert.ok(!seen.has(type), `${type} is in two rows`);
                seen.add(type);
                assert.strictEqual(resourceClass(type).__pulumiType, type);
                assert.strictEqual(physicalNameRow(type), row);
            }
        }
        assert.ok(seen.has("aws:alb/loadBalancer:LoadBalancer") && seen.has("aws:alb/targetGroup:TargetGroup"), "aws:alb aliases");
        assert.ok(seen.has("aws:s3/bucketV2:BucketV2"), "v6 token");
        assert.strictEqual(physicalNameRow("aws:ec2/vpc:Vpc"), undefined);
    });

    it("names properties the resources really take (a misspelt one would not be registered)", async () => {
        const expected = new Map<string, string[]>();
        const records = await recordProgram(() => {
            PHYSICAL_NAME_TABLE.forEach((row, i) => {
                const args: Record<string, unknown> = { [row.nameProperty]: `n${i}` };
                if (row.prefixProperty) {
                    args[row.prefixProperty] = `p${i}`;
                }
                if (row.rule.fifoProperty) {
                    args[row.rule.fifoProperty] = true;
                }
                if (row.scopeProperty) {
                    args[row.scopeProperty] = "c";
                }
                // Required inputs the constructor checks get a filler; only properties it reads are registered, so a
                // misspelt table property is still missing from what it registers.
                const withFillers = new Proxy(args, { get: (target, key) => typeof key === "string" && !(key in target) ? "x" : target[key as string] });
                const Resource = resourceClass(row.types[0]);
                new Resource(`r${i}`, withFillers);
                expected.set(`r${i}`, Object.keys(args));
            });
        }, { project: "app", stack: "dev" });
        for (const [name, keys] of expected) {
            const recorded = records.find(r => r.name === name)!;
            for (const key of keys) {
                assert.ok(key in recorded.properties, `${recorded.type} has no input '${key}'`);
            }
        }
    });

    it("finds the token only as a whole segment, ignoring case", () => {
        assert.ok(hasTokenSegment("orders-PR6247", "pr6247"));
        assert.ok(hasTokenSegment("pr6247", "pr6247"));
        assert.ok(hasTokenSegment("a/pr6247.b_c", "PR6247"));
        assert.ok(hasTokenSegment("orders-dev-eu-x", "dev-eu"), "a token with its own delimiter");
        assert.ok(!hasTokenSegment("orders-pr62470", "pr6247"));
        assert.ok(!hasTokenSegment("xpr6247", "pr6247"));
        assert.ok(!hasTokenSegment("orders", ""));
        assert.ok(hasTokenSegment("pr6247x-pr6247", "pr6247"), "a later occurrence counts");
    });

    it("recognises Pulumi auto-names", () => {
        assert.ok(isAutoName("orders-1a2b3c4", "orders"));
        assert.ok(isAutoName("myqueue-1a2b3c4.fifo", "MyQueue"), "lowercased by the provider, FIFO suffix added");
        assert.ok(!isAutoName("orders-1a2b3c", "orders"));
        assert.ok(!isAutoName("orders-pr6247x", "orders"));
        assert.ok(!isAutoName("other-1a2b3c4", "orders"));
        assert.ok(!isAutoName("orders-1a2b3c4", ""));
    });

    it("finds timestamp-like segments", () => {
        assert.deepStrictEqual(timestampSegments("alb-pr6247-1732342000123"), ["1732342000123"]);
        assert.deepStrictEqual(timestampSegments("logs-20261123-x"), ["20261123"]);
        assert.deepStrictEqual(timestampSegments("app-v2-1234567"), []);
    });

    it("leaves room for the generated id (and .fifo) in prefixes", () => {
        const queue = physicalNameRow("aws:sqs/queue:Queue")!;
        assert.strictEqual(prefixLimit(queue, false), 54);
        assert.strictEqual(prefixLimit(queue, true), 49);
        assert.strictEqual(prefixLimit(physicalNameRow("aws:lb/loadBalancer:LoadBalancer")!, undefined), 6);
        assert.strictEqual(prefixLimit(physicalNameRow("aws:iam/role:Role")!, undefined), 38);
    });
});
