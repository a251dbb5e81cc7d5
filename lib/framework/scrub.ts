// Removes secret values, and what can be derived from them, from a message before it leaves the process.
//
// A policy may print a value trimmed, JSON-escaped (once inside a pasted document, twice inside a JSON string in
// one), in another letter case, cut short, or a part of it (the account or resource of an ARN). Each secret's
// derived forms are computed once, and the message is matched in a case-folded copy whose offsets map back to the
// original text, so characters whose case mapping changes length (İ, ß, ŉ, ligatures, final sigma) cannot shift a
// cut onto the wrong characters.
export const REDACTED = "[secret]";

/** Forms shorter than this are replaced only where they stand as a whole token (a secret `true`, a region). */
const SHORT_FORM = 8;
/** A run of this many characters of a secret anywhere in a message is replaced (a prefix, a cut-off copy). */
export const FRAGMENT_LENGTH = 12;
/** The longest message the pack sends: room for a paste-ready key policy (AWS caps one at 32 KB) and its text. */
export const MAX_MESSAGE_LENGTH = 40_000;
/** Fragments are looked for in a secret's first this-many characters: all of it a message can show. */
const FRAGMENT_PREFIX = MAX_MESSAGE_LENGTH;
/** Secrets longer than this are matched by fragments only: no message holds them whole. */
const LONGEST_WHOLE_FORM = 65_536;

interface Folded {
    /** `text` case-folded one code point at a time (lower, upper, lower again: `ß`, `ẞ` and `SS` all fold to `ss`). */
    readonly text: string;
    /** For every unit of the folded text: where the original character it came from starts and ends. */
    readonly starts: Int32Array | undefined;
    readonly ends: Int32Array | undefined;
}

const ASCII = /^[\x00-\x7f]*$/;

