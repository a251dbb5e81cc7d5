// Amazon Resource Names: `arn:<partition>:<service>:<region>:<account>:<resource>`, and the partitions AWS has.
// Source: docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html; partitions and DNS suffixes from the AWS SDKs'
// partitions.json (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc).

export interface Arn {
    readonly partition: string;
    readonly service: string;
    readonly region: string;
    readonly account: string;
    /** Everything after the fifth colon (may itself contain colons and slashes). */
    readonly resource: string;
}

export interface Partition {
    readonly partition: string;
    readonly dnsSuffix: string;
}

const PARTITIONS: readonly (Partition & { regionPattern: RegExp })[] = [
    { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", regionPattern: /^cn-/ },
    { partition: "aws-us-gov", dnsSuffix: "amazonaws.com", regionPattern: /^us-gov-/ },
    { partition: "aws-iso", dnsSuffix: "c2s.ic.gov", regionPattern: /^us-iso-/ },
    { partition: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", regionPattern: /^us-isob-/ },
    { partition: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", regionPattern: /^eu-isoe-/ },
    { partition: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", regionPattern: /^us-isof-/ },
    { partition: "aws-eusc", dnsSuffix: "amazonaws.eu", regionPattern: /^eusc-/ },
];
const COMMERCIAL: Partition = { partition: "aws", dnsSuffix: "amazonaws.com" };

export const PARTITION_NAMES: ReadonlySet<string> = new Set([COMMERCIAL.partition, ...PARTITIONS.map(p => p.partition)]);

/** The partition (for ARNs) and DNS suffix (for service principals and endpoints) of a region. */
export function partitionOf(region: string): Partition {
    const found = PARTITIONS.find(p => p.regionPattern.test(region));
    return found ? { partition: found.partition, dnsSuffix: found.dnsSuffix } : COMMERCIAL;
}

export function isPartition(value: string): boolean {
    return PARTITION_NAMES.has(value);
}

/**
 * The five fixed parts of an ARN and its resource part, or undefined when `value` is not `arn:` followed by at least
 * five colons. The parts are not validated (a pattern such as `arn:aws:iam::*:role/x` parses); see `isPartition`.
 */
export function parseArn(value: string): Arn | undefined {
    const parts = splitArn(value);
    if (!parts || parts[0] !== "arn") {
        return undefined;
    }
    return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts[5] };
}

/** `value` split into its first five colon-separated parts and the rest; undefined with fewer than five colons. */
export function splitArn(value: string): string[] | undefined {
    const parts: string[] = [];
    let start = 0;
    for (let n = 0; n < 5; n++) {
        const colon = value.indexOf(":", start);
        if (colon < 0) {
            return undefined;
        }
        parts.push(value.slice(start, colon));
        start = colon + 1;
    }
    parts.push(value.slice(start));
    return parts;
}

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(value: string): boolean {
    return ACCOUNT_ID.test(value);
}

/** The 12-digit account id of an ARN (any service), or undefined. */
export function accountOfArn(arn: string): string | undefined {
    const account = parseArn(arn)?.account;
    return account !== undefined && isAccountId(account) ? account : undefined;
}

/** The account id of an IAM principal written as an ARN or a bare 12-digit account id. */
export function accountOfPrincipal(value: string): string | undefined {
    return isAccountId(value) ? value : accountOfArn(value);
}

/**
 * An ARN's resource part with `prefix` stripped: `key/` gives a key id, `alias/` an alias name, "" the whole resource
 * part (a topic or queue name). undefined when the resource part does not start with `prefix`.
 */
export function arnResourceName(arn: string, prefix: string): string | undefined {
    const resource = parseArn(arn)?.resource;
    if (resource === undefined) {
        return undefined;
    }
    return resource.startsWith(prefix) ? resource.slice(prefix.length) : undefined;
}
