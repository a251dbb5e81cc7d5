// What the engine does with a policy pack during `pulumi preview`, in its order: remediate each resource, analyze
// the remediated resource, then analyze the whole stack. Shared by the examples runner and `check`.
import { Diagnostic, PolicyPackProcess, ResourceRecord } from "./engine";

export interface ReportedDiagnostic extends Diagnostic {
    readonly resourceName: string | undefined;
    readonly resourceType: string | undefined;
    readonly phase: "analyze" | "analyzeStack";
}

export interface Remediation {
    readonly resource: string;
    readonly policies: string[];
    readonly before: unknown;
    readonly after: unknown;
}

export interface Evaluation {
    readonly diagnostics: ReportedDiagnostic[];
    readonly remediations: Remediation[];
}

export async function evaluate(pack: PolicyPackProcess, recorded: readonly ResourceRecord[]): Promise<Evaluation> {
    const byUrn = new Map(recorded.map(r => [r.urn, r]));
    const diagnostics: ReportedDiagnostic[] = [];
    const remediations: Remediation[] = [];
    const analyzed: ResourceRecord[] = [];
    for (const resource of recorded) {
        const remediated = await pack.remediate(resource);
        const current = { ...resource, properties: remediated.properties,
            ...(resource.outputs ? { outputs: { ...resource.outputs, ...remediated.properties } } : {}) };
        if (remediated.policies.length > 0) {
            remediations.push({ resource: resource.name, policies: remediated.policies, before: resource.properties, after: remediated.properties });
        }
        analyzed.push(current);
        for (const d of await pack.analyze(current)) {
            diagnostics.push({ ...d, urn: d.urn || resource.urn, resourceName: resource.name, resourceType: resource.type, phase: "analyze" });
        }
    }
    for (const d of await pack.analyzeStack(analyzed)) {
        const resource = d.urn ? byUrn.get(d.urn) : undefined;
        diagnostics.push({ ...d, resourceName: resource?.name, resourceType: resource?.type, phase: "analyzeStack" });
    }
    return { diagnostics, remediations };
}
