// Shared knowledge of the KMS key policy family (aws-facts.md section 1): how a key policy is read, which
// condition keys restrict who can use a key, which keys, aliases and key policies a stack has.
import { cutText } from "../../framework/quote";
import { ParsedPolicy, readPolicy } from "../iam";
import type { StackResource } from "../../framework/policy";
import { IdentifierIndex, referencedResources } from "../../framework/links";
import { arnResourceName } from "../arn";
import { KMS_ALIAS, KMS_KEY } from "../resource-types";

/** Condition keys that limit an `Allow` to "*" in a key policy to known callers. */
export const KMS_RESTRICTING_CONDITION_KEYS: ReadonlySet<string> = new Set([
    "kms:CallerAccount",
    "kms:ViaService",
    "kms:GrantIsForAWSResource",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
].map(key => key.toLowerCase()));

export const MALFORMED_POLICY_ERROR = "MalformedPolicyDocumentException";

// ---------------------------------------------------------------------------------------------------------------
// Keys, aliases and key policies of a stack

export interface KeyLink {
    readonly key: StackResource;
    /** The alias the consumer named the key by, if any. */
    readonly alias?: StackResource;
}

export type EffectivePolicy =
    | { readonly source: "key" | "keyPolicy"; readonly resource: StackResource; readonly parsed: ParsedPolicy;
        /** The size AWS counts, when it is over KEY_POLICY_MAX_BYTES: KMS refuses the policy (and the key). */
        readonly oversize?: number }
    /** No policy in the program: AWS's default key policy, which trusts only the account root. */
    | { readonly source: "default"; readonly resource: StackResource; readonly parsed: ParsedPolicy };

const KEY_TYPES: ReadonlySet<string> = new Set([KMS_KEY]);
const KEY_OR_ALIAS_TYPES: ReadonlySet<string> = new Set([KMS_KEY, KMS_ALIAS]);

export class KeyIndex {
    private readonly identifiers = new IdentifierIndex();
    private readonly aliasTargets = new Map<StackResource, StackResource>();
    private readonly keyPolicies = new Map<StackResource, StackResource>();
    private readonly policies = new Map<StackResource, EffectivePolicy>();

    constructor(keys: readonly StackResource[], aliases: readonly StackResource[], keyPolicies: readonly StackResource[]) {
        for (const key of keys) {
            this.identifiers.add(key, key.props.string("arn"), key.props.string("keyId"), key.props.string("id"));
        }
        for (const alias of aliases) {
            const target = this.keyOf(alias, "targetKeyId", KEY_TYPES);
            if (target) {
                this.aliasTargets.set(alias, target);
                this.identifiers.add(alias, alias.props.string("name"), alias.props.string("arn"));
            }
        }
        for (const keyPolicy of keyPolicies) {
            const target = this.keyOf(keyPolicy, "keyId", KEY_TYPES);
            if (target) {
                this.keyPolicies.set(target, keyPolicy);
            }
        }
    }

    private keyOf(resource: StackResource, property: string, types: ReadonlySet<string>): StackResource | undefined {
        return referencedResources(resource, property, resource.props.get(property), types, this.identifiers, keyAlternatives)[0];
    }

    /** The stack's keys `value` (the consumer's property `property`) refers to; empty for keys outside the stack. */
    resolve(consumer: StackResource, property: string, value: unknown): KeyLink[] {
        const links: KeyLink[] = [];
        for (const found of referencedResources(consumer, property, value, KEY_OR_ALIAS_TYPES, this.identifiers, keyAlternatives)) {
            const link = found.type === KMS_ALIAS
                ? (this.aliasTargets.has(found) ? { key: this.aliasTargets.get(found)!, alias: found } : undefined)
                : { key: found };
            if (link && !links.some(l => l.key === link.key)) {
                links.push(link);
            }
        }
        return links;
    }

    /** The key's policy: a KeyPolicy resource targeting it, else its own `policy`, else AWS's default policy. */
    effectivePolicy(key: StackResource): EffectivePolicy {
        // Read and parsed once per key, however many consumers use it.
        let policy = this.policies.get(key);
        if (!policy) {
            policy = this.readEffectivePolicy(key);
            this.policies.set(key, policy);
        }
        return policy;
    }

    private readEffectivePolicy(key: StackResource): EffectivePolicy {
        const keyPolicy = this.keyPolicies.get(key);
        if (keyPolicy) {
            const parsed = readPolicy(keyPolicy.props, "policy");
            return { source: "keyPolicy", resource: keyPolicy, parsed, oversize: oversize(keyPolicy.props.plain("policy"), parsed) };
        }
        const parsed = readPolicy(key.props, "policy");
        // `policy` is also an output: for a key created without one, the planned value is unknown although nothing
        // in the program computes it. Without property dependencies it can only be AWS's default policy.
        if (parsed.kind === "absent" || (parsed.kind === "unknown" && key.dependenciesOf("policy").length === 0 &&
            key.props.isUnknown("policy"))) {
            return { source: "default", resource: key, parsed: { kind: "absent" } };
        }
        return { source: "key", resource: key, parsed, oversize: oversize(key.props.plain("policy"), parsed) };
    }
}

/**
 * The most a key policy may have: "Up to 32 kilobytes (32,768 bytes)" (docs.aws.amazon.com/kms/latest/developerguide/
 * key-policy-overview.html, Key policy format; the CreateKey and PutKeyPolicy `Policy` parameter, length 1-32768).
 */
export const KEY_POLICY_MAX_BYTES = 32768;

const HTML_ESCAPED = /[<>&\u2028\u2029]/g;

/**
 * The size AWS receives, when it is over the limit. The provider sends the document normalised (terraform-provider-aws
 * internal/service/kms/key.go: structure.NormalizeJsonString, i.e. Go's json.Marshal: compact, with <, > and &
 * escaped as \u003c...), so whitespace in the program's text does not count.
 */
export function oversize(raw: unknown, parsed: ParsedPolicy): number | undefined {
    if (parsed.kind !== "document") {
        return undefined;
    }
    if (typeof raw === "string" && Buffer.byteLength(raw) <= KEY_POLICY_MAX_BYTES) {
        return undefined;
    }
    let compact: string;
    try {
        compact = typeof raw === "string" ? JSON.stringify(JSON.parse(raw)) : JSON.stringify(raw) ?? "";
    } catch {
        return undefined;
    }
    const bytes = Buffer.byteLength(compact) + 5 * (compact.match(HTML_ESCAPED)?.length ?? 0);
    return bytes > KEY_POLICY_MAX_BYTES ? bytes : undefined;
}

/** Other spellings of a key reference: the key id inside a key ARN, the alias name inside an alias ARN. */
function keyAlternatives(value: string): string[] {
    const out: string[] = [];
    const keyId = arnResourceName(value, "key/");
    if (keyId) {
        out.push(keyId);
    }
    const alias = arnResourceName(value, "alias/");
    if (alias) {
        out.push(`alias/${alias}`);
    }
    return out;
}

/** How a message names the key a consumer uses: `KMS key 'k'`, `KMS key 'k' (through alias 'a')`. */
export function keyLabel(link: KeyLink): string {
    // Names cut short: a message names the key, it does not need all of a long name.
    const key = `KMS key '${cutText(link.key.name, 32)}'`;
    return link.alias ? `${key} (through alias '${cutText(link.alias.name, 32)}')` : key;
}
