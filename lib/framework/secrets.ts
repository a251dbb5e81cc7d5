// Keeping secret values out of policy messages.
//
// The engine sends secret properties marked as secret, but the @pulumi/policy server unwraps those marks before
// `Analyze` and `AnalyzeStack` policies see the values, so a policy cannot tell a secret bucket name or policy
// document from a plain one. `preserveSecretMarks` makes the server deserialize the way it already does for
// `Remediate`: secret values stay wrapped in `Secret` underneath the proxies (reads through the proxies still see
// plain values), so `PropertyBag` knows which values were secret and the policy wrapper can scrub them from every
// message before it leaves the process.
type DeserializeProperties = (struct: unknown, proxySecrets: boolean) => Record<string, unknown>;

const PATCHED = Symbol.for("aws-preflight.preserveSecretMarks");

/**
 * Returns whether secret marks are preserved. The module is internal to @pulumi/policy (pinned exactly in
 * package.json, and covered by the end-to-end tests); if a future version moves it, the pack still loads and runs,
 * and says once on stderr (never stdout, which carries the port) that secrets are unmarked.
 */
export function preserveSecretMarks(): boolean {
    let module: Record<string | symbol, unknown>;
    try {
        module = require("@pulumi/policy/deserialize");
    } catch {
        warnUnpatched("@pulumi/policy/deserialize could not be loaded");
        return false;
    }
    if (module[PATCHED]) {
        return true;
    }
    const original = module.deserializeProperties;
    if (typeof original !== "function" || original.length !== 2) {
        warnUnpatched("@pulumi/policy's deserializeProperties has an unexpected shape");
        return false;
    }
    module.deserializeProperties = (struct: unknown, _proxySecrets: boolean) => (original as DeserializeProperties)(struct, true);
    module[PATCHED] = true;
    return true;
}

function warnUnpatched(reason: string): void {
    process.stderr.write(`aws-preflight: ${reason}; values marked secret cannot be told apart from plain ones, ` +
        "so policy messages may show them. Pin @pulumi/policy to the version in aws-preflight's package.json.\n");
}

export const REDACTED = "[secret]";

/**
 * Replaces every occurrence of a secret value in `message`, in any letter case (a lowercased "corrected" copy of a
 * secret leaks it just the same). Values under 8 characters are replaced only where they stand as a token, so a
 * secret `true` does not blank every "true" in a message.
 */
export function scrubSecrets(message: string, secrets: readonly string[]): string {
    let out = message;
    const ordered = [...new Set(secrets)].filter(s => s.length > 0).sort((a, b) => b.length - a.length);
    for (const secret of ordered) {
        out = replaceIgnoringCase(out, secret, secret.length < 8);
    }
    return out;
}

function isWordCharacter(c: string | undefined): boolean {
    return c !== undefined && /[A-Za-z0-9]/.test(c);
}

function replaceIgnoringCase(text: string, secret: string, wholeTokenOnly: boolean): string {
    const haystack = text.toLowerCase();
    const needle = secret.toLowerCase();
    let out = "";
    let from = 0;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
        if (wholeTokenOnly && (isWordCharacter(text[at - 1]) || isWordCharacter(text[at + needle.length]))) {
            continue;
        }
        out += text.slice(from, at) + REDACTED;
        from = at + needle.length;
    }
    return out + text.slice(from);
}
