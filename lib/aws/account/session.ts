// Bounded, cached calls to AWS for the account-aware policies (opt-in, default `disabled`).
//
// The Pulumi CLI starts one policy-pack process per preview, so one session per process is one per preview: calls are
// cached for it, run in parallel up to a limit, each with a timeout, and all of them within one time budget that
// starts with the first call. A call that cannot be made or answered (no credentials, denied, throttled, too slow,
// over budget, SDK not installed) is never a finding: it is recorded as "not checked", and each policy says once per
// stack what it could not check.
import { now } from "../../framework/clock";

export type NotCheckedReason = "no-credentials" | "denied" | "throttled" | "timeout" | "budget" | "no-sdk" | "error";

export type Outcome<T> =
    | { readonly kind: "found"; readonly value: T }
    | { readonly kind: "absent" }
    | { readonly kind: "not-checked"; readonly reason: NotCheckedReason; readonly action: string };

export interface SessionLimits {
    /** Per call. */
    readonly timeoutMs: number;
    /** For all calls of the preview, from the first one. */
    readonly budgetMs: number;
    readonly concurrency: number;
}

export const DEFAULT_LIMITS: SessionLimits = { timeoutMs: 2000, budgetMs: 5000, concurrency: 8 };

interface Session {
    readonly deadline: number;
    readonly cache: Map<string, Promise<Outcome<unknown>>>;
    running: number;
    readonly waiting: (() => void)[];
}

let session: Session | undefined;

/** Forgets cached answers and the budget (tests; a process serves one preview otherwise). */
export function resetAccountSession(): void {
    session = undefined;
}

function current(limits: SessionLimits): Session {
    if (!session) {
        session = { deadline: now().getTime() + limits.budgetMs, cache: new Map(), running: 0, waiting: [] };
    }
    return session;
}

const DENIED = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
    "AuthorizationErrorException", "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredToken",
    "ExpiredTokenException", "InvalidSignatureException", "SignatureDoesNotMatch", "OptInRequired", "AuthFailure"]);
const THROTTLED = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
    "SlowDown", "ProvisionedThroughputExceededException", "RequestThrottled", "RequestThrottledException"]);

/** The name of an SDK error (`NoSuchEntity`, `ResourceNotFoundException`, ...) and its HTTP status. */
export function errorCode(error: unknown): { name: string; status: number | undefined } {
    const e = error as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: unknown } } | undefined;
    const name = typeof e?.name === "string" ? e.name : typeof e?.Code === "string" ? e.Code : "";
    const status = typeof e?.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
    return { name, status };
}

export function classifyFailure(error: unknown, timedOut: boolean): NotCheckedReason {
    if (timedOut) {
        return "timeout";
    }
    const { name, status } = errorCode(error);
    if (name === "CredentialsProviderError" || name === "ProviderError") {
        return "no-credentials";
    }
    if (DENIED.has(name) || status === 403) {
        return "denied";
    }
    if (THROTTLED.has(name) || status === 429) {
        return "throttled";
    }
    if (name === "AbortError" || name === "TimeoutError" || name === "RequestTimeout") {
        return "timeout";
    }
    return "error";
}

export interface Call<T> {
    /** Cache key: the same question is asked once per preview. */
    readonly key: string;
    /** The IAM action the call needs (`iam:GetRole`), for the "not checked" note and the README policy. */
    readonly action: string;
    /** Makes the call; resolves to what was found, or undefined when it does not exist. Throws on failure. */
    run(signal: AbortSignal): Promise<T | undefined>;
    /** An error that means "does not exist" (e.g. `NoSuchEntity`), rather than a failure. */
    isAbsent?(error: unknown): boolean;
}

/** Asks once per preview, within the budget; never throws. */
export function ask<T>(call: Call<T>, limits: SessionLimits): Promise<Outcome<T>> {
    const s = current(limits);
    let pending = s.cache.get(call.key) as Promise<Outcome<T>> | undefined;
    if (!pending) {
        pending = withSlot(s, limits.concurrency, () => attempt(call, limits, s));
        s.cache.set(call.key, pending);
    }
    return pending;
}

async function withSlot<T>(s: Session, concurrency: number, fn: () => Promise<T>): Promise<T> {
    while (s.running >= Math.max(1, concurrency)) {
        await new Promise<void>(resolve => s.waiting.push(resolve));
    }
    s.running++;
    try {
        return await fn();
    } finally {
        s.running--;
        s.waiting.shift()?.();
    }
}

async function attempt<T>(call: Call<T>, limits: SessionLimits, s: Session): Promise<Outcome<T>> {
    const left = s.deadline - now().getTime();
    if (left <= 0) {
        return { kind: "not-checked", reason: "budget", action: call.action };
    }
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    try {
        // The call's synchronous start (loading an SDK client the first time) is not the service's time.
        const running = call.run(controller.signal);
        const timeout = Math.min(limits.timeoutMs, s.deadline - now().getTime());
        const expired = new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
                timedOut = true;
                controller.abort();
                reject(new Error("timed out"));
            }, Math.max(0, timeout));
        });
        running.catch(() => undefined);
        const value = await Promise.race([running, expired]);
        return value === undefined ? { kind: "absent" } : { kind: "found", value };
    } catch (error) {
        if (!timedOut && call.isAbsent?.(error)) {
            return { kind: "absent" };
        }
        if (error instanceof MissingSdkError) {
            return { kind: "not-checked", reason: "no-sdk", action: call.action };
        }
        return { kind: "not-checked", reason: classifyFailure(error, timedOut), action: call.action };
    } finally {
        clearTimeout(timer);
    }
}

export class MissingSdkError extends Error {
    constructor(readonly pkg: string) {
        super(`${pkg} is not installed`);
    }
}

const REASON_TEXT: Readonly<Record<NotCheckedReason, string>> = {
    "no-credentials": "no AWS credentials were found (the policy uses the CLI's environment: AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO)",
    denied: "AWS denied the call (grant the read-only actions in the README)",
    throttled: "AWS throttled the call",
    timeout: "the call took longer than timeoutMs",
    budget: "the preview's time budget (budgetMs) ran out",
    "no-sdk": "the AWS SDK clients (optional dependencies) are not installed",
    error: "the call failed",
};

/** One line per reason: what could not be checked, and why. */
export function notCheckedSummary(items: readonly { what: string; outcome: Outcome<unknown> }[]): string | undefined {
    const byReason = new Map<NotCheckedReason, { whats: string[]; actions: Set<string> }>();
    for (const { what, outcome } of items) {
        if (outcome.kind !== "not-checked") {
            continue;
        }
        const entry = byReason.get(outcome.reason) ?? { whats: [], actions: new Set<string>() };
        entry.whats.push(what);
        entry.actions.add(outcome.action);
        byReason.set(outcome.reason, entry);
    }
    if (byReason.size === 0) {
        return undefined;
    }
    const count = [...byReason.values()].reduce((n, e) => n + e.whats.length, 0);
    const lines = [...byReason].map(([reason, { whats, actions }]) =>
        `- ${REASON_TEXT[reason]} (${[...actions].join(", ")}): ${listSome(whats)}`);
    return `${count} lookup${count === 1 ? "" : "s"} could not be made; pulumi up may still fail on them.\n\n${lines.join("\n")}`;
}

export function listSome(items: readonly string[], limit = 5): string {
    return items.length <= limit ? items.join(", ") : `${items.slice(0, limit).join(", ")} and ${items.length - limit} more`;
}
