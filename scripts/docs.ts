// Generates the README's policy table and per-policy reference from the policies' own metadata.
// `node build/scripts/docs.js --write` rewrites README.md; without --write it exits 1 when README.md is stale.
import * as fs from "fs";
import * as path from "path";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { allPolicies } from "../policies";
import { PreflightPolicy } from "../lib/framework/policy";

export const README = path.resolve(__dirname, "..", __dirname.includes(`${path.sep}build${path.sep}`) ? ".." : "", "README.md");
const BEGIN = "<!-- BEGIN GENERATED POLICY REFERENCE (npm run docs) -->";
const END = "<!-- END GENERATED POLICY REFERENCE -->";

function code(text: string): string {
    return "`" + text.replace(/`/g, "'") + "`";
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function schemaType(schema: PolicyConfigJSONSchema): string {
    const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type ?? "any";
    if (type === "array" && schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
        return `array of ${(schema.items as PolicyConfigJSONSchema).type ?? "object"}`;
    }
    return type;
}

function table(policies: readonly PreflightPolicy[]): string {
    const rows = policies.map(({ kind, metadata: m }) =>
        `| [${code(m.name)}](#${m.name}) | ${m.enforcementLevel} | ${m.severity} | ${kind} | ${cell(m.description)} |`);
    return ["| policy | default level | severity | kind | what it checks |", "|---|---|---|---|---|", ...rows].join("\n");
}

function section({ kind, metadata: m, policy }: PreflightPolicy): string {
    const lines = [
        `### ${m.name}`,
        "",
        `${m.description}`,
        "",
        `- Default level: **${m.enforcementLevel}**${"remediateResource" in policy ? " (supports `remediate`)" : ""}; severity: **${m.severity}**; ${kind} policy; tags: ${m.tags.map(code).join(", ")}`,
        `- Resource types: ${m.resourceTypes.map(code).join(", ")}`,
        `- What goes wrong without it: ${m.docs.failure}`,
    ];
    if (m.docs.awsError) {
        lines.push(`- AWS error: ${code(m.docs.awsError)}`);
    }
    lines.push(`- Fix: ${m.remediationSteps}`);
    const options = Object.entries(m.config as Record<string, PolicyConfigJSONSchema>);
    if (options.length > 0) {
        lines.push("", "| config key | type | default | meaning |", "|---|---|---|---|");
        for (const [key, schema] of options) {
            const fallback = schema.default === undefined ? "—" : code(JSON.stringify(schema.default));
            lines.push(`| ${code(key)} | ${schemaType(schema)} | ${fallback} | ${cell(schema.description ?? "")} |`);
        }
    }
    return lines.join("\n");
}

export function generatedReference(policies: readonly PreflightPolicy[] = allPolicies): string {
    return [BEGIN, "", table(policies), "", ...policies.map(p => section(p) + "\n"), END].join("\n");
}

export function renderReadme(current: string): string {
    const start = current.indexOf(BEGIN);
    const end = current.indexOf(END);
    if (start < 0 || end < start) {
        throw new Error(`README.md has no generated section between ${BEGIN} and ${END}`);
    }
    return current.slice(0, start) + generatedReference() + current.slice(end + END.length);
}

if (require.main === module) {
    const current = fs.readFileSync(README, "utf8");
    const next = renderReadme(current);
    if (process.argv.includes("--write")) {
        fs.writeFileSync(README, next);
        console.log(`README.md: policy reference regenerated (${allPolicies.length} policies)`);
    } else if (next !== current) {
        console.error("README.md is stale: run `npm run docs`");
        process.exit(1);
    } else {
        console.log("README.md policy reference is up to date");
    }
}
