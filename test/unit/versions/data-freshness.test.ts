// The shipped data files are exactly what the generator makes from the offline source, so a change to the
// generator or the source that is not followed by `npm run data:refresh` fails CI (tflint's "regenerate and diff").
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { offlineData, parseArgs } from "../../../scripts/generate-data";
import { PACK_DIR } from "../../../lib/runner/engine";

describe("shipped data files", () => {
    it("match what `npm run data:refresh` generates from the offline source", function () {
        const options = parseArgs([]);
        if (!fs.existsSync(options.source)) {
            this.skip(); // the AWS service data is not beside this checkout
        }
        const generated = offlineData(options, new Date(0));
        assert.ok(generated.size >= 4, "every data kind is generated");
        for (const [kind, fresh] of generated) {
            const shipped = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "data", `${kind}.json`), "utf8"));
            const withoutTimestamp = (file: Record<string, unknown>) => ({ ...file, generated: undefined });
            assert.deepStrictEqual(withoutTimestamp(JSON.parse(JSON.stringify(fresh))), withoutTimestamp(shipped),
                `data/${kind}.json is stale: run \`npm run data:refresh\``);
        }
    });
});
