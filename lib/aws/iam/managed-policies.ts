// AWS managed policies: which `arn:<partition>:iam::aws:policy/<path><name>` exist, which AWS deprecated, and the
// existing one nearest to a name that does not exist. Pure functions over the loaded data file; the lookup tables
// are built once per file, and a suggestion search is bounded (length-filtered, distance-capped) and cached.
import { parseArn } from "../arn";
import { editDistance } from "../../data/iam-actions";
import type { Deprecation, IamManagedPoliciesFile } from "../../data/iam-managed-policies";

/** What AWS answers when AttachRolePolicy (User, Group) names a policy that is not there or not attachable. */
export function noSuchEntityError(arn: string): string {
    return `NoSuchEntity: Policy ${arn} does not exist or is not attachable.`;
}

export interface AwsManagedPolicyRef {
    readonly partition: string;
    /** Path and name, e.g. `/service-role/AWS_ConfigRole`. */
    readonly pathName: string;
}

/** The partition and path+name of an AWS managed policy ARN; undefined for customer policies and other strings. */
export function parseAwsManagedPolicyArn(value: string): AwsManagedPolicyRef | undefined {
    const arn = parseArn(value);
    if (!arn || arn.service !== "iam" || arn.region !== "" || arn.account !== "aws" || !arn.resource.startsWith("policy/")) {
        return undefined;
    }
    return { partition: arn.partition, pathName: `/${arn.resource.slice("policy/".length)}` };
}

export function arnOf(partition: string, pathName: string): string {
    return `arn:${partition}:iam::aws:policy${pathName}`;
}

export type Verdict =
    | { readonly kind: "exists" }
    /** AWS deprecated it; `replacement` is the path+name to use, when AWS names one. */
    | { readonly kind: "deprecated"; readonly deprecation: Deprecation; readonly deprecatedName: string; readonly replacement?: string }
    /** Only the case differs from an existing policy. */
    | { readonly kind: "case"; readonly suggestion: string }
    /** The name exists, under another path (`service-role/` missing or extra). */
    | { readonly kind: "path"; readonly suggestion: string }
    /** Close to an existing name: a misspelling. */
    | { readonly kind: "misspelt"; readonly suggestion: string }
    /** Nothing close exists in the data. */
    | { readonly kind: "unknown" };

interface Candidate {
    readonly pathName: string;
    readonly lowerPathName: string;
    readonly lowerName: string;
}

interface PartitionIndex {
    readonly exact: ReadonlySet<string>;
    readonly byLowerPathName: ReadonlyMap<string, string>;
    readonly byLowerName: ReadonlyMap<string, string>;
    readonly candidates: readonly Candidate[];
}

/** Longest path+name searched for a suggestion: IAM allows 128-character names; anything longer is no misspelling. */
const MAX_SEARCHED_LENGTH = 300;
const SUGGESTION_CACHE_LIMIT = 2000;

const nameOf = (pathName: string) => pathName.slice(pathName.lastIndexOf("/") + 1);

export class ManagedPolicyCatalog {
    private readonly partitions = new Map<string, PartitionIndex>();
    private readonly deprecatedByLowerName = new Map<string, string>();
    private readonly verdicts = new Map<string, Verdict>();

    constructor(readonly file: IamManagedPoliciesFile) {
        for (const key of Object.keys(file.deprecated)) {
            this.deprecatedByLowerName.set(nameOf(key).toLowerCase(), key);
        }
    }

    /** The partitions the data lists policies for (a live refresh in aws-cn adds "aws-cn"). */
    covers(partition: string): boolean {
        return Object.prototype.hasOwnProperty.call(this.file.partitions, partition);
    }

    private index(partition: string): PartitionIndex | undefined {
        let index = this.partitions.get(partition);
        if (!index && this.covers(partition)) {
            const exact = new Set<string>();
            const byLowerPathName = new Map<string, string>();
            const byLowerName = new Map<string, string>();
            const candidates: Candidate[] = [];
            for (const [policyPath, names] of Object.entries(this.file.partitions[partition])) {
                for (const name of names.split(" ")) {
                    if (name === "") {
                        continue;
                    }
                    const pathName = policyPath + name;
                    exact.add(pathName);
                    byLowerPathName.set(pathName.toLowerCase(), pathName);
                    if (!byLowerName.has(name.toLowerCase())) {
                        byLowerName.set(name.toLowerCase(), pathName);
                    }
                    candidates.push({ pathName, lowerPathName: pathName.toLowerCase(), lowerName: name.toLowerCase() });
                }
            }
            candidates.sort((a, b) => a.pathName < b.pathName ? -1 : a.pathName > b.pathName ? 1 : 0);
            index = { exact, byLowerPathName, byLowerName, candidates };
            this.partitions.set(partition, index);
        }
        return index;
    }

