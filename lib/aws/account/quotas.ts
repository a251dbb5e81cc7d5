// Account quotas a stack's new resources can exceed. Quota values come from Service Quotas (the account's applied
// value); when it cannot be read, AWS's default is assumed and the finding is advisory, since the account may have a
// raised quota. Sources: Lambda "Lambda quotas" (unreserved concurrency never below 100); EC2 "Elastic IP address
// quotas" (5 per region, L-0263D0A3); Amazon VPC quotas (5 VPCs per region, L-F678F1CE).
import { Call } from "./session";
import { send, Target } from "./clients";

export const LAMBDA_MIN_UNRESERVED = 100;
export const LAMBDA_CONCURRENCY_ERROR = "InvalidParameterValueException: Specified ReservedConcurrentExecutions for function " +
    "decreases account's UnreservedConcurrentExecution below its minimum value of [100].";

export function lambdaUnreserved(target: Target): Call<number> {
    return {
        key: `lambda:GetAccountSettings:${target.region}`, action: "lambda:GetAccountSettings",
        run: async signal => {
            const out = await send("@aws-sdk/client-lambda", "LambdaClient", "GetAccountSettingsCommand", {}, target, signal);
            const value = out?.AccountLimit?.UnreservedConcurrentExecutions;
            return typeof value === "number" ? value : undefined;
        },
    };
}

export interface CountedQuota {
    readonly type: string;
    readonly what: string;
    readonly quotaCode: string;
    readonly serviceCode: string;
    readonly defaultQuota: number;
    readonly error: string;
    /** Counts the existing ones in the target's region (paged, at most `MAX_PAGES` pages). */
    count(target: Target): Call<number>;
    /** Whether a resource of `type` takes one of the quota (e.g. an EIP in a VPC). */
    counts?(props: { string(path: string): unknown }): boolean;
}

const MAX_PAGES = 10;

async function countPages(list: (token: string | undefined) => Promise<{ items: number; next?: string }>): Promise<number> {
    let total = 0;
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
        const { items, next } = await list(token);
        total += items;
        if (!next) {
            return total;
        }
        token = next;
    }
    return total;
}

export const COUNTED_QUOTAS: readonly CountedQuota[] = [
    {
        type: "aws:ec2/eip:Eip", what: "Elastic IP addresses", serviceCode: "ec2", quotaCode: "L-0263D0A3", defaultQuota: 5,
        error: "AddressLimitExceeded: The maximum number of addresses has been reached.",
        count: target => ({
            key: `ec2:DescribeAddresses:${target.region}`, action: "ec2:DescribeAddresses",
            run: async signal => {
                const out = await send("@aws-sdk/client-ec2", "EC2Client", "DescribeAddressesCommand", {}, target, signal);
                return Array.isArray(out?.Addresses) ? out.Addresses.length : 0;
            },
        }),
        // A BYOIP or customer-owned pool address does not take from the Amazon pool's quota. Unset optional values are
        // unknown in planned outputs, so only a known pool other than Amazon's exempts one.
        counts: props => {
            const pool = props.string("publicIpv4Pool");
            const customerPool = props.string("customerOwnedIpv4Pool");
            return !(typeof pool === "string" && pool !== "" && pool !== "amazon") && !(typeof customerPool === "string" && customerPool !== "");
        },
    },
    {
        type: "aws:ec2/vpc:Vpc", what: "VPCs", serviceCode: "vpc", quotaCode: "L-F678F1CE", defaultQuota: 5,
        error: "VpcLimitExceeded: The maximum number of VPCs has been reached.",
        count: target => ({
            key: `ec2:DescribeVpcs:${target.region}`, action: "ec2:DescribeVpcs",
            run: signal => countPages(async token => {
                const out = await send("@aws-sdk/client-ec2", "EC2Client", "DescribeVpcsCommand", { MaxResults: 1000, NextToken: token }, target, signal);
                return { items: Array.isArray(out?.Vpcs) ? out.Vpcs.length : 0, next: out?.NextToken };
            }),
        }),
    },
];

export function appliedQuota(row: CountedQuota, target: Target): Call<number> {
    return {
        key: `servicequotas:GetServiceQuota:${target.region}:${row.serviceCode}:${row.quotaCode}`, action: "servicequotas:GetServiceQuota",
        run: async signal => {
            const out = await send("@aws-sdk/client-service-quotas", "ServiceQuotasClient", "GetServiceQuotaCommand",
                { ServiceCode: row.serviceCode, QuotaCode: row.quotaCode }, target, signal);
            const value = out?.Quota?.Value;
            return typeof value === "number" ? value : undefined;
        },
    };
}
