// What makes S3 bucket policies and ACLs public, as Block Public Access judges them (aws-facts.md section 6).
import { ConditionClause, everyoneForm, PolicyDocument, restrictingCondition, Statement } from "../iam";

/** Condition keys that make an Allow to everyone non-public when they carry a fixed value. */
const NON_PUBLIC_CONDITION_KEYS: ReadonlySet<string> = new Set([
    "aws:SourceIp",
    "aws:SourceArn",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceOwner",
    "aws:SourceAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalAccount",
].map(key => key.toLowerCase()));

const OPEN_NETWORKS: ReadonlySet<string> = new Set(["0.0.0.0/0", "::/0"]);

const RESTRICTION = {
    keys: NON_PUBLIC_CONDITION_KEYS,
    fixedValuesOnly: true,
    accept: (clause: ConditionClause) => clause.key.toLowerCase() !== "aws:sourceip" || !clause.values.values.some(v => OPEN_NETWORKS.has(v)),
};

export interface PublicStatement {
    readonly statement: Statement;
    /** How the statement names everyone: `"*"`, `{"AWS": "*"}`, or NotPrincipal. */
    readonly who: string;
}

/** The Allow statements that make a bucket policy public; statements with unknown parts are given the benefit of the doubt. */
export function publicStatements(document: PolicyDocument): PublicStatement[] {
    const out: PublicStatement[] = [];
    for (const statement of document.statements) {
        // Without Action or NotAction the document is malformed (S3 rejects it), not public.
        if (statement.effect !== "Allow" || (!statement.action && !statement.notAction)) {
            continue;
        }
        // An Allow with NotPrincipal is public whatever its (possibly unknown) exceptions are.
        const who = everyoneForm(statement);
        if (who && restrictingCondition(statement, RESTRICTION) === undefined) {
            out.push({ statement, who });
        }
    }
    return out;
}

/** Canned ACLs that grant access to everyone (AllUsers) or to every AWS account (AuthenticatedUsers). */
export const PUBLIC_CANNED_ACLS: ReadonlyMap<string, string> = new Map([
    ["public-read", "lets everyone list the bucket"],
    ["public-read-write", "lets everyone list the bucket and write to it"],
    // S3 counts a grant to AuthenticatedUsers as public too, as it does for the grantee URI below.
    ["authenticated-read", "lets every AWS account (AuthenticatedUsers) list the bucket"],
]);

export const PUBLIC_GRANTEE_URIS: ReadonlyMap<string, string> = new Map([
    ["http://acs.amazonaws.com/groups/global/AllUsers", "everyone (AllUsers)"],
    ["http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "every AWS account (AuthenticatedUsers)"],
]);

/** Reported by users (/tmp/research/findings.md (h)); the caller and bucket vary. */
export const BLOCK_PUBLIC_POLICY_ERROR = "AccessDenied: User: <caller> is not authorized to perform: s3:PutBucketPolicy on " +
    "resource: \"arn:aws:s3:::<bucket>\" because public policies are blocked by the BlockPublicPolicy block public access setting.";
export const ACLS_NOT_SUPPORTED_ERROR = "AccessControlListNotSupported: The bucket does not allow ACLs";
