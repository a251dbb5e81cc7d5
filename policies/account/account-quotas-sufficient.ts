import { stackPolicy, StackResource } from "../../lib/framework/policy";
import { Target } from "../../lib/aws/account/clients";
import { ACCOUNT_CONFIG_SCHEMA, ACCOUNT_TAGS, AccountConfig, createdWithTarget, limitsOf, reportNotChecked, Skipped } from "../../lib/aws/account/family";
import { appliedQuota, COUNTED_QUOTAS, LAMBDA_CONCURRENCY_ERROR, LAMBDA_MIN_UNRESERVED, lambdaUnreserved } from "../../lib/aws/account/quotas";
import { ask, listSome, Outcome } from "../../lib/aws/account/session";
import { LAMBDA_FUNCTION } from "../../lib/aws/resource-types";

type Checked = { what: string; outcome: Outcome<unknown> };

/** Resources grouped by where they are created (region and credentials). */
function byTarget<T extends { target: Target }>(items: readonly T[]): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const key = `${item.target.region}|${item.target.profile ?? ""}`;
        groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    return groups;
}

export const accountQuotasSufficient = stackPolicy<AccountConfig>({
    name: "account-quotas-sufficient",
    description: "The stack's new resources must fit the account's quotas: Lambda unreserved concurrency, Elastic IPs and VPCs per region.",
    enforcementLevel: "disabled",
    severity: "high",
    tags: ACCOUNT_TAGS,
    remediationSteps: "Lower the reserved concurrency, reuse or release Elastic IPs and VPCs, or request a quota increase in Service Quotas.",
    resourceTypes: [LAMBDA_FUNCTION, ...COUNTED_QUOTAS.map(q => q.type)],
    config: ACCOUNT_CONFIG_SCHEMA,
    docs: {
        failure: "Reserved concurrency that leaves fewer than 100 unreserved executions, or more Elastic IPs or VPCs than the region's " +
            "quota: the create fails at pulumi up, often after the NAT gateways' subnets exist. Opt-in.",
        awsError: LAMBDA_CONCURRENCY_ERROR,
    },
    validate: async ctx => {
        const limits = limitsOf(ctx.config);
        const skipped = new Skipped();
        const checked: Checked[] = [];
        const work: Promise<void>[] = [];

        const reserving = createdWithTarget(ctx, [LAMBDA_FUNCTION], skipped).flatMap(({ resource, target }) => {
            const reserved = resource.props.number("reservedConcurrentExecutions");
            return typeof reserved === "number" && reserved > 0 ? [{ resource, target, reserved }] : [];
        });
        for (const group of byTarget(reserving).values()) {
            work.push((async () => {
                const { target } = group[0];
                const outcome = await ask(lambdaUnreserved(target), limits);
                checked.push({ what: `Lambda concurrency in ${target.region}`, outcome });
                if (outcome.kind !== "found") {
                    return;
                }
                const total = group.reduce((n, g) => n + g.reserved, 0);
                const left = outcome.value - total;
                if (left >= LAMBDA_MIN_UNRESERVED) {
                    return;
                }
                const largest = group.reduce((a, b) => b.reserved > a.reserved ? b : a);
                ctx.report(largest.resource, {
                    path: "reservedConcurrentExecutions",
                    message: `reserving ${total} executions leaves ${left} unreserved in ${target.region} (AWS keeps at least ` +
                        `${LAMBDA_MIN_UNRESERVED}): reserve less or raise the quota.\n\n` +
                        `The account has ${outcome.value} unreserved; the stack's new functions reserve ${total} ` +
                        `(${listSome(group.map(g => `${g.resource.name}: ${g.reserved}`))}). AWS: "${LAMBDA_CONCURRENCY_ERROR}"`,
                });
            })());
        }

        for (const quota of COUNTED_QUOTAS) {
            const created = createdWithTarget(ctx, [quota.type], skipped).filter(({ resource }) => quota.counts?.(resource.props) ?? true);
            for (const group of byTarget(created).values()) {
                work.push((async () => {
                    const { target } = group[0];
                    const [existing, applied] = await Promise.all([ask(quota.count(target), limits), ask(appliedQuota(quota, target), limits)]);
                    checked.push({ what: `${quota.what} in ${target.region}`, outcome: existing });
                    if (existing.kind !== "found") {
                        return;
                    }
                    const limit = applied.kind === "found" ? applied.value : quota.defaultQuota;
                    if (existing.value + group.length <= limit) {
                        return;
                    }
                    reportQuota(ctx.report, group.map(g => g.resource), quota.what, target.region, existing.value, limit,
                        applied.kind === "found", quota.error);
                })());
            }
        }
        await Promise.all(work);
        reportNotChecked(ctx, checked, skipped);
    },
});

function reportQuota(report: (r: StackResource, f: { message: string; advisory?: boolean }) => void, resources: StackResource[],
    what: string, region: string, existing: number, limit: number, quotaRead: boolean, error: string): void {
    const source = quotaRead ? "the account's quota" : `AWS's default quota (the applied quota could not be read; yours may be higher)`;
    report(resources[0], {
        message: `${existing} ${what} exist in ${region} and the stack adds ${resources.length}: that exceeds ${limit}; ` +
            "release some or request an increase.\n\n" +
            `${limit} is ${source}. New: ${listSome(resources.map(r => r.name))}. AWS: "${error}"`,
        advisory: !quotaRead,
    });
}
