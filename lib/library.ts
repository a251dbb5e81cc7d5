// The package's library entry (`import { preflightPolicies } from "aws-preflight"`): aws-preflight's policies for an
// organisation's own policy pack, and `checkProgram` for a program's own tests. Importing it starts nothing, reads no
// file and loads neither @pulumi/aws nor the program runner; the pack itself is index.ts.
import type { EnforcementLevel, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { PreflightPolicy } from "./framework/policy";
import { allPolicies } from "../policies";
import { autoscalingPolicyFieldsMatchType } from "../policies/autoscaling/autoscaling-policy-fields-match-type";
import { autoscalingResourceLabelValid } from "../policies/autoscaling/autoscaling-resource-label-valid";
import { ebsEncryptionExplicitKmsKey } from "../policies/ebs/ebs-encryption-explicit-kms-key";
import { elasticacheAuthTokenRequiresTransitEncryption } from "../policies/elasticache/elasticache-auth-token-requires-transit-encryption";
import { kmsKeyGrantsServicePrincipals } from "../policies/kms/kms-key-grants-service-principals";
import { kmsKeyPolicyLeastPrivilege } from "../policies/kms/kms-key-policy-least-privilege";
import { physicalNameHasUniquenessSuffix } from "../policies/naming/physical-name-has-uniqueness-suffix";
import { physicalNameUniqueInStack } from "../policies/naming/physical-name-unique-in-stack";
import { physicalNameValid } from "../policies/naming/physical-name-valid";
import { s3BucketNameValid } from "../policies/s3/s3-bucket-name-valid";
import { s3BucketPolicyNotPublic } from "../policies/s3/s3-bucket-policy-not-public";
import { s3NoDeprecatedV2Resources } from "../policies/s3/s3-no-deprecated-v2-resources";
import { elasticacheEngineVersionSupported } from "../policies/versions/elasticache-engine-version-supported";
import { lambdaRuntimeSupported } from "../policies/versions/lambda-runtime-supported";
import { rdsEngineVersionSupported } from "../policies/versions/rds-engine-version-supported";
import { rdsInstanceClassSupported } from "../policies/versions/rds-instance-class-supported";
import { pulumiOutputNotStringified } from "../policies/values/pulumi-output-not-stringified";
import { iamPolicyDocumentValid } from "../policies/iam/iam-policy-document-valid";
import { iamManagedPolicyExists } from "../policies/iam/iam-managed-policy-exists";
import { lambdaEnvironmentNoReservedKeys } from "../policies/lambda/lambda-environment-no-reserved-keys";
import { cloudwatchDashboardBodyValid } from "../policies/cloudwatch/cloudwatch-dashboard-body-valid";
import { cloudwatchMetricAlarmValid } from "../policies/cloudwatch/cloudwatch-metric-alarm-valid";
import { cloudwatchLogMetricFilterPatternValid } from "../policies/cloudwatch/cloudwatch-log-metric-filter-pattern-valid";
import { ec2LaunchTemplateUserDataBase64 } from "../policies/ec2/ec2-launch-template-user-data-base64";
import { rdsMasterCredentialsValid } from "../policies/rds/rds-master-credentials-valid";
import { rdsConfigurationSupported } from "../policies/rds/rds-configuration-supported";
import { cloudfrontDependenciesInUsEast1 } from "../policies/regions/cloudfront-dependencies-in-us-east-1";
import { availabilityZoneInRegion } from "../policies/regions/availability-zone-in-region";
import { route53ZoneNameNotReserved } from "../policies/route53/route53-zone-name-not-reserved";
import { serviceOpenToNewCustomers } from "../policies/regions/service-open-to-new-customers";
import { s3AclRequiresOwnershipControls } from "../policies/s3/s3-acl-requires-ownership-controls";
import { s3ReplicationPrerequisites } from "../policies/s3/s3-replication-prerequisites";
import { s3LogDeliveryAllowed } from "../policies/s3/s3-log-delivery-allowed";
import { awsConfigWiringValid } from "../policies/config/aws-config-wiring-valid";
import { accountNameNotTaken } from "../policies/account/account-name-not-taken";
import { accountQuotasSufficient } from "../policies/account/account-quotas-sufficient";
import { accountReferencesExist } from "../policies/account/account-references-exist";
import { accountSingletonsFree } from "../policies/account/account-singletons-free";
import type { CheckOptions, CheckReport } from "./runner/check";

export type { CheckFinding, CheckOptions, CheckReport } from "./runner/check";
export type { EnforcementLevel };

/** Every policy by its name, typed with its config options. */
interface PolicyTypes {
    "kms-key-grants-service-principals": typeof kmsKeyGrantsServicePrincipals;
    "kms-key-policy-least-privilege": typeof kmsKeyPolicyLeastPrivilege;
    "s3-bucket-name-valid": typeof s3BucketNameValid;
    "s3-bucket-policy-not-public": typeof s3BucketPolicyNotPublic;
    "s3-no-deprecated-v2-resources": typeof s3NoDeprecatedV2Resources;
    "physical-name-has-uniqueness-suffix": typeof physicalNameHasUniquenessSuffix;
    "physical-name-valid": typeof physicalNameValid;
    "physical-name-unique-in-stack": typeof physicalNameUniqueInStack;
    "ebs-encryption-explicit-kms-key": typeof ebsEncryptionExplicitKmsKey;
    "rds-engine-version-supported": typeof rdsEngineVersionSupported;
    "rds-instance-class-supported": typeof rdsInstanceClassSupported;
    "elasticache-engine-version-supported": typeof elasticacheEngineVersionSupported;
    "lambda-runtime-supported": typeof lambdaRuntimeSupported;
    "autoscaling-policy-fields-match-type": typeof autoscalingPolicyFieldsMatchType;
    "autoscaling-resource-label-valid": typeof autoscalingResourceLabelValid;
    "elasticache-auth-token-requires-transit-encryption": typeof elasticacheAuthTokenRequiresTransitEncryption;
    "pulumi-output-not-stringified": typeof pulumiOutputNotStringified;
    "cloudwatch-dashboard-body-valid": typeof cloudwatchDashboardBodyValid;
    "cloudwatch-metric-alarm-valid": typeof cloudwatchMetricAlarmValid;
    "cloudwatch-log-metric-filter-pattern-valid": typeof cloudwatchLogMetricFilterPatternValid;
    "ec2-launch-template-user-data-base64": typeof ec2LaunchTemplateUserDataBase64;
    "iam-policy-document-valid": typeof iamPolicyDocumentValid;
    "iam-managed-policy-exists": typeof iamManagedPolicyExists;
    "lambda-environment-no-reserved-keys": typeof lambdaEnvironmentNoReservedKeys;
    "rds-master-credentials-valid": typeof rdsMasterCredentialsValid;
    "rds-configuration-supported": typeof rdsConfigurationSupported;
    "cloudfront-dependencies-in-us-east-1": typeof cloudfrontDependenciesInUsEast1;
    "availability-zone-in-region": typeof availabilityZoneInRegion;
    "s3-acl-requires-ownership-controls": typeof s3AclRequiresOwnershipControls;
    "s3-replication-prerequisites": typeof s3ReplicationPrerequisites;
    "s3-log-delivery-allowed": typeof s3LogDeliveryAllowed;
    "aws-config-wiring-valid": typeof awsConfigWiringValid;
    "account-name-not-taken": typeof accountNameNotTaken;
    "account-singletons-free": typeof accountSingletonsFree;
    "account-quotas-sufficient": typeof accountQuotasSufficient;
    "account-references-exist": typeof accountReferencesExist;
    "route53-zone-name-not-reserved": typeof route53ZoneNameNotReserved;
    "service-open-to-new-customers": typeof serviceOpenToNewCustomers;
}

/** The name of an aws-preflight policy. */
export type PolicyName = keyof PolicyTypes;

/** The config options of one policy, as in a `--policy-pack-config` file (every option may be left out). */
export type PolicyConfig<N extends PolicyName> = PolicyTypes[N] extends PreflightPolicy<infer C> ? Partial<C> : never;

/** The same list at run time (a test checks it is exactly policies/index.ts, so a new policy gets its types). */
export const TYPED_POLICIES: { readonly [N in PolicyName]: PolicyTypes[N] } = {
    "kms-key-grants-service-principals": kmsKeyGrantsServicePrincipals,
    "kms-key-policy-least-privilege": kmsKeyPolicyLeastPrivilege,
    "s3-bucket-name-valid": s3BucketNameValid,
    "s3-bucket-policy-not-public": s3BucketPolicyNotPublic,
    "s3-no-deprecated-v2-resources": s3NoDeprecatedV2Resources,
    "physical-name-has-uniqueness-suffix": physicalNameHasUniquenessSuffix,
    "physical-name-valid": physicalNameValid,
    "physical-name-unique-in-stack": physicalNameUniqueInStack,
    "ebs-encryption-explicit-kms-key": ebsEncryptionExplicitKmsKey,
    "rds-engine-version-supported": rdsEngineVersionSupported,
    "rds-instance-class-supported": rdsInstanceClassSupported,
    "elasticache-engine-version-supported": elasticacheEngineVersionSupported,
    "lambda-runtime-supported": lambdaRuntimeSupported,
    "autoscaling-policy-fields-match-type": autoscalingPolicyFieldsMatchType,
    "autoscaling-resource-label-valid": autoscalingResourceLabelValid,
    "elasticache-auth-token-requires-transit-encryption": elasticacheAuthTokenRequiresTransitEncryption,
    "pulumi-output-not-stringified": pulumiOutputNotStringified,
    "cloudwatch-dashboard-body-valid": cloudwatchDashboardBodyValid,
    "cloudwatch-metric-alarm-valid": cloudwatchMetricAlarmValid,
    "cloudwatch-log-metric-filter-pattern-valid": cloudwatchLogMetricFilterPatternValid,
    "ec2-launch-template-user-data-base64": ec2LaunchTemplateUserDataBase64,
    "iam-policy-document-valid": iamPolicyDocumentValid,
    "iam-managed-policy-exists": iamManagedPolicyExists,
    "lambda-environment-no-reserved-keys": lambdaEnvironmentNoReservedKeys,
    "rds-master-credentials-valid": rdsMasterCredentialsValid,
    "rds-configuration-supported": rdsConfigurationSupported,
    "cloudfront-dependencies-in-us-east-1": cloudfrontDependenciesInUsEast1,
    "availability-zone-in-region": availabilityZoneInRegion,
    "s3-acl-requires-ownership-controls": s3AclRequiresOwnershipControls,
    "s3-replication-prerequisites": s3ReplicationPrerequisites,
    "s3-log-delivery-allowed": s3LogDeliveryAllowed,
    "aws-config-wiring-valid": awsConfigWiringValid,
    "account-name-not-taken": accountNameNotTaken,
    "account-singletons-free": accountSingletonsFree,
    "account-quotas-sufficient": accountQuotasSufficient,
    "account-references-exist": accountReferencesExist,
    "route53-zone-name-not-reserved": route53ZoneNameNotReserved,
    "service-open-to-new-customers": serviceOpenToNewCustomers,
};

export interface PreflightOptions {
    /** Enforcement level per policy, instead of its default (`remediate` only for policies that remediate). */
    readonly levels?: { readonly [N in PolicyName]?: EnforcementLevel };
    /** Config per policy: becomes the policy's defaults, which a `--policy-pack-config` file can still override. */
    readonly config?: { readonly [N in PolicyName]?: PolicyConfig<N> };
    /** Only these policies (all when omitted). */
    readonly only?: readonly PolicyName[];
    /** Leave these policies out. */
    readonly exclude?: readonly PolicyName[];
    /** Prepended to every policy name (e.g. `"aws-"`), so the composed pack's names cannot clash with yours. */
    readonly prefix?: string;
}

export type PreflightPolicyObject = ResourceValidationPolicy | StackValidationPolicy;

/** The names of every aws-preflight policy, in registration order. */
export function preflightPolicyNames(): PolicyName[] {
    return allPolicies.map(p => p.metadata.name as PolicyName);
}

/**
 * aws-preflight's policies for `new PolicyPack(name, { policies: [...preflightPolicies(options), ...yours] })`.
 * Throws on a name, option or level that does not exist, so a typo fails when the pack starts, not silently.
 */
export function preflightPolicies(options: PreflightOptions = {}): PreflightPolicyObject[] {
    const byName = new Map(allPolicies.map(p => [p.metadata.name, p]));
    const known = (where: string, names: readonly string[] | undefined) => {
        for (const name of names ?? []) {
            if (!byName.has(name)) {
                throw new Error(`aws-preflight: ${where} names '${name}', which is not an aws-preflight policy. ` +
                    `Policies: ${[...byName.keys()].join(", ")}.`);
            }
        }
    };
    known("`only`", options.only);
    known("`exclude`", options.exclude);
    known("`levels`", Object.keys(options.levels ?? {}));
    known("`config`", Object.keys(options.config ?? {}));
    const only = options.only ? new Set<string>(options.only) : undefined;
    const exclude = new Set<string>(options.exclude ?? []);
    return allPolicies
        .filter(p => (!only || only.has(p.metadata.name)) && !exclude.has(p.metadata.name))
        .map(p => composed(p, options));
}

function composed(source: PreflightPolicy, options: PreflightOptions): PreflightPolicyObject {
    const name = source.metadata.name as PolicyName;
    const level = options.levels?.[name];
    const chosen = (options.config?.[name] ?? {}) as Record<string, unknown>;
    const policy = source.policy as ResourceValidationPolicy & StackValidationPolicy;
    if (level !== undefined && !["advisory", "mandatory", "remediate", "disabled"].includes(level)) {
        throw new Error(`aws-preflight: level '${String(level)}' for '${name}' is not one of advisory, mandatory, remediate, disabled.`);
    }
    if (level === "remediate" && !policy.remediateResource) {
        throw new Error(`aws-preflight: '${name}' cannot remediate (it has no automatic fix); use "advisory" or "mandatory".`);
    }
    const schema = (policy.configSchema?.properties ?? {}) as Record<string, PolicyConfigJSONSchema>;
    for (const [key, value] of Object.entries(chosen)) {
        const property = schema[key];
        if (!property) {
            const keys = Object.keys(schema);
            throw new Error(`aws-preflight: '${name}' has no option '${key}'; ` +
                `${keys.length > 0 ? `its options are ${keys.join(", ")}` : "it has no options"}.`);
        }
        if (value !== undefined && !matchesSchemaType(value, property)) {
            throw new Error(`aws-preflight: '${name}.${key}' must be of type ${JSON.stringify(property.type)}, got ${JSON.stringify(value)}.`);
        }
    }
    const defaults: Record<string, PolicyConfigJSONSchema> = {};
    for (const [key, property] of Object.entries(schema)) {
        defaults[key] = key in chosen && chosen[key] !== undefined ? { ...property, default: chosen[key] } as PolicyConfigJSONSchema : property;
    }
    // The CLI sends the schema defaults with every Configure call, so the chosen values arrive that way; filling in
    // missing keys as well keeps them when a host sends a partial config.
    const withChosen = <A extends { getConfig<T extends object>(): T }>(args: A): A => Object.create(args, {
        getConfig: { value: () => ({ ...chosen, ...definedOnly(args.getConfig<Record<string, unknown>>()) }) },
    });
    const out: Record<string, unknown> = {
        ...policy,
        name: `${options.prefix ?? ""}${name}`,
        enforcementLevel: level ?? policy.enforcementLevel,
        configSchema: { ...policy.configSchema, properties: defaults },
    };
    if (policy.validateResource) {
        // The framework registers one function per policy (never an array).
        const validate = policy.validateResource as ResourceValidation;
        const wrapped: ResourceValidation = (args, report) => validate(withChosen(args), report);
        // Lets the @pulumi/policy server skip other resource types, as the original does.
        Object.assign(wrapped, { __pulumiType: (validate as { __pulumiType?: string }).__pulumiType });
        out.validateResource = wrapped;
    }
    if (policy.remediateResource) {
        const remediate = policy.remediateResource;
        out.remediateResource = (args: Parameters<typeof remediate>[0]) => remediate(withChosen(args));
    }
    if (policy.validateStack) {
        const validate = policy.validateStack;
        out.validateStack = (args: Parameters<typeof validate>[0], report: Parameters<typeof validate>[1]) =>
            validate(withChosen(args), report);
    }
    return out as unknown as PreflightPolicyObject;
}

function definedOnly(config: Record<string, unknown> | undefined): Record<string, unknown> {
    return Object.fromEntries(Object.entries(config ?? {}).filter(([, value]) => value !== undefined && value !== null));
}

function matchesSchemaType(value: unknown, schema: PolicyConfigJSONSchema): boolean {
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.length === 0 || types.some(type => {
        switch (type) {
            case "array": return Array.isArray(value);
            case "object": return typeof value === "object" && value !== null && !Array.isArray(value);
            case "integer": return Number.isInteger(value);
            case "null": return value === null;
            default: return typeof value === type;
        }
    });
}

/**
 * Runs a Pulumi TypeScript/JavaScript program in preview mode and checks it with the compiled pack over the
 * analyzer protocol, as `npx aws-preflight check` does. Rejects with a `ProgramError` when the program fails.
 */
export async function checkProgram(dir: string, options: CheckOptions = {}): Promise<CheckReport> {
    // Loaded on first use: the runner needs gRPC and a child process, a policy pack importing this file does not.
    const { checkProgram: run } = await import("./runner/check");
    return run(dir, options);
}

export { ProgramError } from "./runner/check-errors";
