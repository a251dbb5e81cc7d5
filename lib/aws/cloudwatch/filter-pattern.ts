// CloudWatch Logs metric filter patterns: the three forms and the mistakes PutMetricFilter refuses.
// Source: docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html: JSON patterns are
// `{ $.field = value && ... }`, space-delimited patterns `[field1, field2 = value, ...]`, anything else is terms
// (optionally a `%regex%`). A pattern that does not parse fails with "InvalidParameterException: Invalid metric filter
// pattern" (aws/aws-cdk#16278); dimensions on a term pattern with "InvalidParameterException: The specified filter
// pattern does not support dimensions" (hashicorp/terraform-provider-aws#28881). A metric filter has at most three
// dimensions and cannot have both dimensions and a default value (API_MetricTransformation).
// The provider checks only the pattern's length (metric_filter.go: `verify.StringUTF8LenBetween(0, 1024)`).

export const INVALID_PATTERN_ERROR = "InvalidParameterException: Invalid metric filter pattern";
export const DIMENSIONS_UNSUPPORTED_ERROR = "InvalidParameterException: The specified filter pattern does not support dimensions";
export const MAX_FILTER_DIMENSIONS = 3;

export type PatternKind = "json" | "space-delimited" | "terms";

export function patternKind(pattern: string): PatternKind {
    const start = pattern.trimStart()[0];
    return start === "{" ? "json" : start === "[" ? "space-delimited" : "terms";
}

/**
 * Why a JSON or space-delimited pattern cannot parse (unbalanced braces, brackets, parentheses or quotes; text after
 * the closing brace), or undefined. Quoted text and %regex% are skipped; `\` escapes inside quotes.
 */
export function structureProblem(pattern: string, kind: Exclude<PatternKind, "terms">): string | undefined {
    const text = pattern.trim();
    const stack: string[] = [];
    const closing: Record<string, string> = { "{": "}", "[": "]", "(": ")" };
    let closedAt = -1;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "\"") {
            let j = i + 1;
            while (j < text.length && text[j] !== "\"") {
                j += text[j] === "\\" ? 2 : 1;
            }
            if (j >= text.length) {
                return `has a quote that is never closed (from position ${i})`;
            }
            i = j;
            continue;
        }
        if (c === "%") {
            const end = text.indexOf("%", i + 1);
            if (end !== -1) {
                i = end; // a %regex% may hold any brackets
                continue;
            }
        }
        if (c === "{" || c === "[" || c === "(") {
            stack.push(closing[c]);
        } else if (c === "}" || c === "]" || c === ")") {
            if (stack.pop() !== c) {
                return `has a "${c}" at position ${i} that closes nothing`;
            }
            if (stack.length === 0) {
                closedAt = i;
                break;
            }
        }
    }
    if (stack.length > 0) {
        return `is missing ${stack.length === 1 ? `a closing "${stack[0]}"` : `the closing "${stack.reverse().join("")}"`}`;
    }
    if (closedAt !== -1 && closedAt < text.length - 1) {
        return `has text after its closing "${kind === "json" ? "}" : "]"}"`;
    }
    return undefined;
}

/** A JSON pattern without any `$` selector (`{ level = "ERROR" }`): AWS's grammar needs `$.level`. */
export function jsonWithoutSelector(pattern: string): boolean {
    return !pattern.includes("$");
}

/** An odd number of unescaped double quotes in a term pattern, which leaves a phrase open. */
export function unbalancedTermQuotes(pattern: string): boolean {
    let quotes = 0;
    for (let i = 0; i < pattern.length; i++) {
        if (pattern[i] === "\\") {
            i++;
        } else if (pattern[i] === "\"") {
            quotes++;
        }
    }
    return quotes % 2 === 1;
}
