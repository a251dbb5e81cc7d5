// What RDS, Aurora, DocumentDB and Redshift accept as a master user name and password, per engine.
//
// Sources: RDS API Reference CreateDBInstance / CreateDBCluster (MasterUsername, MasterUserPassword constraints);
// DocumentDB CreateDBCluster; Redshift CreateCluster. Reserved names: only those verified by real deployments
// (aws-cloudformation/cfn-lint#4425: `rdsadmin` fails on every engine, `admin` on aurora-postgresql/postgres and not
// on aurora-mysql, `postgres` on aurora-postgresql succeeds; aws/aws-cdk#10579, #13295 for `admin` on PostgreSQL and
// DocumentDB). AWS also refuses the engine's SQL reserved words; those lists are long and version-dependent and
// are not checked.

export interface CredentialRules {
    /** How AWS names the engine in its docs, e.g. "RDS for PostgreSQL". */
    readonly label: string;
    /** The longest user name the engine itself can hold (longer is refused for certain). */
    readonly usernameMax: number;
    /** The longest AWS documents, when shorter than what the engine holds: longer is reported as advisory. */
    readonly usernameDocumentedMax?: number;
    /** User names AWS refuses, exact and case-sensitive as verified. */
    readonly reservedUsernames: readonly string[];
    /** A user name must start with a letter; then letters, digits and these. */
    readonly usernameExtraCharacters: string;
    /** Redshift: user names are lowercase. */
    readonly usernameLowercase?: boolean;
    readonly passwordMin: number;
    readonly passwordMax: number;
    /** Printable ASCII except these. */
    readonly passwordForbidden: string;
    /** Redshift: at least one uppercase letter, one lowercase letter and one digit. */
    readonly passwordNeedsMixedCase?: boolean;
    /** The error AWS returns for a password it refuses; "described" when its text was not verified. */
    readonly passwordError: string;
    readonly passwordErrorVerified: boolean;
}

/** Verified: alphagov/govuk-infrastructure#1270 quotes it from the RDS API. */
export const RDS_PASSWORD_ERROR = "InvalidParameterValue: The parameter MasterUserPassword is not a valid password. " +
    "Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.";
/** Verified: aws/aws-cdk#5076, #10579 (CloudFormation), cds-snc/terraform-plan#38 (Terraform). */
export const reservedUsernameError = (username: string) =>
    `InvalidParameterValue: MasterUsername ${username} cannot be used as it is a reserved word used by the engine`;

const RDS_FORBIDDEN = "/@\" ";

const rds = (label: string, usernameMax: number, passwordMax: number, extra: Partial<CredentialRules> = {}): CredentialRules => ({
    label,
    usernameMax,
    reservedUsernames: ["rdsadmin"],
    usernameExtraCharacters: "_",
    passwordMin: 8,
    passwordMax,
    passwordForbidden: RDS_FORBIDDEN,
    passwordError: RDS_PASSWORD_ERROR,
    passwordErrorVerified: true,
    ...extra,
});

// User name lengths: the engine's own limit is mandatory (MySQL 32, PostgreSQL 63, Oracle 30, SQL Server 128);
// CreateDBInstance documents 1 to 16 for MySQL and MariaDB, so 17 up to the engine's limit is advisory.
const MYSQL = rds("RDS for MySQL", 32, 41, { usernameDocumentedMax: 16 });
const MARIADB = rds("RDS for MariaDB", 80, 41, { usernameDocumentedMax: 16 });
const POSTGRES = rds("RDS for PostgreSQL", 63, 128, { reservedUsernames: ["rdsadmin", "admin"] });
const ORACLE = rds("RDS for Oracle", 30, 30, { passwordForbidden: `${RDS_FORBIDDEN}&'` });
const SQLSERVER = rds("RDS for SQL Server", 128, 128);
const DB2 = rds("RDS for Db2", 128, 255, { usernameDocumentedMax: 16 });
const AURORA_MYSQL = rds("Aurora MySQL", 32, 41, { usernameDocumentedMax: 16 });
// CreateDBCluster documents 8 to 41 characters for every cluster; Aurora PostgreSQL is held to PostgreSQL's 128
// because longer passwords are in real use and the 41 could not be confirmed for it.
const AURORA_POSTGRES = rds("Aurora PostgreSQL", 63, 128, { reservedUsernames: ["rdsadmin", "admin"] });

