import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { s3AclRequiresOwnershipControls } from "../../../policies/s3/s3-acl-requires-ownership-controls";
import { ResourceRecord, secret, UNKNOWN, urnOf } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const STACK = { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } };

const run = (records: readonly ResourceRecord[]) => validateStack(s3AclRequiresOwnershipControls, records, {}, STACK);
const headline = (message: string) => message.split("\n")[0];
const program = (fn: () => void) => recordProgram(fn, STACK);
/** The URN a recorded program gave the resource of that name. */
const urnIn = (records: readonly ResourceRecord[], name: string) => records.find(r => r.name === name)!.urn;

/** A minimal CloudFront distribution that logs to `bucket` (a bucket domain name). */
function distribution(name: string, bucket: pulumi.Input<string>, opts: aws.types.input.cloudfront.DistributionLoggingConfig | object = {},
    resourceOpts: { dependsOn?: pulumi.Resource[] } = {}) {
    return new aws.cloudfront.Distribution(name, {
        enabled: true,
        origins: [{ domainName: "example.com", originId: "site", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
        defaultCacheBehavior: { allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], targetOriginId: "site", viewerProtocolPolicy: "redirect-to-https" },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
        loggingConfig: { bucket, prefix: "cdn/", ...opts },
    }, resourceOpts);
}

describe("s3-acl-requires-ownership-controls", () => {
    it("has its public metadata", () => {
        const p = s3AclRequiresOwnershipControls.policy;
        assert.strictEqual(p.name, "s3-acl-requires-ownership-controls");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.strictEqual(s3AclRequiresOwnershipControls.kind, "stack");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), []);
    });

    describe("an ACL on the bucket resource itself", () => {
        it("reports acl \"log-delivery-write\" on a new v7 Bucket, even with ownership controls (CreateBucket carries it)", async () => {
            const records = await program(() => {
                const logs = new aws.s3.Bucket("logs", { acl: "log-delivery-write" });
                new aws.s3.BucketOwnershipControls("logs-ownership", { bucket: logs.id, rule: { objectOwnership: "BucketOwnerPreferred" } });
            });
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].urn, urnIn(records, "logs"));
            assert.strictEqual(reported[0].level, "mandatory");
            assert.match(headline(reported[0].message), /^acl: acl "log-delivery-write" fails: new buckets are created with ACLs disabled\. Remove it; use BucketOwnershipControls and a BucketAcl$/);
            assert.match(reported[0].message, /InvalidBucketAclWithObjectOwnership: Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting/);
            assert.match(reported[0].message, /logging\.s3\.amazonaws\.com/);
        });

        it("reports the v6 legacy Bucket and v6 BucketV2 shapes too, and accepts \"private\" (what CreateBucket sends by default)", async () => {
            const records = await program(() => {
                new aws6.s3.Bucket("legacy", { acl: "aws-exec-read" });
                new aws6.s3.BucketV2("v2", { acl: "log-delivery-write" });
                new aws6.s3.BucketV2("private-v2", { acl: "private" });
                new aws.s3.Bucket("private", { acl: "private" });
                new aws.s3.Bucket("plain", {});
            });
            const reported = run(records);
            assert.deepStrictEqual(reported.map(r => r.urn).sort(), [urnIn(records, "legacy"), urnIn(records, "v2")].sort());
        });

        it("reports inline grants, in v7 and v6 shapes", async () => {
            const grant = { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery", permissions: ["WRITE", "READ_ACP"] };
            const records = await program(() => {
                new aws.s3.Bucket("v7", { grants: [grant] });
                new aws6.s3.BucketV2("v6", { grants: [grant] });
            });
            const reported = run(records);
            assert.strictEqual(reported.length, 2, JSON.stringify(reported));
            for (const r of reported) {
                assert.match(headline(r.message), /^grants: inline grants fail: /);
                assert.match(r.message, /AccessControlListNotSupported: The bucket does not allow ACLs/);
            }
        });

        it("leaves public ACLs to s3-bucket-policy-not-public unless an access block lets them through", async () => {
            const publicOnly = await program(() => {
                new aws.s3.Bucket("site", { acl: "public-read" });
                new aws.s3.Bucket("grants", { grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers", permissions: ["READ"] }] });
            });
            assert.deepStrictEqual(run(publicOnly), []);
            const allowed = await program(() => {
                const site = new aws.s3.Bucket("site", { acl: "public-read" });
                new aws.s3.BucketPublicAccessBlock("site-access", { bucket: site.id, blockPublicAcls: false, ignorePublicAcls: false });
            });
            const reported = run(allowed);
            assert.strictEqual(reported.length, 1);
            assert.match(headline(reported[0].message), /^acl: acl "public-read" fails/);
        });
    });

    describe("BucketAcl and BucketAclV2", () => {
        it("reports a BucketAcl on a new bucket without ownership controls (even \"private\": PutBucketAcl is refused)", async () => {
            const records = await program(() => {
                const logs = new aws.s3.Bucket("logs", {});
                new aws.s3.BucketAcl("logs-acl", { bucket: logs.id, acl: "private" });
            });
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].urn, urnIn(records, "logs-acl"));
            assert.match(headline(reported[0].message), /^acl: this ACL fails: new bucket 'logs' has ACLs disabled\. Add BucketOwnershipControls \(BucketOwnerPreferred\) and dependsOn it$/);
            assert.match(reported[0].message, /"AccessControlListNotSupported: The bucket does not allow ACLs"/);
        });

        it("the fix from the message is clean: ownership controls that enable ACLs, and dependsOn", async () => {
            for (const objectOwnership of ["BucketOwnerPreferred", "ObjectWriter"]) {
                const records = await program(() => {
                    const logs = new aws.s3.Bucket("logs", {});
                    const ownership = new aws.s3.BucketOwnershipControls("logs-ownership", { bucket: logs.id, rule: { objectOwnership } });
                    new aws.s3.BucketAcl("logs-acl", { bucket: logs.id, acl: "log-delivery-write" }, { dependsOn: [ownership] });
                });
                assert.deepStrictEqual(run(records), [], objectOwnership);
            }
        });

        it("an ACL that takes its bucket from the ownership controls waits for them", async () => {
            const records = await program(() => {
                const logs = new aws.s3.Bucket("logs", {});
                const ownership = new aws.s3.BucketOwnershipControls("logs-ownership", { bucket: logs.id, rule: { objectOwnership: "ObjectWriter" } });
                new aws.s3.BucketAcl("logs-acl", { bucket: ownership.bucket, acl: "log-delivery-write" });
            });
            assert.deepStrictEqual(run(records), []);
        });

        it("reports ownership controls without a dependency, and BucketOwnerEnforced", async () => {
            const unordered = await program(() => {
                const logs = new aws.s3.Bucket("logs", {});
                new aws.s3.BucketOwnershipControls("logs-ownership", { bucket: logs.id, rule: { objectOwnership: "BucketOwnerPreferred" } });
                new aws.s3.BucketAcl("logs-acl", { bucket: logs.id, acl: "log-delivery-write" });
            });
            const race = run(unordered);
            assert.strictEqual(race.length, 1);
            assert.match(headline(race[0].message), /^acl: this ACL can fail: it does not wait for BucketOwnershipControls 'logs-ownership'\. Add dependsOn: \[ownershipControls\]$/);
            const enforced = await program(() => {
                const logs = new aws.s3.Bucket("logs", {});
                const ownership = new aws.s3.BucketOwnershipControls("logs-ownership", { bucket: logs.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
                new aws.s3.BucketAcl("logs-acl", { bucket: logs.id, acl: "log-delivery-write" }, { dependsOn: [ownership] });
            });
            const disabled = run(enforced);
            assert.strictEqual(disabled.length, 1);
            assert.match(headline(disabled[0].message), /^acl: this ACL fails: BucketOwnershipControls 'logs-ownership' keeps ACLs disabled on bucket 'logs'\. Set objectOwnership "BucketOwnerPreferred"$/);
            assert.match(disabled[0].message, /rule\.objectOwnership is "BucketOwnerEnforced"/);
        });

        it("reports a v6 BucketAclV2 with an access control policy at that property", async () => {
            const records = await program(() => {
                const assets = new aws6.s3.BucketV2("assets", {});
                new aws6.s3.BucketAclV2("assets-acl", {
                    bucket: assets.id,
                    accessControlPolicy: { owner: { id: "owner" }, grants: [{ grantee: { type: "CanonicalUser", id: "owner" }, permission: "FULL_CONTROL" }] },
                });
            });
            const reported = run(records);
            assert.strictEqual(reported.length, 1);
            assert.match(headline(reported[0].message), /^accessControlPolicy: this ACL fails: new bucket 'assets'/);
        });

        it("skips existing buckets, buckets outside the stack and public ACLs left to s3-bucket-policy-not-public", () => {
            const existing = [
                record(BUCKET, "logs", { bucket: "logs-bucket", arn: "arn:aws:s3:::logs-bucket", id: "logs-bucket", acl: "log-delivery-write" }),
                record(BUCKET_ACL, "acl", { bucket: "logs-bucket", acl: "log-delivery-write" }),
                record(BUCKET_ACL, "outside", { bucket: "someone-elses-bucket", acl: "log-delivery-write" }),
            ];
            assert.deepStrictEqual(run(existing), []);
            const created = [
                record(BUCKET, "site", { bucket: "site-bucket", arn: UNKNOWN, id: UNKNOWN }),
                record(BUCKET_ACL, "acl", { bucket: "site-bucket", acl: "public-read" }),
            ];
            assert.deepStrictEqual(run(created), []);
            const linkedByName = [created[0], record(BUCKET_ACL, "acl", { bucket: "site-bucket", acl: "log-delivery-write" })];
            assert.strictEqual(run(linkedByName).length, 1);
        });
    });

    describe("deliveries that need ACLs", () => {
        it("reports BucketLogging targetGrants to a new bucket, not plain server access logging", async () => {
            const records = await program(() => {
                const logs = new aws.s3.Bucket("logs", {});
                const data = new aws.s3.Bucket("data", {});
                new aws.s3.BucketLogging("data-logging", {
                    bucket: data.id, targetBucket: logs.id, targetPrefix: "data/",
                    targetGrants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, permission: "READ" }],
                });
                new aws.s3.BucketLogging("plain-logging", { bucket: logs.id, targetBucket: logs.id, targetPrefix: "self/" });
            });
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /^targetGrants: logging with target grants fails: new bucket 'logs' has ACLs disabled/);
            assert.match(reported[0].message, /AWS described: buckets that use the bucket owner enforced setting/);
        });

        it("reports CloudFront standard logging to a new bucket, and the fix is clean", async () => {
            const failing = await program(() => {
                const logs = new aws.s3.Bucket("cdn-logs", {});
                distribution("cdn", logs.bucketDomainName);
            });
            const reported = run(failing);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].urn, urnIn(failing, "cdn"));
            assert.match(headline(reported[0].message), /^loggingConfig\.bucket: CloudFront logging fails: new bucket 'cdn-logs' has ACLs disabled/);
            assert.match(reported[0].message, /The S3 bucket that you specified for CloudFront logs does not enable ACL access/);
            const fixed = await program(() => {
                const logs = new aws.s3.Bucket("cdn-logs", {});
                const ownership = new aws.s3.BucketOwnershipControls("cdn-logs-ownership", { bucket: logs.id, rule: { objectOwnership: "BucketOwnerPreferred" } });
                distribution("cdn", logs.bucketDomainName, {}, { dependsOn: [ownership] });
            });
            assert.deepStrictEqual(run(fixed), []);
        });

        it("links a known bucket domain name to the stack bucket", () => {
            const records = [
                record(BUCKET, "cdn-logs", { bucket: "acme-cdn-logs" }),
                record(DISTRIBUTION, "cdn", { loggingConfig: { bucket: "acme-cdn-logs.s3.amazonaws.com" } }),
                record(DISTRIBUTION, "other", { loggingConfig: { bucket: "elsewhere.s3.eu-west-1.amazonaws.com" } }),
            ];
            const reported = run(records);
            assert.deepStrictEqual(reported.map(r => r.urn), [urnOf(DISTRIBUTION, "cdn")]);
        });
    });

    describe("unknown, secret and malformed inputs", () => {
        it("says nothing while the ACL, the bucket or the ownership setting is unknown", () => {
            const dep = { propertyDependencies: { bucket: [urnOf(BUCKET, "logs")] } };
            assert.deepStrictEqual(run([record(BUCKET, "logs", { acl: UNKNOWN, grants: UNKNOWN })]), []);
            assert.deepStrictEqual(run([record(BUCKET, "logs", {}), record(BUCKET_ACL, "acl", { bucket: UNKNOWN, acl: "log-delivery-write" })]), []);
            assert.deepStrictEqual(run([
                record(BUCKET, "logs", {}),
                record(OWNERSHIP, "own", { bucket: UNKNOWN, rule: { objectOwnership: UNKNOWN } }, dep),
                record(BUCKET_ACL, "acl", { bucket: UNKNOWN, acl: "log-delivery-write" }, dep),
            ]), []);
            assert.deepStrictEqual(run([record(BUCKET, "logs", {}), record(LOGGING, "l", { targetBucket: UNKNOWN, targetGrants: UNKNOWN })]), []);
        });

        it("never shows a secret ACL value", () => {
            const reported = run([record(BUCKET, "logs", { acl: secret("log-delivery-write") })]);
            assert.strictEqual(reported.length, 1);
            assert.doesNotMatch(reported[0].message, /log-delivery-write/);
            assert.match(headline(reported[0].message), /^acl: this canned ACL fails/);
            const secretOwnership = run([
                record(BUCKET, "logs", {}),
                record(OWNERSHIP, "own", { bucket: UNKNOWN, rule: { objectOwnership: secret("BucketOwnerEnforced") } }, { propertyDependencies: { bucket: [urnOf(BUCKET, "logs")] } }),
                record(BUCKET_ACL, "acl", { bucket: UNKNOWN, acl: "log-delivery-write" }, { propertyDependencies: { bucket: [urnOf(BUCKET, "logs")] }, dependencies: [urnOf(OWNERSHIP, "own")] }),
            ]);
            assert.strictEqual(secretOwnership.length, 1);
            assert.doesNotMatch(secretOwnership[0].message, /BucketOwnerEnforced"/);
        });

        it("survives wrong shapes", () => {
            const shapes: Record<string, unknown>[] = [
                { acl: 5, grants: "WRITE" }, { grants: [null, null] }, { grants: {} }, { acl: null },
            ];
            for (const properties of shapes) {
                assert.deepStrictEqual(run([record(BUCKET, "b", properties)]), [], JSON.stringify(properties));
            }
            const odd = [
                record(BUCKET, "logs", { bucket: "logs-bucket" }),
                record(OWNERSHIP, "own", { bucket: "logs-bucket", rule: "ObjectWriter" }),
                record(BUCKET_ACL, "acl", { bucket: "logs-bucket", accessControlPolicy: "grants" }),
                record(LOGGING, "l", { targetBucket: "logs-bucket", targetGrants: [null] }),
                record(DISTRIBUTION, "cdn", { loggingConfig: "logs-bucket" }),
            ];
            const reported = run(odd);
            // The ACL is still reported: a rule that is not an object enables nothing.
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /^accessControlPolicy: this ACL fails: BucketOwnershipControls 'own' keeps ACLs disabled/);
        });
    });
});
