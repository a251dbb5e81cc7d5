// Names that must be free in the target account (or, for S3, globally) when a resource is created with them.
// Each row: the Pulumi type and name property, the read-only call that tells whether the name exists, and the error
// the create fails with when it does. Error texts: the services' API references (CreateBucket, CreateRole,
// CreateLogGroup, CreateTable, CreateSecret, CreateAlias, CreateRepository, CreateFunction).
import { errorCode, Call } from "./session";
import { send, Target } from "./clients";

export interface Existing {
    /** e.g. "created 2025-11-02". */
    readonly detail?: string;
    /** The id `pulumi import` takes, when it is not the name. */
    readonly importId?: string;
    /** Secrets Manager: the name is held by a secret scheduled for deletion. */
    readonly scheduledForDeletion?: boolean;
    /** S3: the bucket is not accessible to these credentials (another account's, most likely). */
    readonly otherAccount?: boolean;
}

export interface NameRow {
    readonly types: readonly string[];
    /** What it is, for messages: "IAM role". */
    readonly what: string;
    readonly nameProperty: string;
    /** IAM, S3 and Route 53 names are global; the others are per region. */
    readonly scope: "account" | "account-region" | "global";
    readonly error: string;
    lookup(name: string, target: Target): Call<Existing>;
}

function date(value: unknown): string | undefined {
    const d = value instanceof Date ? value : typeof value === "number" ? new Date(value) : typeof value === "string" ? new Date(value) : undefined;
    return d && !isNaN(d.getTime()) ? `created ${d.toISOString().slice(0, 10)}` : undefined;
}

const absentWhen = (...names: string[]) => (error: unknown) => names.includes(errorCode(error).name);

