// Uniqueness-token segments, Pulumi auto-names, and corrected-name suggestions.
import { Unknown } from "../../framework/properties";
import { ANALYSED_NAME_LENGTH } from "../s3/bucket-names";
import { FIFO_SUFFIX, NameKind, nameRuleBreaks, PhysicalNameRow, prefixLimit } from "./name-rules";

const DELIMITER = /^[-_./]$/;
const AUTO_NAME_SUFFIX = /^-[0-9a-f]{7}(?:\.fifo)?$/;
/** A segment of 8 or more digits: an epoch time or a yyyymmdd[hhmmss] stamp. */
const TIMESTAMP_SEGMENT = /(^|[-_.])\d{8,}(?=$|[-_.])/g;

/** True when `token` occurs in `name` as a whole segment (delimited by - _ . / or the name's ends), ignoring case. */
export function hasTokenSegment(name: string, token: string): boolean {
    return tokenSegmentAt(name, token) >= 0;
}

/** Where `token` first occurs in `name` as a whole segment, ignoring case; -1 when it does not. */
export function tokenSegmentAt(name: string, token: string): number {
    if (token === "") {
        return -1;
    }
    const haystack = name.toLowerCase();
    const needle = token.toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if ((at === 0 || DELIMITER.test(haystack[at - 1])) && (end === haystack.length || DELIMITER.test(haystack[end]))) {
            return at;
        }
    }
    return -1;
}

/** True when `name` is what Pulumi auto-naming produces from the logical name: `<logical name>-<7 hex>`. */
export function isAutoName(name: string, logicalName: string): boolean {
    if (logicalName === "" || name.length <= logicalName.length) {
        return false;
    }
    return name.slice(0, logicalName.length).toLowerCase() === logicalName.toLowerCase() &&
        AUTO_NAME_SUFFIX.test(name.slice(logicalName.length));
}

/** A whole segment `-<7 hex>` (with at least one digit): a Pulumi auto-name inside a longer name, such as the log
 * group `/aws/lambda/orders-fn-1a2b3c4` of an auto-named function. */
const AUTO_NAME_SEGMENT = /-(?=[0-9a-f]{0,6}[0-9])[0-9a-f]{7}(?=$|[-_./])/;

/** True when `name` contains a Pulumi auto-name segment (`<name>-<7 hex>`), which makes it unique to its stack. */
export function hasAutoNameSegment(name: string): boolean {
    return AUTO_NAME_SEGMENT.test(name);
}

/** The segments of `name` that look like timestamps (8 or more digits). */
export function timestampSegments(name: string): string[] {
    return [...name.matchAll(TIMESTAMP_SEGMENT)].map(m => m[0].replace(/^[-_.]/, ""));
}

/**
 * A corrected name, or undefined when no safe one exists: characters fixed (lowercased where AWS wants lowercase,
 * others turned into hyphens), hyphen rules fixed, KMS `alias/` added, `.fifo` added for FIFO resources, and, when
 * too long, shortened by dropping timestamp-like segments and cutting the rest while keeping `token` (when given)
 * as the last segment. The result passes every rule of the row, or nothing is suggested.
 */
export function suggestName(row: PhysicalNameRow, value: string, kind: NameKind, fifo: boolean | Unknown | undefined,
    token?: string): string | undefined {
    const rule = row.rule;
    if (rule.custom || value.length > ANALYSED_NAME_LENGTH) {
        return undefined; // no suggestion for a name past every AWS limit: cutting it is the author's decision
    }
    const isFifo = !!rule.fifoProperty && fifo === true;
    let body = value;
    if (rule.fifoProperty && body.endsWith(FIFO_SUFFIX)) {
        if (!isFifo) {
            return undefined; // FIFO or not is the author's decision
        }
        body = body.slice(0, -FIFO_SUFFIX.length);
    }
    let fixed = rule.lowercase ? body.toLowerCase() : body;
    if (rule.characters) {
        const allowed = rule.characters.allowed;
        fixed = [...fixed].map(c => allowed.test(c) ? c : "-").join("");
    }
    if (rule.noConsecutiveHyphens) {
        fixed = fixed.replace(/-{2,}/g, "-");
    }
    if (rule.noLeadingHyphen || rule.first) {
        fixed = fixed.replace(/^-+/, "");
    }
    if (rule.requiredPrefix && !fixed.startsWith(rule.requiredPrefix)) {
        fixed = rule.requiredPrefix + fixed.replace(/^\/+/, "");
    }
    const suffix = isFifo && kind === "name" ? FIFO_SUFFIX : "";
    const limit = kind === "name" ? rule.max - suffix.length : prefixLimit(row, fifo);
    if (fixed.length > limit) {
        const shorter = shorten(fixed, limit, token, rule.requiredPrefix);
        if (shorter === undefined) {
            return undefined;
        }
        fixed = shorter;
    }
    if (kind === "name" && (rule.noTrailingHyphen || rule.noLeadingHyphen)) {
        fixed = fixed.replace(/-+$/, "");
    }
    const candidate = fixed + suffix;
    if (candidate === value || candidate.length === 0) {
        return undefined;
    }
    return nameRuleBreaks(row, candidate, kind, fifo).length === 0 ? candidate : undefined;
}

/** `name` with `token` appended as its own segment (before `.fifo`), fitted to the row's limits; see suggestName. */
export function nameWithToken(row: PhysicalNameRow, name: string, token: string, fifo: boolean | Unknown | undefined): string | undefined {
    if (row.rule.custom) {
        const candidate = `${name}-${token}`.toLowerCase();
        return nameRuleBreaks(row, candidate, "name").length === 0 ? candidate : undefined;
    }
    const isFifo = !!row.rule.fifoProperty && name.endsWith(FIFO_SUFFIX);
    const body = isFifo ? name.slice(0, -FIFO_SUFFIX.length) : name;
    const withToken = `${body}-${token}${isFifo ? FIFO_SUFFIX : ""}`;
    return suggestName(row, withToken, "name", isFifo ? true : fifo, token) ??
        (nameRuleBreaks(row, withToken, "name", isFifo ? true : fifo).length === 0 ? withToken : undefined);
}

function shorten(name: string, limit: number, token: string | undefined, keepPrefix: string | undefined): string | undefined {
    let rest = name;
    let tail = "";
    const at = token ? tokenSegmentAt(rest, token) : -1;
    if (token && at >= 0) {
        const end = at + token.length;
        tail = `-${rest.slice(at, end)}`;
        rest = rest.slice(0, at) + rest.slice(end);
    }
    rest = rest.replace(TIMESTAMP_SEGMENT, "").replace(/[-_./]{2,}/g, m => m[0]).replace(/[-_./]+$/, "");
    const room = limit - tail.length;
    if (keepPrefix && room <= keepPrefix.length) {
        return undefined;
    }
    if (rest.length > room) {
        // Cut at a segment boundary when that keeps at least half the room, not in the middle of a word.
        let cut = rest.slice(0, room);
        if (!DELIMITER.test(rest[room])) {
            const boundary = Math.max(cut.lastIndexOf("-"), cut.lastIndexOf("_"), cut.lastIndexOf("."), cut.lastIndexOf("/"));
            if (boundary >= room / 2) {
                cut = cut.slice(0, boundary);
            }
        }
        rest = cut;
    }
    rest = rest.replace(/[-_./]+$/, "");
    if (rest === "" || rest === keepPrefix) {
        return undefined;
    }
    return rest + tail;
}
