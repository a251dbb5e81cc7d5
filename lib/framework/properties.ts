// Safe, typed access to resource properties as the policy server hands them over.
//
// The server wraps properties in proxies that throw when a policy reads a value that is unknown during preview.
// Policies here never touch those proxies: `PropertyBag` unwraps them once and walks the plain data underneath,
// returning the `UNKNOWN` marker where the engine sent an unknown sentinel and unwrapping `Secret` values while
// remembering that they were secret.
import { Secret } from "@pulumi/policy";
import { noteDocumentPart } from "./scrub";

export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

// The unknown sentinels and proxy markers are @pulumi/policy's own (proxy.js). Its proxy.d.ts declares nothing
// (`export {}`), so the module is required with the shape it has.
const proxy: {
    readonly unknownBooleanValue: string; readonly unknownNumberValue: string; readonly unknownStringValue: string;
    readonly unknownArrayValue: string; readonly unknownAssetValue: string; readonly unknownArchiveValue: string;
    readonly unknownObjectValue: string; readonly isSpecialProxy: string; readonly getSpecialProxyTarget: string;
} = require("@pulumi/policy/proxy");

/** The sentinels the engine sends for values that are not known during preview. */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    proxy.unknownBooleanValue, proxy.unknownNumberValue, proxy.unknownStringValue, proxy.unknownArrayValue,
    proxy.unknownAssetValue, proxy.unknownArchiveValue, proxy.unknownObjectValue,
]);
export const UNKNOWN_STRING_SENTINEL = proxy.unknownStringValue;

const IS_SPECIAL_PROXY = proxy.isSpecialProxy;
const SPECIAL_PROXY_TARGET = proxy.getSpecialProxyTarget;

export type PathSegment = string | number;
export type Path = string | readonly PathSegment[];

export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && value.length === 36 && UNKNOWN_SENTINELS.has(value);
}

/** Strips the server's proxies (unknown-checking and secret-preserving), returning the object they wrap. */
export function unwrapProxies(value: unknown): unknown {
    let current = value;
    for (let depth = 0; depth < 4 && current !== null && typeof current === "object"; depth++) {
        let isProxy = false;
        try {
            isProxy = (current as Record<string, unknown>)[IS_SPECIAL_PROXY] === true;
        } catch {
            return current;
        }
        if (!isProxy) {
            return current;
        }
        current = (current as Record<string, unknown>)[SPECIAL_PROXY_TARGET];
    }
    return current;
}

const parsedPaths = new Map<string, readonly PathSegment[]>();

/** Parses `a.b[0].c` into `["a", "b", 0, "c"]`; arrays are returned as they are. */
export function parsePath(path: Path): readonly PathSegment[] {
    if (typeof path !== "string") {
        return path;
    }
    let segments = parsedPaths.get(path);
    if (!segments) {
        const parsed: PathSegment[] = [];
        segments = parsed;
        for (const part of path.split(".")) {
            const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
            if (!match) {
                parsed.push(part);
                continue;
            }
            if (match[1]) {
                parsed.push(match[1]);
            }
            for (const index of match[2].matchAll(/\[(\d+)\]/g)) {
                parsed.push(Number(index[1]));
            }
        }
        parsedPaths.set(path, segments);
    }
    return segments;
}

/** Formats a path the way users write it in their programs: `blockDeviceMappings[0].ebs.kmsKeyId`. */
export function formatPath(path: Path): string {
    if (typeof path === "string") {
        return path;
    }
    let out = "";
    for (const segment of path) {
        if (typeof segment === "number") {
            out += `[${segment}]`;
        } else {
            out += out ? `.${segment}` : segment;
        }
    }
    return out;
}

