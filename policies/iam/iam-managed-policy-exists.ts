import type * as aws from "@pulumi/aws";
import { Finding, stackPolicy, StackContext } from "../../lib/framework/policy";
import { StackResource } from "../../lib/framework/stack-resource";
import { formatPath, joinPath, Path, PropertyBag, UNKNOWN } from "../../lib/framework/properties";
import { plannedChange } from "../../lib/aws/lifecycle";
import { quoteValue } from "../../lib/framework/quote";
import { daysBetween, now, parseIsoDate } from "../../lib/framework/clock";
import {
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    IAM_USER_POLICY_ATTACHMENT,
    IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
} from "../../lib/aws/resource-types";
import { arnOf, catalogOf, noSuchEntityError, parseAwsManagedPolicyArn, Verdict } from "../../lib/aws/iam/managed-policies";
import { IamManagedPoliciesFile, loadManagedPolicies, SHIPPED_IAM_MANAGED_POLICIES } from "../../lib/data/iam-managed-policies";

const NAME = "iam-managed-policy-exists";

interface Config {
    dataFile?: string;
    maxDataAgeDays: number;
    ignoredPolicies: string[];
}

/** Where each type names the policies it attaches: one ARN, or a list. */
const SINGLE: keyof aws.iam.RolePolicyAttachmentArgs & keyof aws.iam.PolicyAttachmentArgs = "policyArn";
const ROLE_LIST: keyof aws.iam.RoleArgs = "managedPolicyArns";
const EXCLUSIVE_LIST: keyof aws.iam.RolePolicyAttachmentsExclusiveArgs = "policyArns";
const PROPERTY_OF: Readonly<Record<string, { property: string; list: boolean }>> = {
    [IAM_ROLE]: { property: ROLE_LIST, list: true },
    [IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE]: { property: EXCLUSIVE_LIST, list: true },
    [IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE]: { property: EXCLUSIVE_LIST, list: true },
    [IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE]: { property: EXCLUSIVE_LIST, list: true },
    [IAM_ROLE_POLICY_ATTACHMENT]: { property: SINGLE, list: false },
    [IAM_USER_POLICY_ATTACHMENT]: { property: SINGLE, list: false },
    [IAM_GROUP_POLICY_ATTACHMENT]: { property: SINGLE, list: false },
    [IAM_POLICY_ATTACHMENT]: { property: SINGLE, list: false },
};

/** The first line of a message stays short enough to read in a preview, path prefix included. */
const HEADLINE_LIMIT = 150;
/** A list longer than this is not a program's attachments (IAM allows 10 per principal by default, 20 at most). */
const MAX_CHECKED = 100;

/** One resource's attachments, judged within one stack call. */
interface Checked {
    readonly props: PropertyBag;
    readonly config: Config;
    /** Findings on an existing attachment are advisory: AWS keeps what is attached; only a new attachment fails. */
    readonly existing: boolean;
    report(finding: Finding): void;
    /** Stack-level notes (data file, data age), once per stack. */
    noteOnce(key: string, message: string): void;
}

function loadData(ctx: Checked): IamManagedPoliciesFile | undefined {
    const loaded = loadManagedPolicies(ctx.config.dataFile);
    if (!loaded.ok) {
        ctx.noteOnce(`load\u0000${loaded.file}`, `${NAME} could not read its data file, so nothing was checked: fix ${NAME}.dataFile.` +
            `\n\n${loaded.file === SHIPPED_IAM_MANAGED_POLICIES ? "The shipped data/iam-managed-policies.json" : loaded.file}: ${loaded.error}.`);
        return undefined;
    }
    const maxAge = ctx.config.maxDataAgeDays;
    const date = parseIsoDate(loaded.data.sourceDate);
    const age = date ? daysBetween(date, now()) : 0;
    if (typeof maxAge === "number" && maxAge > 0 && age > maxAge) {
        ctx.noteOnce(`age\u0000${loaded.file}`, `The AWS managed policy list is ${age} days old: refresh it (npm run data:iam-policies).` +
            `\n\nIt is from ${loaded.data.sourceDate}; AWS may have added policies since. Or set ${NAME}.maxDataAgeDays to 0.`);
    }
    return loaded.data;
}

