import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { s3BucketPolicyNotPublic } from "../../../policies/s3/s3-bucket-policy-not-public";
import { ResourceRecord, secret, UNKNOWN, urnOf } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
const BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const STACK = { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } };

const PUBLIC_READ = { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site-bucket/*" };
const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const run = (records: readonly ResourceRecord[], config: Record<string, unknown> = {}) =>
    validateStack(s3BucketPolicyNotPublic, records, { accountBlocksPublicAccess: true, ...config }, STACK);

/** A bucket, its policy and optionally an access block, as a real program registers them during preview. */
function program(policy: string | aws.iam.PolicyDocument, block?: Omit<aws.s3.BucketPublicAccessBlockArgs, "bucket">) {
    return recordProgram(() => {
        const bucket = new aws.s3.Bucket("site", {});
        new aws.s3.BucketPolicy("site-policy", { bucket: bucket.id, policy: policy as string });
        if (block) {
            new aws.s3.BucketPublicAccessBlock("site-access", { ...block, bucket: bucket.id });
        }
    }, STACK);
}

describe("s3-bucket-policy-not-public", () => {
    it("has its public metadata", () => {
        const p = s3BucketPolicyNotPublic.policy;
        assert.strictEqual(p.name, "s3-bucket-policy-not-public");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["accountBlocksPublicAccess"]);
        assert.strictEqual(p.configSchema!.properties.accountBlocksPublicAccess.default, true);
        assert.strictEqual(s3BucketPolicyNotPublic.kind, "stack");
    });

    it("reports a public-read bucket policy with the statement index, the reason, the AWS error and the fix", async () => {
        const records = await program(doc(PUBLIC_READ));
        const reported = run(records);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        const r = reported[0];
        assert.strictEqual(r.urn, records.find(x => x.type === BUCKET_POLICY)!.urn);
        assert.strictEqual(r.level, "mandatory");
        assert.match(r.message, /^policy\.Statement\[0\]: public: allows "\*" s3:GetObject, which Block Public Access rejects: serve it through CloudFront or add a condition\.\n\nStatement "PublicRead"\./m);
        assert.match(r.message, /No BucketPublicAccessBlock in the stack for this bucket/);
        assert.match(r.message, /because public policies are blocked by the BlockPublicPolicy block public access setting/);
        assert.match(r.message, /CloudFront: Principal \{"Service": "cloudfront\.amazonaws\.com"\}/);
    });

    it("reports {AWS: \"*\"}, NotPrincipal, Statement as an object and a policy given as an object", async () => {
        const forms: unknown[] = [
            doc({ ...PUBLIC_READ, Principal: { AWS: "*" } }),
            doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: "*" }),
            JSON.stringify({ Statement: PUBLIC_READ }),
            { Version: "2012-10-17", Statement: [PUBLIC_READ] },
        ];
        for (const policy of forms) {
            const reported = run(await program(policy as string));
            assert.strictEqual(reported.length, 1, JSON.stringify(policy));
        }
        // A single statement object is reported at its real path, `policy.Statement`, not a `Statement[0]` that does not exist.
        const single = run(await program(JSON.stringify({ Statement: PUBLIC_READ })));
        assert.match(single[0].message, /^policy\.Statement: public: allows/m);
        const listed = run(await program(doc({ ...PUBLIC_READ, Principal: { AWS: "*" } })));
        assert.match(listed[0].message, /^policy\.Statement\[0\]: /m);
        // NotPrincipal allows everyone except the listed principals, whatever those turn out to be.
        const unknownExceptions = run([record(BUCKET_POLICY, "p", { bucket: "b", policy: { Statement: [{ Effect: "Allow", NotPrincipal: { AWS: [UNKNOWN] }, Action: "s3:GetObject", Resource: "*" }] } })]);
        assert.strictEqual(unknownExceptions.length, 1);
        assert.match(unknownExceptions[0].message, /allows everyone except its NotPrincipal/);
    });

    it("reports each public statement separately, and only those", async () => {
        const reported = run(await program(doc(
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:*", Resource: "*" },
            PUBLIC_READ,
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: "*" },
        )));
        assert.deepStrictEqual(reported.map(r => r.message.split("\n")[0].split(":")[0]), ["policy.Statement[1]", "policy.Statement[3]"]);
    });

    it("accepts conditions with fixed values on the keys that make a statement non-public", async () => {
        const conditions: Record<string, unknown>[] = [
            { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
            { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE" } },
            { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
            { StringEquals: { "aws:SourceVpc": "vpc-111bbb22" } },
            { StringEquals: { "aws:SourceAccount": "111122223333" } },
            { StringEquals: { "aws:SourceOwner": "111122223333" } },
            { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
            { StringEquals: { "aws:PrincipalAccount": ["111122223333", "444455556666"] } },
            { StringEquals: { "aws:SourceArn": UNKNOWN } },
        ];
        for (const Condition of conditions) {
            const policy = { Statement: [{ ...PUBLIC_READ, Condition }] };
            assert.deepStrictEqual(run(await program(policy as aws.iam.PolicyDocument)), [], JSON.stringify(Condition));
        }
    });

    it("still reports wildcard, policy-variable, open-network, negated and unrelated conditions", async () => {
        const conditions: Record<string, unknown>[] = [
            { ArnLike: { "aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/*" } },
            { StringEquals: { "aws:SourceAccount": "${aws:PrincipalAccount}" } },
            { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
            { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
            { Bool: { "aws:SecureTransport": "true" } },
        ];
        for (const Condition of conditions) {
            const reported = run(await program(doc({ ...PUBLIC_READ, Condition })));
            assert.strictEqual(reported.length, 1, JSON.stringify(Condition));
        }
    });

    it("the CloudFront origin access control statement from the message is clean", async () => {
        const oac = {
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::site-bucket/*",
            Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE" } },
        };
        assert.deepStrictEqual(run(await program(doc(oac))), []);
    });

    describe("Block Public Access", () => {
        it("is exempt only when the access block allows it AND accountBlocksPublicAccess is false", async () => {
            const allowing = await program(doc(PUBLIC_READ), { blockPublicPolicy: false, restrictPublicBuckets: false });
            assert.deepStrictEqual(run(allowing, { accountBlocksPublicAccess: false }), []);
            const stillBlocked = run(allowing);
            assert.strictEqual(stillBlocked.length, 1);
            assert.match(stillBlocked[0].message, /BucketPublicAccessBlock 'site-access' allows it for this bucket, but the account-level Block Public Access setting blocks it too \(accountBlocksPublicAccess is true/);
        });

        it("an omitted blockPublicPolicy is false; true keeps it blocked whatever the account setting", async () => {
            assert.deepStrictEqual(run(await program(doc(PUBLIC_READ), { blockPublicAcls: true }), { accountBlocksPublicAccess: false }), []);
            const blocking = run(await program(doc(PUBLIC_READ), { blockPublicPolicy: true }), { accountBlocksPublicAccess: false });
            assert.strictEqual(blocking.length, 1);
            assert.match(blocking[0].message, /BucketPublicAccessBlock 'site-access' sets blockPublicPolicy: true\./);
        });

        it("links policies and access blocks by known bucket name when there are no property dependencies", () => {
            const records = [
                record(BUCKET, "site", { bucket: "site-bucket" }),
                record(BUCKET_POLICY, "p", { bucket: "site-bucket", policy: doc(PUBLIC_READ) }),
                record(ACCESS_BLOCK, "b", { bucket: "site-bucket", blockPublicPolicy: false }),
            ];
            assert.deepStrictEqual(run(records, { accountBlocksPublicAccess: false }), []);
            const otherBucket = [...records.slice(0, 2), record(ACCESS_BLOCK, "b", { bucket: "other-bucket", blockPublicPolicy: false })];
            assert.strictEqual(run(otherBucket, { accountBlocksPublicAccess: false }).length, 1);
            const external = [record(BUCKET_POLICY, "p", { bucket: "external", policy: doc(PUBLIC_READ) }), record(ACCESS_BLOCK, "b", { bucket: "external", blockPublicPolicy: false })];
            assert.deepStrictEqual(run(external, { accountBlocksPublicAccess: false }), [], "a bucket outside the stack, linked by name");
        });

        it("gives an unknown access-block flag the benefit of the doubt", () => {
            const records = [
                record(BUCKET, "site", {}),
                record(BUCKET_POLICY, "p", { bucket: UNKNOWN, policy: doc(PUBLIC_READ) }, { propertyDependencies: { bucket: [urnOf(BUCKET, "site")] } }),
                record(ACCESS_BLOCK, "b", { bucket: UNKNOWN, blockPublicPolicy: UNKNOWN }, { propertyDependencies: { bucket: [urnOf(BUCKET, "site")] } }),
            ];
            assert.deepStrictEqual(run(records, { accountBlocksPublicAccess: false }), []);
            assert.strictEqual(run(records).length, 1);
        });
    });

    describe("inline policies and ACLs", () => {
        it("checks the inline policy of v6 BucketV2 and Bucket", () => {
            for (const type of [BUCKET, BUCKET_V2]) {
                const reported = run([record(type, "b", { policy: doc(PUBLIC_READ) })]);
                assert.strictEqual(reported.length, 1, type);
                assert.strictEqual(reported[0].urn, urnOf(type, "b"));
                assert.match(reported[0].message, /^policy\.Statement\[0\]: /m);
            }
        });

        it("reports public canned ACLs on buckets and BucketAcl/BucketAclV2, and public grants", async () => {
            const records = await recordProgram(() => {
                const bucket = new aws.s3.Bucket("assets", { acl: "public-read" });
                new aws.s3.BucketAcl("assets-acl", { bucket: bucket.id, acl: "public-read-write" });
                new aws.s3.BucketAcl("grants-acl", {
                    bucket: bucket.id,
                    accessControlPolicy: {
                        owner: { id: "owner-id" },
                        grants: [
                            { grantee: { type: "CanonicalUser", id: "owner-id" }, permission: "FULL_CONTROL" },
                            { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" },
                        ],
                    },
                });
                new aws.s3.Bucket("private", { acl: "private" });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 3, JSON.stringify(reported));
            const byName = (name: string) => reported.find(r => r.urn === records.find(x => x.name === name)!.urn)!;
            assert.match(byName("assets").message, /^acl: the canned ACL "public-read" lets everyone list the bucket, so the ACL is public/m);
            assert.match(byName("assets").message, /AccessControlListNotSupported: The bucket does not allow ACLs/);
            assert.match(byName("assets-acl").message, /"public-read-write" lets everyone list the bucket and write to it/);
            assert.match(byName("grants-acl").message, /^accessControlPolicy\.grants\[1\]\.grantee\.uri: the grant gives everyone \(AllUsers\) access/m);
            const v2 = run([record(BUCKET_ACL_V2, "acl", { bucket: "b", acl: "public-read" })]);
            assert.strictEqual(v2.length, 1);
            const legacy = run([record(BUCKET_V2, "b", { grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", permissions: ["READ"] }] })]);
            assert.match(legacy[0].message, /^grants\[0\]\.uri: the grant gives every AWS account \(AuthenticatedUsers\) access/m);
            // The canned ACL that grants the same (AuthenticatedUsers READ) is public as well.
            const authenticated = run([record(BUCKET, "b", { bucket: "b", acl: "authenticated-read" })]);
            assert.strictEqual(authenticated.length, 1);
            assert.strictEqual(authenticated[0].level, "mandatory");
            assert.match(authenticated[0].message, /^acl: the canned ACL "authenticated-read" lets every AWS account \(AuthenticatedUsers\) list the bucket, so the ACL is public/m);
            assert.deepStrictEqual(run([record(BUCKET, "b", { bucket: "b", acl: "private" })]), [], "the fix: the private ACL");
        });

        it("exempts public ACLs only when blockPublicAcls and ignorePublicAcls are off and the account allows it", () => {
            const records = (flags: Record<string, unknown>) => [
                record(BUCKET, "b", { bucket: "assets", acl: "public-read" }),
                record(ACCESS_BLOCK, "pab", { bucket: "assets", ...flags }),
            ];
            assert.deepStrictEqual(run(records({ blockPublicAcls: false, ignorePublicAcls: false }), { accountBlocksPublicAccess: false }), []);
            assert.match(run(records({ ignorePublicAcls: true }), { accountBlocksPublicAccess: false })[0].message, /sets ignorePublicAcls: true/);
            assert.strictEqual(run(records({}), { accountBlocksPublicAccess: true }).length, 1);
        });
    });

    it("stays silent on unknown policies and unknown ACLs", async () => {
        const records = await recordProgram(() => {
            const bucket = new aws.s3.Bucket("site", {});
            new aws.s3.BucketPolicy("site-policy", {
                bucket: bucket.id,
                policy: bucket.arn.apply(arn => JSON.stringify({ Statement: [{ ...PUBLIC_READ, Resource: `${arn}/*` }] })),
            });
        }, STACK);
        assert.deepStrictEqual(run(records), []);
        assert.deepStrictEqual(run([record(BUCKET, "b", { acl: UNKNOWN, policy: UNKNOWN, grants: UNKNOWN })]), []);
        assert.deepStrictEqual(run([record(BUCKET, "b", { policy: { Statement: [{ Effect: "Allow", Principal: UNKNOWN, Action: "s3:GetObject" }] } })]), []);
    });

    it("never prints a secret policy", () => {
        const reported = run([record(BUCKET_POLICY, "p", { bucket: "b", policy: secret(doc({ ...PUBLIC_READ, Sid: "TopSecretSid", Action: "s3:SecretAction" })) })]);
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("TopSecretSid"));
        assert.ok(!reported[0].message.includes("SecretAction"));
        assert.match(reported[0].message, /^policy\.Statement\[0\]: /m);
    });

    it("survives wrong shapes", () => {
        const shapes: ResourceRecord[][] = [
            [record(BUCKET_POLICY, "p", { bucket: 42, policy: 42 })],
            [record(BUCKET_POLICY, "p", { bucket: {}, policy: "{not json" })],
            [record(BUCKET_POLICY, "p", { policy: { Statement: [null, "x", 1] } })],
            [record(BUCKET, "b", { acl: 7, grants: "x", policy: [] })],
            [record(BUCKET, "b", { grants: [null, { uri: 3 }] })],
            [record(BUCKET_ACL, "a", { bucket: null, accessControlPolicy: { grants: [null, { grantee: null }] } })],
            [record(BUCKET_ACL, "a", { accessControlPolicy: "x" }), record(ACCESS_BLOCK, "pab", { bucket: [] })],
            // A statement without Action or NotAction makes a document S3 rejects as malformed: not a public policy.
            [record(BUCKET, "b", { bucket: 3, policy: { Statement: [null, 3, { Effect: "Allow", Principal: "*" }] }, acl: 5, grants: "x" })],
        ];
        for (const records of shapes) {
            const reported = run(records);
            assert.deepStrictEqual(reported, [], JSON.stringify(records));
        }
    });
});
