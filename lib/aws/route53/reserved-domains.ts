// Domain names Route 53 refuses to host. AWS does not publish a list; what is verified is the error
// `InvalidDomainName: <name> is reserved by AWS!` from CreateHostedZone, quoted by users for example.com itself
// (terraform-provider-aws users; boto/boto#2098: "This used to work but now produces InvalidDomainError responses")
// and for names under it (`payments-dev.example.com is reserved by AWS!`, `tap-stack.example.com is reserved by
// AWS!`, CloudFormation `portfolio-dev.example.com. is reserved by AWS!`; Cloud Map public DNS namespaces, which
// create a hosted zone, fail the same way). example.net and example.org are reserved for documentation by RFC 2606
// exactly like example.com, but no Route 53 refusal of them was found: they are reported as likely, not certain.

export const reservedError = (name: string) => `InvalidDomainName: ${name} is reserved by AWS!`;

export interface ReservedDomain {
    /** The reserved domain the name is, or is under. */
    readonly domain: string;
    /** True when Route 53's refusal is verified for this domain (and names under it). */
    readonly verified: boolean;
}

const RESERVED: readonly ReservedDomain[] = [
    { domain: "example.com", verified: true },
    { domain: "example.net", verified: false },
    { domain: "example.org", verified: false },
];

/** The name as Route 53 compares it: trimmed, lower case, without the trailing dot(s) of a fully qualified name. */
export function normalizeZoneName(name: string): string {
    return name.trim().toLowerCase().replace(/\.+$/, "");
}

/** The reserved domain `name` is or is under, if any. */
export function reservedDomainOf(name: string): ReservedDomain | undefined {
    const normalized = normalizeZoneName(name);
    return RESERVED.find(r => normalized === r.domain || normalized.endsWith(`.${r.domain}`));
}