function ignored(config: Config, value: string, pathName: string): boolean {
    const list = Array.isArray(config.ignoredPolicies) ? config.ignoredPolicies : [];
    const name = pathName.slice(pathName.lastIndexOf("/") + 1);
    return list.some(entry => entry === value || entry === pathName || entry === pathName.slice(1) || entry === name);
}

interface Said { readonly advisory: boolean; readonly headline: (quoted: string, use: (pathName: string) => string) => string; readonly details: string }

/** What to say about a verdict other than "exists" (undefined: nothing). */
function describe(verdict: Verdict, arn: string, dataDate: string): Said | undefined {
    const error = `AWS refuses it at pulumi up: ${quoteValue(noSuchEntityError(arn))}`;
    const dated = `AWS managed policies as of ${dataDate}.`;
    switch (verdict.kind) {
        case "exists":
            return undefined;
        case "deprecated": {
            const { deprecation, replacement } = verdict;
            const use = (u: (p: string) => string) => replacement ? `: use ${u(replacement)}` : ": use its replacement";
            if (deprecation.attachable) {
                return { advisory: true, headline: (q, u) => `${q} is being deprecated by AWS${use(u)}.`,
                    details: `AWS still attaches it today (${deprecation.source}).` };
            }
            return { advisory: false, headline: (q, u) => `${q} is deprecated, AWS refuses new attachments${use(u)}.`,
                details: `${error} An existing attachment keeps working: list it in ignoredPolicies. Source: ${deprecation.source}.` };
        }
        case "case":
            return { advisory: true, headline: (q, u) => `${q} differs in case from the AWS managed policy: use ${u(verdict.suggestion)}.`,
                details: `IAM may refuse it (${quoteValue(noSuchEntityError(arn))}; described: not verified for a case-only difference). ${dated}` };
        case "path":
            return { advisory: false, headline: (q, u) => `${q} does not exist: use ${u(verdict.suggestion)}.`,
                details: `${error} The policy's path (${verdict.suggestion.slice(0, verdict.suggestion.lastIndexOf("/") + 1)}) is part of its ARN. ${dated}` };
        case "misspelt":
            return { advisory: false, headline: (q, u) => `${q} does not exist: use ${u(verdict.suggestion)}.`,
                details: `${error} ${dated}` };
        case "unknown":
            return { advisory: true, headline: q => `${q} is not an AWS managed policy in the pack's data: check the name.`,
                details: `If it is, AWS added it after ${dataDate}: refresh the data (npm run data:iam-policies). Otherwise ` +
                    `pulumi up fails: ${quoteValue(noSuchEntityError(arn))}` };
    }
}

function check(ctx: Checked, path: Path, value: unknown, data: () => IamManagedPoliciesFile | undefined): void {
    if (typeof value !== "string" || ctx.props.isSecret(path)) {
        return;
    }
    const ref = parseAwsManagedPolicyArn(value);
    if (!ref || ignored(ctx.config, value, ref.pathName)) {
        return;
    }
    const file = data();
    if (!file) {
        return;
    }
    const catalog = catalogOf(file);
    const covered = catalog.covers(ref.partition);
    // Other partitions (aws-cn, aws-us-gov) have their own policy sets: judged against the commercial list, only
    // a wrong path or a refused deprecated policy is said, and only as advisory.
    const verdict = catalog.judge(covered ? ref.partition : "aws", ref.pathName);
    if (!covered && verdict.kind !== "path" && !(verdict.kind === "deprecated" && !verdict.deprecation.attachable)) {
        return;
    }
    const said = describe(verdict, value, file.sourceDate);
    if (!said) {
        return;
    }
    const prefix = formatPath(path).length + 2;
    const forms: [string, (p: string) => string][] = [
        [quoteValue(value), p => quoteValue(arnOf(ref.partition, p))],
        [quoteValue(value), p => quoteValue(p.slice(1))],
        ["the policy", p => quoteValue(arnOf(ref.partition, p))],
        ["the policy", p => quoteValue(p.slice(1))],
    ];
    let headline = "";
    for (const [quoted, use] of forms) {
        headline = said.headline(quoted, use);
        if (prefix + headline.length <= HEADLINE_LIMIT) {
            break;
        }
    }
    const partitionNote = covered ? "" : ` The pack's data lists the aws partition only; ${ref.partition} has its own set.`;
    const existingNote = ctx.existing && !said.advisory && covered
        ? " This resource exists already: AWS keeps what is attached, so this is advisory until the attachment is made again." : "";
    ctx.report({ path, advisory: said.advisory || !covered || ctx.existing, message: `${headline}\n\n${said.details}${partitionNote}${existingNote}` });
}

