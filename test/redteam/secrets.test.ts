// Red team, secrets: the compiled pack, launched and driven as the Pulumi CLI does, must never send back a secret
// value in any form: not whole, trimmed, re-cased, JSON-escaped, cut short, as the parts of an ARN, through any
// number of nested secret wrappers, nor a secret stack config value the CLI names only in ConfigureStack.
import * as assert from "assert";
import { analyzeAsCreated } from "../harness/policy-harness";
import { Diagnostic, PACK_DIR, PolicyInfo, PolicyPackProcess, ResourceRecord, secret, UNKNOWN, urnOf } from "../../lib/runner/engine";
import { assertNoBug, assertNoLeak } from "./leaks";

const QUEUE = "aws:sqs/queue:Queue";
const RDS = "aws:rds/instance:Instance";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const KEY = "aws:kms/key:Key";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SUFFIX = "zq7hunter2zq";
const STACK = {
    stack: "dev", project: "app",
    config: { "aws:region": "us-east-1", "app:environmentSuffix": SUFFIX, "app:dbPassword": "Tr0ub4dor&3-horse" },
    // The only place the CLI names secret config keys: PULUMI_CONFIG_SECRET_KEYS is not set (engine.ts deletes it).
    configSecretKeys: ["app:environmentSuffix", "app:dbPassword"],
};
const resource = (type: string, name: string, properties: Record<string, unknown>): ResourceRecord =>
    ({ type, name, urn: urnOf(type, name), properties });

/** Characters whose case mapping has another length than themselves: each shifted the old scrubber's cut. */
const LENGTH_CHANGING = ["İ", "ß", "ŉ", "ﬁ", "ﬀ", "ς", "Σ", "ǰ", "ẞ", "ﬆ"];

describe("red team: secrets over the analyzer protocol", function () {
    this.timeout(20_000);
    let pack: PolicyPackProcess;
    let policies: PolicyInfo[];

    before(async function () {
        this.timeout(60_000);
        pack = (await PolicyPackProcess.launch(PACK_DIR, STACK)).pack;
        policies = (await pack.getAnalyzerInfo()).policies;
        await pack.configure(policies);
    });
    after(async () => pack?.close());

    it("a secret stack config value named only in ConfigureStack.configSecretKeys is never printed", async () => {
        const diagnostics = await analyzeAsCreated(pack, resource(QUEUE, "orders", { name: "orders-queue" }));
        const uniqueness = diagnostics.filter(d => d.policyName === "physical-name-has-uniqueness-suffix");
        assert.strictEqual(uniqueness.length, 1, JSON.stringify(diagnostics));
        assert.match(uniqueness[0].message, /has no "\[secret\]" segment/);
        assertNoLeak(diagnostics, [SUFFIX]);
    });

    for (const char of LENGTH_CHANGING) {
        it(`characters whose lowercase has another length (${char}) before a secret do not shift the scrubbed range`, async () => {
            for (const count of [1, 7, 40]) {
                const diagnostics = [
                    ...await pack.analyze(resource(QUEUE, `q${char.repeat(count)}`, { name: `${char.repeat(count)}orders` })),
                    ...await pack.analyze(resource(QUEUE, "q", { name: `${char.repeat(count)}-${char}${SUFFIX.toUpperCase()}x` })),
                ];
                assert.ok(diagnostics.length > 0);
                assertNoLeak(diagnostics, [SUFFIX]);
                assertNoBug(diagnostics);
            }
        });
    }

    it("a secret with the same characters inside it is scrubbed whole, in either case", async () => {
        const tricky = `${"İ".repeat(9)}ß-straße-${SUFFIX}`;
        const diagnostics = await analyzeAsCreated(pack, resource(RDS, "db", { engine: "mysql", engineVersion: secret(tricky), instanceClass: "db.t3.micro" }));
        assert.ok(diagnostics.length > 0);
        assertNoLeak(diagnostics, [tricky, "straße", "STRASSE"]);
    });

    it("trimmed, JSON-escaped and re-cased forms of a secret are not printed", async () => {
        const versions = ["  8.0.35  ", "\t8.0.35\n", '8.0"35\\x-hunter', "8.0.35-RC-Hunter2Secret"];
        for (const version of versions) {
            const diagnostics = await analyzeAsCreated(pack, resource(RDS, "db", { engine: "mysql", engineVersion: secret(version), instanceClass: "db.t3.micro" }));
            assert.ok(diagnostics.length > 0, version);
            assertNoLeak(diagnostics, [version]);
        }
    });

    it("a secret log group name with quotes and backslashes is not printed JSON-escaped inside a pasted statement", async () => {
        const name = '/aws/lambda/x"quoted\\slash-hunter2name';
        const keyUrn = urnOf(KEY, "logs-key");
        const root = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }] };
        const diagnostics = await pack.analyzeStack([
            { type: KEY, name: "logs-key", urn: keyUrn, properties: { policy: JSON.stringify(root), arn: UNKNOWN } },
            {
                type: LOG_GROUP, name: "fn", urn: urnOf(LOG_GROUP, "fn"), properties: { name: secret(name), kmsKeyId: UNKNOWN },
                dependencies: [keyUrn], propertyDependencies: { kmsKeyId: [keyUrn] },
            },
        ]);
        assert.ok(diagnostics.some(d => d.policyName === "kms-key-grants-service-principals"), JSON.stringify(diagnostics));
        assertNoLeak(diagnostics, [name, "hunter2name"]);
    });

    it("the region, account, id and multi-Region-ness of a secret KMS key ARN are not printed", async () => {
        const keyArn = "arn:aws:kms:eu-west-1:210987654321:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        const diagnostics = await pack.analyze({
            ...resource(TEMPLATE, "lt", { blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: secret(keyArn) } }] }),
        });
        assert.ok(diagnostics.some(d => d.policyName === "ebs-encryption-explicit-kms-key"), JSON.stringify(diagnostics));
        assertNoLeak(diagnostics, [keyArn]);
    });

    it("a cut-off copy of a long secret is caught by its 12-character runs", async () => {
        const long = `orders-${"x7Q".repeat(200)}-tail`;
        const diagnostics = await pack.analyze(resource(QUEUE, "q", { name: secret(long) }));
        assert.ok(diagnostics.length > 0);
        assertNoLeak(diagnostics, [long]);
    });

    for (const depth of [63, 64, 65, 200]) {
        it(`a value under ${depth} nested secret wrappers is scrubbed as far as policies read it`, async () => {
            let value: unknown = "9.9.9-hunter2deep";
            for (let i = 0; i < depth; i++) {
                value = secret(value);
            }
            const diagnostics: Diagnostic[] = await analyzeAsCreated(pack, resource(RDS, "db", { engine: "mysql", engineVersion: value, instanceClass: "db.t3.micro" }));
            assert.ok(diagnostics.some(d => d.policyName === "rds-engine-version-supported"), JSON.stringify(diagnostics));
            assertNoLeak(diagnostics, ["9.9.9-hunter2deep"]);
        });
    }
});
