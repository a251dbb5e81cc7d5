// Log writers (lib/aws/s3/log-writers.ts) whose bucket encrypts by default with a KMS key of the stack: S3 encrypts
// each object the service writes with that key on the service's behalf, so the key policy must let the service in.
// One consumer row per writer row that says what it needs of the key (`key`); found by code, since the key is not a
// property of the writer but of its bucket's encryption configuration.
import type { ConsumerRule, ConsumerUse, LocateContext } from "../consumers";
import type { StackResource } from "../../framework/policy";
import { UNKNOWN } from "../../framework/properties";
import { BucketEncryptions } from "../s3/encryption";
import { LOG_WRITERS, LogWriter } from "../s3/log-writers";
import { StackBuckets } from "../s3/stack-buckets";
import type { KeyLink } from "./keys";

interface Buckets {
    readonly buckets: StackBuckets;
    readonly encryptions: BucketEncryptions;
}

// One index of the stack's buckets per validation, shared by the writer rows (each rule locates separately).
const indexes = new WeakMap<LocateContext<KeyLink>, Buckets>();

function bucketsOf(ctx: LocateContext<KeyLink>): Buckets {
    let found = indexes.get(ctx);
    if (!found) {
        const buckets = new StackBuckets(ctx);
        found = { buckets, encryptions: new BucketEncryptions(ctx, buckets) };
        indexes.set(ctx, found);
    }
    return found;
}

function ownKeySet(writer: LogWriter, resource: StackResource): boolean {
    const property = writer.key?.ownKey;
    if (!property) {
        return false;
    }
    const value = resource.props.get(property);
    return value === UNKNOWN || (typeof value === "string" && value !== "");
}

function locateWriter(writer: LogWriter) {
    return (ctx: LocateContext<KeyLink>) => {
        const uses: ConsumerUse<KeyLink>[] = [];
        const resources = ctx.ofType(...writer.types);
        if (resources.length === 0) {
            return { uses, notes: [] };
        }
        const { buckets, encryptions } = bucketsOf(ctx);
        for (const resource of resources) {
            const delivery = writer.delivery(resource);
            if (delivery === undefined || delivery === "unknown" || ownKeySet(writer, resource)) {
                continue;
            }
            const bucket = buckets.target(resource, delivery.property, delivery.path);
            if (typeof bucket === "string") {
                continue; // outside the stack, or not known now
            }
            const encryption = encryptions.of(bucket);
            if (encryption.kind !== "kms") {
                continue;
            }
            const [property] = encryption.keyPath;
            const value = encryption.resource.props.get([...encryption.keyPath]);
            for (const target of ctx.resolve(encryption.resource, String(property), value)) {
                uses.push({
                    consumer: resource,
                    path: [...delivery.path],
                    target,
                    via: `It writes to bucket '${bucket.name}', whose default encryption (SSE-KMS) uses this key.`,
                    uncertain: writer.key?.uncertain,
                });
            }
        }
        return { uses, notes: [] };
    };
}

/** The consumer rows of the log writers that say what they need of an SSE-KMS bucket's key. */
export const BUCKET_WRITER_CONSUMERS: readonly ConsumerRule<KeyLink>[] = LOG_WRITERS.flatMap(writer => {
    const key = writer.key;
    if (!key) {
        return [];
    }
    const principal = writer.principals(undefined)?.recommended.id;
    if (!principal) {
        return [];
    }
    return [{
        type: writer.types[0],
        property: "(its bucket's default encryption key)",
        principal,
        actions: key.actions,
        recommendedActions: key.recommendedActions,
        service: writer.who.replace(/\s*\(.*\)$/, ""),
        who: `${writer.who}, writing to an SSE-KMS bucket`,
        consequence: key.consequence,
        failure: key.failure,
        locate: locateWriter(writer),
        source: key.source,
    }];
});
