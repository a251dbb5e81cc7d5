// S3 Object Ownership: new buckets have ACLs disabled (`BucketOwnerEnforced`, the default since April 2023), and
// only a BucketOwnershipControls rule of ObjectWriter or BucketOwnerPreferred enables them.
// Sources: docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html and
// object-ownership-error-responses.html; API_TargetGrant.html ("Buckets that use the bucket owner enforced setting
// for Object Ownership don't support target grants"); AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html.
import type { StackResource } from "../../framework/policy";
import { UNKNOWN } from "../../framework/properties";

/** Object Ownership settings under which a bucket accepts ACLs. */
export const ACL_ENABLING_OWNERSHIP: ReadonlySet<string> = new Set(["ObjectWriter", "BucketOwnerPreferred"]);

/** The one canned ACL CreateBucket accepts on a bucket with ACLs disabled (it grants the owner only). */
export const PRIVATE_CANNED_ACL = "private";

/** CreateBucket with a canned ACL other than private (seen in CloudFormation and SDK reports since April 2023). */
export const INVALID_BUCKET_ACL_ERROR =
    "InvalidBucketAclWithObjectOwnership: Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting";

/** CloudFront standard logging (legacy) to a bucket with ACLs disabled; CloudFront names the bucket's domain. */
export const CLOUDFRONT_LOG_BUCKET_ERROR =
    "The S3 bucket that you specified for CloudFront logs does not enable ACL access: <bucket>.s3.amazonaws.com";

/** What a bucket's BucketOwnershipControls resources say about ACLs. */
export type AclOwnership =
    | { readonly kind: "none" }
    | { readonly kind: "unknown" }
    | { readonly kind: "disabled"; readonly controls: StackResource; readonly setting: string | undefined }
    | { readonly kind: "enabled"; readonly controls: readonly StackResource[] };

const OBJECT_OWNERSHIP = ["rule", "objectOwnership"] as const;

export function aclOwnership(controls: readonly StackResource[] | undefined): AclOwnership {
    if (!controls || controls.length === 0) {
        return { kind: "none" };
    }
    const enabling: StackResource[] = [];
    let disabling: StackResource | undefined;
    for (const resource of controls) {
        const setting = resource.props.get([...OBJECT_OWNERSHIP]);
        if (setting === UNKNOWN) {
            return { kind: "unknown" };
        }
        if (typeof setting === "string" && ACL_ENABLING_OWNERSHIP.has(setting)) {
            enabling.push(resource);
        } else {
            disabling ??= resource;
        }
    }
    if (enabling.length > 0) {
        return { kind: "enabled", controls: enabling };
    }
    const setting = disabling!.props.string([...OBJECT_OWNERSHIP]);
    return {
        kind: "disabled",
        controls: disabling!,
        setting: typeof setting === "string" && !disabling!.props.isSecret([...OBJECT_OWNERSHIP]) ? setting : undefined,
    };
}
