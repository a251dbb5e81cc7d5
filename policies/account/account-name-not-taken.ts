import { ACCOUNT_QUOTE_LIMIT } from "../../lib/aws/account/family";
import { quoteValue } from "../../lib/framework/quote";
import { stackPolicy, StackResource } from "../../lib/framework/policy";
import { Target } from "../../lib/aws/account/clients";
import { ACCOUNT_CONFIG_SCHEMA, ACCOUNT_TAGS, AccountConfig, createdWithTarget, importCommand, limitsOf, reportNotChecked, Skipped } from "../../lib/aws/account/family";
import { Existing, NAME_ROW_BY_TYPE, NAME_ROWS, NameRow } from "../../lib/aws/account/names";
import { ask, Outcome } from "../../lib/aws/account/session";
import { stackState } from "../../lib/aws/account/stack-state";
import { now } from "../../lib/framework/clock";

interface Lookup {
    readonly resource: StackResource;
    readonly row: NameRow;
    readonly name: string;
    readonly target: Target;
    readonly outcome: Promise<Outcome<Existing>>;
}

export const accountNameNotTaken = stackPolicy<AccountConfig>({
    name: "account-name-not-taken",
    description: "Explicit names of resources being created must not already exist in the target account (or, for S3, anywhere).",
    enforcementLevel: "disabled",
    severity: "high",
    tags: ACCOUNT_TAGS,
    remediationSteps: "Delete the leftover resource, adopt it with the `pulumi import` command in the message, or change the name " +
        "(better: let Pulumi auto-name it).",
    resourceTypes: NAME_ROWS.flatMap(row => row.types),
    config: ACCOUNT_CONFIG_SCHEMA,
    docs: {
        failure: "A bucket, role, log group, table, secret, alias, repository or function with the same name already exists " +
            "(a leftover of an earlier run, another stack, or another account for S3): the create fails at pulumi up. Opt-in: asks " +
            "AWS read-only questions with the CLI's credentials, within a time budget.",
        awsError: "EntityAlreadyExists: Role with name <name> already exists.",
    },
    validate: async ctx => {
        const limits = limitsOf(ctx.config);
        const started = now().getTime();
        const skipped = new Skipped();
        const lookups: Lookup[] = [];
        for (const { resource, target } of createdWithTarget(ctx, [...NAME_ROW_BY_TYPE.keys()], skipped)) {
            const row = NAME_ROW_BY_TYPE.get(resource.type)!;
            const name = resource.props.string(row.nameProperty);
            // Auto-named resources get a fresh unique name; an unknown name cannot be asked about.
            if (typeof name !== "string" || name === "" || name.length > 1024) {
                continue;
            }
            lookups.push({ resource, row, name, target, outcome: ask(row.lookup(name, target), limits) });
        }
        const outcomes = await Promise.all(lookups.map(l => l.outcome));
        const found = lookups.filter((_, i) => outcomes[i].kind === "found");
        // Only when something exists: is it this stack's own resource, being replaced (deleted first, so no conflict)?
        const state = found.length > 0 ? await stackState(ctx.stack, limits.budgetMs - (now().getTime() - started)) : undefined;
        for (const lookup of found) {
            const outcome = await lookup.outcome;
            if (outcome.kind !== "found" || state?.owns(lookup.resource.type, lookup.name)) {
                continue;
            }
            ctx.report(lookup.resource, finding(lookup, outcome.value, state !== undefined));
        }
        reportNotChecked(ctx, lookups.map((l, i) => ({ what: `${l.row.what} "${l.name}"`, outcome: outcomes[i] })), skipped);
    },
});

function where(row: NameRow, target: Target): string {
    return row.scope === "account-region" ? ` in ${target.region}` : row.scope === "account" ? " in the account" : "";
}

function finding(lookup: Lookup, existing: Existing, stateRead: boolean) {
    const { resource, row, name, target } = lookup;
    const since = existing.detail ? ` (${existing.detail})` : "";
    const importLine = `Adopt it instead: ${importCommand(resource, existing.importId ?? name)}`;
    const notOwnLine = stateRead ? "The stack's state does not own it, so this is not a replace." :
        "The stack's state could not be read (pulumi stack export): if this stack already owns it and is replacing it, the " +
        "provider deletes it first and there is no conflict.";
    if (row.nameProperty === "bucket" && existing.otherAccount) {
        return {
            path: row.nameProperty,
            message: `bucket name ${quoteValue(name, ACCOUNT_QUOTE_LIMIT)} is taken by another account (S3 names are global): choose another name or a bucketPrefix.\n\n` +
                `AWS: "${row.error}"`,
        };
    }
    if (existing.scheduledForDeletion) {
        return {
            path: row.nameProperty,
            message: `secret ${quoteValue(name, ACCOUNT_QUOTE_LIMIT)} is scheduled for deletion${where(row, target)}: restore it, delete it for good, or change the name.\n\n` +
                `AWS: "InvalidRequestException: You can't create this secret because a secret with this name is already scheduled for deletion." ` +
                `Delete it now with aws secretsmanager delete-secret --secret-id <arn> --force-delete-without-recovery. ${notOwnLine}`,
            advisory: !stateRead,
        };
    }
    // S3 in us-east-1 answers CreateBucket for a bucket you already own there with success (the legacy behaviour).
    const accepted = row.nameProperty === "bucket" && target.region === "us-east-1";
    return {
        path: row.nameProperty,
        message: `${row.what} ${quoteValue(name, ACCOUNT_QUOTE_LIMIT)} already exists${where(row, target)}${since}: a leftover? Delete it, import it, or change the name.\n\n` +
            (accepted ? "In us-east-1 S3 answers success for a bucket you already own, and Pulumi would then manage the existing bucket. "
                : `AWS: "${row.error.replace("<name>", name)}". `) +
            `${importLine}. ${notOwnLine}`,
        advisory: accepted || !stateRead,
    };
}
