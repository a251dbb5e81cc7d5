// AWS services closed to new customers, or ended, with the Pulumi type modules their resources use. There is no API
// for this: the table is transcribed from AWS's notices (each row names its page), checked on RECORDED_ON.
// "closed": accounts (and, for most, organizations) that never used the service can no longer create its resources;
// existing customers keep working. "ended": the service is gone for everyone. "reopened": closed once, open again
// (kept so the reason it is not reported is on record).

export const RECORDED_ON = "2026-12-01";

export interface ClosedService {
    /** The config key (`exceptServices`). */
    readonly id: string;
    readonly name: string;
    /** The resource types whose create needs the service open to the account (the service's top-level resources:
     * the rest, such as a CloudSearch access policy, always come with one of these). */
    readonly types: readonly string[];
    readonly status: "closed" | "ended" | "reopened";
    /** ISO date the status took effect. */
    readonly since: string;
    readonly alternative: string;
    readonly source: string;
    /** AWS's error for a create, when verified; otherwise the message says "described". */
    readonly error?: string;
}

export const CLOSED_SERVICES: readonly ClosedService[] = [
    {
        id: "codecommit", name: "AWS CodeCommit", types: ["aws:codecommit/repository:Repository"], status: "reopened", since: "2025-11-24",
        alternative: "", source: "closed 2024-07-25 (aws.amazon.com/blogs/devops/how-to-migrate-your-aws-codecommit-repository-" +
            "to-another-git-provider); back to general availability in November 2025 (reported in future-architect/arch-guidelines#275)",
        error: "OperationNotAllowedException: CreateRepository request is not allowed because there is no existing repository " +
            "in this AWS account or AWS Organization",
    },
    {
        id: "cloudsearch", name: "Amazon CloudSearch", types: ["aws:cloudsearch/domain:Domain"], status: "closed", since: "2024-07-25",
        alternative: "Amazon OpenSearch Service",
        source: "https://docs.aws.amazon.com/cloudsearch/latest/developerguide/what-is-cloudsearch.html",
    },
    {
        id: "cloud9", name: "AWS Cloud9", types: ["aws:cloud9/environmentEC2:EnvironmentEC2"], status: "closed", since: "2024-07-25",
        alternative: "the AWS IDE Toolkits or AWS CloudShell",
        source: "https://docs.aws.amazon.com/cloud9/latest/APIReference/Welcome.html",
    },
    {
        id: "datapipeline", name: "AWS Data Pipeline", types: ["aws:datapipeline/pipeline:Pipeline"], status: "closed", since: "2024-07-25",
        alternative: "AWS Glue, AWS Step Functions or Amazon MWAA",
        source: "https://docs.aws.amazon.com/datapipeline/latest/DeveloperGuide/dp-pipeline-objects.html",
    },
    {
        id: "timestream-liveanalytics", name: "Amazon Timestream for LiveAnalytics", types: ["aws:timestreamwrite/database:Database", "aws:timestreamquery/scheduledQuery:ScheduledQuery"],
        status: "closed", since: "2025-06-20", alternative: "Amazon Timestream for InfluxDB",
        source: "https://docs.aws.amazon.com/timestream/latest/developerguide/AmazonTimestreamForLiveAnalytics-availability-change.html",
    },
    {
        id: "qldb", name: "Amazon QLDB", types: ["aws:qldb/ledger:Ledger"], status: "ended", since: "2025-07-31",
        alternative: "Amazon Aurora PostgreSQL",
        source: "https://docs.aws.amazon.com/qldb/latest/developerguide/document-history.html",
    },
    {
        id: "elastictranscoder", name: "Amazon Elastic Transcoder", types: ["aws:elastictranscoder/pipeline:Pipeline", "aws:elastictranscoder/preset:Preset"], status: "ended", since: "2025-11-13",
        alternative: "AWS Elemental MediaConvert",
        source: "https://docs.aws.amazon.com/elastictranscoder/latest/developerguide/accessing.html",
    },
];

export const CLOSED_SERVICE_TYPES: readonly string[] = CLOSED_SERVICES.filter(s => s.status !== "reopened").flatMap(s => s.types);

const byType = new Map<string, ClosedService>(CLOSED_SERVICES.flatMap(s => s.types.map(t => [t, s] as const)));

/** The service whose top-level resource `type` is (`aws:qldb/ledger:Ledger` -> QLDB). */
export function closedServiceOf(type: string): ClosedService | undefined {
    return byType.get(type);
}
