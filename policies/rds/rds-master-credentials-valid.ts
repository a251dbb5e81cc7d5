import type * as aws from "@pulumi/aws";
import { StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";
import { plannedChange } from "../../lib/aws/lifecycle";
import {
    CredentialRules,
    DOCDB_RULES,
    isAuroraEngine,
    passwordBreaks,
    rdsCredentialRules,
    REDSHIFT_RULES,
    reservedUsernameError,
    RDS_PASSWORD_ERROR,
    usernameBreaks,
} from "../../lib/aws/credentials/master-credentials";
import {
    chanceOfRefusedCharacter,
    generatorSettings,
    RANDOM_GENERATOR_TYPES,
    refusedCharacters,
} from "../../lib/aws/credentials/generated-passwords";
import {
    DOCDB_CLUSTER,
    RANDOM_PASSWORD,
    RANDOM_STRING,
    RDS_CLUSTER,
    RDS_INSTANCE,
    REDSHIFT_CLUSTER,
} from "../../lib/aws/resource-types";

type Config = Record<string, never>;

/** Where one resource type keeps its master credentials. */
interface CredentialTarget {
    readonly username: string;
    readonly passwords: readonly string[];
    /** The switch that lets the service generate and keep the password in Secrets Manager. */
    readonly manage: string;
    /** Properties that make the resource take its credentials from a source (snapshot, replica): not checked. */
    readonly sources: readonly string[];
    /** undefined: engine not known here, or its credentials are the cluster's. */
    rules(resource: StackResource): CredentialRules | undefined;
}

const INSTANCE_USERNAME: keyof aws.rds.InstanceArgs = "username";
const INSTANCE_PASSWORDS: (keyof aws.rds.InstanceArgs)[] = ["password", "passwordWo"];
const INSTANCE_MANAGE: keyof aws.rds.InstanceArgs = "manageMasterUserPassword";
const INSTANCE_SOURCES: (keyof aws.rds.InstanceArgs)[] = ["replicateSourceDb", "snapshotIdentifier"];
const CLUSTER_USERNAME: keyof aws.rds.ClusterArgs & keyof aws.docdb.ClusterArgs & keyof aws.redshift.ClusterArgs = "masterUsername";
const CLUSTER_PASSWORDS: (keyof aws.rds.ClusterArgs & keyof aws.docdb.ClusterArgs & keyof aws.redshift.ClusterArgs)[] =
    ["masterPassword", "masterPasswordWo"];
const RDS_CLUSTER_MANAGE: keyof aws.rds.ClusterArgs & keyof aws.docdb.ClusterArgs = "manageMasterUserPassword";
const RDS_CLUSTER_SOURCES: (keyof aws.rds.ClusterArgs)[] = ["snapshotIdentifier", "replicationSourceIdentifier", "restoreToPointInTime"];
const DOCDB_SOURCES: (keyof aws.docdb.ClusterArgs)[] = ["snapshotIdentifier"];
const REDSHIFT_MANAGE: keyof aws.redshift.ClusterArgs = "manageMasterPassword";
const REDSHIFT_SOURCES: (keyof aws.redshift.ClusterArgs)[] = ["snapshotIdentifier", "snapshotArn"];

function engineRules(resource: StackResource, skipAurora: boolean): CredentialRules | undefined {
    const engine = resource.props.string("engine");
    if (typeof engine !== "string" || engine === "" || (skipAurora && isAuroraEngine(engine))) {
        return undefined; // unknown, or an Aurora instance: its cluster holds the credentials
    }
    return rdsCredentialRules(engine);
}

const TARGETS: Readonly<Record<string, CredentialTarget>> = {
    [RDS_INSTANCE]: { username: INSTANCE_USERNAME, passwords: INSTANCE_PASSWORDS, manage: INSTANCE_MANAGE,
        sources: INSTANCE_SOURCES, rules: r => engineRules(r, true) },
    [RDS_CLUSTER]: { username: CLUSTER_USERNAME, passwords: CLUSTER_PASSWORDS, manage: RDS_CLUSTER_MANAGE,
        sources: RDS_CLUSTER_SOURCES, rules: r => engineRules(r, false) },
    [DOCDB_CLUSTER]: { username: CLUSTER_USERNAME, passwords: CLUSTER_PASSWORDS, manage: RDS_CLUSTER_MANAGE,
        sources: DOCDB_SOURCES, rules: () => DOCDB_RULES },
    [REDSHIFT_CLUSTER]: { username: CLUSTER_USERNAME, passwords: CLUSTER_PASSWORDS, manage: REDSHIFT_MANAGE,
        sources: REDSHIFT_SOURCES, rules: () => REDSHIFT_RULES },
};

const GENERATOR_LABEL: Readonly<Record<string, string>> = {
    [RANDOM_PASSWORD]: "random.RandomPassword",
    [RANDOM_STRING]: "random.RandomString",
};

/** "RDS", "Aurora", "DocumentDB", "Redshift": short enough for a headline. */
function serviceOf(rules: CredentialRules): string {
    return rules.label.replace(/^Amazon /, "").replace(/^(RDS|Aurora) .*/, "$1");
}

function quoteError(rules: CredentialRules): string {
    return rules.passwordErrorVerified ? `"${rules.passwordError}"` : rules.passwordError;
}

/** A user name that follows the rules, derived from the refused one. */
function suggestedUsername(username: string, rules: CredentialRules): string {
    if (rules.reservedUsernames.includes(username)) {
        return rules === DOCDB_RULES || rules === REDSHIFT_RULES ? "dbadmin" : rules.label.includes("PostgreSQL") ? "postgres" : "dbadmin";
    }
    const extra = new Set(rules.usernameExtraCharacters);
    let cleaned = [...username].filter(c => /[A-Za-z0-9]/.test(c) || extra.has(c)).join("");
    if (rules.usernameLowercase) {
        cleaned = cleaned.toLowerCase();
    }
    if (!/^[A-Za-z]/.test(cleaned)) {
        cleaned = `db${cleaned}`;
    }
    const max = rules.usernameDocumentedMax ?? rules.usernameMax;
    const out = cleaned.slice(0, max);
    return rules.reservedUsernames.includes(out) ? "dbadmin" : out;
}

function checkUsername(ctx: StackContext<Config>, resource: StackResource, target: CredentialTarget, rules: CredentialRules): void {
    const username = resource.props.string(target.username);
    if (typeof username !== "string" || username === "") {
        return;
    }
    const breaks = usernameBreaks(username, rules);
    if (breaks.length === 0) {
        return;
    }
    const secret = resource.props.isSecret(target.username);
    const certain = breaks.filter(b => b.certain);
    const reported = certain.length > 0 ? certain : breaks;
    const reserved = rules.reservedUsernames.includes(rules.usernameLowercase ? username.toLowerCase() : username);
    const name = secret ? "the user name" : `"${username}"`;
    const fix = secret ? "use a name that follows them" : `use e.g. "${suggestedUsername(username, rules)}"`;
    const error = reserved && !secret && rules !== REDSHIFT_RULES ? `"${reservedUsernameError(username)}"` : "InvalidParameterValue (described)";
    ctx.report(resource, {
        path: target.username,
        advisory: certain.length === 0,
        message: `${name} breaks the ${rules.label} master user name rules; ${fix}.\n\n` +
            `${reported.map(b => b.text).join("; ")}. ` +
            (certain.length > 0 ? `AWS refuses it when pulumi up creates the resource: ${error}.` :
                "AWS may refuse it when pulumi up creates the resource; engines accept longer names than AWS documents."),
    });
}

function checkLiteralPassword(ctx: StackContext<Config>, resource: StackResource, property: string, password: string,
    target: CredentialTarget, rules: CredentialRules): void {
    const breaks = passwordBreaks(password, rules);
    if (breaks.length === 0) {
        return;
    }
    ctx.report(resource, {
        path: property,
        message: `the password breaks the ${rules.label} password rules; generate one that follows them or set ${target.manage}: true.\n\n` +
            `${breaks.join("; ")} (the value itself is never shown). AWS refuses it at pulumi up: ${quoteError(rules)}. ` +
            `With ${target.manage}: true (and no ${property}) AWS generates the password and keeps it in Secrets Manager.`,
    });
}

function checkGenerator(ctx: StackContext<Config>, resource: StackResource, property: string, generator: StackResource,
    target: CredentialTarget, rules: CredentialRules): void {
    const settings = generatorSettings(generator);
    if (!settings) {
        return; // a setting of the generator is itself unknown during preview
    }
    const label = `${GENERATOR_LABEL[generator.type] ?? generator.type} "${generator.name}"`;
    const refused = (c: string) => c < " " || c > "~" || rules.passwordForbidden.includes(c);
    const bad = refusedCharacters(settings.special, refused);
    if (bad.length > 0) {
        const safe = [...new Set(settings.special)].filter(c => !refused(c)).join("");
        const fix = safe ? `set its overrideSpecial: ${JSON.stringify(safe)}` : "set its special: false";
        const chance = chanceOfRefusedCharacter(settings, refused);
        const odds = chance === undefined ? "Any password it generates with one" :
            `About ${Math.max(1, Math.round(chance * 100))}% of the passwords it generates contain one; each`;
        ctx.report(resource, {
            path: property,
            message: `${label} can generate ${bad.map(c => c === " " ? "space" : c).join(" ")} (${serviceOf(rules)} refuses ` +
                `${bad.length > 1 ? "them" : "it"}); ${fix}.\n\n` +
                `${odds} fails at pulumi up: ${quoteError(rules)}. ` +
                `Or drop ${property} and set ${target.manage}: true (AWS keeps the password in Secrets Manager).`,
        });
    }
    if (settings.length !== undefined && (settings.length < rules.passwordMin || settings.length > rules.passwordMax)) {
        ctx.report(resource, {
            path: property,
            message: `${label} generates passwords of a length ${serviceOf(rules)} refuses; set its length to ` +
                `${rules.passwordMin} to ${rules.passwordMax}.\n\n${rules.label} accepts ${rules.passwordMin} to ${rules.passwordMax} ` +
                `characters and refuses others at pulumi up: ${quoteError(rules)}.`,
        });
    }
}

function checkPasswords(ctx: StackContext<Config>, resource: StackResource, target: CredentialTarget, rules: CredentialRules): void {
    for (const property of target.passwords) {
        const value = resource.props.get(property);
        if (typeof value === "string" && value !== "") {
            checkLiteralPassword(ctx, resource, property, value, target, rules);
        } else if (value === UNKNOWN) {
            for (const dependency of resource.dependenciesOf(property)) {
                if (RANDOM_GENERATOR_TYPES.has(dependency.type)) {
                    checkGenerator(ctx, resource, property, dependency, target, rules);
                }
            }
        }
    }
}

export const rdsMasterCredentialsValid = stackPolicy<Config>({
    name: "rds-master-credentials-valid",
    description: "RDS, Aurora, DocumentDB and Redshift master user names and passwords must follow the engine's rules.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["rds", "docdb", "redshift", "credentials", "deployment-blocker"],
    remediationSteps: "Use a master user name that starts with a letter, has only letters, digits and underscores and is " +
        "not reserved (rdsadmin everywhere; admin on PostgreSQL, Aurora PostgreSQL and DocumentDB). Let AWS manage the " +
        "password (manageMasterUserPassword: true; Redshift: manageMasterPassword: true), or generate it without the " +
        "characters AWS refuses: random.RandomPassword with overrideSpecial \"!#$%&*()-_=+[]{}<>:?\" (no / @ \" or space).",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, DOCDB_CLUSTER, REDSHIFT_CLUSTER, RANDOM_PASSWORD, RANDOM_STRING],
    config: {},
    docs: {
        failure: "A reserved master user name (admin on PostgreSQL), or a password with /, @, \" or a space, passes " +
            "`pulumi preview` and fails when `pulumi up` creates the database. The usual cause is a random.RandomPassword " +
            "with the random provider's default special characters, which include @: the deployment then fails on some " +
            "runs and not others. Neptune clusters take no master password and are not checked; SQL reserved words of " +
            "each engine are not checked either.",
        awsError: RDS_PASSWORD_ERROR,
    },
    validate: ctx => {
        for (const [type, target] of Object.entries(TARGETS)) {
            for (const resource of ctx.ofType(type)) {
                if (target.sources.some(source => resource.props.has(source))) {
                    continue; // restored from a snapshot or a replica: the source's credentials apply
                }
                const rules = target.rules(resource);
                if (!rules) {
                    continue;
                }
                // A user name cannot change without replacing the database: one that exists was accepted.
                if (plannedChange(resource) !== "existing") {
                    checkUsername(ctx, resource, target, rules);
                }
                checkPasswords(ctx, resource, target, rules);
            }
        }
    },
});