    /** How AWS will take an attachment of `pathName` in `partition` (which the data must cover). */
    judge(partition: string, pathName: string): Verdict {
        const key = `${partition}\u0000${pathName}`;
        let verdict = this.verdicts.get(key);
        if (!verdict) {
            verdict = this.judgeUncached(partition, pathName);
            if (this.verdicts.size >= SUGGESTION_CACHE_LIMIT) {
                this.verdicts.clear();
            }
            this.verdicts.set(key, verdict);
        }
        return verdict;
    }

    private judgeUncached(partition: string, pathName: string): Verdict {
        const index = this.index(partition);
        if (!index) {
            return { kind: "unknown" };
        }
        const lowerName = nameOf(pathName).toLowerCase();
        const deprecatedName = Object.prototype.hasOwnProperty.call(this.file.deprecated, pathName)
            ? pathName : this.deprecatedByLowerName.get(lowerName);
        if (deprecatedName !== undefined) {
            const deprecation = this.file.deprecated[deprecatedName];
            const replacement = deprecation.replacement && index.exact.has(deprecation.replacement) ? deprecation.replacement : undefined;
            // Refused: also when written with another path or case. Announced only: when it is exactly that policy.
            const sameDeprecated = pathName === deprecatedName;
            if ((!deprecation.attachable && (sameDeprecated || !index.exact.has(pathName))) || (deprecation.attachable && sameDeprecated)) {
                return { kind: "deprecated", deprecation, deprecatedName, replacement };
            }
        }
        if (index.exact.has(pathName)) {
            return { kind: "exists" };
        }
        const sameLetters = index.byLowerPathName.get(pathName.toLowerCase());
        if (sameLetters) {
            return { kind: "case", suggestion: sameLetters };
        }
        const elsewhere = index.byLowerName.get(lowerName);
        if (elsewhere) {
            return { kind: "path", suggestion: elsewhere };
        }
        const near = nearestPolicy(pathName, index.candidates);
        return near ? { kind: "misspelt", suggestion: near } : { kind: "unknown" };
    }
}

/**
 * The existing policy nearest to `pathName`: by edit distance over path+name (within a third of its length) or
 * over the name alone under any path, or (preferred) a name that ends with the one given (`S3FullAccess` -> `AmazonS3FullAccess`).
 * Candidates whose length differs by more than the limit are skipped before any distance is computed.
 */
export function nearestPolicy(pathName: string, candidates: readonly Candidate[]): string | undefined {
    if (pathName.length > MAX_SEARCHED_LENGTH) {
        return undefined;
    }
    const lowerPathName = pathName.toLowerCase();
    const lowerName = nameOf(lowerPathName);
    const queryPath = lowerPathName.slice(0, lowerPathName.length - lowerName.length);
    const queryPathLength = queryPath.length;
    const fullLimit = Math.max(1, Math.floor(pathName.length / 3));
    const nameLimit = Math.max(1, Math.floor(lowerName.length / 3));
    let best: string | undefined;
    let bestScore = Infinity;
    for (const candidate of candidates) {
        let score = Infinity;
        // Under the same path the distance of path+name is that of the names, computed below.
        const samePath = candidate.lowerPathName.length - candidate.lowerName.length === queryPathLength &&
            candidate.lowerPathName.startsWith(queryPath);
        if (!samePath && Math.abs(candidate.lowerPathName.length - lowerPathName.length) <= Math.min(fullLimit, bestScore)) {
            const d = editDistance(lowerPathName, candidate.lowerPathName, Math.min(fullLimit, bestScore));
            if (d <= fullLimit) {
                score = d;
            }
        }
        if (Math.abs(candidate.lowerName.length - lowerName.length) <= Math.min(nameLimit, bestScore)) {
            const d = editDistance(lowerName, candidate.lowerName, Math.min(nameLimit, bestScore));
            if (d <= nameLimit) {
                score = Math.min(score, d);
            }
        }
        // A name that ends with the one given is what was meant more often than one an edit or two away
        // (S3FullAccess: AmazonS3FullAccess, not IAMFullAccess); the shortest such name wins.
        if (lowerName.length >= 6 && candidate.lowerName.endsWith(lowerName) && candidate.lowerName !== lowerName) {
            score = Math.min(score, 0.5 + (candidate.lowerName.length - lowerName.length) / 1000);
        }
        if (score < bestScore) {
            best = candidate.pathName;
            bestScore = score;
        }
    }
    return best;
}

const catalogs = new WeakMap<IamManagedPoliciesFile, ManagedPolicyCatalog>();

/** The catalogue of a loaded file, built once. */
export function catalogOf(file: IamManagedPoliciesFile): ManagedPolicyCatalog {
    let catalog = catalogs.get(file);
    if (!catalog) {
        catalog = new ManagedPolicyCatalog(file);
        catalogs.set(file, catalog);
    }
    return catalog;
}
