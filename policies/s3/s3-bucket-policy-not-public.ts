import type * as aws from "@pulumi/aws";
import { cutText, quoteValue } from "../../lib/framework/quote";
import { readPolicy, statementPath } from "../../lib/aws/iam";
import { IdentifierIndex, referencedResources } from "../../lib/framework/links";
import { Finding, StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { Path } from "../../lib/framework/properties";
import {
    S3_BUCKET_ACL,
    S3_BUCKET_ACL_V2,
    S3_BUCKET_POLICY,
    S3_BUCKET_PUBLIC_ACCESS_BLOCK,
    S3_BUCKET_TYPES,
} from "../../lib/aws/resource-types";
import {
    ACLS_NOT_SUPPORTED_ERROR,
    BLOCK_PUBLIC_POLICY_ERROR,
    PUBLIC_CANNED_ACLS,
    PUBLIC_GRANTEE_URIS,
    publicStatements,
} from "../../lib/aws/s3/public-access";

interface Config {
    accountBlocksPublicAccess: boolean;
}

const POLICY: keyof aws.s3.BucketPolicyArgs & keyof aws.s3.BucketArgs & keyof aws.s3.BucketV2Args = "policy";
const BUCKET: keyof aws.s3.BucketPolicyArgs & keyof aws.s3.BucketAclArgs & keyof aws.s3.BucketPublicAccessBlockArgs = "bucket";
const ACL: keyof aws.s3.BucketArgs & keyof aws.s3.BucketV2Args & keyof aws.s3.BucketAclArgs = "acl";
const BUCKET_GRANTS: keyof aws.s3.BucketArgs & keyof aws.s3.BucketV2Args = "grants";
const ACCESS_CONTROL_POLICY: keyof aws.s3.BucketAclArgs = "accessControlPolicy";
const BLOCK_PUBLIC_POLICY: keyof aws.s3.BucketPublicAccessBlockArgs = "blockPublicPolicy";
const BLOCK_PUBLIC_ACLS: keyof aws.s3.BucketPublicAccessBlockArgs = "blockPublicAcls";
const IGNORE_PUBLIC_ACLS: keyof aws.s3.BucketPublicAccessBlockArgs = "ignorePublicAcls";

const BUCKET_TYPES: ReadonlySet<string> = new Set(S3_BUCKET_TYPES);

// The part of BLOCK_PUBLIC_POLICY_ERROR that does not vary with the caller and bucket.
const BLOCKED_TAIL = BLOCK_PUBLIC_POLICY_ERROR.slice(BLOCK_PUBLIC_POLICY_ERROR.indexOf("because"));

const POLICY_FIX = "CloudFront: Principal {\"Service\": \"cloudfront.amazonaws.com\"} with " +
    "{\"StringEquals\": {\"AWS:SourceArn\": <distribution ARN>}}; or a condition on a fixed aws:SourceIp, aws:SourceVpce " +
    "or aws:PrincipalOrgID.";

export const s3BucketPolicyNotPublic = stackPolicy<Config>({
    name: "s3-bucket-policy-not-public",
    description: "S3 bucket policies and ACLs must not make a bucket public unless Block Public Access allows it.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["s3", "security", "deployment-blocker"],
    remediationSteps: "Serve public content through CloudFront with an origin access control, or restrict each statement " +
        "to everyone with a condition on a fixed aws:SourceIp, aws:SourceVpce, aws:SourceArn, aws:SourceAccount or " +
        "aws:PrincipalOrgID. Replace public ACLs with a bucket policy. A deliberately public bucket needs a " +
        "BucketPublicAccessBlock that allows it and an account that allows it (accountBlocksPublicAccess: false).",
    resourceTypes: [...S3_BUCKET_TYPES, S3_BUCKET_POLICY, S3_BUCKET_ACL, S3_BUCKET_ACL_V2, S3_BUCKET_PUBLIC_ACCESS_BLOCK],
    config: {
        accountBlocksPublicAccess: {
            type: "boolean",
            default: true,
            description: "The account-level S3 Block Public Access setting blocks public policies and ACLs (the default " +
                "for accounts). Set false only when the account allows public buckets; then a BucketPublicAccessBlock " +
                "that allows public access for a bucket exempts it.",
        },
    },
    docs: {
        failure: "New buckets have Block Public Access on: a public bucket policy fails at `pulumi up` after the bucket " +
            "exists, and a public ACL is refused too (and new buckets have ACLs disabled altogether).",
        awsError: BLOCK_PUBLIC_POLICY_ERROR,
    },
    validate: ctx => {
        const policies = ctx.ofType(S3_BUCKET_POLICY);
        const acls = ctx.ofType(S3_BUCKET_ACL, S3_BUCKET_ACL_V2);
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (policies.length === 0 && acls.length === 0 && buckets.length === 0) {
            return;
        }
        const blocks = new AccessBlocks(ctx, buckets);
        for (const bucketPolicy of policies) {
            checkPolicy(ctx, bucketPolicy, blocks.forReference(bucketPolicy));
        }
        for (const bucket of buckets) {
            const block = blocks.forBucket(bucket);
            checkPolicy(ctx, bucket, block);
            checkAcl(ctx, bucket, block, [BUCKET_GRANTS], ["uri"]);
        }
        for (const acl of acls) {
            checkAcl(ctx, acl, blocks.forReference(acl), [ACCESS_CONTROL_POLICY, "grants"], ["grantee", "uri"]);
        }
    },
});

/** The BucketPublicAccessBlock of each bucket: by the stack's bucket resource, or by a known bucket name. */
class AccessBlocks {
    private readonly index = new IdentifierIndex();
    private readonly byTarget = new Map<StackResource | string, StackResource>();

    constructor(ctx: StackContext<Config>, buckets: readonly StackResource[]) {
        for (const bucket of buckets) {
            this.index.add(bucket, bucket.props.string("bucket"), bucket.props.string("id"));
        }
        for (const block of ctx.ofType(S3_BUCKET_PUBLIC_ACCESS_BLOCK)) {
            const target = this.target(block);
            if (target !== undefined) {
                this.byTarget.set(target, block);
            }
        }
    }

    private target(resource: StackResource): StackResource | string | undefined {
        const value = resource.props.get(BUCKET);
        const found = referencedResources(resource, BUCKET, value, BUCKET_TYPES, this.index)[0];
        return found ?? (typeof value === "string" && value !== "" ? value : undefined);
    }

    forBucket(bucket: StackResource): StackResource | undefined {
        return this.byTarget.get(bucket);
    }

    /** The block for the bucket a BucketPolicy/BucketAcl names. */
    forReference(resource: StackResource): StackResource | undefined {
        const target = this.target(resource);
        return target === undefined ? undefined : this.byTarget.get(target);
    }
}

/** "allowed": the access block permits it; otherwise a sentence about the block for the message. */
function exemption(ctx: StackContext<Config>, block: StackResource | undefined, flags: readonly string[]): "allowed" | string {
    if (!block) {
        return "No BucketPublicAccessBlock in the stack for this bucket, so Block Public Access is on.";
    }
    // Omitted flags are false in aws.s3.BucketPublicAccessBlock; an unknown flag gets the benefit of the doubt.
    const blocking = flags.filter(flag => block.props.boolean(flag) === true);
    if (blocking.length > 0) {
        return `BucketPublicAccessBlock '${cutText(block.name, 32)}' sets ${blocking.map(f => `${f}: true`).join(" and ")}.`;
    }
    if (ctx.config.accountBlocksPublicAccess === false) {
        return "allowed";
    }
    return `BucketPublicAccessBlock '${cutText(block.name, 32)}' allows it for this bucket, but the account-level Block Public Access ` +
        "setting blocks it too (accountBlocksPublicAccess is true; set it false if your account allows public buckets).";
}

function checkPolicy(ctx: StackContext<Config>, resource: StackResource, block: StackResource | undefined): void {
    const parsed = readPolicy(resource.props, POLICY);
    if (parsed.kind !== "document") {
        return; // absent, computed during preview (checked at pulumi up), or not JSON (S3 rejects it as malformed)
    }
    const found = publicStatements(parsed.document);
    if (found.length === 0) {
        return;
    }
    const exempt = exemption(ctx, block, [BLOCK_PUBLIC_POLICY]);
    if (exempt === "allowed") {
        return;
    }
    const secret = resource.props.isSecret(POLICY);
    for (const { statement, who } of found) {
        const actions = !secret && statement.action ? ` ${shortList(statement.action.values)}` : "";
        // The path names the statement; its Sid (any length) goes in the details.
        const sid = statement.sid && !secret ? `Statement ${quoteValue(statement.sid, 64)}. ` : "";
        report(ctx, resource, statementPath(POLICY, statement),
            `public: allows ${who}${actions}, which Block Public Access rejects: serve it through CloudFront or add a ` +
            `condition.\n\n${sid}${exempt} pulumi up fails: "... ${BLOCKED_TAIL}"\n${POLICY_FIX}`);
    }
}

function shortList(values: readonly string[]): string {
    const listed = values.length <= 3 ? values.join(", ") : `${values.slice(0, 3).join(", ")} and ${values.length - 3} more`;
    return cutText(listed, 48);
}

function checkAcl(ctx: StackContext<Config>, resource: StackResource, block: StackResource | undefined,
    grantsPath: readonly (string | number)[], uriPath: readonly string[]): void {
    const problems: [Path, string][] = [];
    const acl = resource.props.string(ACL);
    if (typeof acl === "string" && PUBLIC_CANNED_ACLS.has(acl)) {
        problems.push([ACL, `the canned ACL "${acl}" ${PUBLIC_CANNED_ACLS.get(acl)}`]);
    }
    const grants = resource.props.array([...grantsPath]);
    if (Array.isArray(grants)) {
        for (let i = 0; i < grants.length; i++) {
            const uri = resource.props.string([...grantsPath, i, ...uriPath]);
            if (typeof uri === "string" && PUBLIC_GRANTEE_URIS.has(uri)) {
                problems.push([[...grantsPath, i, ...uriPath], `the grant gives ${PUBLIC_GRANTEE_URIS.get(uri)} access`]);
            }
        }
    }
    if (problems.length === 0) {
        return;
    }
    const exempt = exemption(ctx, block, [BLOCK_PUBLIC_ACLS, IGNORE_PUBLIC_ACLS]);
    if (exempt === "allowed") {
        return;
    }
    for (const [path, why] of problems) {
        report(ctx, resource, path,
            `${why}, so the ACL is public and S3 refuses it: use the private ACL and grant access with a bucket policy.` +
            `\n\n${exempt} Block Public Access refuses public ACLs (BlockPublicAcls) or ignores them (IgnorePublicAcls); ` +
            `buckets created since April 2023 have ACLs disabled: "${ACLS_NOT_SUPPORTED_ERROR}".`);
    }
}

function report(ctx: StackContext<Config>, resource: StackResource, path: Path, message: string): void {
    const finding: Finding = { path, message };
    ctx.report(resource, finding);
}