export const iamManagedPolicyExists = stackPolicy<Config>({
    name: NAME,
    description: "AWS managed policies attached to roles, users and groups must exist and still be attachable.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["iam", "deployment-blocker"],
    remediationSteps: "Use the exact path and name of an existing AWS managed policy (e.g. " +
        "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole, arn:aws:iam::aws:policy/AWSLambda_FullAccess); for a policy AWS " +
        "deprecated, attach its replacement.",
    resourceTypes: Object.keys(PROPERTY_OF),
    config: {
        dataFile: {
            type: "string",
            description: "Path to your own AWS managed policy list (absolute, or relative to the policy pack directory), e.g. " +
                "one written by `npm run data:iam-policies -- --live --out my-data/iam-managed-policies.json` with your AWS " +
                "credentials (iam:ListPolicies). Default: the pack's shipped data/iam-managed-policies.json.",
        },
        maxDataAgeDays: {
            type: "integer",
            default: 180,
            minimum: 0,
            description: "When the list is older than this many days, one advisory says so and how to refresh it. 0 turns the note off.",
        },
        ignoredPolicies: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "AWS managed policies not to check, by ARN, path and name or name: e.g. a deprecated policy the stack " +
                "attached before AWS deprecated it (the attachment keeps working).",
        },
    },
    docs: {
        failure: "Attaching an AWS managed policy that does not exist (a misspelt name, a missing `service-role/` path) or that " +
            "AWS deprecated for new attachments passes `pulumi preview`; `pulumi up` fails when it attaches it. Mandatory for an " +
            "attachment this deployment creates or replaces; advisory for one the stack already has (AWS keeps it attached).",
        awsError: `AttachRolePolicy (AttachUserPolicy, AttachGroupPolicy): ${noSuchEntityError("arn:aws:iam::aws:policy/service-role/ConfigRole")}`,
    },
    validate: ctx => {
        const noted = new Set<string>();
        let data: IamManagedPoliciesFile | undefined | null = null;
        for (const resource of ctx.ofType(...Object.keys(PROPERTY_OF))) {
            const checked = checkedResource(ctx, resource, noted);
            checkResource(checked, PROPERTY_OF[resource.type], () => (data === null ? data = loadData(checked) : data));
        }
    },
});

function checkedResource(ctx: StackContext<Config>, resource: StackResource, noted: Set<string>): Checked {
    return {
        props: resource.props,
        config: ctx.config,
        existing: plannedChange(resource) === "existing",
        report: finding => ctx.report(resource, finding),
        noteOnce: (key, message) => {
            if (!noted.has(key)) {
                noted.add(key);
                ctx.report(undefined, { advisory: true, message });
            }
        },
    };
}

function checkResource(ctx: Checked, where: { property: string; list: boolean }, lazyData: () => IamManagedPoliciesFile | undefined): void {
    if (!where.list) {
        check(ctx, where.property, ctx.props.string(where.property), lazyData);
        return;
    }
    const list = ctx.props.array(where.property);
    if (list === UNKNOWN || list === undefined) {
        return;
    }
    for (let i = 0; i < Math.min(list.length, MAX_CHECKED); i++) {
        const path = joinPath(where.property, i);
        check(ctx, path, ctx.props.string(path), lazyData);
    }
}
