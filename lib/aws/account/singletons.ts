// Resources an account may have only one of per region. Creating a second one fails; creating one with the name of
// the existing one is an update (PutConfigurationRecorder, PutDeliveryChannel), not a failure. Not here: the IAM
// account password policy (UpdateAccountPasswordPolicy replaces the existing one) and Macie (not covered yet).
import { errorCode, Call } from "./session";
import { send, Target } from "./clients";
import { accountOfArn } from "../arn";

export interface ExistingSingleton {
    /** The existing one's name or id. */
    readonly id: string;
    /** What `pulumi import` takes, when it is not `id`. */
    readonly importId?: string;
}

export interface SingletonRow {
    readonly type: string;
    readonly what: string;
    /** The name the new one gets (undefined: it has no name). */
    nameOf?(props: { string(path: string): unknown }): string | undefined;
    readonly error: string;
    /** Finds an existing one that conflicts with a new one called `name`. */
    lookup(target: Target, name: string | undefined): Call<ExistingSingleton>;
}

export const SINGLETON_ROWS: readonly SingletonRow[] = [
    {
        type: "aws:cfg/recorder:Recorder", what: "AWS Config configuration recorder",
        nameOf: props => { const n = props.string("name"); return typeof n === "string" && n !== "" ? n : "default"; },
        error: "MaxNumberOfConfigurationRecordersExceededException: Failed to put configuration recorder '<name>' because the " +
            "maximum number of configuration recorders: 1 is reached.",
        lookup: (target, name) => ({
            key: `config:DescribeConfigurationRecorders:${target.region}`, action: "config:DescribeConfigurationRecorders",
            run: async signal => {
                const out = await send("@aws-sdk/client-config-service", "ConfigServiceClient", "DescribeConfigurationRecordersCommand", {}, target, signal);
                const other = (out?.ConfigurationRecorders ?? []).find((r: { name?: string }) => typeof r.name === "string" && r.name !== name);
                return other ? { id: other.name } : undefined;
            },
        }),
    },
    {
        type: "aws:cfg/deliveryChannel:DeliveryChannel", what: "AWS Config delivery channel",
        nameOf: props => { const n = props.string("name"); return typeof n === "string" && n !== "" ? n : "default"; },
        error: "MaxNumberOfDeliveryChannelsExceededException: Failed to put delivery channel '<name>' because the maximum number " +
            "of delivery channels: 1 is reached.",
        lookup: (target, name) => ({
            key: `config:DescribeDeliveryChannels:${target.region}`, action: "config:DescribeDeliveryChannels",
            run: async signal => {
                const out = await send("@aws-sdk/client-config-service", "ConfigServiceClient", "DescribeDeliveryChannelsCommand", {}, target, signal);
                const other = (out?.DeliveryChannels ?? []).find((c: { name?: string }) => typeof c.name === "string" && c.name !== name);
                return other ? { id: other.name } : undefined;
            },
        }),
    },
    {
        type: "aws:guardduty/detector:Detector", what: "GuardDuty detector",
        error: "BadRequestException: The request is rejected because a detector already exists for the current account.",
        lookup: target => ({
            key: `guardduty:ListDetectors:${target.region}`, action: "guardduty:ListDetectors",
            run: async signal => {
                const out = await send("@aws-sdk/client-guardduty", "GuardDutyClient", "ListDetectorsCommand", {}, target, signal);
                const id = out?.DetectorIds?.[0];
                return typeof id === "string" ? { id } : undefined;
            },
        }),
    },
    {
        type: "aws:securityhub/account:Account", what: "Security Hub subscription",
        error: "ResourceConflictException: Account is already subscribed to Security Hub",
        lookup: target => ({
            key: `securityhub:DescribeHub:${target.region}`, action: "securityhub:DescribeHub",
            // DescribeHub on an account that is not subscribed: InvalidAccessException.
            isAbsent: error => errorCode(error).name === "InvalidAccessException",
            run: async signal => {
                const out = await send("@aws-sdk/client-securityhub", "SecurityHubClient", "DescribeHubCommand", {}, target, signal);
                const arn = typeof out?.HubArn === "string" ? out.HubArn : undefined;
                return { id: arn ?? "the account's hub", importId: arn ? accountOfArn(arn) : undefined };
            },
        }),
    },
];

export const SINGLETON_ROW_BY_TYPE: ReadonlyMap<string, SingletonRow> = new Map(SINGLETON_ROWS.map(r => [r.type, r]));
