import { ACCOUNT_QUOTE_LIMIT } from "../../lib/aws/account/family";
import { quoteValue } from "../../lib/framework/quote";
import { stackPolicy, StackResource } from "../../lib/framework/policy";
import { ACCOUNT_CONFIG_SCHEMA, ACCOUNT_TAGS, AccountConfig, createdWithTarget, limitsOf, reportNotChecked, Skipped } from "../../lib/aws/account/family";
import { REFERENCE_ROWS, ReferenceRow } from "../../lib/aws/account/references";
import { ask, Outcome } from "../../lib/aws/account/session";

export const accountReferencesExist = stackPolicy<AccountConfig>({
    name: "account-references-exist",
    description: "Literal references of resources being created (AMI, key pair, hosted zone, certificate, secret) must exist in the account.",
    enforcementLevel: "disabled",
    severity: "high",
    tags: ACCOUNT_TAGS,
    remediationSteps: "Fix the id or name, create the referenced thing in the stack and reference it, or look it up with a data source " +
        "(aws.ec2.getAmi, aws.route53.getZone, aws.acm.getCertificate).",
    resourceTypes: [...new Set(REFERENCE_ROWS.flatMap(r => [...r.types, ...(r.createdBy ? [r.createdBy.type] : [])]))],
    config: ACCOUNT_CONFIG_SCHEMA,
    docs: {
        failure: "An AMI id, key pair name, hosted zone id, certificate ARN or secret written as a literal does not exist in the " +
            "target account or region: the create fails at pulumi up. Opt-in.",
        awsError: "InvalidAMIID.NotFound: The image id '[ami-0abc...]' does not exist",
    },
    validate: async ctx => {
        const limits = limitsOf(ctx.config);
        const skipped = new Skipped();
        const createdInStack = new Set<string>();
        for (const row of REFERENCE_ROWS) {
            if (row.createdBy) {
                for (const r of ctx.ofType(row.createdBy.type)) {
                    const value = r.props.string(row.createdBy.property);
                    if (typeof value === "string") {
                        createdInStack.add(`${row.createdBy.type}|${value}`);
                    }
                }
            }
        }
        const lookups: { resource: StackResource; row: ReferenceRow; value: string; region: string; outcome: Promise<Outcome<true>> }[] = [];
        for (const row of REFERENCE_ROWS) {
            for (const { resource, target } of createdWithTarget(ctx, row.types, skipped)) {
                const value = resource.props.string(row.property);
                const topLevel = row.property.split(".")[0];
                if (typeof value !== "string" || !row.pattern.test(value) || resource.dependenciesOf(topLevel).length > 0 ||
                    (row.createdBy && createdInStack.has(`${row.createdBy.type}|${value}`))) {
                    continue;
                }
                const region = row.regionOf?.(value) ?? target.region;
                lookups.push({ resource, row, value, region, outcome: ask(row.lookup(value, { ...target, region }), limits) });
            }
        }
        const outcomes = await Promise.all(lookups.map(l => l.outcome));
        lookups.forEach(({ resource, row, value, region }, i) => {
            if (outcomes[i].kind !== "absent") {
                return;
            }
            ctx.report(resource, {
                path: row.property,
                message: `${row.what} ${quoteValue(value, ACCOUNT_QUOTE_LIMIT)} does not exist in ${region}: fix the reference or create it in the stack.\n\n` +
                    `AWS: "${row.error.replace("<id>", value)}"`,
            });
        });
        reportNotChecked(ctx, lookups.map((l, i) => ({ what: `${l.row.what} "${l.value}"`, outcome: outcomes[i] })), skipped);
    },
});
