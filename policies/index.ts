// Every policy of the pack, in the order they are registered and documented.
import { PreflightPolicy } from "../lib/policy";
import { kmsKeyGrantsServicePrincipals } from "./kms/kms-key-grants-service-principals";
import { kmsKeyPolicyLeastPrivilege } from "./kms/kms-key-policy-least-privilege";
import { s3BucketNameValid } from "./s3/s3-bucket-name-valid";
import { s3BucketPolicyNotPublic } from "./s3/s3-bucket-policy-not-public";

export const allPolicies: readonly PreflightPolicy[] = [
    // kms
    kmsKeyGrantsServicePrincipals,
    kmsKeyPolicyLeastPrivilege,
    // s3
    s3BucketNameValid,
    s3BucketPolicyNotPublic,
];
