// Which bucket of the stack a property names: through the engine's property dependencies while the bucket's name is
// still unknown, else by its known name, ARN or domain name. And the satellite resources of each bucket
// (BucketAcl, BucketOwnershipControls, BucketVersioning, ...), found by their `bucket` property.
import { IdentifierIndex, referencedResources } from "../../framework/links";
import type { StackContext, StackResource } from "../../framework/policy";
import { S3_BUCKET_TYPES } from "../resource-types";

const BUCKET_TYPES: ReadonlySet<string> = new Set(S3_BUCKET_TYPES);

/** `name.s3.amazonaws.com`, `name.s3.eu-west-1.amazonaws.com`, `name.s3-eu-west-1.amazonaws.com` (and other partitions). */
const DOMAIN_NAME = /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;

/** The bucket name a bucket reference carries: a name, an S3 ARN (`arn:aws:s3:::name`) or a bucket domain name. */
export function bucketNameOf(reference: string): string {
    const arn = /^arn:[a-z-]+:s3:::([^/]+)$/.exec(reference);
    if (arn) {
        return arn[1];
    }
    return DOMAIN_NAME.exec(reference)?.[1] ?? reference;
}

/** The bucket a property refers to: a stack bucket, "unknown" when the reference cannot be resolved, or "outside". */
export type BucketTarget = StackResource | "unknown" | "outside";

export class StackBuckets {
    readonly all: readonly StackResource[];
    private readonly index = new IdentifierIndex();

    constructor(ctx: Pick<StackContext<unknown>, "ofType">) {
        this.all = ctx.ofType(...S3_BUCKET_TYPES);
        for (const bucket of this.all) {
            this.index.add(bucket, bucket.props.string("bucket"), bucket.props.string("id"), bucket.props.string("arn"));
        }
    }

    /**
     * The bucket that `resource`'s property (top-level `property`, value at `path`, default the property itself) names.
     * A reference with property dependencies on several buckets (an interpolated string) is "unknown".
     */
    target(resource: StackResource, property: string, path: readonly (string | number)[] = [property]): BucketTarget {
        const value = resource.props.get([...path]);
        const found = referencedResources(resource, property, value, BUCKET_TYPES, this.index,
            reference => [bucketNameOf(reference)]);
        if (found.length === 1) {
            return found[0];
        }
        if (found.length > 1) {
            return "unknown";
        }
        // `bucket: ownershipControls.bucket` depends on the satellite, not on the bucket: follow that one hop.
        const viaSatellite = new Set<StackResource>();
        for (const dep of resource.dependenciesOf(property)) {
            for (const bucket of BUCKET_TYPES.has(dep.type) ? [] : dep.dependenciesOf("bucket")) {
                if (BUCKET_TYPES.has(bucket.type)) {
                    viaSatellite.add(bucket);
                }
            }
        }
        if (viaSatellite.size > 0) {
            return viaSatellite.size === 1 ? [...viaSatellite][0] : "unknown";
        }
        return typeof value === "string" && value !== "" ? "outside" : "unknown";
    }

    /** The resources of `types` attached to each stack bucket through their `bucket` property. */
    attached(ctx: Pick<StackContext<unknown>, "ofType">, ...types: string[]): Map<StackResource, StackResource[]> {
        const out = new Map<StackResource, StackResource[]>();
        for (const resource of ctx.ofType(...types)) {
            const bucket = this.target(resource, "bucket");
            if (typeof bucket !== "string") {
                const list = out.get(bucket);
                list ? list.push(resource) : out.set(bucket, [resource]);
            }
        }
        return out;
    }
}