export const NAME_ROWS: readonly NameRow[] = [
    {
        types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"], what: "S3 bucket", nameProperty: "bucket", scope: "global",
        error: "BucketAlreadyExists: The requested bucket name is not available. The bucket namespace is shared by all users of the system. " +
            "(or BucketAlreadyOwnedByYou when it is yours)",
        lookup: (name, target) => ({
            key: `s3:HeadBucket:${name}`, action: "s3:ListBucket",
            run: async signal => {
                try {
                    await send("@aws-sdk/client-s3", "S3Client", "HeadBucketCommand", { Bucket: name }, target, signal);
                    return {};
                } catch (error) {
                    const { status } = errorCode(error);
                    // HeadBucket: 404 free; 403 exists but not yours to read; 301 exists in another region.
                    if (status === 404) {
                        return undefined;
                    }
                    if (status === 403 || status === 301) {
                        return { otherAccount: status === 403 };
                    }
                    throw error;
                }
            },
        }),
    },
    {
        types: ["aws:iam/role:Role"], what: "IAM role", nameProperty: "name", scope: "account",
        error: "EntityAlreadyExists: Role with name <name> already exists.",
        lookup: (name, target) => ({
            key: `iam:GetRole:${name}`, action: "iam:GetRole", isAbsent: absentWhen("NoSuchEntity", "NoSuchEntityException"),
            run: async signal => {
                const out = await send("@aws-sdk/client-iam", "IAMClient", "GetRoleCommand", { RoleName: name }, target, signal);
                return { detail: date(out?.Role?.CreateDate) };
            },
        }),
    },
    {
        types: ["aws:iam/user:User"], what: "IAM user", nameProperty: "name", scope: "account",
        error: "EntityAlreadyExists: User with name <name> already exists.",
        lookup: (name, target) => ({
            key: `iam:GetUser:${name}`, action: "iam:GetUser", isAbsent: absentWhen("NoSuchEntity", "NoSuchEntityException"),
            run: async signal => {
                const out = await send("@aws-sdk/client-iam", "IAMClient", "GetUserCommand", { UserName: name }, target, signal);
                return { detail: date(out?.User?.CreateDate) };
            },
        }),
    },
    {
        types: ["aws:cloudwatch/logGroup:LogGroup"], what: "log group", nameProperty: "name", scope: "account-region",
        error: "ResourceAlreadyExistsException: The specified log group already exists",
        lookup: (name, target) => ({
            key: `logs:DescribeLogGroups:${target.region}:${name}`, action: "logs:DescribeLogGroups",
            run: async signal => {
                const out = await send("@aws-sdk/client-cloudwatch-logs", "CloudWatchLogsClient", "DescribeLogGroupsCommand",
                    { logGroupNamePrefix: name, limit: 50 }, target, signal);
                const found = (out?.logGroups ?? []).find((g: { logGroupName?: string }) => g.logGroupName === name);
                return found ? { detail: date(found.creationTime) } : undefined;
            },
        }),
    },
    {
        types: ["aws:dynamodb/table:Table"], what: "DynamoDB table", nameProperty: "name", scope: "account-region",
        error: "ResourceInUseException: Table already exists: <name>",
        lookup: (name, target) => ({
            key: `dynamodb:DescribeTable:${target.region}:${name}`, action: "dynamodb:DescribeTable",
            isAbsent: absentWhen("ResourceNotFoundException"),
            run: async signal => {
                const out = await send("@aws-sdk/client-dynamodb", "DynamoDBClient", "DescribeTableCommand", { TableName: name }, target, signal);
                return { detail: date(out?.Table?.CreationDateTime) };
            },
        }),
    },
    {
        types: ["aws:secretsmanager/secret:Secret"], what: "secret", nameProperty: "name", scope: "account-region",
        error: "ResourceExistsException: The operation failed because the secret <name> already exists. (InvalidRequestException: " +
            "You can't create this secret because a secret with this name is already scheduled for deletion.)",
        lookup: (name, target) => ({
            key: `secretsmanager:DescribeSecret:${target.region}:${name}`, action: "secretsmanager:DescribeSecret",
            isAbsent: absentWhen("ResourceNotFoundException"),
            run: async signal => {
                const out = await send("@aws-sdk/client-secrets-manager", "SecretsManagerClient", "DescribeSecretCommand", { SecretId: name }, target, signal);
                // DescribeSecret also finds a secret by a prefix of its ARN or by a partial ARN: only the same name counts.
                if (out?.Name !== name) {
                    return undefined;
                }
                return { detail: date(out?.CreatedDate), importId: typeof out?.ARN === "string" ? out.ARN : undefined, scheduledForDeletion: !!out?.DeletedDate };
            },
        }),
    },
    {
        types: ["aws:kms/alias:Alias"], what: "KMS alias", nameProperty: "name", scope: "account-region",
        error: "AlreadyExistsException: An alias with the name <alias ARN> already exists",
        lookup: (name, target) => ({
            key: `kms:DescribeKey:${target.region}:${name}`, action: "kms:DescribeKey", isAbsent: absentWhen("NotFoundException"),
            run: async signal => {
                await send("@aws-sdk/client-kms", "KMSClient", "DescribeKeyCommand", { KeyId: name }, target, signal);
                return {};
            },
        }),
    },
    {
        types: ["aws:ecr/repository:Repository"], what: "ECR repository", nameProperty: "name", scope: "account-region",
        error: "RepositoryAlreadyExistsException: The repository with name '<name>' already exists in the registry",
        lookup: (name, target) => ({
            key: `ecr:DescribeRepositories:${target.region}:${name}`, action: "ecr:DescribeRepositories",
            isAbsent: absentWhen("RepositoryNotFoundException"),
            run: async signal => {
                const out = await send("@aws-sdk/client-ecr", "ECRClient", "DescribeRepositoriesCommand", { repositoryNames: [name] }, target, signal);
                const found = out?.repositories?.[0];
                return found ? { detail: date(found.createdAt) } : undefined;
            },
        }),
    },
    {
        types: ["aws:lambda/function:Function"], what: "Lambda function", nameProperty: "name", scope: "account-region",
        error: "ResourceConflictException: Function already exist: <name>",
        lookup: (name, target) => ({
            key: `lambda:GetFunction:${target.region}:${name}`, action: "lambda:GetFunction", isAbsent: absentWhen("ResourceNotFoundException"),
            run: async signal => {
                const out = await send("@aws-sdk/client-lambda", "LambdaClient", "GetFunctionCommand", { FunctionName: name }, target, signal);
                return { detail: typeof out?.Configuration?.LastModified === "string" ? `last modified ${out.Configuration.LastModified.slice(0, 10)}` : undefined };
            },
        }),
    },
];

export const NAME_ROW_BY_TYPE: ReadonlyMap<string, NameRow> = new Map(NAME_ROWS.flatMap(row => row.types.map(t => [t, row] as const)));
