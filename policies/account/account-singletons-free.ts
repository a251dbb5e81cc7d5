import { ACCOUNT_QUOTE_LIMIT } from "../../lib/aws/account/family";
import { quoteValue } from "../../lib/framework/quote";
import { stackPolicy } from "../../lib/framework/policy";
import { ACCOUNT_CONFIG_SCHEMA, ACCOUNT_TAGS, AccountConfig, createdWithTarget, importCommand, limitsOf, reportNotChecked, Skipped } from "../../lib/aws/account/family";
import { SINGLETON_ROW_BY_TYPE, SINGLETON_ROWS } from "../../lib/aws/account/singletons";
import { ask } from "../../lib/aws/account/session";

export const accountSingletonsFree = stackPolicy<AccountConfig>({
    name: "account-singletons-free",
    description: "Resources an account has only one of per region (Config recorder and delivery channel, GuardDuty detector, " +
        "Security Hub) must not exist already when the stack creates one.",
    enforcementLevel: "disabled",
    severity: "high",
    tags: ACCOUNT_TAGS,
    remediationSteps: "Adopt the existing one with the `pulumi import` command in the message (or reuse its name), or manage it " +
        "in one stack of the account only.",
    resourceTypes: SINGLETON_ROWS.map(r => r.type),
    config: ACCOUNT_CONFIG_SCHEMA,
    docs: {
        failure: "The account already has the region's one Config recorder, delivery channel, GuardDuty detector or Security Hub " +
            "subscription (often from another stack or from AWS Organizations): the create fails at pulumi up. Opt-in.",
        awsError: "BadRequestException: The request is rejected because a detector already exists for the current account.",
    },
    validate: async ctx => {
        const limits = limitsOf(ctx.config);
        const skipped = new Skipped();
        const lookups = createdWithTarget(ctx, SINGLETON_ROWS.map(r => r.type), skipped).map(({ resource, target }) => {
            const row = SINGLETON_ROW_BY_TYPE.get(resource.type)!;
            const name = row.nameOf?.(resource.props);
            return { resource, row, target, name, outcome: ask(row.lookup(target, name), limits) };
        });
        const outcomes = await Promise.all(lookups.map(l => l.outcome));
        lookups.forEach(({ resource, row, target, name }, i) => {
            const outcome = outcomes[i];
            if (outcome.kind !== "found") {
                return;
            }
            const { id, importId } = outcome.value;
            ctx.report(resource, {
                message: `${target.region} already has a ${row.what} (${quoteValue(id, ACCOUNT_QUOTE_LIMIT)}): import it or reuse its name instead of creating a second one.\n\n` +
                    `AWS: "${row.error.replace("<name>", name ?? resource.name)}". Adopt it: ${importCommand(resource, importId ?? id)}`,
            });
        });
        reportNotChecked(ctx, lookups.map((l, i) => ({ what: `${l.row.what} in ${l.target.region}`, outcome: outcomes[i] })), skipped);
    },
});
