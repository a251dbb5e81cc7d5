// Every policy of the pack, in the order they are registered and documented.
import { PreflightPolicy } from "../lib/policy";
import { s3BucketNameValid } from "./s3/s3-bucket-name-valid";
import { physicalNameHasUniquenessSuffix } from "./naming/physical-name-has-uniqueness-suffix";
import { physicalNameUniqueInStack } from "./naming/physical-name-unique-in-stack";
import { physicalNameValid } from "./naming/physical-name-valid";

export const allPolicies: readonly PreflightPolicy[] = [
    s3BucketNameValid,
    // naming
    physicalNameHasUniquenessSuffix,
    physicalNameValid,
    physicalNameUniqueInStack,
];
