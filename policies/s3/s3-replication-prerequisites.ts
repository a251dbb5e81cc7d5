import type * as aws from "@pulumi/aws";
import { evaluate, readPolicy } from "../../lib/aws/iam";
import { parseKmsKeyRef } from "../../lib/aws/kms/key-ref";
import { KeyIndex } from "../../lib/aws/kms/keys";
import { regionOfResource } from "../../lib/aws/region";
import {
    IAM_ROLE,
    KMS_ALIAS,
    KMS_KEY,
    S3_BUCKET_REPLICATION_CONFIG,
    S3_BUCKET_SSE_CONFIGURATION,
    S3_BUCKET_SSE_CONFIGURATION_V2,
    S3_BUCKET_TYPES,
    S3_BUCKET_VERSIONING,
    S3_BUCKET_VERSIONING_V2,
} from "../../lib/aws/resource-types";
import { BucketEncryptions } from "../../lib/aws/s3/encryption";
import {
    BucketVersionings,
    DESTINATION_VERSIONING_ERROR,
    Replication,
    ReplicationRule,
    replications,
    SOURCE_VERSIONING_ERROR,
} from "../../lib/aws/s3/replication";
import { StackBuckets } from "../../lib/aws/s3/stack-buckets";
import { IdentifierIndex, referencedResources } from "../../lib/framework/links";
import { StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { Path, UNKNOWN } from "../../lib/framework/properties";
import { plannedChange } from "../../lib/aws/lifecycle";

type Config = Record<string, never>;

const ASSUME_ROLE_POLICY: keyof aws.iam.RoleArgs = "assumeRolePolicy";
const S3_SERVICE = "s3.amazonaws.com";
const ROLE_TYPES: ReadonlySet<string> = new Set([IAM_ROLE]);
const TRUST_STATEMENT = "{ Effect: \"Allow\", Principal: { Service: \"s3.amazonaws.com\" }, Action: \"sts:AssumeRole\" }";

export const s3ReplicationPrerequisites = stackPolicy<Config>({
    name: "s3-replication-prerequisites",
    description: "S3 replication needs versioning on both buckets, a role S3 can assume, and KMS settings for SSE-KMS objects.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["s3", "replication", "deployment-blocker"],
    remediationSteps: "Enable versioning (status \"Enabled\") on the source and every destination bucket and make the " +
        "BucketReplicationConfig depend on those BucketVersioning resources; give it a role whose trust policy allows " +
        "s3.amazonaws.com to sts:AssumeRole; for a source bucket encrypted with SSE-KMS, add " +
        "sourceSelectionCriteria.sseKmsEncryptedObjects (status \"Enabled\") and a replicaKmsKeyId in the destination's Region.",
    resourceTypes: [S3_BUCKET_REPLICATION_CONFIG, ...S3_BUCKET_TYPES, S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2,
        S3_BUCKET_SSE_CONFIGURATION, S3_BUCKET_SSE_CONFIGURATION_V2, IAM_ROLE, KMS_KEY, KMS_ALIAS],
    config: {},
    docs: {
        failure: "PutBucketReplication fails at `pulumi up` when either bucket lacks versioning (also when the versioning " +
            "resource is applied at the same time); a role S3 cannot assume or a missing SSE-KMS selection deploys, then " +
            "replicates nothing (or no encrypted object).",
        awsError: SOURCE_VERSIONING_ERROR,
    },
    validate: ctx => {
        const buckets = new StackBuckets(ctx);
        const found = replications(ctx, buckets);
        if (found.length === 0) {
            return;
        }
        const check = new ReplicationCheck(ctx, buckets);
        for (const replication of found) {
            check.run(replication);
        }
    },
});

class ReplicationCheck {
    private readonly versionings: BucketVersionings;
    private readonly encryptions: BucketEncryptions;
    private readonly roles = new IdentifierIndex();
    private keys: KeyIndex | undefined;

    constructor(private readonly ctx: StackContext<Config>, private readonly buckets: StackBuckets) {
        this.versionings = new BucketVersionings(ctx, buckets);
        this.encryptions = new BucketEncryptions(ctx, buckets);
        for (const role of ctx.ofType(IAM_ROLE)) {
            this.roles.add(role, role.props.string("arn"), role.props.string("name"));
        }
    }

    run(replication: Replication): void {
        const { resource, source } = replication;
        if (typeof source !== "string") {
            this.versioning(replication, source, replication.inline ? replication.linkProperty : "bucket", "source", SOURCE_VERSIONING_ERROR);
        }
        const destinations = new Set<StackResource>();
        for (const rule of replication.rules) {
            const destination = this.buckets.target(resource, replication.linkProperty, rule.destinationBucket);
            if (typeof destination !== "string" && destination !== source && !destinations.has(destination)) {
                destinations.add(destination);
                this.versioning(replication, destination, rule.destinationBucket, "destination", DESTINATION_VERSIONING_ERROR);
            }
            if (resource.props.get([...rule.path, "status"]) === "Enabled") {
                this.sseKms(replication, rule, source, typeof destination === "string" ? undefined : destination);
            }
        }
        this.role(replication);
    }

    private versioning(replication: Replication, bucket: StackResource, path: Path, side: string, error: string): void {
        const state = this.versionings.of(bucket);
        const { resource } = replication;
        if (state.kind === "unknown") {
            return;
        }
        if (state.kind === "not-enabled") {
            const now = state.by ? `BucketVersioning '${state.by.name}' sets status ${state.status ? `"${state.status}"` : "to something else"}`
                : "the bucket has no versioning";
            this.ctx.report(resource, {
                path,
                message: `${side} bucket '${bucket.name}' needs versioning Enabled: add a BucketVersioning ` +
                    "(status \"Enabled\") and dependsOn it\n\n" +
                    `PutBucketReplication fails: "${error}" Now ${now}. Give the replication configuration dependsOn on the ` +
                    "versioning resources of both buckets.",
            });
            return;
        }
        // Inline versioning is applied with the bucket, before anything that refers to it; existing versioning is in place.
        if (!state.by || plannedChange(state.by) === "existing") {
            return;
        }
        if (replication.inline && bucket === resource) {
            this.ctx.report(resource, {
                path,
                message: `inline replication fails on the new bucket '${bucket.name}': it comes before BucketVersioning ` +
                    `'${state.by.name}'. Use a BucketReplicationConfig that dependsOn it\n\n` +
                    `The bucket is created with its replication configuration, and versioning only after: "${error}"`,
            });
        } else if (!resource.waitsFor(state.by)) {
            this.ctx.report(resource, {
                path,
                message: `replication can fail: it does not wait for BucketVersioning '${state.by.name}' of ${side} bucket ` +
                    `'${bucket.name}'. Add it to dependsOn\n\n` +
                    `Without a dependency Pulumi applies both at once, and if replication goes first: "${error}"`,
            });
        }
    }

    private role(replication: Replication): void {
        const { resource } = replication;
        const value = resource.props.get([...replication.role]);
        const property = replication.inline ? replication.linkProperty : "role";
        const found = referencedResources(resource, property, value, ROLE_TYPES, this.roles,
            reference => { const name = /:role\/(?:.*\/)?([^/]+)$/.exec(reference)?.[1]; return name ? [name] : []; });
        if (found.length !== 1) {
            return; // a role outside the stack, or several candidates through an interpolated value
        }
        const role = found[0];
        const parsed = readPolicy(role.props, ASSUME_ROLE_POLICY);
        if (parsed.kind !== "document") {
            return;
        }
        const decision = evaluate(parsed.document, { principal: { type: "Service", id: S3_SERVICE }, action: "sts:AssumeRole" }).decision;
        if (decision === "missing" || decision === "denied") {
            this.ctx.report(resource, {
                path: replication.role,
                message: `S3 cannot assume role '${role.name}': its trust policy does not allow s3.amazonaws.com. Add that ` +
                    "statement to assumeRolePolicy\n\n" +
                    `The configuration deploys, then no object replicates (replication status FAILED). Add ${TRUST_STATEMENT}.`,
            });
        }
    }

    private sseKms(replication: Replication, rule: ReplicationRule, source: StackResource | "unknown" | "outside",
        destination: StackResource | undefined): void {
        const { resource } = replication;
        const selection = resource.props.get([...rule.sseKmsSelection]);
        const selected = rule.selectsSseKms(selection);
        if (!selected) {
            if (selection === UNKNOWN || typeof source === "string" || this.encryptions.of(source).kind !== "kms") {
                return;
            }
            this.ctx.report(resource, {
                path: rule.path,
                message: `bucket '${source.name}' is SSE-KMS encrypted and this rule skips those objects. Add ` +
                    "sourceSelectionCriteria.sseKmsEncryptedObjects + replicaKmsKeyId\n\n" +
                    "The bucket's default encryption is SSE-KMS; S3 replicates KMS-encrypted objects only when the rule says so. " +
                    "The configuration deploys, then those objects are skipped.",
            });
            return;
        }
        const key = resource.props.get([...rule.replicaKmsKeyId]);
        if (key === undefined || key === null || key === "") {
            this.ctx.report(resource, {
                path: rule.replicaKmsKeyId,
                message: "SSE-KMS objects are replicated but no replicaKmsKeyId is set. Set a key ARN in the destination's " +
                    "Region\n\n" +
                    "AWS described: with SseKmsEncryptedObjects enabled, PutBucketReplication requires ReplicaKmsKeyID in the " +
                    "destination's encryption configuration.",
            });
            return;
        }
        const destinationRegion = destination ? knownRegion(regionOfResource(destination).region) : undefined;
        const keyRegion = this.keyRegion(resource, replication.linkProperty, key);
        if (destination && destinationRegion && keyRegion && keyRegion !== destinationRegion) {
            this.ctx.report(resource, {
                path: rule.replicaKmsKeyId,
                message: `replicaKmsKeyId is a key in ${keyRegion}, but destination bucket '${destination.name}' is in ` +
                    `${destinationRegion}. Use a key in ${destinationRegion}\n\n` +
                    "S3 encrypts replicas with a key in the destination bucket's Region; with another key, replication of " +
                    "SSE-KMS objects fails.",
            });
        }
    }

    private keyRegion(resource: StackResource, property: string, key: unknown): string | undefined {
        if (typeof key === "string" && !resource.props.isSecret(property)) {
            const region = parseKmsKeyRef(key)?.region;
            if (region) {
                return region;
            }
        }
        this.keys ??= new KeyIndex(this.ctx.ofType(KMS_KEY), this.ctx.ofType(KMS_ALIAS), []);
        const links = this.keys.resolve(resource, property, key);
        return links.length === 1 ? knownRegion(regionOfResource(links[0].key).region) : undefined;
    }
}

function knownRegion(region: unknown): string | undefined {
    return typeof region === "string" ? region : undefined;
}
