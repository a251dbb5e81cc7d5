// What the account-aware policies share: their config (limits of the calls), the resources they look at (being
// created, with a known target), and the one "not checked" note per stack.
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { StackContext, StackResource } from "../../framework/policy";
import { plannedChange } from "../lifecycle";
import { Target, TargetProblem, targetOf } from "./clients";
import { listSome, notCheckedSummary, Outcome, SessionLimits } from "./session";

export interface AccountConfig {
    timeoutMs: number;
    budgetMs: number;
    concurrency: number;
}

export const ACCOUNT_CONFIG_SCHEMA: { [K in keyof AccountConfig]: PolicyConfigJSONSchema } = {
    timeoutMs: {
        type: "integer", minimum: 100, maximum: 60000, default: 2000,
        description: "Longest wait for one AWS call, in milliseconds; a slower answer counts as not checked.",
    },
    budgetMs: {
        type: "integer", minimum: 0, maximum: 120000, default: 5000,
        description: "Time for all AWS calls of one preview (shared by the account-aware policies), from the first call; " +
            "what is not asked by then is not checked, and the preview goes on.",
    },
    concurrency: {
        type: "integer", minimum: 1, maximum: 32, default: 8,
        description: "AWS calls in flight at once.",
    },
};

export const ACCOUNT_TAGS = ["account-aware", "deployment-blocker"];

export function limitsOf(config: AccountConfig): SessionLimits {
    const number = (value: unknown, fallback: number) => typeof value === "number" && isFinite(value) && value >= 0 ? value : fallback;
    return {
        timeoutMs: number(config.timeoutMs, 2000),
        budgetMs: number(config.budgetMs, 5000),
        concurrency: Math.max(1, Math.floor(number(config.concurrency, 8))),
    };
}

const TARGET_PROBLEM_TEXT: Readonly<Record<TargetProblem, string>> = {
    "region-unknown": "its region is unknown during preview",
    "assume-role": "its provider assumes a role (the pack asks with the CLI's own credentials only)",
    "provider-credentials-unknown": "its provider's credentials are set in the program (the pack asks with the CLI's own credentials only)",
};

/** The resources of `types` this deployment creates or replaces, with where to ask about them. */
export function createdWithTarget(ctx: StackContext<unknown>, types: readonly string[], skipped: Skipped):
    { resource: StackResource; target: Target }[] {
    const out: { resource: StackResource; target: Target }[] = [];
    for (const resource of ctx.ofType(...types)) {
        if (plannedChange(resource) !== "create") {
            continue;
        }
        const target = targetOf(resource);
        if (typeof target === "string") {
            skipped.add(resource.name, TARGET_PROBLEM_TEXT[target]);
        } else {
            out.push({ resource, target });
        }
    }
    return out;
}

/** Resources that were not looked up and why, for the stack's one note. */
export class Skipped {
    private readonly byReason = new Map<string, string[]>();

    add(what: string, reason: string): void {
        const list = this.byReason.get(reason) ?? [];
        list.push(what);
        this.byReason.set(reason, list);
    }

    lines(): string[] {
        return [...this.byReason].map(([reason, whats]) => `- ${reason}: ${listSome(whats)}`);
    }
}

/** One advisory per stack for everything the policy could not check, or nothing when all was checked. */
export function reportNotChecked(ctx: StackContext<unknown>, items: readonly { what: string; outcome: Outcome<unknown> }[], skipped: Skipped): void {
    const summary = notCheckedSummary(items);
    const skippedLines = skipped.lines();
    if (!summary && skippedLines.length === 0) {
        return;
    }
    const headline = summary ? summary.split("\n")[0] : "Some resources were not looked up in the account; pulumi up may still fail on them.";
    const details = [...(summary ? summary.split("\n").slice(2) : []), ...skippedLines];
    ctx.report(undefined, { message: `${headline}\n\n${details.join("\n")}`, advisory: true });
}

/** `pulumi import <type> <logical name> <id>`: adopt the existing resource instead of creating it. */
export function importCommand(resource: StackResource, id: string): string {
    const quote = (s: string) => /^[A-Za-z0-9_./:@+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
    return `pulumi import ${resource.type} ${quote(resource.name)} ${quote(id)}`;
}

/** How much of a name or id an account finding's headline quotes: the headline stays about 160 characters. */
export const ACCOUNT_QUOTE_LIMIT = 40;
