import * as assert from "assert";
import * as fs from "fs";
import { README, renderReadme } from "../../scripts/docs";
import { allPolicies } from "../../policies";

describe("README policy reference", () => {
    it("is generated from the current policy metadata (run `npm run docs` when this fails)", () => {
        const current = fs.readFileSync(README, "utf8");
        assert.ok(current === renderReadme(current), "README.md is stale: run `npm run docs`");
    });

    it("documents every policy with a section its url points at", () => {
        const current = fs.readFileSync(README, "utf8");
        for (const { metadata, policy } of allPolicies) {
            assert.ok(current.includes(`### ${metadata.name}\n`), metadata.name);
            assert.ok(policy.url!.endsWith(`README.md#${metadata.name}`), metadata.name);
        }
    });
});
