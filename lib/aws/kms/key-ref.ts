// The forms in which AWS APIs accept a KMS key: key ARN, key id (UUID or multi-Region `mrk-`), alias name, alias ARN.
// Source: the EC2 API reference for KmsKeyId (CreateVolume, EbsBlockDevice, ModifyEbsDefaultKmsKeyId).

import { isAccountId, isPartition, parseArn } from "../arn";

export type KmsKeyRefKind = "key-arn" | "key-id" | "alias-name" | "alias-arn";

export interface KmsKeyRef {
    readonly kind: KmsKeyRefKind;
    /** The region of an ARN form. */
    readonly region?: string;
    readonly account?: string;
    /** The alias name (`alias/...`) of an alias name or alias ARN. */
    readonly alias?: string;
}

/** The alias of the AWS managed key for EBS: the account's default EBS key unless default encryption names another. */
export const AWS_MANAGED_EBS_ALIAS = "alias/aws/ebs";

const KEY_ID = "(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})";
const ALIAS_NAME = "alias/[A-Za-z0-9:/_-]+";
const KEY_ID_PATTERN = new RegExp(`^${KEY_ID}$`);
const ALIAS_NAME_PATTERN = new RegExp(`^${ALIAS_NAME}$`);
const KEY_RESOURCE_PATTERN = new RegExp(`^key/${KEY_ID}$`);
const REGION_PATTERN = /^[a-z0-9-]+$/;

export const KMS_KEY_REF_FORMS = "a key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), a key id " +
    "(1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-... for a multi-Region key), an alias name (alias/<name>) or an " +
    "alias ARN (arn:aws:kms:<region>:<account>:alias/<name>)";

/** The form of a KMS key reference, or undefined when it is none of the accepted forms. */
export function parseKmsKeyRef(value: string): KmsKeyRef | undefined {
    if (KEY_ID_PATTERN.test(value)) {
        return { kind: "key-id" };
    }
    if (ALIAS_NAME_PATTERN.test(value)) {
        return { kind: "alias-name", alias: value };
    }
    const arn = parseArn(value);
    if (!arn || !isPartition(arn.partition) || arn.service !== "kms" || !REGION_PATTERN.test(arn.region) || !isAccountId(arn.account)) {
        return undefined;
    }
    if (KEY_RESOURCE_PATTERN.test(arn.resource)) {
        return { kind: "key-arn", region: arn.region, account: arn.account };
    }
    return ALIAS_NAME_PATTERN.test(arn.resource) ? { kind: "alias-arn", region: arn.region, account: arn.account, alias: arn.resource } : undefined;
}
