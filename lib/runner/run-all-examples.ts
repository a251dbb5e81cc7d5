// Child-process entry: records every example program's resources in one process (faster than one process per
// example) and prints { "<example>": ResourceRecord[] } as JSON on stdout. Used as seeds by the fuzz test.
import * as fs from "fs";
import * as path from "path";
import { readProject, recordExample } from "./program";

const [examplesDir, compiledDir] = process.argv.slice(2);
console.log = console.error;

async function main(): Promise<void> {
    const out: Record<string, unknown> = {};
    for (const name of fs.readdirSync(examplesDir).sort()) {
        if (fs.existsSync(path.join(examplesDir, name, "expect.json"))) {
            out[name] = await recordExample(readProject(path.join(examplesDir, name)), path.join(compiledDir, name, "index.js"));
        }
    }
    process.stdout.write(JSON.stringify(out));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
