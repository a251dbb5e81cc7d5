// Service principals: AWS accepts the global form `<service>.amazonaws.com` and the regional form
// `<service>.<region>.amazonaws.com` for the same service (aws-facts.md section 1: CloudWatch Logs created encrypted
// log groups with only `logs.amazonaws.com` in the key policy, although its documentation names the regional form).
// Wherever a service principal is matched, both forms count.
import type { PrincipalRef } from "../iam";

const DNS_SUFFIXES = ["amazonaws.com.cn", "amazonaws.com"];
const REGION = /^(?:[a-z]{2}(?:-[a-z]+)+-\d+|\*)$/;

/** The principal and its other form (global for a regional one, regional for a global one), lower-cased. */
export function principalForms(principal: PrincipalRef, region: string | undefined, dnsSuffix: string): PrincipalRef[] {
    if (principal.type !== "Service") {
        return [principal];
    }
    const id = principal.id.toLowerCase();
    const suffixes = [dnsSuffix.toLowerCase(), ...DNS_SUFFIXES.filter(s => s !== dnsSuffix.toLowerCase())];
    for (const suffix of suffixes) {
        if (!id.endsWith(`.${suffix}`)) {
            continue;
        }
        const labels = id.slice(0, -suffix.length - 1).split(".");
        if (labels.length === 1) {
            return [principal, { type: "Service", id: `${labels[0]}.${region ?? "*"}.${suffix}` }];
        }
        if (labels.length === 2 && REGION.test(labels[1])) {
            return [principal, { type: "Service", id: `${labels[0]}.${suffix}` }];
        }
        return [principal];
    }
    return [principal];
}