function fold(text: string): Folded {
    if (ASCII.test(text)) {
        return { text: text.toLowerCase(), starts: undefined, ends: undefined };
    }
    let out = "";
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < text.length;) {
        const codePoint = text.codePointAt(i)!;
        const width = codePoint > 0xffff ? 2 : 1;
        const char = text.slice(i, i + width);
        const folded = char.toLowerCase().toUpperCase().toLowerCase();
        out += folded;
        for (let k = 0; k < folded.length; k++) {
            starts.push(i);
            ends.push(i + width);
        }
        i += width;
    }
    return { text: out, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** The original range [start, end) that the folded range [from, to) came from, widened to whole characters. */
function originalRange(folded: Folded, from: number, to: number): [number, number] {
    return folded.starts ? [folded.starts[from], folded.ends![to - 1]] : [from, to];
}

interface SecretForms {
    /** Folded forms matched whole (long ones anywhere, short ones as tokens). */
    readonly whole: readonly string[];
    /** Folded windows of FRAGMENT_LENGTH characters, when fragments of this secret are looked for. */
    readonly fragments: ReadonlySet<string> | undefined;
}

const formsCache = new Map<string, SecretForms>();
const FORMS_CACHE_LIMIT = 20_000;

function formsOf(secret: string, scalar: boolean): SecretForms {
    const key = (scalar ? "s" : "d") + secret;
    let forms = formsCache.get(key);
    if (!forms) {
        forms = { whole: wholeForms(secret, scalar), fragments: scalar ? fragmentsOf(secret) : undefined };
        if (formsCache.size >= FORMS_CACHE_LIMIT) {
            formsCache.clear();
        }
        formsCache.set(key, forms);
    }
    return forms;
}

const ARN = /^arn:[^:\s]*:[^:\s]*:[^:\s]*:([^:\s]*):(\S+)$/;

/**
 * The secret, trimmed, JSON-escaped once and twice, URL-encoded, and (`withArnParts`) the account and resource
 * parts of an ARN. A value inside a secret document gets no ARN parts: the account of a principal in a secret key
 * policy is the stack's own account, named all over the stack, and the policies never print a document's accounts.
 */
export function derivedForms(secret: string, withArnParts = true): string[] {
    const forms = new Set<string>();
    if (secret.length > LONGEST_WHOLE_FORM) {
        return [];
    }
    const add = (form: string) => {
        if (form.trim().length > 0) {
            forms.add(form);
        }
    };
    const trimmed = secret.trim();
    for (const base of [secret, trimmed]) {
        add(base);
        const once = JSON.stringify(base).slice(1, -1);
        add(once);
        add(JSON.stringify(once).slice(1, -1));
        try {
            add(encodeURIComponent(base));
        } catch {
            // a lone surrogate: no URL-encoded form
        }
    }
    const arn = withArnParts ? ARN.exec(trimmed) : null;
    if (arn) {
        // Parts short enough to be ordinary words (a region, `root`, `*`) would blank readable text, so only
        // account ids and resource parts of SHORT_FORM characters or more are treated as the secret.
        const [, account, resource] = arn;
        const id = resource.split(/[/:]/).pop() ?? "";
        for (const part of [account, resource, id]) {
            if (part.length >= SHORT_FORM) {
                add(part);
            }
        }
    }
    return [...forms];
}

function wholeForms(secret: string, withArnParts: boolean): string[] {
    const folded = new Set(derivedForms(secret, withArnParts).map(form => fold(form).text));
    return [...folded].sort((a, b) => b.length - a.length);
}

function fragmentsOf(secret: string): ReadonlySet<string> | undefined {
    const arn = ARN.exec(secret.trim());
    // An ARN's `arn:aws:service:region:` prefix is shared by every ARN: only its account and resource are secret.
    const source = fold((arn ? `${arn[1]}:${arn[2]}` : secret).slice(0, FRAGMENT_PREFIX)).text;
    if (source.length < FRAGMENT_LENGTH) {
        return undefined;
    }
    const windows = new Set<string>();
    for (let i = 0; i + FRAGMENT_LENGTH <= source.length; i++) {
        windows.add(source.slice(i, i + FRAGMENT_LENGTH));
    }
    return windows;
}

const WORD = /[\p{L}\p{N}]/u;

function isWordAt(text: string, index: number): boolean {
    return index >= 0 && index < text.length && WORD.test(text[index]);
}

// Strings that are a secret JSON document, or a value inside one, are matched whole only. A document shares its
// grammar and AWS's own names (service principals, `arn:aws:iam::`) with every pasted policy, so runs of it
// would blank readable text; its values are listed one by one and each is scrubbed whole in all its forms.
const documentParts = new Set<string>();
const DOCUMENT_PARTS_LIMIT = 100_000;

/** Marks a secret string as a JSON document or a value inside one (see above). */
export function noteDocumentPart(text: string): void {
    if (documentParts.size >= DOCUMENT_PARTS_LIMIT) {
        documentParts.clear();
    }
    documentParts.add(text);
}

/**
 * Replaces every secret in `message`, every form derived from one (see `derivedForms`), in any letter case, and
 * every run of FRAGMENT_LENGTH or more characters taken from a secret in `fragmentSources` (default: all of them)
 * that is not a JSON document or part of one.
 * Forms under 8 characters are replaced only where they stand as a token, so a secret `true` does not blank every
 * "true" in a message.
 */
export function scrubSecrets(message: string, secrets: readonly string[], fragmentSources?: ReadonlySet<string>): string {
    const distinct = [...new Set(secrets)].filter(s => s.trim().length > 0);
    if (distinct.length === 0 || message.length === 0) {
        return message;
    }
    const whole = new Set<string>();
    const fragments: ReadonlySet<string>[] = [];
    for (const secret of distinct) {
        const forms = formsOf(secret, !documentParts.has(secret) && (fragmentSources === undefined || fragmentSources.has(secret)));
        forms.whole.forEach(form => whole.add(form));
        if (forms.fragments) {
            fragments.push(forms.fragments);
        }
    }
    const folded = fold(message);
    const hidden = new Uint8Array(message.length);
    let any = false;
    const hide = (from: number, to: number) => {
        const [start, end] = originalRange(folded, from, to);
        hidden.fill(1, start, end);
        any = true;
    };
    for (const form of [...whole].sort((a, b) => b.length - a.length)) {
        const tokenOnly = form.length < SHORT_FORM;
        for (let at = folded.text.indexOf(form); at >= 0; at = folded.text.indexOf(form, at + 1)) {
            if (tokenOnly) {
                const [start, end] = originalRange(folded, at, at + form.length);
                if (isWordAt(message, start - 1) || isWordAt(message, end)) {
                    continue;
                }
            }
            hide(at, at + form.length);
        }
    }
    if (fragments.length > 0) {
        for (let i = 0; i + FRAGMENT_LENGTH <= folded.text.length; i++) {
            const window = folded.text.slice(i, i + FRAGMENT_LENGTH);
            if (fragments.some(set => set.has(window))) {
                hide(i, i + FRAGMENT_LENGTH);
            }
        }
    }
    if (!any) {
        return message;
    }
    let out = "";
    for (let i = 0; i < message.length;) {
        if (hidden[i]) {
            out += REDACTED;
            while (i < message.length && hidden[i]) {
                i++;
            }
        } else {
            const next = hidden.indexOf(1, i);
            const end = next < 0 ? message.length : next;
            out += message.slice(i, end);
            i = end;
        }
    }
    return out;
}

/**
 * What leaves the process: `message` with its secrets scrubbed, cut at MAX_MESSAGE_LENGTH with a marker. The text is
 * cut generously before scrubbing (so a huge value costs nothing) and exactly after it (so no cut lands in a secret).
 */
export function safeMessage(message: string, secrets: readonly string[]): string {
    const head = message.length > MAX_MESSAGE_LENGTH + LONGEST_WHOLE_FORM ? message.slice(0, MAX_MESSAGE_LENGTH + LONGEST_WHOLE_FORM) : message;
    const scrubbed = secrets.length > 0 ? scrubSecrets(head, secrets) : head;
    if (scrubbed.length <= MAX_MESSAGE_LENGTH) {
        return scrubbed;
    }
    return `${scrubbed.slice(0, MAX_MESSAGE_LENGTH)}… [message cut at ${MAX_MESSAGE_LENGTH} characters]`;
}
