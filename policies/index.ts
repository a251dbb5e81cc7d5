// Every policy of the pack, grouped by family, in the order they are registered and documented.
import { PreflightPolicy } from "../lib/framework/policy";
import { autoscalingPolicyFieldsMatchType } from "./autoscaling/autoscaling-policy-fields-match-type";
import { autoscalingResourceLabelValid } from "./autoscaling/autoscaling-resource-label-valid";
import { kmsKeyGrantsServicePrincipals } from "./kms/kms-key-grants-service-principals";
import { kmsKeyPolicyLeastPrivilege } from "./kms/kms-key-policy-least-privilege";
import { ebsEncryptionExplicitKmsKey } from "./ebs/ebs-encryption-explicit-kms-key";
import { elasticacheAuthTokenRequiresTransitEncryption } from "./elasticache/elasticache-auth-token-requires-transit-encryption";
import { physicalNameHasUniquenessSuffix } from "./naming/physical-name-has-uniqueness-suffix";
import { physicalNameUniqueInStack } from "./naming/physical-name-unique-in-stack";
import { physicalNameValid } from "./naming/physical-name-valid";
import { s3BucketNameValid } from "./s3/s3-bucket-name-valid";
import { s3BucketPolicyNotPublic } from "./s3/s3-bucket-policy-not-public";
import { s3NoDeprecatedV2Resources } from "./s3/s3-no-deprecated-v2-resources";
import { s3AclRequiresOwnershipControls } from "./s3/s3-acl-requires-ownership-controls";
import { s3LogDeliveryAllowed } from "./s3/s3-log-delivery-allowed";
import { s3ReplicationPrerequisites } from "./s3/s3-replication-prerequisites";
import { elasticacheEngineVersionSupported } from "./versions/elasticache-engine-version-supported";
import { lambdaRuntimeSupported } from "./versions/lambda-runtime-supported";
import { rdsEngineVersionSupported } from "./versions/rds-engine-version-supported";
import { rdsInstanceClassSupported } from "./versions/rds-instance-class-supported";
import { pulumiOutputNotStringified } from "./values/pulumi-output-not-stringified";
import { cloudwatchDashboardBodyValid } from "./cloudwatch/cloudwatch-dashboard-body-valid";
import { cloudwatchMetricAlarmValid } from "./cloudwatch/cloudwatch-metric-alarm-valid";
import { cloudwatchLogMetricFilterPatternValid } from "./cloudwatch/cloudwatch-log-metric-filter-pattern-valid";
import { ec2LaunchTemplateUserDataBase64 } from "./ec2/ec2-launch-template-user-data-base64";
import { iamPolicyDocumentValid } from "./iam/iam-policy-document-valid";
import { iamManagedPolicyExists } from "./iam/iam-managed-policy-exists";
import { lambdaEnvironmentNoReservedKeys } from "./lambda/lambda-environment-no-reserved-keys";
import { accountNameNotTaken } from "./account/account-name-not-taken";
import { accountSingletonsFree } from "./account/account-singletons-free";
import { accountQuotasSufficient } from "./account/account-quotas-sufficient";
import { accountReferencesExist } from "./account/account-references-exist";
import { rdsMasterCredentialsValid } from "./rds/rds-master-credentials-valid";
import { rdsConfigurationSupported } from "./rds/rds-configuration-supported";
import { cloudfrontDependenciesInUsEast1 } from "./regions/cloudfront-dependencies-in-us-east-1";
import { availabilityZoneInRegion } from "./regions/availability-zone-in-region";
import { route53ZoneNameNotReserved } from "./route53/route53-zone-name-not-reserved";
import { serviceOpenToNewCustomers } from "./regions/service-open-to-new-customers";
import { awsConfigWiringValid } from "./config/aws-config-wiring-valid";

export const allPolicies: readonly PreflightPolicy[] = [
    // kms
    kmsKeyGrantsServicePrincipals,
    kmsKeyPolicyLeastPrivilege,
    // s3
    s3BucketNameValid,
    s3BucketPolicyNotPublic,
    s3NoDeprecatedV2Resources,
    // naming
    physicalNameHasUniquenessSuffix,
    physicalNameValid,
    physicalNameUniqueInStack,
    // ebs
    ebsEncryptionExplicitKmsKey,
    // versions
    rdsEngineVersionSupported,
    rdsInstanceClassSupported,
    elasticacheEngineVersionSupported,
    lambdaRuntimeSupported,
    // autoscaling
    autoscalingPolicyFieldsMatchType,
    autoscalingResourceLabelValid,
    // elasticache
    elasticacheAuthTokenRequiresTransitEncryption,
    // values
    pulumiOutputNotStringified,
    // values AWS rejects at create (CloudWatch, EC2)
    cloudwatchDashboardBodyValid,
    cloudwatchMetricAlarmValid,
    cloudwatchLogMetricFilterPatternValid,
    ec2LaunchTemplateUserDataBase64,
    // iam
    iamPolicyDocumentValid,
    iamManagedPolicyExists,
    // lambda
    lambdaEnvironmentNoReservedKeys,
    // rds
    rdsMasterCredentialsValid,
    rdsConfigurationSupported,
    // regions
    cloudfrontDependenciesInUsEast1,
    availabilityZoneInRegion,
    // s3: services and ACLs that must be let into buckets
    s3AclRequiresOwnershipControls,
    s3ReplicationPrerequisites,
    s3LogDeliveryAllowed,
    // config: AWS Config recorder, delivery channel and rules
    awsConfigWiringValid,
    // account-aware (opt-in: disabled by default)
    accountNameNotTaken,
    accountSingletonsFree,
    accountQuotasSufficient,
    accountReferencesExist,
    // regions: names and services AWS reserves or closed
    route53ZoneNameNotReserved,
    serviceOpenToNewCustomers,
];
