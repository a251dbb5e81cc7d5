// S3 replication configurations in the shapes @pulumi/aws gives them, and bucket versioning as a stack sets it.
// Sources: docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html (versioning on source and
// destination), replication-config-for-kms-objects.html (SSE-KMS objects are replicated only with
// SourceSelectionCriteria.SseKmsEncryptedObjects and a ReplicaKmsKeyID, a key in the destination's Region).
import { plannedChange } from "../lifecycle";
import type { StackContext, StackResource } from "../../framework/policy";
import { PathSegment, UNKNOWN } from "../../framework/properties";
import { S3_BUCKET, S3_BUCKET_V2, S3_BUCKET_REPLICATION_CONFIG, S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2 } from "../resource-types";
import { BucketTarget, StackBuckets } from "./stack-buckets";

/** Quoted in the issue from real failures; the destination text from Terraform provider acceptance-test output. */
export const SOURCE_VERSIONING_ERROR = "InvalidRequest: Versioning must be 'Enabled' on the bucket to apply a replication configuration";
export const DESTINATION_VERSIONING_ERROR = "InvalidRequest: Destination bucket must have versioning enabled.";

export interface ReplicationRule {
    readonly path: readonly PathSegment[];
    readonly destinationBucket: readonly PathSegment[];
    readonly replicaKmsKeyId: readonly PathSegment[];
    readonly sseKmsSelection: readonly PathSegment[];
    /** Whether the SSE-KMS selection value means "replicate SSE-KMS objects". */
    readonly selectsSseKms: (value: unknown) => boolean;
}

export interface Replication {
    /** The BucketReplicationConfig, or the bucket carrying an inline configuration. */
    readonly resource: StackResource;
    readonly inline: boolean;
    readonly source: BucketTarget;
    /** Top-level property whose property dependencies link the role, destinations and keys. */
    readonly linkProperty: string;
    readonly role: readonly PathSegment[];
    readonly rules: readonly ReplicationRule[];
}

const isEnabledStatus = (value: unknown) => value === "Enabled";
const isTrue = (value: unknown) => value === true;

function rules(resource: StackResource, base: readonly PathSegment[], shape: "config" | "inline" | "inline-v2"): ReplicationRule[] {
    const list = resource.props.array([...base, "rules"]);
    if (!Array.isArray(list)) {
        return [];
    }
    const out: ReplicationRule[] = [];
    list.forEach((rule, i) => {
        if (rule === null || typeof rule !== "object" || Array.isArray(rule)) {
            return;
        }
        const path = [...base, "rules", i];
        if (shape === "config") {
            out.push({
                path,
                destinationBucket: [...path, "destination", "bucket"],
                replicaKmsKeyId: [...path, "destination", "encryptionConfiguration", "replicaKmsKeyId"],
                sseKmsSelection: [...path, "sourceSelectionCriteria", "sseKmsEncryptedObjects", "status"],
                selectsSseKms: isEnabledStatus,
            });
        } else if (shape === "inline") {
            out.push({
                path,
                destinationBucket: [...path, "destination", "bucket"],
                replicaKmsKeyId: [...path, "destination", "replicaKmsKeyId"],
                sseKmsSelection: [...path, "sourceSelectionCriteria", "sseKmsEncryptedObjects", "enabled"],
                selectsSseKms: isTrue,
            });
        } else {
            out.push({
                path,
                destinationBucket: [...path, "destinations", 0, "bucket"],
                replicaKmsKeyId: [...path, "destinations", 0, "replicaKmsKeyId"],
                sseKmsSelection: [...path, "sourceSelectionCriterias", 0, "sseKmsEncryptedObjects", 0, "enabled"],
                selectsSseKms: isTrue,
            });
        }
    });
    return out;
}

/** Every replication configuration of the stack: BucketReplicationConfig resources and inline ones on buckets. */
export function replications(ctx: Pick<StackContext<unknown>, "ofType">, buckets: StackBuckets): Replication[] {
    const out: Replication[] = [];
    for (const resource of ctx.ofType(S3_BUCKET_REPLICATION_CONFIG)) {
        out.push({ resource, inline: false, source: buckets.target(resource, "bucket"), linkProperty: "rules", role: ["role"], rules: rules(resource, [], "config") });
    }
    for (const bucket of buckets.all) {
        const v2 = bucket.type === S3_BUCKET_V2;
        const base: PathSegment[] = v2 ? ["replicationConfigurations", 0] : ["replicationConfiguration"];
        const config = bucket.props.object(base);
        if (config === undefined || config === UNKNOWN) {
            continue;
        }
        out.push({
            resource: bucket, inline: true, source: bucket, linkProperty: String(base[0]), role: [...base, "role"],
            rules: rules(bucket, base, v2 ? "inline-v2" : "inline"),
        });
    }
    return out;
}

export type Versioning =
    | { readonly kind: "enabled"; readonly by?: StackResource }
    | { readonly kind: "unknown" }
    | { readonly kind: "not-enabled"; readonly by?: StackResource; readonly status?: string };

/** Versioning of each stack bucket: its BucketVersioning resource, else the bucket's inline `versioning`. */
export class BucketVersionings {
    private readonly resources: Map<StackResource, StackResource[]>;

    constructor(ctx: Pick<StackContext<unknown>, "ofType">, buckets: StackBuckets) {
        this.resources = buckets.attached(ctx, S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2);
    }

    of(bucket: StackResource): Versioning {
        const attached = this.resources.get(bucket) ?? [];
        if (attached.length > 0) {
            let notEnabled: Versioning | undefined;
            for (const resource of attached) {
                const status = resource.props.get(["versioningConfiguration", "status"]);
                if (status === UNKNOWN) {
                    return { kind: "unknown" };
                }
                if (status === "Enabled") {
                    return { kind: "enabled", by: resource };
                }
                notEnabled ??= {
                    kind: "not-enabled", by: resource,
                    status: typeof status === "string" && !resource.props.isSecret(["versioningConfiguration", "status"]) ? status : undefined,
                };
            }
            return notEnabled!;
        }
        const path: PathSegment[] = bucket.type === S3_BUCKET_V2 ? ["versionings", 0, "enabled"] : ["versioning", "enabled"];
        const enabled = bucket.props.get(path);
        if (enabled === UNKNOWN) {
            return { kind: "unknown" };
        }
        if (enabled === true) {
            return { kind: "enabled" };
        }
        // An existing bucket's state may lack it when versioning is managed elsewhere.
        return enabled === undefined && plannedChange(bucket) === "existing" ? { kind: "unknown" } : { kind: "not-enabled" };
    }

    /** Where a fix goes: the inline property of this bucket type. */
    static inlineFix(bucket: StackResource): string {
        return bucket.type === S3_BUCKET || bucket.type !== S3_BUCKET_V2 ? "versioning: { enabled: true }" : "versionings: [{ enabled: true }]";
    }
}
