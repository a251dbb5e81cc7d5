// A bucket's default encryption as a stack sets it: a BucketServerSideEncryptionConfiguration resource, else the
// bucket's inline configuration (v7 Bucket and v6 legacy Bucket: one `rule`; v6 BucketV2: lists).
import type { StackContext, StackResource } from "../../framework/policy";
import { PathSegment, UNKNOWN } from "../../framework/properties";
import { S3_BUCKET_SSE_CONFIGURATION, S3_BUCKET_SSE_CONFIGURATION_V2, S3_BUCKET_V2 } from "../resource-types";
import { StackBuckets } from "./stack-buckets";

/** SSE-KMS and dual-layer SSE-KMS: objects are encrypted with a KMS key. */
export const KMS_ALGORITHMS: ReadonlySet<string> = new Set(["aws:kms", "aws:kms:dsse"]);

export type DefaultEncryption =
    | { readonly kind: "kms"; readonly resource: StackResource; readonly keyPath: readonly PathSegment[] }
    | { readonly kind: "unknown" }
    /** SSE-S3 (AES256), which every new bucket has when nothing else is set. */
    | { readonly kind: "s3-managed" };

export class BucketEncryptions {
    private readonly configurations: Map<StackResource, StackResource[]>;

    constructor(ctx: Pick<StackContext<unknown>, "ofType">, buckets: StackBuckets) {
        this.configurations = buckets.attached(ctx, S3_BUCKET_SSE_CONFIGURATION, S3_BUCKET_SSE_CONFIGURATION_V2);
    }

    of(bucket: StackResource): DefaultEncryption {
        for (const resource of this.configurations.get(bucket) ?? []) {
            const found = ruleEncryption(resource, ["rules"], ["applyServerSideEncryptionByDefault"]);
            if (found.kind !== "s3-managed") {
                return found;
            }
        }
        if (bucket.type === S3_BUCKET_V2) {
            const configs = bucket.props.array("serverSideEncryptionConfigurations");
            if (configs === UNKNOWN) {
                return { kind: "unknown" };
            }
            return ruleEncryption(bucket, ["serverSideEncryptionConfigurations", 0, "rules"], ["applyServerSideEncryptionByDefaults", 0]);
        }
        const base: PathSegment[] = ["serverSideEncryptionConfiguration", "rule", "applyServerSideEncryptionByDefault"];
        return algorithmAt(bucket, base);
    }
}

function ruleEncryption(resource: StackResource, rulesPath: readonly PathSegment[], defaultPath: readonly PathSegment[]): DefaultEncryption {
    const rules = resource.props.array([...rulesPath]);
    if (rules === UNKNOWN) {
        return { kind: "unknown" };
    }
    for (let i = 0; Array.isArray(rules) && i < rules.length; i++) {
        const found = algorithmAt(resource, [...rulesPath, i, ...defaultPath]);
        if (found.kind !== "s3-managed") {
            return found;
        }
    }
    return { kind: "s3-managed" };
}

function algorithmAt(resource: StackResource, base: readonly PathSegment[]): DefaultEncryption {
    const algorithm = resource.props.get([...base, "sseAlgorithm"]);
    if (algorithm === UNKNOWN) {
        return { kind: "unknown" };
    }
    return typeof algorithm === "string" && KMS_ALGORITHMS.has(algorithm)
        ? { kind: "kms", resource, keyPath: [...base, "kmsMasterKeyId"] }
        : { kind: "s3-managed" };
}