export const DOCDB_RULES: CredentialRules = {
    label: "Amazon DocumentDB",
    usernameMax: 63,
    reservedUsernames: ["admin"],
    usernameExtraCharacters: "_",
    passwordMin: 8,
    passwordMax: 100,
    passwordForbidden: "/@\"",
    passwordError: "InvalidParameterValue (the master password breaks DocumentDB's password rules; described)",
    passwordErrorVerified: false,
};

export const REDSHIFT_RULES: CredentialRules = {
    label: "Amazon Redshift",
    usernameMax: 128,
    reservedUsernames: ["public"],
    usernameExtraCharacters: "_+.@-",
    usernameLowercase: true,
    passwordMin: 8,
    passwordMax: 64,
    passwordForbidden: "'\"\\/@ ",
    passwordNeedsMixedCase: true,
    passwordError: "InvalidParameterValue (the master password breaks Redshift's password rules; described)",
    passwordErrorVerified: false,
};

/** Rules for an RDS engine name (instance or cluster), or undefined for an engine not known here. */
export function rdsCredentialRules(engine: string): CredentialRules | undefined {
    const e = engine.toLowerCase();
    if (e === "aurora-mysql" || e === "aurora") {
        return AURORA_MYSQL;
    }
    if (e === "aurora-postgresql") {
        return AURORA_POSTGRES;
    }
    if (e === "mysql") {
        return MYSQL;
    }
    if (e === "mariadb") {
        return MARIADB;
    }
    if (e === "postgres") {
        return POSTGRES;
    }
    if (e.startsWith("oracle-") || e.startsWith("custom-oracle")) {
        return ORACLE;
    }
    if (e.startsWith("sqlserver-") || e.startsWith("custom-sqlserver")) {
        return SQLSERVER;
    }
    if (e.startsWith("db2-")) {
        return DB2;
    }
    return undefined;
}

/** True for Aurora engines: an aws.rds.Instance of such an engine takes its credentials from the cluster. */
export function isAuroraEngine(engine: string): boolean {
    return engine.toLowerCase().startsWith("aurora");
}

export interface RuleBreak {
    readonly text: string;
    /** True when AWS refuses it for certain; false when only the documentation says so. */
    readonly certain: boolean;
}

/** What is wrong with a user name (user names are not secret: AWS returns them in every Describe call). */
export function usernameBreaks(username: string, rules: CredentialRules): RuleBreak[] {
    const out: RuleBreak[] = [];
    // Redshift stores user names lowercase, so PUBLIC is the reserved "public" too.
    if (rules.reservedUsernames.includes(rules.usernameLowercase ? username.toLowerCase() : username)) {
        out.push({ text: `"${username}" is reserved by ${rules.label}`, certain: true });
    }
    if (!/^[A-Za-z]/.test(username)) {
        out.push({ text: "it must start with a letter", certain: true });
    }
    const extra = rules.usernameExtraCharacters.replace(/[\\\]^-]/g, c => `\\${c}`);
    const allowed = new RegExp(`^[A-Za-z0-9${extra}]*$`);
    if (!allowed.test(username)) {
        out.push({ text: `it may contain only letters, digits and ${[...rules.usernameExtraCharacters].join(" ")}`, certain: true });
    } else if (rules.usernameLowercase && /[A-Z]/.test(username)) {
        out.push({ text: "AWS documents lowercase letters only", certain: false });
    }
    if (username.length > rules.usernameMax) {
        out.push({ text: `it is longer than ${rules.usernameMax} characters`, certain: true });
    } else if (rules.usernameDocumentedMax !== undefined && username.length > rules.usernameDocumentedMax) {
        out.push({ text: `AWS documents at most ${rules.usernameDocumentedMax} characters`, certain: false });
    }
    return out;
}

/**
 * What is wrong with a known password, worded so that nothing about the password itself (no character, no length)
 * is revealed: only the rule it breaks.
 */
export function passwordBreaks(password: string, rules: CredentialRules): string[] {
    const out: string[] = [];
    if (password.length < rules.passwordMin || password.length > rules.passwordMax) {
        out.push(`it must be ${rules.passwordMin} to ${rules.passwordMax} characters long`);
    }
    if (![...password].every(c => c >= " " && c <= "~" && !rules.passwordForbidden.includes(c))) {
        out.push(`it may contain only printable ASCII except ${forbiddenText(rules.passwordForbidden)}`);
    }
    if (rules.passwordNeedsMixedCase && !(/[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password))) {
        out.push("it needs an uppercase letter, a lowercase letter and a digit");
    }
    return out;
}

export function forbiddenText(forbidden: string): string {
    return [...forbidden].map(c => c === " " ? "space" : c).join(" ");
}
