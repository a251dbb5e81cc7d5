import { arnPatternsOverlap, evaluate, PolicyDocument, PrincipalRef, Statement, statementLabel } from "../../lib/aws/iam";
import { partitionOf } from "../../lib/aws/arn";
import { regionOfResource } from "../../lib/aws/region";
import { S3_BUCKET_POLICY, S3_BUCKET_SSE_CONFIGURATION, S3_BUCKET_SSE_CONFIGURATION_V2, S3_BUCKET_TYPES } from "../../lib/aws/resource-types";
import { BucketPolicies, BucketPolicySource } from "../../lib/aws/s3/bucket-policies";
import { BucketEncryptions } from "../../lib/aws/s3/encryption";
import { LOG_WRITERS, LogDelivery, LogWriter, Need, WriterPrincipals } from "../../lib/aws/s3/log-writers";
import { StackBuckets } from "../../lib/aws/s3/stack-buckets";
import { StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";

type Config = Record<string, never>;

export const s3LogDeliveryAllowed = stackPolicy<Config>({
    name: "s3-log-delivery-allowed",
    description: "A bucket that receives ALB, CloudTrail, AWS Config or vended logs has a bucket policy that lets the delivering service write.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["s3", "logging", "deployment-blocker"],
    remediationSteps: "Add the statements the message gives to the bucket's policy (an aws.s3.BucketPolicy, or the bucket's " +
        "`policy`): the region's Elastic Load Balancing account (or logdelivery.elasticloadbalancing.amazonaws.com) for ALB " +
        "access logs, cloudtrail.amazonaws.com for trails, config.amazonaws.com for AWS Config, delivery.logs.amazonaws.com " +
        "for vended logs such as VPC flow logs. Make the writer depend on the BucketPolicy. ALB access logs need SSE-S3.",
    resourceTypes: [...LOG_WRITERS.flatMap(w => w.types), ...S3_BUCKET_TYPES, S3_BUCKET_POLICY, S3_BUCKET_SSE_CONFIGURATION,
        S3_BUCKET_SSE_CONFIGURATION_V2],
    config: {},
    docs: {
        failure: "A load balancer with access logs or a trail whose bucket policy does not let the service write fails at " +
            "`pulumi up` after the bucket exists; AWS Config and VPC flow logs to a bucket whose managed policy lacks the " +
            "service stop delivering (advisory). Buckets outside the stack are not checked.",
        awsError: "InvalidConfigurationRequest: Access Denied for bucket: <bucket>. Please check S3bucket permission",
    },
    validate: ctx => {
        const writers = LOG_WRITERS.map(writer => ({ writer, resources: ctx.ofType(...writer.types) }))
            .filter(w => w.resources.length > 0);
        if (writers.length === 0) {
            return;
        }
        const buckets = new StackBuckets(ctx);
        if (buckets.all.length === 0) {
            return;
        }
        const check = new DeliveryCheck(ctx, buckets);
        for (const { writer, resources } of writers) {
            for (const resource of resources) {
                check.writer(writer, resource);
            }
        }
    },
});

type Outcome = "allowed" | "unknown" | { readonly missing: true; readonly denied: Statement[]; readonly excluded: Statement[] };

class DeliveryCheck {
    private readonly policies: BucketPolicies;
    private readonly encryptions: BucketEncryptions;

    constructor(private readonly ctx: StackContext<Config>, private readonly buckets: StackBuckets) {
        this.policies = new BucketPolicies(ctx, buckets);
        this.encryptions = new BucketEncryptions(ctx, buckets);
    }

    writer(writer: LogWriter, resource: StackResource): void {
        const delivery = writer.delivery(resource);
        if (delivery === undefined || delivery === "unknown" || (typeof delivery.bucket !== "string" && delivery.bucket !== UNKNOWN)) {
            return;
        }
        const target = this.buckets.target(resource, delivery.property, delivery.path);
        if (target === "outside") {
            return;
        }
        const region = regionOfResource(resource).region;
        const principals = writer.principals(typeof region === "string" && region !== "" ? region : undefined);
        if (target === "unknown" || !principals) {
            this.advise(resource, delivery, writer, target === "unknown" ? "the bucket is not known" : "the Region is not known");
            return;
        }
        if (writer.sseS3Only && this.encryptions.of(target).kind === "kms") {
            this.ctx.report(resource, {
                path: [...delivery.path],
                message: `ALB access logs cannot go to SSE-KMS bucket '${target.name}': use SSE-S3 (AES256) default encryption ` +
                    "on it, or another bucket\n\nElastic Load Balancing supports only Amazon S3-managed keys for access logs " +
                    `(described); with SSE-KMS: "${writer.failure.replace(/^.*"(.*)"$/, "$1")}".`,
            });
            return;
        }
        const sources = this.policies.of(target);
        if (sources.some(s => s.parsed.kind === "unknown") || (sources.length === 0 && this.policies.unresolved.length > 0)) {
            this.advise(resource, delivery, writer, "the bucket policy is not known");
            return;
        }
        const documents = sources.flatMap(s => s.parsed.kind === "document" ? [{ source: s, document: s.parsed.document }] : []);
        if (documents.length < sources.length) {
            return; // A malformed policy: AWS rejects it, and the policy's own checks say so.
        }
        if (documents.length === 0 && writer.advisory) {
            return; // The service adds its statement (or writes with its role) when the bucket has no policy.
        }
        const missing: Need[] = [];
        const denied = new Set<Statement>();
        const excluded = new Set<Statement>();
        let unknown = false;
        for (const need of writer.needs) {
            const outcomes = documents.map(({ document }) => outcomeOf(document, principals, need, resourcePattern(target, delivery, writer, need)));
            if (outcomes.includes("allowed")) {
                continue;
            }
            if (outcomes.includes("unknown")) {
                unknown = true;
                continue;
            }
            missing.push(need);
            for (const outcome of outcomes) {
                if (typeof outcome === "object") {
                    outcome.denied.forEach(s => denied.add(s));
                    outcome.excluded.forEach(s => excluded.add(s));
                }
            }
        }
        if (missing.length > 0) {
            this.report(resource, delivery, writer, principals, target, missing, documents.map(d => d.source), [...denied], [...excluded]);
        } else if (unknown) {
            this.advise(resource, delivery, writer, "parts of the bucket policy are not known");
        }
    }

    private advise(resource: StackResource, delivery: LogDelivery, writer: LogWriter, why: string): void {
        this.ctx.report(resource, {
            path: [...delivery.path],
            advisory: true,
            message: `could not verify now that the bucket policy lets ${writer.who} write logs: ${why}. Check it after the first deploy`,
        });
    }

    private report(resource: StackResource, delivery: LogDelivery, writer: LogWriter, principals: WriterPrincipals,
        bucket: StackResource, missing: readonly Need[], sources: readonly BucketPolicySource[], denied: Statement[], excluded: Statement[]): void {
        const actions = [...new Set(missing.map(n => n.action))].join(", ");
        const policy = sources.length === 0 ? "has no bucket policy" : "policy does not allow";
        const headline = sources.length === 0
            ? `${writer.who} cannot write logs: bucket '${bucket.name}' has no policy. Add one allowing ${principals.recommended.id} ${actions}`
            : `${writer.who} cannot write logs to bucket '${bucket.name}': its ${policy} ${actions}. Add the statements below`;
        const label = (s: Statement) => statementLabel(s, sources.some(src => src.secret));
        const notes = [
            ...denied.map(s => `${label(s)} denies it.`),
            ...excluded.map(s => `${label(s)} names the service, but its Condition excludes this delivery.`),
        ];
        const statements = recommendedStatements(writer, principals, bucket, delivery, missing, regionOfResource(resource).region);
        this.ctx.report(resource, {
            path: [...delivery.path],
            advisory: writer.advisory,
            message: `${headline}\n\nWithout it ${writer.failure}. ${notes.join(" ")}${notes.length ? " " : ""}` +
                `Add to the bucket policy (and dependsOn it):\n${JSON.stringify(statements, null, 2)}`,
        });
    }
}

function outcomeOf(document: PolicyDocument, principals: WriterPrincipals, need: Need, resource: string): Outcome {
    let sawUnknown = false;
    const denied: Statement[] = [];
    const excluded: Statement[] = [];
    for (const principal of principals.accepted) {
        const result = evaluate(document, { principal: principal as PrincipalRef, action: need.action, context: need.context });
        const deniedHere = result.deniedBy.filter(s => coversResource(s, resource));
        const allowedHere = result.allowedBy.filter(s => coversResource(s, resource));
        if (deniedHere.length > 0) {
            denied.push(...deniedHere);
            continue;
        }
        if (result.decision === "unknown") {
            sawUnknown = true;
        } else if (allowedHere.length > 0) {
            return "allowed";
        }
        excluded.push(...result.excludedBy.filter(s => coversResource(s, resource)));
    }
    return sawUnknown && denied.length === 0 ? "unknown" : { missing: true, denied, excluded };
}

/** Whether a statement's Resource could include the pattern (an unknown Resource could). */
function coversResource(statement: Statement, pattern: string): boolean {
    if (statement.resource) {
        return statement.resource.hasUnknown || statement.resource.values.some(value => arnPatternsOverlap(value, pattern));
    }
    if (statement.notResource) {
        return statement.notResource.hasUnknown || !statement.notResource.values.some(value => value === "*");
    }
    return true;
}

/** What a need's requests name: the bucket ARN, or its objects under the log prefix (unknown parts as `*`). */
function resourcePattern(bucket: StackResource, delivery: LogDelivery, writer: LogWriter, need: Need): string {
    const name = bucketName(bucket) ?? "*";
    if (need.on === "bucket") {
        return `arn:*:s3:::${name}`;
    }
    const prefix = delivery.prefix === UNKNOWN ? "*" : delivery.prefix === "" ? "" : `${delivery.prefix}/`;
    return `arn:*:s3:::${name}/${prefix}${writer.objects.replace("<account-id>", "*")}`;
}

function bucketName(bucket: StackResource): string | undefined {
    const name = bucket.props.string("bucket");
    return typeof name === "string" && name !== "" && !bucket.props.isSecret("bucket") ? name : undefined;
}

function recommendedStatements(writer: LogWriter, principals: WriterPrincipals, bucket: StackResource, delivery: LogDelivery,
    missing: readonly Need[], region: unknown): Record<string, unknown>[] {
    const partition = partitionOf(typeof region === "string" ? region : "").partition;
    const name = bucketName(bucket) ?? "<bucket>";
    const prefix = delivery.prefix === UNKNOWN || delivery.prefixSecret ? "<prefix>/" : delivery.prefix === "" ? "" : `${delivery.prefix}/`;
    const sid = `Allow${writer.who.replace(/\(.*\)/, "").replace(/[^A-Za-z]/g, "")}`;
    return missing.map((need, i) => ({
        Sid: `${sid}${need.action.replace("s3:", "")}${i > 0 && missing[i - 1].action === need.action ? i : ""}`,
        Effect: "Allow",
        Principal: { [principals.recommended.type]: principals.recommended.id },
        Action: need.action,
        Resource: need.on === "bucket" ? `arn:${partition}:s3:::${name}` : `arn:${partition}:s3:::${name}/${prefix}${writer.objects}`,
        ...(need.condition ? { Condition: need.condition } : {}),
    }));
}
