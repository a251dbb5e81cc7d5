// Writes data/config-managed-rules.json: the AWS Config managed rule identifiers. AWS has no API that lists managed
// rules; AWS's "List of AWS Config Managed Rules" is a documentation page. The snapshot used is the
// `ManagedRuleIdentifiers` class of the Apache-2.0 npm package aws-cdk-lib (aws-config/lib/rule.d.ts), which names
// each identifier with a link to its AWS documentation page, but which CDK extends on request: it is a partial list,
// and it gives no trigger types. Usage (the package is not a dependency of the pack):
//   npm pack aws-cdk-lib@2.276.0 && tar -xzf aws-cdk-lib-2.276.0.tgz package/aws-config/lib/rule.d.ts package/package.json
//   node build/scripts/generators/config-managed-rules.js --source package [--date yyyy-mm-dd] [--out <file>]
import * as fs from "fs";
import * as path from "path";
import { DATA_DIR } from "../../lib/data/data-files";
import { CONFIG_MANAGED_RULES_FORMAT, ConfigManagedRulesFile } from "../../lib/aws/config/managed-rules";

/** A snapshot with far fewer identifiers than CDK's ~290 is a broken source, not AWS retiring rules. */
const MIN_IDENTIFIERS = 250;
const IDENTIFIER = /^\s*static readonly ([A-Z0-9_]+) = "([A-Z0-9_]+)";/;

/** The identifiers of the ManagedRuleIdentifiers class, and those its doc comment marks `@deprecated Inactive`. */
export function parseManagedRuleIdentifiers(declarations: string): { identifiers: string[]; inactive: string[] } {
    const lines = declarations.split("\n");
    const start = lines.findIndex(line => line.includes("class ManagedRuleIdentifiers"));
    if (start < 0) {
        throw new Error("no ManagedRuleIdentifiers class in the source");
    }
    const identifiers = new Set<string>();
    const inactive = new Set<string>();
    let comment: string[] = [];
    for (let i = start + 1; i < lines.length && !/^}/.test(lines[i]); i++) {
        const line = lines[i];
        if (line.includes("/**")) {
            comment = [];
        }
        comment.push(line);
        const match = IDENTIFIER.exec(line);
        if (match) {
            (comment.some(c => /@deprecated\s+Inactive/i.test(c)) ? inactive : identifiers).add(match[2]);
            comment = [];
        }
    }
    return { identifiers: [...identifiers].sort(), inactive: [...inactive].filter(i => !identifiers.has(i)).sort() };
}

export function generateConfigManagedRules(packageDir: string, sourceDate: string): ConfigManagedRulesFile {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { name: string; version: string; license: string };
    const declarations = fs.readFileSync(path.join(packageDir, "aws-config", "lib", "rule.d.ts"), "utf8");
    const { identifiers, inactive } = parseManagedRuleIdentifiers(declarations);
    if (identifiers.length < MIN_IDENTIFIERS) {
        throw new Error(`the source lists only ${identifiers.length} identifiers (expected at least ${MIN_IDENTIFIERS}): not writing`);
    }
    return {
        format: CONFIG_MANAGED_RULES_FORMAT,
        source: `npm ${manifest.name}@${manifest.version}, aws-config/lib/rule.d.ts (class ManagedRuleIdentifiers)`,
        licence: manifest.license,
        sourceDate,
        generated: new Date().toISOString(),
        completeness: "partial",
        completenessNote: `${identifiers.length} active identifiers (and ${inactive.length} inactive). CDK adds identifiers on ` +
            "request, so AWS has managed rules this list lacks; the source gives no trigger types.",
        identifiers,
        inactive,
        triggerTypes: {},
    };
}

function main(): void {
    const args = process.argv.slice(2);
    const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
    const source = option("--source");
    if (!source) {
        throw new Error("--source <extracted aws-cdk-lib package folder> is required (see the header of this script)");
    }
    const date = option("--date") ?? new Date().toISOString().slice(0, 10);
    const out = option("--out") ?? path.join(DATA_DIR, "config-managed-rules.json");
    const file = generateConfigManagedRules(path.resolve(source), date);
    const { identifiers, inactive, ...header } = file;
    const list = (values: readonly string[]) => `[\n${values.map(v => `  ${JSON.stringify(v)}`).join(",\n")}\n ]`;
    fs.writeFileSync(out, `${JSON.stringify(header, null, 1).replace(/\n}$/, ",")}\n "identifiers": ${list(identifiers)},\n` +
        ` "inactive": ${list(inactive)}\n}\n`);
    console.log(`wrote ${out}: ${identifiers.length} identifiers, ${inactive.length} inactive`);
}

if (require.main === module) {
    main();
}
