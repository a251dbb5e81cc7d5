import type * as aws from "@pulumi/aws";
import { plannedChange } from "../../lib/aws/lifecycle";
import {
    CLOUDFRONT_DISTRIBUTION,
    S3_BUCKET_ACL,
    S3_BUCKET_ACL_V2,
    S3_BUCKET_LOGGING,
    S3_BUCKET_LOGGING_V2,
    S3_BUCKET_OWNERSHIP_CONTROLS,
    S3_BUCKET_PUBLIC_ACCESS_BLOCK,
    S3_BUCKET_TYPES,
} from "../../lib/aws/resource-types";
import {
    aclOwnership,
    CLOUDFRONT_LOG_BUCKET_ERROR,
    INVALID_BUCKET_ACL_ERROR,
    PRIVATE_CANNED_ACL,
} from "../../lib/aws/s3/ownership";
import { ACLS_NOT_SUPPORTED_ERROR, PUBLIC_CANNED_ACLS, PUBLIC_GRANTEE_URIS } from "../../lib/aws/s3/public-access";
import { StackBuckets } from "../../lib/aws/s3/stack-buckets";
import { StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { Path, PathSegment } from "../../lib/framework/properties";

type Config = Record<string, never>;

const ACL: keyof aws.s3.BucketArgs & keyof aws.s3.BucketAclArgs = "acl";
const BUCKET_GRANTS: keyof aws.s3.BucketArgs = "grants";
const ACCESS_CONTROL_POLICY: keyof aws.s3.BucketAclArgs = "accessControlPolicy";
const TARGET_BUCKET: keyof aws.s3.BucketLoggingArgs = "targetBucket";
const TARGET_GRANTS: keyof aws.s3.BucketLoggingArgs = "targetGrants";
const LOGGING_CONFIG: keyof aws.cloudfront.DistributionArgs = "loggingConfig";
const BLOCK_PUBLIC_ACLS: keyof aws.s3.BucketPublicAccessBlockArgs = "blockPublicAcls";
const IGNORE_PUBLIC_ACLS: keyof aws.s3.BucketPublicAccessBlockArgs = "ignorePublicAcls";

const OWNERSHIP_CONTROLS_FIX = "Add an aws.s3.BucketOwnershipControls with rule: { objectOwnership: \"BucketOwnerPreferred\" } " +
    "(or \"ObjectWriter\")";

export const s3AclRequiresOwnershipControls = stackPolicy<Config>({
    name: "s3-acl-requires-ownership-controls",
    description: "ACLs on a new S3 bucket need BucketOwnershipControls that enable ACLs, applied first.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["s3", "deployment-blocker"],
    remediationSteps: "Keep ACLs off the bucket resource itself. Add an aws.s3.BucketOwnershipControls with objectOwnership " +
        "\"BucketOwnerPreferred\" (or \"ObjectWriter\") for the bucket, and make the BucketAcl, the BucketLogging with " +
        "targetGrants or the CloudFront distribution that logs to it depend on it (dependsOn). Where a bucket policy can " +
        "do the job (S3 server access logs: logging.s3.amazonaws.com), use it and no ACL.",
    resourceTypes: [...S3_BUCKET_TYPES, S3_BUCKET_ACL, S3_BUCKET_ACL_V2, S3_BUCKET_OWNERSHIP_CONTROLS, S3_BUCKET_LOGGING,
        S3_BUCKET_LOGGING_V2, CLOUDFRONT_DISTRIBUTION, S3_BUCKET_PUBLIC_ACCESS_BLOCK],
    config: {},
    docs: {
        failure: "Buckets created since April 2023 have ACLs disabled (Object Ownership BucketOwnerEnforced): an ACL on the " +
            "bucket, a BucketAcl, logging target grants or CloudFront standard logging to it fail at `pulumi up` unless " +
            "ownership controls that enable ACLs are applied first. Existing buckets are not checked.",
        awsError: ACLS_NOT_SUPPORTED_ERROR,
    },
    validate: ctx => {
        const buckets = new StackBuckets(ctx);
        const newBuckets = new Set(buckets.all.filter(bucket => plannedChange(bucket) !== "existing"));
        if (newBuckets.size === 0) {
            return;
        }
        const check = new OwnershipCheck(ctx, buckets, newBuckets);
        for (const bucket of newBuckets) {
            check.inlineAcl(bucket);
        }
        for (const acl of ctx.ofType(S3_BUCKET_ACL, S3_BUCKET_ACL_V2)) {
            check.bucketAcl(acl);
        }
        for (const logging of ctx.ofType(S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2)) {
            check.loggingGrants(logging);
        }
        for (const distribution of ctx.ofType(CLOUDFRONT_DISTRIBUTION)) {
            check.cloudFrontLogging(distribution);
        }
    },
});

class OwnershipCheck {
    private readonly controls: Map<StackResource, StackResource[]>;
    private readonly accessBlocks: Map<StackResource, StackResource[]>;

    constructor(private readonly ctx: StackContext<Config>, private readonly buckets: StackBuckets,
        private readonly newBuckets: ReadonlySet<StackResource>) {
        this.controls = buckets.attached(ctx, S3_BUCKET_OWNERSHIP_CONTROLS);
        this.accessBlocks = buckets.attached(ctx, S3_BUCKET_PUBLIC_ACCESS_BLOCK);
    }

    /** An ACL on the bucket resource is sent with CreateBucket, before any BucketOwnershipControls can apply. */
    inlineAcl(bucket: StackResource): void {
        const acl = bucket.props.string(ACL);
        if (typeof acl === "string" && acl !== PRIVATE_CANNED_ACL && !this.leftToPublicAccessPolicy(bucket, PUBLIC_CANNED_ACLS.has(acl))) {
            const shown = bucket.props.isSecret(ACL) ? "this canned ACL" : `acl "${acl}"`;
            this.ctx.report(bucket, {
                path: ACL,
                message: `${shown} fails: new buckets are created with ACLs disabled. Remove it; use BucketOwnershipControls ` +
                    "and a BucketAcl\n\n" +
                    `CreateBucket fails: "${INVALID_BUCKET_ACL_ERROR}". The ACL is sent with the create call, before any ` +
                    "ownership controls exist. Server access logs need no ACL: allow logging.s3.amazonaws.com in the bucket policy.",
            });
        }
        const grants = bucket.props.array(BUCKET_GRANTS);
        if (Array.isArray(grants) && grants.some(grant => grant !== null && typeof grant === "object")) {
            const isPublic = grants.some((_, i) => isPublicUri(bucket.props.string([BUCKET_GRANTS, i, "uri"])));
            if (!this.leftToPublicAccessPolicy(bucket, isPublic)) {
                this.ctx.report(bucket, {
                    path: BUCKET_GRANTS,
                    message: "inline grants fail: new buckets have ACLs disabled. Move them to a BucketAcl that dependsOn " +
                        "BucketOwnershipControls\n\n" +
                        `Applying them while the bucket is created fails: "${ACLS_NOT_SUPPORTED_ERROR}". ${OWNERSHIP_CONTROLS_FIX} and an ` +
                        "aws.s3.BucketAcl (accessControlPolicy.grants) with dependsOn on it.",
                });
            }
        }
    }

    bucketAcl(acl: StackResource): void {
        const bucket = this.newBucket(acl, "bucket");
        if (!bucket) {
            return;
        }
        const canned = acl.props.string(ACL);
        const grantsPath = [ACCESS_CONTROL_POLICY, "grants"];
        const grants = acl.props.array(grantsPath);
        const isPublic = (typeof canned === "string" && PUBLIC_CANNED_ACLS.has(canned)) ||
            (Array.isArray(grants) && grants.some((_, i) => isPublicUri(acl.props.string([...grantsPath, i, "grantee", "uri"]))));
        if (this.leftToPublicAccessPolicy(bucket, isPublic)) {
            return;
        }
        const path: Path = canned !== undefined || !acl.props.has(ACCESS_CONTROL_POLICY) ? ACL : ACCESS_CONTROL_POLICY;
        this.require(acl, path, bucket, "this ACL", ACLS_NOT_SUPPORTED_ERROR);
    }

    loggingGrants(logging: StackResource): void {
        const grants = logging.props.array(TARGET_GRANTS);
        if (!Array.isArray(grants) || !grants.some(grant => grant !== null && typeof grant === "object")) {
            return;
        }
        const bucket = this.newBucket(logging, TARGET_BUCKET);
        if (bucket) {
            this.require(logging, TARGET_GRANTS, bucket, "logging with target grants",
                "described: buckets that use the bucket owner enforced setting for Object Ownership don't support target grants");
        }
    }

    cloudFrontLogging(distribution: StackResource): void {
        const path: PathSegment[] = [LOGGING_CONFIG, "bucket"];
        if (!distribution.props.has(path)) {
            return;
        }
        const bucket = this.newBucket(distribution, LOGGING_CONFIG, path);
        if (bucket) {
            this.require(distribution, path, bucket, "CloudFront logging", CLOUDFRONT_LOG_BUCKET_ERROR);
        }
    }

    private newBucket(resource: StackResource, property: string, path?: readonly PathSegment[]): StackResource | undefined {
        const target = this.buckets.target(resource, property, path);
        return typeof target !== "string" && this.newBuckets.has(target) ? target : undefined;
    }

    /**
     * A public ACL is s3-bucket-policy-not-public's to report, unless a BucketPublicAccessBlock of the stack lets
     * public ACLs through (then that policy is silent, or speaks of the account-level setting only).
     */
    private leftToPublicAccessPolicy(bucket: StackResource, isPublic: boolean): boolean {
        if (!isPublic) {
            return false;
        }
        const blocks = this.accessBlocks.get(bucket) ?? [];
        return !blocks.some(block => block.props.boolean(BLOCK_PUBLIC_ACLS) !== true && block.props.boolean(IGNORE_PUBLIC_ACLS) !== true);
    }

    private require(resource: StackResource, path: Path, bucket: StackResource, what: string, error: string): void {
        const ownership = aclOwnership(this.controls.get(bucket));
        const quoted = error.startsWith("described") ? `AWS ${error}.` : `"${error}".`;
        switch (ownership.kind) {
            case "unknown":
                return;
            case "none":
                this.ctx.report(resource, {
                    path,
                    message: `${what} fails: new bucket '${bucket.name}' has ACLs disabled. Add BucketOwnershipControls ` +
                        "(BucketOwnerPreferred) and dependsOn it\n\n" +
                        `${quoted} Set objectOwnership "BucketOwnerPreferred" (or "ObjectWriter"); dependsOn makes Pulumi ` +
                        "apply it first.",
                });
                return;
            case "disabled":
                this.ctx.report(resource, {
                    path,
                    message: `${what} fails: BucketOwnershipControls '${ownership.controls.name}' keeps ACLs disabled on ` +
                        `bucket '${bucket.name}'. Set objectOwnership "BucketOwnerPreferred"\n\n` +
                        `${quoted} Its rule.objectOwnership is ${ownership.setting ? `"${ownership.setting}"` : "not one that enables ACLs"}; ` +
                        "only \"BucketOwnerPreferred\" and \"ObjectWriter\" enable them.",
                });
                return;
            case "enabled":
                if (!ownership.controls.some(controls => resource.waitsFor(controls))) {
                    this.ctx.report(resource, {
                        path,
                        message: `${what} can fail: it does not wait for BucketOwnershipControls '${ownership.controls[0].name}'. ` +
                            "Add dependsOn: [ownershipControls]\n\n" +
                            `Without a dependency Pulumi applies both at once on the new bucket '${bucket.name}', and if this goes ` +
                            `first: ${quoted}`,
                    });
                }
                return;
        }
    }
}

function isPublicUri(uri: unknown): boolean {
    return typeof uri === "string" && PUBLIC_GRANTEE_URIS.has(uri);
}
