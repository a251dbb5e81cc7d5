// What the red-team tests look for in every message the pack sends: a secret in any form derived from it.
import * as assert from "assert";
import { Diagnostic } from "../../lib/runner/engine";

const ARN = /^arn:[^:]*:[^:]*:([^:]*):([^:]*):(.+)$/;

/** The forms of `secret` a message must not contain: itself, trimmed, cased, JSON-escaped, 12-character runs, ARN parts. */
export function forbiddenForms(secret: string, { fragments = true } = {}): string[] {
    const forms = new Set<string>();
    const trimmed = secret.trim();
    for (const base of [secret, trimmed]) {
        const once = JSON.stringify(base).slice(1, -1);
        for (const form of [base, once, JSON.stringify(once).slice(1, -1)]) {
            forms.add(form);
            forms.add(form.toLowerCase());
            forms.add(form.toUpperCase());
        }
    }
    if (fragments && trimmed.length > 12) {
        for (let i = 0; i + 12 <= trimmed.length && i < 2000; i += 3) {
            forms.add(trimmed.slice(i, i + 12));
        }
    }
    const arn = ARN.exec(trimmed);
    if (arn) {
        const [, region, account, resource] = arn;
        forms.add(account);
        forms.add(resource);
        forms.add(region);
        if (resource.includes("mrk-")) {
            forms.add("mrk-");
            forms.add("multi-Region key: the ARN of its replica in");
        }
    }
    return [...forms].filter(form => form.trim().length >= 4);
}

/** Fails naming the form and the message when any message shows a form of any secret (compared case-insensitively). */
export function assertNoLeak(diagnostics: readonly Diagnostic[], secrets: readonly string[], options?: { fragments?: boolean }): void {
    for (const secret of secrets) {
        for (const form of forbiddenForms(secret, options)) {
            for (const d of diagnostics) {
                assert.ok(!d.message.toLowerCase().includes(form.toLowerCase()),
                    `${d.policyName} shows ${JSON.stringify(form)} (derived from a secret):\n${d.message.slice(0, 2000)}`);
            }
        }
    }
}

export function assertNoBug(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
        assert.ok(!/bug in the policy pack/.test(d.message), `${d.policyName} reports a bug:\n${d.message.slice(0, 2000)}`);
    }
}
