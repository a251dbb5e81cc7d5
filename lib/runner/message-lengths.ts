// How long the pack's messages are, measured the way a terminal user reads them.
//
// "Message" is the `message` field of an AnalyzeDiagnostic exactly as the pack returns it over the analyzer
// protocol. It is what `pulumi preview` prints: a line `[level]  <pack> v<version>  <policy> (<type>: <name>)`,
// then the message, indented (pulumi/pulumi pkg/backend/display/progress.go printPolicyViolations, which prints
// `policyEvent.Message`; pkg/engine/events.go policyViolationEvent builds that from the diagnostic's `Message`
// alone, never its `description`). Length is counted in Unicode code points; the headline is its first line.

/**
 * The targets of issue 12: a headline of at most about 160 characters and a median of at most 400. The demo's
 * messages meet them (a headline with a 5,000-character value too: values are cut, lib/framework/quote.ts), so the
 * limits are the targets.
 */
export const TARGETS = { headline: 160, medianTotal: 400, total: 1200 } as const;

export const LIMITS = TARGETS;

export interface MeasuredMessage {
    readonly policy: string;
    readonly where: string;
    readonly message: string;
}

export const length = (text: string): number => [...text].length;
export const headline = (message: string): string => message.split("\n", 1)[0];

/** The JSON object starting at `start` (a `{`), or undefined when the text there is not one. */
function jsonObjectAt(text: string, start: number): unknown {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === "\\") {
                i++;
            } else if (c === "\"") {
                inString = false;
            }
        } else if (c === "\"") {
            inString = true;
        } else if (c === "{") {
            depth++;
        } else if (c === "}" && --depth === 0) {
            try {
                return JSON.parse(text.slice(start, i + 1));
            } catch {
                return undefined;
            }
        }
    }
    return undefined;
}

/**
 * Whether the message carries a paste-ready IAM policy document or statement: a JSON object, starting a line, with
 * `Statement` or with `Effect` and `Action`. Only those may exceed `LIMITS.total`.
 */
export function carriesPolicyDocument(message: string): boolean {
    for (let at = message.indexOf("{"); at >= 0; at = message.indexOf("{", at + 1)) {
        if (at > 0 && !/\n\s*$/.test(message.slice(Math.max(0, at - 8), at))) {
            continue;
        }
        const value = jsonObjectAt(message, at) as Record<string, unknown> | undefined;
        if (value && typeof value === "object" && ("Statement" in value || ("Effect" in value && "Action" in value))) {
            return true;
        }
    }
    return false;
}

export function median(values: readonly number[]): number {
    if (values.length === 0) {
        return 0;
    }
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Every way the messages miss the limits, one line each; empty when they meet them. */
export function lengthProblems(messages: readonly MeasuredMessage[]): string[] {
    const problems: string[] = [];
    const total = median(messages.map(m => length(m.message)));
    if (total > LIMITS.medianTotal) {
        problems.push(`median length ${total} > ${LIMITS.medianTotal} over ${messages.length} messages`);
    }
    for (const m of messages) {
        const n = length(m.message);
        if (n > LIMITS.total && !carriesPolicyDocument(m.message)) {
            problems.push(`${m.policy} on ${m.where}: ${n} characters > ${LIMITS.total} (and no policy document)`);
        }
        const h = length(headline(m.message));
        if (h > LIMITS.headline) {
            problems.push(`${m.policy} on ${m.where}: headline of ${h} characters > ${LIMITS.headline}: ${headline(m.message)}`);
        }
    }
    return problems;
}

/** Per policy: how many messages, their median and longest total length, the longest headline. */
export function lengthTable(messages: readonly MeasuredMessage[]): string {
    const byPolicy = new Map<string, MeasuredMessage[]>();
    for (const m of messages) {
        byPolicy.set(m.policy, [...(byPolicy.get(m.policy) ?? []), m]);
    }
    const rows = [...byPolicy].sort(([a], [b]) => a.localeCompare(b)).map(([policy, list]) => {
        const totals = list.map(m => length(m.message));
        return `${policy.padEnd(52)} ${String(list.length).padStart(3)} ${String(median(totals)).padStart(7)} ` +
            `${String(Math.max(...totals)).padStart(6)} ${String(Math.max(...list.map(m => length(headline(m.message))))).padStart(9)}`;
    });
    const all = messages.map(m => length(m.message));
    return [`${"policy".padEnd(52)}   n  median    max  headline`, ...rows,
        `${"all".padEnd(52)} ${String(messages.length).padStart(3)} ${String(median(all)).padStart(7)} ${String(Math.max(0, ...all)).padStart(6)}`]
        .join("\n");
}
