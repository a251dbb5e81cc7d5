import type * as aws from "@pulumi/aws";
import { formatParseError, parsePolicy } from "../../lib/aws/iam";
import { DocumentKind, policySize, validateDocument } from "../../lib/aws/iam/validate";
import {
    ECR_REPOSITORY_POLICY,
    IAM_GROUP_POLICY,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_USER_POLICY,
    KMS_KEY,
    KMS_KEY_POLICY,
    S3_BUCKET,
    S3_BUCKET_POLICY,
    S3_BUCKET_V2,
    SECRETSMANAGER_SECRET,
    SECRETSMANAGER_SECRET_POLICY,
    SNS_TOPIC,
    SNS_TOPIC_POLICY,
    SQS_QUEUE,
    SQS_QUEUE_POLICY,
} from "../../lib/aws/resource-types";
import { iamCatalog } from "../../lib/data/iam-actions";
import { ResourceContext, resourcePolicy } from "../../lib/framework/policy";
import { PathSegment, UNKNOWN } from "../../lib/framework/properties";

interface Config {
    trustPolicyMaxSize: number;
}

const POLICY: keyof aws.iam.PolicyArgs & keyof aws.iam.RolePolicyArgs & keyof aws.s3.BucketPolicyArgs = "policy";
const ASSUME_ROLE_POLICY: keyof aws.iam.RoleArgs = "assumeRolePolicy";
const INLINE_POLICIES: keyof aws.iam.RoleArgs = "inlinePolicies";

const IDENTITY: DocumentKind = { kind: "identity" };
const TRUST: DocumentKind = { kind: "trust" };

/** Where each type keeps its document, who reads it, and the size AWS allows (characters without whitespace). */
const DOCUMENTS: Readonly<Record<string, { kind: DocumentKind; maxSize?: number; sizeError?: string }>> = {
    [IAM_POLICY]: { kind: IDENTITY, maxSize: 6144, sizeError: "LimitExceeded: Cannot exceed quota for PolicySize: 6144" },
    [IAM_ROLE_POLICY]: { kind: IDENTITY, maxSize: 10240, sizeError: "LimitExceeded: Maximum policy size of 10240 bytes exceeded for role <name>" },
    [IAM_USER_POLICY]: { kind: IDENTITY, maxSize: 2048, sizeError: "LimitExceeded: Maximum policy size of 2048 bytes exceeded for user <name>" },
    [IAM_GROUP_POLICY]: { kind: IDENTITY, maxSize: 5120, sizeError: "LimitExceeded: Maximum policy size of 5120 bytes exceeded for group <name>" },
    [S3_BUCKET_POLICY]: { kind: { kind: "resource", service: "s3" } },
    [S3_BUCKET]: { kind: { kind: "resource", service: "s3" } },
    [S3_BUCKET_V2]: { kind: { kind: "resource", service: "s3" } },
    [SQS_QUEUE_POLICY]: { kind: { kind: "resource", service: "sqs" } },
    [SQS_QUEUE]: { kind: { kind: "resource", service: "sqs" } },
    [SNS_TOPIC_POLICY]: { kind: { kind: "resource", service: "sns" } },
    [SNS_TOPIC]: { kind: { kind: "resource", service: "sns" } },
    [ECR_REPOSITORY_POLICY]: { kind: { kind: "resource", service: "ecr" } },
    [SECRETSMANAGER_SECRET_POLICY]: { kind: { kind: "resource", service: "secretsmanager" } },
    [SECRETSMANAGER_SECRET]: { kind: { kind: "resource", service: "secretsmanager" } },
    // JSON syntax errors in key policies are kms-key-policy-least-privilege's.
    [KMS_KEY]: { kind: { kind: "resource", service: "kms" } },
    [KMS_KEY_POLICY]: { kind: { kind: "resource", service: "kms" } },
};
const INLINE_ROLE_POLICIES_MAX = 10240;
const TRUST_SIZE_ERROR = "LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048";
/** A document with many mistakes: the first ones say enough. */
const MAX_FINDINGS_PER_DOCUMENT = 6;

