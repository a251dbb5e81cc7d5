// Values a Pulumi program converted to a string before it had them: an `Output<T>` in a template literal or in
// `JSON.stringify`, an object or a Promise in a template literal, or `undefined` where an ARN or a name belongs.
//
// The SDK texts are quoted from the SDKs themselves: @pulumi/pulumi output.js (`toString`, `toJSON`), the Python
// SDK's `_OutputToStringError` (`__str__`) and the .NET SDK's `Output<T>.ToString()`.
import { Secret } from "@pulumi/policy";
import { isUnknownSentinel, PathSegment } from "../../framework/properties";

export type StringifiedKind =
    | "output-toString" | "output-toJSON" | "output-python" | "output-dotnet"
    | "object" | "promise" | "undefined-arn" | "undefined-name";

export interface StringifiedValue {
    readonly kind: StringifiedKind;
    /** Path of the resource property holding the text. */
    readonly path: readonly PathSegment[];
    /** Path inside the property's JSON text (a policy, container definitions), when the text is JSON. */
    readonly jsonPath?: readonly PathSegment[];
    /** AWS accepts the value (a description, a name with "undefined" in it): the program is wrong, the deployment works. */
    readonly advisory: boolean;
}

export const SDK_TEXTS: Readonly<Record<"output-toString" | "output-toJSON" | "output-python" | "output-dotnet", string>> = {
    "output-toString": "Calling [toString] on an [Output<T>] is not supported.",
    "output-toJSON": "Calling [toJSON] on an [Output<T>] is not supported.",
    "output-python": "Calling __str__ on an Output[T] is not supported.",
    "output-dotnet": "Calling [ToString] on an [Output<T>] is not supported.",
};
export const OBJECT_TEXT = "[object Object]";
export const PROMISE_TEXT = "[object Promise]";

const OUTPUT_TEXT = /Calling (\[toString\]|\[toJSON\]|__str__|\[ToString\]) on an (?:\[Output<T>\]|Output\[T\]) is not supported/;
const OUTPUT_KIND: Readonly<Record<string, StringifiedKind>> = {
    "[toString]": "output-toString", "[toJSON]": "output-toJSON", "__str__": "output-python", "[ToString]": "output-dotnet",
};

/** An ARN (`arn:<partition>:<service>:...`) with `undefined` as one of its parts, e.g. `arn:aws:iam::undefined:role/x`. */
const ARN_WITH_UNDEFINED = /(?:^|[^A-Za-z0-9])arn:[^\s"]*(?:[:/]undefined(?=$|[:/"\s*])|arn:undefined:)/;
/** Properties that hold an ARN, a reference by ARN or an identifier. */
const ARN_KEY = /(?:Arn|ARN|Arns|ARNs|^arn|^role|Id|Ids|^Resource|^NotResource|^AWS|^Service|^Federated)$/;
/** Free text AWS stores as it is. */
const FREE_TEXT_KEY = /^(?:description|Description|comment|Comment)$/;
/** Properties that hold a physical name. */
const NAME_KEY = /(?:^name|Name|^bucket|^identifier|Identifier|^namePrefix|Prefix|^family|^functionName|^topic|^queue)$/;
/** `undefined` as a whole segment of a name (`app-undefined-logs`, `undefined/path`). */
const UNDEFINED_SEGMENT = /(?:^|[-_./:])undefined(?=$|[-_./:])/;

/** Pulumi's asset and archive signature key: their values are file contents, not program strings. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const MAX_DEPTH = 32;
const MAX_NODES = 20_000;
/** Strings larger than this are scanned for the texts but not parsed as JSON. */
const MAX_JSON_PARSE = 256 * 1024;

interface Budget {
    nodes: number;
}

function reveal(value: unknown): unknown {
    let current = value;
    while (current instanceof Secret) {
        current = current.value;
    }
    return current;
}

/** Every stringified value inside `value`, walked once with a depth and size bound. */
export function findStringifiedValues(value: unknown, path: readonly PathSegment[] = []): StringifiedValue[] {
    const out: StringifiedValue[] = [];
    const key = path[path.length - 1];
    walk(value, [...path], typeof key === "string" ? key : undefined, { nodes: 0 }, out, undefined);
    return out;
}

function walk(value: unknown, path: PathSegment[], key: string | undefined, budget: Budget, out: StringifiedValue[],
    json: { property: readonly PathSegment[] } | undefined): void {
    if (++budget.nodes > MAX_NODES || path.length > MAX_DEPTH) {
        return;
    }
    const current = reveal(value);
    if (typeof current === "string") {
        inspectString(current, path, key, budget, out, json);
        return;
    }
    if (current === null || typeof current !== "object") {
        return;
    }
    if (Array.isArray(current)) {
        for (let i = 0; i < current.length; i++) {
            path.push(i);
            walk(current[i], path, key, budget, out, json);
            path.pop();
        }
        return;
    }
    const record = current as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(record, SIG_KEY)) {
        return; // an asset or archive
    }
    for (const child of Object.keys(record)) {
        if (child.startsWith("__")) {
            continue; // Pulumi's own bookkeeping (__defaults, __meta)
        }
        path.push(child);
        walk(record[child], path, child, budget, out, json);
        path.pop();
    }
}

function inspectString(text: string, path: PathSegment[], key: string | undefined, budget: Budget, out: StringifiedValue[],
    json: { property: readonly PathSegment[] } | undefined): void {
    if (text.length < 9 || isUnknownSentinel(text)) {
        return;
    }
    const kind = kindOf(text, key, json !== undefined);
    if (!kind) {
        return;
    }
    if (!json && text.length <= MAX_JSON_PARSE && /^\s*[[{]/.test(text)) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            parsed = undefined;
        }
        if (parsed !== undefined) {
            const before = out.length;
            walk(parsed, [], undefined, budget, out, { property: [...path] });
            if (out.length > before) {
                return;
            }
        }
    }
    const advisory = kind === "undefined-name" || (key !== undefined && FREE_TEXT_KEY.test(key));
    out.push(json ? { kind, path: json.property, jsonPath: [...path], advisory } : { kind, path: [...path], advisory });
}

/** True when `text` holds an Output, object or Promise converted to text (pulumi-output-not-stringified reports it). */
export function isStringifiedText(text: string): boolean {
    const kind = kindOf(text, undefined, false);
    return kind !== undefined && kind !== "undefined-arn" && kind !== "undefined-name";
}

function kindOf(text: string, key: string | undefined, inJson: boolean): StringifiedKind | undefined {
    if (text.includes("is not supported")) {
        const match = OUTPUT_TEXT.exec(text);
        if (match) {
            return OUTPUT_KIND[match[1]];
        }
    }
    if (text.includes("[object ")) {
        if (text.includes(PROMISE_TEXT)) {
            return "promise";
        }
        if (text.includes(OBJECT_TEXT)) {
            return "object";
        }
    }
    if (text.includes("undefined")) {
        if (ARN_WITH_UNDEFINED.test(text)) {
            // An ARN AWS parses (a property or a document element that takes one, or a value that is one) is refused
            // or points nowhere; an ARN quoted inside other text is not.
            const arnPosition = text.startsWith("arn:") || inJson || (key !== undefined && ARN_KEY.test(key));
            return arnPosition ? "undefined-arn" : "undefined-name";
        }
        if (key !== undefined && text === "undefined" && ARN_KEY.test(key)) {
            return "undefined-arn";
        }
        if (key !== undefined && NAME_KEY.test(key) && !/\s/.test(text) && UNDEFINED_SEGMENT.test(text)) {
            return "undefined-name";
        }
    }
    return undefined;
}
