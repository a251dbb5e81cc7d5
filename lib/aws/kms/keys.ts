// Shared knowledge of the KMS key policy family (aws-facts.md section 1): how a key policy is read, which
// condition keys restrict who can use a key, which keys, aliases and key policies a stack has.
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
    | { readonly source: "key" | "keyPolicy"; readonly resource: StackResource; readonly parsed: ParsedPolicy }
    /** No policy in the program: AWS's default key policy, which trusts only the account root. */
    | { readonly source: "default"; readonly resource: StackResource; readonly parsed: ParsedPolicy };

const KEY_TYPES: ReadonlySet<string> = new Set([KMS_KEY]);
const KEY_OR_ALIAS_TYPES: ReadonlySet<string> = new Set([KMS_KEY, KMS_ALIAS]);

export class KeyIndex {
    private readonly identifiers = new IdentifierIndex();
    private readonly aliasTargets = new Map<StackResource, StackResource>();
    private readonly keyPolicies = new Map<StackResource, StackResource>();

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
        const keyPolicy = this.keyPolicies.get(key);
        if (keyPolicy) {
            return { source: "keyPolicy", resource: keyPolicy, parsed: readPolicy(keyPolicy.props, "policy") };
        }
        const parsed = readPolicy(key.props, "policy");
        // `policy` is also an output: for a key created without one, the planned value is unknown although nothing
        // in the program computes it. Without property dependencies it can only be AWS's default policy.
        if (parsed.kind === "absent" || (parsed.kind === "unknown" && key.dependenciesOf("policy").length === 0 &&
            key.props.isUnknown("policy"))) {
            return { source: "default", resource: key, parsed: { kind: "absent" } };
        }
        return { source: "key", resource: key, parsed };
    }
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
    const key = `KMS key '${link.key.name}'`;
    return link.alias ? `${key} (through alias '${link.alias.name}')` : key;
}
