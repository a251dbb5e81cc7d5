// Every policy of the pack, in the order they are registered and documented.
import { PreflightPolicy } from "../lib/policy";
import { s3BucketNameValid } from "./s3/s3-bucket-name-valid";
import { elasticacheEngineVersionSupported } from "./versions/elasticache-engine-version-supported";
import { lambdaRuntimeSupported } from "./versions/lambda-runtime-supported";
import { rdsEngineVersionSupported } from "./versions/rds-engine-version-supported";
import { rdsInstanceClassSupported } from "./versions/rds-instance-class-supported";

export const allPolicies: readonly PreflightPolicy[] = [
    s3BucketNameValid,
    // versions
    rdsEngineVersionSupported,
    rdsInstanceClassSupported,
    elasticacheEngineVersionSupported,
    lambdaRuntimeSupported,
];
