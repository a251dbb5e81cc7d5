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
    return [...folded];
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
 * Scrubs messages of a growing set of secrets. Each secret's forms are merged into one index when it is added, so a
 * message costs time linear in its own length however many secrets a stack holds (a stack policy reporting F
 * findings over S secrets costs F + S, not F × S).
 */
export class SecretScrubber {
    private readonly added = new Set<string>();
    /** Folded whole forms of SHORT_FORM characters or more, by their first SHORT_FORM characters. */
    private readonly longForms = new Map<string, string[]>();
    /** Folded whole forms under SHORT_FORM characters (matched as tokens only), by length. */
    private readonly shortForms = new Map<number, Set<string>>();
    private readonly fragments = new Set<string>();

    /**
     * Adds secrets: every form derived from one (see `derivedForms`), in any letter case, and every run of
     * FRAGMENT_LENGTH characters of one that is not a JSON document or part of one.
     */
    add(secrets: Iterable<string>): this {
        for (const secret of secrets) {
            if (this.added.has(secret) || secret.trim().length === 0) {
                continue;
            }
            this.added.add(secret);
            const forms = formsOf(secret, !documentParts.has(secret));
            for (const form of forms.whole) {
                this.addForm(form);
            }
            forms.fragments?.forEach(window => this.fragments.add(window));
        }
        return this;
    }

    get empty(): boolean {
        return this.added.size === 0;
    }

    private addForm(form: string): void {
        if (form.length < SHORT_FORM) {
            const sameLength = this.shortForms.get(form.length);
            sameLength ? sameLength.add(form) : this.shortForms.set(form.length, new Set([form]));
            return;
        }
        const key = form.slice(0, SHORT_FORM);
        const candidates = this.longForms.get(key);
        if (!candidates) {
            this.longForms.set(key, [form]);
        } else if (!candidates.includes(form)) {
            candidates.push(form);
        }
    }

    /**
     * `message` with every added secret replaced. Forms under 8 characters are replaced only where they stand as a
     * token, so a secret `true` does not blank every "true" in a message.
     */
    scrub(message: string): string {
        if (this.added.size === 0 || message.length === 0) {
            return message;
        }
        const folded = fold(message);
        const text = folded.text;
        const hidden = new Uint8Array(message.length);
        let any = false;
        const hide = (from: number, to: number) => {
            const [start, end] = originalRange(folded, from, to);
            hidden.fill(1, start, end);
            any = true;
        };
        for (let at = 0; at + SHORT_FORM <= text.length && this.longForms.size > 0; at++) {
            for (const form of this.longForms.get(text.slice(at, at + SHORT_FORM)) ?? []) {
                if (text.startsWith(form, at)) {
                    hide(at, at + form.length);
                }
            }
        }
        for (const [formLength, forms] of this.shortForms) {
            for (let at = 0; at + formLength <= text.length; at++) {
                if (forms.has(text.slice(at, at + formLength))) {
                    const [start, end] = originalRange(folded, at, at + formLength);
                    if (!isWordAt(message, start - 1) && !isWordAt(message, end)) {
                        hide(at, at + formLength);
                    }
                }
            }
        }
        if (this.fragments.size > 0) {
            for (let at = 0; at + FRAGMENT_LENGTH <= text.length; at++) {
                if (this.fragments.has(text.slice(at, at + FRAGMENT_LENGTH))) {
                    hide(at, at + FRAGMENT_LENGTH);
                }
            }
        }
        return any ? withHiddenReplaced(message, hidden) : message;
    }
}

function withHiddenReplaced(message: string, hidden: Uint8Array): string {
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

/** `message` with `secrets` scrubbed (see `SecretScrubber`). */
export function scrubSecrets(message: string, secrets: readonly string[]): string {
    return new SecretScrubber().add(secrets).scrub(message);
}

/**
 * What leaves the process: `message` with its secrets scrubbed, cut at MAX_MESSAGE_LENGTH with a marker. The text is
 * cut generously before scrubbing (so a huge value costs nothing) and exactly after it (so no cut lands in a secret).
 */
export function safeMessage(message: string, secrets: SecretScrubber): string {
    const head = message.length > MAX_MESSAGE_LENGTH + LONGEST_WHOLE_FORM ? message.slice(0, MAX_MESSAGE_LENGTH + LONGEST_WHOLE_FORM) : message;
    const scrubbed = secrets.scrub(head);
    if (scrubbed.length <= MAX_MESSAGE_LENGTH) {
        return scrubbed;
    }
    return `${scrubbed.slice(0, MAX_MESSAGE_LENGTH)}… [message cut at ${MAX_MESSAGE_LENGTH} characters]`;
}
