// The compiled pack, launched as the Pulumi CLI launches it, driven over the analyzer gRPC protocol.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { allPolicies } from "../../policies";
import { Diagnostic, PACK_DIR, PolicyInfo, PolicyPackProcess, ResourceRecord, secret, SECRET_SIG, SECRET_SIG_KEY, UNKNOWN, urnOf } from "../../lib/runner/engine";

const BUCKET = "aws:s3/bucket:Bucket";
const stack = { stack: "dev", project: "app", config: { "aws:region": "us-east-1" } };
const bucket = (name: string, properties: Record<string, unknown>): ResourceRecord =>
    ({ type: BUCKET, name, urn: urnOf(BUCKET, name), properties });
const S3_NAMES = "s3-bucket-name-valid";
const fromS3Names = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.policyName === S3_NAMES);

describe("the compiled pack over the analyzer protocol", function () {
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];

    before(async () => {
        assert.ok(fs.existsSync(path.join(PACK_DIR, "bin", "index.js")), "npm run build compiles the pack to bin/");
        ({ pack } = await PolicyPackProcess.launch(PACK_DIR, stack));
    });
    after(async () => pack && pack.close());

    it("prints only its port before the handshake and answers GetAnalyzerInfo with every policy's metadata", async () => {
        const info = await pack.getAnalyzerInfo();
        policies = info.policies;
        assert.strictEqual(info.name, "aws-preflight");
        assert.strictEqual(info.version, require(path.join(PACK_DIR, "package.json")).version);
        assert.deepStrictEqual(policies.map(p => p.name), allPolicies.map(p => p.metadata.name));
        for (const p of policies) {
            const own = allPolicies.find(q => q.metadata.name === p.name)!;
            assert.strictEqual(p.enforcementLevel, own.metadata.enforcementLevel, p.name);
            assert.strictEqual(p.policyType, own.kind, p.name);
            assert.ok(p.severity > 0, `${p.name} has a severity`);
            assert.ok(p.url.endsWith(`#${p.name}`), `${p.name} links to its documentation`);
            assert.ok(p.remediationSteps.length > 20, `${p.name} has remediation steps`);
            assert.deepStrictEqual(Object.keys(p.configSchema).sort(), Object.keys(own.metadata.config).sort(), p.name);
        }
        assert.strictEqual(policies.find(p => p.name === "s3-bucket-name-valid")!.configSchema.allowDots.default, true);
    });

    it("Analyze reports an invalid bucket name with the property path, and nothing for a valid, unknown or omitted one", async () => {
        await pack.configure(policies);
        const bad = fromS3Names(await pack.analyze(bucket("static", { bucket: "webapp-static-PR6247-dev" })));
        assert.strictEqual(bad.length, 1);
        assert.strictEqual(bad[0].policyName, "s3-bucket-name-valid");
        assert.strictEqual(bad[0].enforcementLevel, "mandatory");
        assert.match(bad[0].message, /^bucket: "webapp-static-PR6247-dev" is not a valid S3 bucket name/m);
        for (const properties of [{ bucket: "webapp-static-dev" }, { bucket: UNKNOWN }, {}]) {
            assert.deepStrictEqual(await pack.analyze(bucket("ok", properties)), [], JSON.stringify(properties));
        }
    });

    it("a resource whose properties are all unknown gets no diagnostics and no 'can't run policy' noise", async () => {
        const diagnostics = await pack.analyze(bucket("computed", { bucket: UNKNOWN, bucketPrefix: UNKNOWN, tags: UNKNOWN }));
        assert.deepStrictEqual(diagnostics, []);
    });

    it("never sends a secret value back, even when the secret is the invalid name", async () => {
        const diagnostics = await pack.analyze(bucket("hidden", { bucket: secret("Hidden-Name-4711") }));
        assert.strictEqual(fromS3Names(diagnostics).length, 1);
        for (const d of diagnostics) {
            assert.ok(!/hidden-name-4711/i.test(d.message), d.message);
        }
    });

    it("Configure applies --policy-pack-config overrides on top of the schema defaults", async () => {
        await pack.configure(policies, { "s3-bucket-name-valid": { enforcementLevel: "advisory", allowDots: false } });
        const dotted = fromS3Names(await pack.analyze(bucket("dotted", { bucket: "my.bucket" })));
        assert.strictEqual(dotted.length, 1);
        assert.strictEqual(dotted[0].enforcementLevel, "advisory");
        await pack.configure(policies, { "s3-bucket-name-valid": "disabled" });
        assert.deepStrictEqual(fromS3Names(await pack.analyze(bucket("upper", { bucket: "UPPER" }))), []);
        await pack.configure(policies, { all: "disabled" });
        assert.deepStrictEqual(await pack.analyze(bucket("upper", { bucket: "UPPER" })), [], "'all' disables every policy");
        await pack.configure(policies);
        assert.deepStrictEqual(fromS3Names(await pack.analyze(bucket("dotted", { bucket: "my.bucket" }))), []);
    });

    it("Remediate fixes the name when the level is remediate, keeps secrets secret, and Analyze then passes", async () => {
        await pack.configure(policies, { "s3-bucket-name-valid": "remediate" });
        const plain = await pack.remediate(bucket("static", { bucket: "Webapp_Static", acl: "private" }));
        assert.deepStrictEqual(plain.policies, ["s3-bucket-name-valid"]);
        assert.deepStrictEqual(plain.properties, { bucket: "webapp-static", acl: "private" });
        assert.deepStrictEqual(fromS3Names(await pack.analyze(bucket("static", plain.properties))), []);

        const hidden = await pack.remediate(bucket("hidden", { bucket: secret("Hidden_Name") }));
        assert.deepStrictEqual(hidden.properties.bucket, { [SECRET_SIG_KEY]: SECRET_SIG, value: "hidden-name" });

        const untouched = await pack.remediate(bucket("computed", { bucket: UNKNOWN }));
        assert.deepStrictEqual(untouched.policies, []);
        await pack.configure(policies);
    });

    it("AnalyzeStack runs every stack policy over the whole stack without failing", async () => {
        const diagnostics = await pack.analyzeStack([
            bucket("a", { bucket: "bucket-a" }),
            bucket("b", { bucket: UNKNOWN }),
            { type: "aws:kms/key:Key", name: "key", urn: urnOf("aws:kms/key:Key", "key"), properties: { policy: UNKNOWN } },
        ]);
        assert.ok(diagnostics.every(d => !/could not finish/.test(d.message)), JSON.stringify(diagnostics));
    });
});
