import type * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";
import { ROUTE53_ZONE, SERVICEDISCOVERY_PRIVATE_DNS_NAMESPACE, SERVICEDISCOVERY_PUBLIC_DNS_NAMESPACE } from "../../lib/aws/resource-types";
import { normalizeZoneName, reservedDomainOf, reservedError } from "../../lib/aws/route53/reserved-domains";

type Config = Record<string, never>;

const NAME: keyof aws.route53.ZoneArgs & keyof aws.servicediscovery.PublicDnsNamespaceArgs = "name";
const VPCS: keyof aws.route53.ZoneArgs = "vpcs";

export const route53ZoneNameNotReserved = resourcePolicy<Config>({
    name: "route53-zone-name-not-reserved",
    description: "Route 53 hosted zones (and Cloud Map DNS namespaces) must not be for a domain AWS reserves, such as example.com.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["route53", "dns", "deployment-blocker"],
    remediationSteps: "Use a domain you own (a subdomain of it for tests), e.g. name: \"test.acme-corp.com\"; placeholder " +
        "domains such as example.com and names under it cannot be hosted.",
    resourceTypes: [ROUTE53_ZONE, SERVICEDISCOVERY_PUBLIC_DNS_NAMESPACE, SERVICEDISCOVERY_PRIVATE_DNS_NAMESPACE],
    config: {},
    docs: {
        failure: "Route 53 refuses to create a hosted zone for example.com or any name under it (`app.example.com`), " +
            "with or without the trailing dot and in any letter case; `pulumi preview` passes, `pulumi up` fails. " +
            "Mandatory for public zones and public Cloud Map namespaces under example.com, where the refusal is " +
            "verified; advisory for example.net and example.org (reserved by RFC 2606 like example.com, refusal not " +
            "verified) and for private zones and namespaces (not verified either).",
        awsError: reservedError("example.com"),
    },
    validate: ctx => {
        const name = ctx.props.string(NAME);
        if (typeof name !== "string" || name === "" || ctx.props.isSecret(NAME)) {
            return; // unknown, absent or secret
        }
        const reserved = reservedDomainOf(name);
        if (!reserved) {
            return;
        }
        const vpcs = ctx.type === ROUTE53_ZONE ? ctx.props.get(VPCS) : undefined;
        const isPrivate = ctx.type === SERVICEDISCOVERY_PRIVATE_DNS_NAMESPACE || vpcs === UNKNOWN ||
            (Array.isArray(vpcs) && vpcs.length > 0) || (vpcs !== null && typeof vpcs === "object" && !Array.isArray(vpcs));
        const normalized = normalizeZoneName(name);
        const shown = normalized.length <= 80 ? normalized : `${normalized.slice(0, 60)}….${reserved.domain}`;
        const under = normalized === reserved.domain ? `${reserved.domain} is` : `"${shown}" is under ${reserved.domain}, which is`;
        const by = reserved.verified ? "reserved by AWS" : "reserved for documentation";
        const certain = reserved.verified && !isPrivate;
        ctx.report({
            path: NAME,
            advisory: !certain,
            message: `${under} ${by}; use a domain you own, e.g. "${normalized === reserved.domain ? "test" : shown.slice(0, -reserved.domain.length - 1)}.<your-domain>".\n\n` +
                (certain
                    ? `Route 53 refuses the zone at pulumi up: "${reservedError(shown)}"`
                    : reserved.verified
                        ? `Route 53 refuses public zones with "${reservedError(shown)}"; whether private zones are refused too is not verified.`
                        : `RFC 2606 reserves ${reserved.domain} like example.com, which Route 53 refuses with ` +
                          `"${reservedError("example.com")}"; a refusal of ${reserved.domain} is likely but not verified.`),
        });
    },
});