export const iamPolicyDocumentValid = resourcePolicy<Config>({
    name: "iam-policy-document-valid",
    description: "IAM policy documents (identity, trust and resource policies) must follow the policy grammar AWS accepts.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["iam", "deployment-blocker"],
    remediationSteps: "Build documents as objects and serialise them with pulumi.jsonStringify (or aws.iam.getPolicyDocument): " +
        "Version \"2012-10-17\", Effect \"Allow\"/\"Deny\", actions as service:Action, resources as \"*\" or ARNs from the " +
        "resources' .arn, a Principal only in trust and resource policies, condition operators and keys AWS defines.",
    resourceTypes: [IAM_POLICY, IAM_ROLE, IAM_ROLE_POLICY, IAM_USER_POLICY, IAM_GROUP_POLICY, S3_BUCKET_POLICY, S3_BUCKET, S3_BUCKET_V2,
        SQS_QUEUE_POLICY, SQS_QUEUE, SNS_TOPIC_POLICY, SNS_TOPIC, ECR_REPOSITORY_POLICY, SECRETSMANAGER_SECRET_POLICY,
        SECRETSMANAGER_SECRET, KMS_KEY, KMS_KEY_POLICY],
    config: {
        trustPolicyMaxSize: {
            type: "integer",
            default: 2048,
            description: "Largest role trust policy (characters without whitespace) the account allows: 2048 by default, " +
                "up to 4096 after a Service Quotas increase of \"Role trust policy length\".",
        },
    },
    docs: {
        failure: "A policy document IAM or the service cannot parse (not JSON, a wrong Version or Effect, an action " +
            "without service prefix, a resource that is no ARN, a Principal where none belongs or none where one must be, " +
            "an unknown condition operator, a document over AWS's size limit) passes `pulumi preview` and fails at `pulumi up`.",
        awsError: "MalformedPolicyDocument: The policy failed legacy parsing (and IAM's other MalformedPolicyDocument " +
            "texts); S3: MalformedPolicy: Policy has invalid action",
    },
    validate: ctx => {
        const spec = DOCUMENTS[ctx.type];
        if (ctx.type === IAM_ROLE) {
            checkDocument(ctx, [ASSUME_ROLE_POLICY], ctx.props.get(ASSUME_ROLE_POLICY), TRUST,
                { max: ctx.config.trustPolicyMaxSize, error: TRUST_SIZE_ERROR.replace("2048", String(ctx.config.trustPolicyMaxSize)) });
            checkInlinePolicies(ctx);
            return;
        }
        if (spec) {
            checkDocument(ctx, [POLICY], ctx.props.get(POLICY), spec.kind,
                spec.maxSize ? { max: spec.maxSize, error: spec.sizeError! } : undefined);
        }
    },
});

function checkInlinePolicies(ctx: ResourceContext<Config>): void {
    const inline = ctx.props.array(INLINE_POLICIES);
    if (!inline || inline === UNKNOWN) {
        return;
    }
    let total = 0;
    let known = true;
    inline.forEach((_, index) => {
        const document = ctx.props.get([INLINE_POLICIES, index, "policy"]);
        if (document === UNKNOWN) {
            known = false;
        }
        total += checkDocument(ctx, [INLINE_POLICIES, index, "policy"], document, IDENTITY) ?? 0;
    });
    if (known && total > INLINE_ROLE_POLICIES_MAX) {
        ctx.report({
            path: INLINE_POLICIES,
            message: `are ${total} characters together (without whitespace), over IAM's ${INLINE_ROLE_POLICIES_MAX} per role: ` +
                "move statements into an aws.iam.Policy and attach it\n\n" +
                `IAM refuses the role at pulumi up: "LimitExceeded: Maximum policy size of ${INLINE_ROLE_POLICIES_MAX} bytes exceeded for role <name>". ` +
                "Managed policies have their own limit (6,144 each, 10 per role by default).",
        });
    }
}

/** Checks one document; returns its size (characters without whitespace) when it is known. */
function checkDocument(ctx: ResourceContext<Config>, path: PathSegment[], raw: unknown, kind: DocumentKind,
    size?: { max: number; error: string }): number | undefined {
    const plain = ctx.props.plain(path);
    const parsed = parsePolicy(plain);
    const kms = kind.kind === "resource" && kind.service === "kms";
    const secret = ctx.props.isSecret(path);
    switch (parsed.kind) {
        case "unknown":
        case "absent":
            return undefined;
        case "malformed":
            if (!kms) {
                ctx.report({
                    path,
                    message: `is not valid JSON (${formatParseError(parsed.error)}): build it as an object with pulumi.jsonStringify\n\n` +
                        `AWS refuses it at pulumi up ("MalformedPolicyDocument: Syntax errors in policy." from IAM). JSON written ` +
                        "by hand in a template literal is the usual cause.",
                });
            }
            return undefined;
        default:
            break;
    }
    const text = typeof raw === "string" ? raw : JSON.stringify(plain);
    const documentSize = text === undefined ? undefined : policySize(text);
    const value = typeof plain === "string" ? JSON.parse(plain) : plain;
    if (kms && parsed.kind === "invalid") {
        return documentSize;
    }
    // Mandatory findings first: they are the ones that stop the deployment.
    const issues = validateDocument(value, kind, iamCatalog(), secret).sort((a, b) => Number(a.advisory) - Number(b.advisory));
    for (const issue of issues.slice(0, MAX_FINDINGS_PER_DOCUMENT)) {
        ctx.report({ path: [...path, ...issue.path], message: `${issue.headline}\n\n${issue.details}`, advisory: issue.advisory });
    }
    if (size && documentSize !== undefined && documentSize > size.max) {
        ctx.report({
            path,
            message: `is ${documentSize} characters without whitespace, over AWS's ${size.max}: split it or narrow it with wildcards\n\n` +
                `IAM refuses it at pulumi up: "${size.error}". Split the statements across several policies, or shorten ` +
                "repeated ARNs with wildcards (arn:aws:s3:::bucket-*).",
        });
    }
    return documentSize;
}
