// Property-based: whatever text surrounds a secret, including characters whose case mapping changes length, the
// scrubbed message contains neither the secret nor any 12-character run of it, and text around it survives.
import * as assert from "assert";
import fc from "fast-check";
import { scrubSecrets } from "../../lib/framework/secrets";

const TRICKY = ["İ", "ß", "ŉ", "ﬁ", "ﬀ", "ς", "Σ", "ǰ", "ẞ", "ﬆ", "ΐ", "ı", "K", "Å", "😀", "a", "-", " "];
const tricky = fc.array(fc.constantFrom(...TRICKY), { maxLength: 40 }).map(chars => chars.join(""));

describe("red team: scrubbing fuzzed with length-changing case mappings", () => {
    it("never leaves a secret or a 12-character run of it, in any case, wherever it stands", () => {
        fc.assert(fc.property(tricky, tricky, tricky, fc.constantFrom("lower", "upper", "same"),
            fc.string({ minLength: 8, maxLength: 30 }).filter(s => s.trim().length >= 8), (before, inside, after, casing, core) => {
                const secret = `${inside}${core}`;
                const shown = casing === "lower" ? secret.toLowerCase() : casing === "upper" ? secret.toUpperCase() : secret;
                const out = scrubSecrets(`${before}<${shown}>${after}`, [secret]);
                assert.ok(!out.includes(secret) && !out.includes(shown), out);
                const folded = out.toLowerCase().toUpperCase().toLowerCase();
                const foldedSecret = core.toLowerCase().toUpperCase().toLowerCase();
                for (let i = 0; i + 12 <= foldedSecret.length; i++) {
                    assert.ok(!folded.includes(foldedSecret.slice(i, i + 12)), `${JSON.stringify(out)} keeps a run of ${JSON.stringify(core)}`);
                }
                assert.ok(out.includes("[secret]"), out);
            }), { numRuns: 400, seed: 20261201 });
    });

    it("keeps the text on both sides of a replaced secret intact", () => {
        const text = `${"İ".repeat(30)} token "hunter2-zq7" and ß after`;
        assert.strictEqual(scrubSecrets(text, ["HUNTER2-ZQ7"]), `${"İ".repeat(30)} token "[secret]" and ß after`);
        assert.strictEqual(scrubSecrets("STRASSE and straße", ["straße"]), "[secret] and [secret]");
    });
});
