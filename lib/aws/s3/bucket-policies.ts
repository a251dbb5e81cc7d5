// The bucket policies of each stack bucket: its inline `policy` and the aws.s3.BucketPolicy resources attached to it,
// parsed once; and whether some BucketPolicy names a bucket that cannot be resolved during preview.
import type { StackContext, StackResource } from "../../framework/policy";
import { ParsedPolicy, readPolicy } from "../iam";
import { S3_BUCKET_POLICY } from "../resource-types";
import { StackBuckets } from "./stack-buckets";

export interface BucketPolicySource {
    /** The bucket itself (inline `policy`) or the BucketPolicy resource. */
    readonly resource: StackResource;
    readonly parsed: ParsedPolicy;
    readonly secret: boolean;
}

export class BucketPolicies {
    private readonly attached: Map<StackResource, StackResource[]>;
    /** A BucketPolicy whose bucket is unknown: it may belong to any stack bucket. */
    readonly unresolved: readonly StackResource[];

    constructor(ctx: Pick<StackContext<unknown>, "ofType">, private readonly buckets: StackBuckets) {
        this.attached = buckets.attached(ctx, S3_BUCKET_POLICY);
        this.unresolved = ctx.ofType(S3_BUCKET_POLICY).filter(p => buckets.target(p, "bucket") === "unknown");
    }

    /** The policies that apply to `bucket`, absent ones left out. */
    of(bucket: StackResource): BucketPolicySource[] {
        const sources = [bucket, ...(this.attached.get(bucket) ?? [])].map(resource => ({
            resource,
            parsed: readPolicy(resource.props, "policy"),
            secret: resource.props.isSecret("policy"),
        }));
        return sources.filter(source => source.parsed.kind !== "absent");
    }
}
