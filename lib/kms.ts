// Shared knowledge of the KMS key policy family (aws-facts.md section 1): how a key policy is read, which
// condition keys restrict who can use a key, which services need a statement in a customer-managed key's policy.
import { parsePolicy, ParsedPolicy } from "./iam-policy";
import { PropertyBag } from "./properties";

/** Reads a key (or bucket) policy property: a JSON string, an object with unknown parts, or unknown. */
export function readPolicy(props: PropertyBag, property: string): ParsedPolicy {
    return parsePolicy(props.plain(property));
}

/** Condition keys that limit an `Allow` to "*" in a key policy to known callers. */
export const KMS_RESTRICTING_CONDITION_KEYS: ReadonlySet<string> = new Set([
    "kms:CallerAccount",
    "kms:ViaService",
    "kms:GrantIsForAWSResource",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
].map(key => key.toLowerCase()));

export const MALFORMED_POLICY_ERROR = "MalformedPolicyDocumentException";

/** The account id of an IAM principal written as an ARN or a bare 12-digit account id. */
export function accountOfPrincipal(value: string): string | undefined {
    if (/^\d{12}$/.test(value)) {
        return value;
    }
    const match = ARN_ACCOUNT.exec(value);
    return match ? match[1] : undefined;
}
const ARN_ACCOUNT = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;
