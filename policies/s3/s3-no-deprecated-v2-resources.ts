import { resourcePolicy } from "../../lib/framework/policy";
import { awsProviderVersion } from "../../lib/aws/provider-version";
import { S3_DEPRECATED_V2_REPLACEMENTS, S3_DEPRECATED_V2_TYPES } from "../../lib/aws/resource-types";

/** The @pulumi/aws major version that deprecated the V2 types; before it they are the current types. */
const DEPRECATED_SINCE_MAJOR = 7;

/** `aws:s3/bucketVersioning:BucketVersioning` -> `aws.s3.BucketVersioning`. */
function className(token: string): string {
    const [pkg, module, name] = token.split(":");
    return `${pkg}.${module.split("/")[0]}.${name}`;
}

export const s3NoDeprecatedV2Resources = resourcePolicy<Record<string, never>>({
    name: "s3-no-deprecated-v2-resources",
    description: "S3 resources should not use the V2 types deprecated in @pulumi/aws v7.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["s3", "deprecation", "pulumi-aws-v7"],
    remediationSteps: "Replace the V2 class with the class of the same name without V2 (aws.s3.BucketV2 -> aws.s3.Bucket, " +
        "aws.s3.BucketVersioningV2 -> aws.s3.BucketVersioning, ...). The arguments stay the same, and the new class declares " +
        "an alias to the V2 type, so `pulumi up` renames the resource in the state without replacing the bucket.",
    resourceTypes: S3_DEPRECATED_V2_TYPES,
    config: {},
    docs: {
        failure: "With @pulumi/aws v7 the S3 V2 resources still deploy but are deprecated and will be removed in a later " +
            "major version; every `pulumi up` warns about them. With @pulumi/aws v6 they are the current types and " +
            "the policy stays silent. When the provider's version is not known, the policy assumes v7 or later and " +
            "says so in its message.",
    },
    validate: ctx => {
        const replacement = S3_DEPRECATED_V2_REPLACEMENTS[ctx.type];
        if (replacement === undefined) {
            return;
        }
        const version = awsProviderVersion(ctx.provider);
        if (version !== undefined && version.major < DEPRECATED_SINCE_MAJOR) {
            return; // v6 and earlier: the V2 type is the current one
        }
        const context = version !== undefined ? `This stack uses ${version.text}.`
            : "The provider's version is not known here; with v6 the V2 type is the current one: ignore this then.";
        ctx.report({
            message: `${className(ctx.type)} is deprecated in @pulumi/aws v7: use ${className(replacement)} (same arguments).\n\n` +
                `${context} ${ctx.type} becomes ${replacement}; the new type declares an alias to the V2 type, so ` +
                "pulumi up renames it in the state and replaces nothing.",
        });
    },
});
