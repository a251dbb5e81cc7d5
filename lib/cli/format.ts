// The text report of `aws-preflight check`.
import type { CheckFinding, CheckReport } from "../runner/check";

function indent(text: string, prefix: string): string {
    return text.split("\n").map(line => line === "" ? "" : prefix + line).join("\n");
}

/** Findings grouped per resource, as `pulumi preview` lists policy violations, then a summary by level. */
export function formatReport(report: CheckReport): string {
    const lines: string[] = [`aws-preflight: ${report.project} (stack ${report.stack}), ${report.resourceCount} resources`];
    for (const key of report.standInConfig) {
        lines.push(`  note: ${key} is encrypted in the stack file; a secret stand-in was used (pass --config to set it)`);
    }
    for (const r of report.remediations) {
        lines.push(`  [remediated by ${r.policies.join(", ")}] ${r.resource}`);
    }
    const groups = new Map<string, CheckFinding[]>();
    for (const finding of report.findings) {
        const key = finding.resource ? `${finding.resource.type}  ${finding.resource.name}` : "stack";
        groups.set(key, [...(groups.get(key) ?? []), finding]);
    }
    if (groups.size > 0) {
        lines.push("", "Policies:");
    }
    for (const [resource, findings] of groups) {
        lines.push(`    ${resource}`);
        for (const f of findings) {
            lines.push(`        - [${f.level}]  ${f.policy}`);
            lines.push(indent(f.message, "          "));
        }
    }
    const mandatory = report.mandatory.length;
    const advisory = report.advisory.length;
    const counts = [`${mandatory} mandatory`, `${advisory} advisory`];
    const other = report.findings.length - mandatory - advisory;
    if (other > 0) {
        counts.push(`${other} other`);
    }
    lines.push("", `Summary: ${counts.join(", ")}` + (mandatory > 0
        ? ": `pulumi preview --policy-pack` would fail."
        : report.findings.length === 0 ? ": no policy violations." : ": nothing would block the preview."));
    return lines.join("\n") + "\n";
}