export function joinPath(base: Path, ...rest: PathSegment[]): PathSegment[] {
    return [...parsePath(base), ...rest];
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Read-only view of one resource's properties. Every getter returns the value, `UNKNOWN` when the engine could not
 * compute it yet, or `undefined` when it is missing or of another type than asked for.
 */
export class PropertyBag {
    readonly raw: Record<string, unknown>;
    private secretLeaves: string[] | undefined;

    constructor(props: unknown) {
        const unwrapped = unwrapProxies(props);
        this.raw = isRecord(unwrapped) ? unwrapped : {};
    }

    /** The value at `path` with secrets unwrapped at each step; nested values may still hold markers. */
    get(path: Path): unknown {
        let current: unknown = this.raw;
        for (const segment of parsePath(path)) {
            current = reveal(current);
            if (isUnknownSentinel(current)) {
                return UNKNOWN;
            }
            if (typeof segment === "number") {
                if (!Array.isArray(current) || segment >= current.length) {
                    return undefined;
                }
                current = current[segment];
            } else {
                if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, segment)) {
                    return undefined;
                }
                current = current[segment];
            }
        }
        current = reveal(current);
        return isUnknownSentinel(current) ? UNKNOWN : current;
    }

    has(path: Path): boolean {
        const value = this.get(path);
        return value !== undefined && value !== null;
    }

    isUnknown(path: Path): boolean {
        return this.get(path) === UNKNOWN;
    }

    string(path: Path): string | Unknown | undefined {
        const value = this.get(path);
        return typeof value === "string" || value === UNKNOWN ? value : undefined;
    }

    number(path: Path): number | Unknown | undefined {
        const value = this.get(path);
        if (typeof value === "number" || value === UNKNOWN) {
            return value;
        }
        if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
            return Number(value);
        }
        return undefined;
    }

    /** Booleans, and the strings "true"/"false" some providers use (launch template `ebs.encrypted`). */
    boolean(path: Path): boolean | Unknown | undefined {
        const value = this.get(path);
        if (typeof value === "boolean" || value === UNKNOWN) {
            return value;
        }
        if (typeof value === "string") {
            const lower = value.trim().toLowerCase();
            if (lower === "true") {
                return true;
            }
            if (lower === "false") {
                return false;
            }
        }
        return undefined;
    }

    array(path: Path): readonly unknown[] | Unknown | undefined {
        const value = this.get(path);
        return Array.isArray(value) || value === UNKNOWN ? value : undefined;
    }

    object(path: Path): Record<string, unknown> | Unknown | undefined {
        const value = this.get(path);
        return isRecord(value) || value === UNKNOWN ? value : undefined;
    }

    /** A single nested object that @pulumi/aws v6 wraps in a one-item list and v7 does not. */
    objectOrFirst(path: Path): Record<string, unknown> | Unknown | undefined {
        const value = this.get(path);
        if (Array.isArray(value)) {
            const first = reveal(value[0]);
            if (isUnknownSentinel(first)) {
                return UNKNOWN;
            }
            return isRecord(first) ? first : undefined;
        }
        return isRecord(value) || value === UNKNOWN ? value : undefined;
    }

    /** Length of the array at `path`, or 0 when it is missing, unknown or not an array. */
    length(path: Path): number {
        const value = this.get(path);
        return Array.isArray(value) ? value.length : 0;
    }

    /** A plain deep copy of the value at `path`: secrets unwrapped, unknown sentinels replaced by `UNKNOWN`. */
    plain(path: Path): unknown {
        return toPlain(this.get(path));
    }

    /** True when the value at `path`, or any object on the way to it, was marked secret. */
    isSecret(path: Path): boolean {
        let current: unknown = this.raw;
        for (const segment of parsePath(path)) {
            if (current instanceof Secret) {
                return true;
            }
            if (typeof segment === "number") {
                current = Array.isArray(current) ? current[segment] : undefined;
            } else {
                current = isRecord(current) ? current[segment] : undefined;
            }
        }
        return containsSecret(current);
    }

    /** Every string (and number/boolean, as text) inside a secret value, for scrubbing messages. */
    secretValues(): readonly string[] {
        if (!this.secretLeaves) {
            const leaves: string[] = [];
            collectSecretLeaves(this.raw, leaves);
            this.secretLeaves = leaves;
        }
        return this.secretLeaves;
    }
}

function reveal(value: unknown): unknown {
    let current = value;
    while (current instanceof Secret) {
        current = current.value;
    }
    return current;
}

function toPlain(value: unknown, depth = 0): unknown {
    const revealed = reveal(value);
    if (isUnknownSentinel(revealed)) {
        return UNKNOWN;
    }
    if (depth > 64 || revealed === null || typeof revealed !== "object") {
        return revealed;
    }
    if (Array.isArray(revealed)) {
        return revealed.map(item => toPlain(item, depth + 1));
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(revealed)) {
        out[key] = toPlain((revealed as Record<string, unknown>)[key], depth + 1);
    }
    return out;
}

/** Whether a Secret is anywhere inside `value`, at any depth (the same depth the scrubber and `get` reach). */
function containsSecret(value: unknown): boolean {
    const pending: unknown[] = [value];
    while (pending.length > 0) {
        const item = pending.pop();
        if (item instanceof Secret) {
            return true;
        }
        if (item !== null && typeof item === "object") {
            for (const child of Array.isArray(item) ? item : Object.values(item)) {
                pending.push(child);
            }
        }
    }
    return false;
}

/** Keys of IAM policy grammar whose values say nothing about the secret document's owner (Allow, kms:*, ...). */
const POLICY_GRAMMAR_KEYS: ReadonlySet<string> = new Set(["Version", "Effect", "Action", "NotAction"]);

/**
 * Every scalar under a Secret, at any depth and through any number of nested Secret wrappers: `get` reads through
 * all of them, so the scrubber must see all of them too. Iterative, so no nesting depth overflows the stack.
 */
function collectSecretLeaves(root: unknown, out: string[]): void {
    const pending: { value: unknown; inSecret: boolean; inDocument: boolean }[] = [{ value: root, inSecret: false, inDocument: false }];
    while (pending.length > 0) {
        const { inSecret: outerSecret, inDocument } = pending[pending.length - 1];
        let value = pending.pop()!.value;
        let inSecret = outerSecret;
        while (value instanceof Secret) {
            value = value.value;
            inSecret = true;
        }
        if (value === null || value === undefined) {
            continue;
        }
        if (typeof value === "object") {
            if (Array.isArray(value)) {
                for (const item of value) {
                    pending.push({ value: item, inSecret, inDocument });
                }
            } else {
                for (const [key, item] of Object.entries(value)) {
                    // Inside a secret JSON document, the grammar (Version, Effect, actions) is not what makes it secret;
                    // scrubbing it would leave messages about the document unreadable.
                    if (!(inDocument && POLICY_GRAMMAR_KEYS.has(key))) {
                        pending.push({ value: item, inSecret, inDocument });
                    }
                }
            }
            continue;
        }
        if (!inSecret || isUnknownSentinel(value)) {
            continue;
        }
        const text = String(value);
        if (inDocument && text === "*") {
            continue;
        }
        out.push(text);
        if (inDocument) {
            noteDocumentPart(text);
        }
        // A secret JSON document (a policy, a container definition) must not leak piecemeal either.
        if (typeof value === "string" && /^\s*[[{]/.test(value)) {
            try {
                pending.push({ value: JSON.parse(value), inSecret: true, inDocument: true });
                noteDocumentPart(text);
            } catch {
                // not JSON: the whole string is already listed
            }
        }
    }
}
