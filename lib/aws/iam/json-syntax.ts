// JSON syntax errors with a position (V8's messages do not always carry one).
import { ParseError } from "./document";

const HEX4 = /^[0-9a-fA-F]{4}$/;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;

class JsonScanError extends Error {
    constructor(readonly reason: string, readonly position: number) {
        super(reason);
    }
}

/** Locates the first JSON syntax error in `text` (called only after JSON.parse failed). */
export function jsonSyntaxError(text: string): ParseError {
    let position = text.length;
    let reason = "the JSON text is not valid";
    try {
        scanJson(text);
    } catch (error) {
        if (error instanceof JsonScanError) {
            position = error.position;
            reason = error.reason;
        }
    }
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < position && i < text.length; i++) {
        if (text[i] === "\n") {
            line++;
            lineStart = i + 1;
        }
    }
    return { reason, position, line, column: position - lineStart + 1 };
}

function scanJson(text: string): void {
    let i = 0;
    // The offending character is not quoted: policy documents may be secret.
    const fail = (expected: string): never => {
        throw new JsonScanError(`expected ${expected}${i >= text.length ? " but the text ended" : ""}`, i);
    };
    const space = () => {
        while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) {
            i++;
        }
    };
    const string = () => {
        if (text[i] !== "\"") {
            fail("'\"'");
        }
        i++;
        while (i < text.length && text[i] !== "\"") {
            const c = text.charCodeAt(i);
            if (c < 0x20) {
                throw new JsonScanError("control character inside a string", i);
            }
            if (text[i] === "\\") {
                i++;
                if (text[i] === "u") {
                    if (!HEX4.test(text.slice(i + 1, i + 5))) {
                        throw new JsonScanError("invalid \\u escape", i);
                    }
                    i += 4;
                } else if (!"\"\\/bfnrt".includes(text[i] ?? "x")) {
                    throw new JsonScanError("invalid escape in a string", i);
                }
            }
            i++;
        }
        if (i >= text.length) {
            throw new JsonScanError("unterminated string", i);
        }
        i++;
    };
    const literal = (word: string) => {
        if (text.startsWith(word, i)) {
            i += word.length;
        } else {
            fail("a value");
        }
    };
    const number = () => {
        const match = JSON_NUMBER.exec(text.slice(i, i + 400));
        if (!match || match[0] === "" || match[0] === "-") {
            fail("a value");
        }
        i += match![0].length;
    };
    const value = (depth: number): void => {
        if (depth > 500) {
            throw new JsonScanError("nesting too deep", i);
        }
        space();
        const c = text[i];
        if (c === "{") {
            i++;
            space();
            if (text[i] === "}") {
                i++;
                return;
            }
            for (;;) {
                space();
                if (text[i] !== "\"") {
                    fail("a double-quoted property name");
                }
                string();
                space();
                if (text[i] !== ":") {
                    fail("':'");
                }
                i++;
                value(depth + 1);
                space();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "}") {
                    i++;
                    return;
                }
                fail("',' or '}'");
            }
        }
        if (c === "[") {
            i++;
            space();
            if (text[i] === "]") {
                i++;
                return;
            }
            for (;;) {
                value(depth + 1);
                space();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "]") {
                    i++;
                    return;
                }
                fail("',' or ']'");
            }
        }
        if (c === "\"") {
            string();
        } else if (c === "t") {
            literal("true");
        } else if (c === "f") {
            literal("false");
        } else if (c === "n") {
            literal("null");
        } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
            number();
        } else {
            fail("a value");
        }
    };
    value(0);
    space();
    if (i < text.length) {
        fail("end of input");
    }
}

/** "position 42 (line 3, column 7): expected ',' or '}' but found '\"'" */
export function formatParseError(error: ParseError): string {
    return `position ${error.position} (line ${error.line}, column ${error.column}): ${error.reason}`;
}
