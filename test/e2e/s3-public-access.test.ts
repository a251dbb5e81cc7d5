// s3-bucket-policy-not-public through the compiled pack, over the analyzer protocol, as the Pulumi CLI drives it.
import * as assert from "assert";
import { PACK_DIR, PolicyInfo, PolicyPackProcess, ResourceRecord, UNKNOWN, urnOf } from "../../lib/runner/engine";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const provider = {
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    urn: urnOf("pulumi:providers:aws", "default_7_48_0"),
    properties: { region: "us-east-1", version: "7.48.0" },
};
const PUBLIC_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" }],
});

function stack(withBlock: boolean): ResourceRecord[] {
    const bucketUrn = urnOf(BUCKET, "site");
    const records: ResourceRecord[] = [
        { type: BUCKET, name: "site", urn: bucketUrn, provider, properties: { bucket: "site" } },
        {
            type: BUCKET_POLICY, name: "site-policy", urn: urnOf(BUCKET_POLICY, "site-policy"), provider,
            properties: { bucket: UNKNOWN, policy: PUBLIC_POLICY }, dependencies: [bucketUrn],
            propertyDependencies: { bucket: [bucketUrn], policy: [] },
        },
    ];
    if (withBlock) {
        records.push({
            type: ACCESS_BLOCK, name: "site-access", urn: urnOf(ACCESS_BLOCK, "site-access"), provider,
            properties: { bucket: UNKNOWN, blockPublicPolicy: false, restrictPublicBuckets: false },
            dependencies: [bucketUrn], propertyDependencies: { bucket: [bucketUrn] },
        });
    }
    return records;
}

describe("e2e: s3-bucket-policy-not-public over the analyzer protocol", () => {
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];

    before(async () => {
        pack = (await PolicyPackProcess.launch(PACK_DIR, { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } })).pack;
        policies = (await pack.getAnalyzerInfo()).policies;
    });

    after(async () => {
        await pack?.close();
    });

    it("publishes the policy as a mandatory stack policy with accountBlocksPublicAccess defaulting to true", () => {
        const info = policies.find(p => p.name === "s3-bucket-policy-not-public")!;
        assert.strictEqual(info.policyType, "stack");
        assert.strictEqual(info.enforcementLevel, "mandatory");
        assert.strictEqual(info.configSchema.accountBlocksPublicAccess?.default, true);
    });

    it("reports the public statement on the bucket policy until the access block and the config allow it", async () => {
        await pack.configure(policies);
        const ours = (d: { policyName: string }) => d.policyName === "s3-bucket-policy-not-public";
        const reported = (await pack.analyzeStack(stack(false))).filter(ours);
        assert.strictEqual(reported.length, 1);
        assert.strictEqual(reported[0].urn, urnOf(BUCKET_POLICY, "site-policy"));
        assert.strictEqual(reported[0].enforcementLevel, "mandatory");
        assert.match(reported[0].message, /^policy\.Statement\[0\]: public: allows/m);

        assert.strictEqual((await pack.analyzeStack(stack(true))).filter(ours).length, 1, "the account still blocks it");
        await pack.configure(policies, { "s3-bucket-policy-not-public": { accountBlocksPublicAccess: false } });
        assert.deepStrictEqual((await pack.analyzeStack(stack(true))).filter(ours), []);
        assert.strictEqual((await pack.analyzeStack(stack(false))).filter(ours).length, 1);
    });
});
