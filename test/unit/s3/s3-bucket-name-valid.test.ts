import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { s3BucketNameValid } from "../../../policies/s3/s3-bucket-name-valid";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { Fixture, untyped, remediateResource, validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { isSecret } from "../../harness/policy-harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";

// Typed fixtures: a property the resource type does not have fails to compile.
const bucket = (args: Fixture<aws.s3.BucketArgs>) => ({ type: BUCKET, properties: args as Record<string, unknown> });

describe("s3-bucket-name-valid", () => {
    it("typed fixtures reject a misspelt property at compile time (an untyped helper is explicit)", () => {
        // @ts-expect-error `bukket` is not a property of aws.s3.BucketArgs: the build fails if the fixture accepts it.
        const typo = bucket({ bukket: "typo" });
        assert.deepStrictEqual(typo.properties, { bukket: "typo" });
        assert.deepStrictEqual(untyped({ bukket: 1 }), { bukket: 1 });
    });

    it("has its public metadata", () => {
        const p = s3BucketNameValid.policy;
        assert.strictEqual(p.name, "s3-bucket-name-valid");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["allowDots", "pattern"]);
        assert.strictEqual(p.configSchema!.properties.allowDots.default, true);
        assert.ok(typeof (p as { remediateResource?: unknown }).remediateResource === "function");
    });

    it("reports the uppercase environment suffix of a recorded v7 Bucket, with the corrected name", async () => {
        const records = await recordProgram(() => {
            new aws.s3.Bucket("static", { bucket: "webapp-static-PR6247-dev" });
        }, { project: "app", stack: "dev" });
        const recorded = records.find(r => r.type === BUCKET)!;
        const reported = validateResource(s3BucketNameValid, recorded);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^bucket: "webapp-static-PR6247-dev" is not a valid S3 bucket name/m);
        assert.match(reported[0].message, /uppercase 'P' at position 15, 'R' at position 16/);
        assert.match(reported[0].message, /InvalidBucketName: The specified bucket is not valid\./);
        assert.match(reported[0].message, /^bucket: "webapp-static-PR6247-dev" is not a valid S3 bucket name: use "webapp-static-pr6247-dev", or omit it/m);
        assert.strictEqual(reported[0].level, "mandatory");
    });

    const cases: [string, string, RegExp][] = [
        ["too short", "ab", /between 3 \(min\) and 63 \(max\) characters long; this one has 2/],
        ["too long", "a".repeat(64), /this one has 64/],
        ["invalid characters", "my_bucket name", /'_' at position 3, 'space' at position 10/],
        ["leading hyphen", "-bucket", /begin and end with a letter or number; this one begins with '-'/],
        ["trailing period", "bucket.", /ends with '\.'/],
        ["adjacent periods", "my..bucket", /two adjacent periods \(at position 3\)/],
        ["IP address", "192.168.5.4", /formatted as an IP address/],
        ["xn-- prefix", "xn--bucket", /prefix xn--/],
        ["sthree- prefix", "sthree-bucket", /prefix sthree-/],
        ["amzn-s3-demo- prefix", "amzn-s3-demo-bucket", /prefix amzn-s3-demo-/],
        ["-s3alias suffix", "bucket-s3alias", /suffix -s3alias/],
        ["--ol-s3 suffix", "bucket--ol-s3", /suffix --ol-s3/],
        [".mrap suffix", "bucket.mrap", /suffix \.mrap/],
        ["--x-s3 suffix", "bucket--x-s3", /suffix --x-s3/],
        ["--table-s3 suffix", "bucket--table-s3", /suffix --table-s3/],
    ];
    for (const [rule, name, expected] of cases) {
        it(`reports ${rule}`, () => {
            const reported = validateResource(s3BucketNameValid, bucket({ bucket: name }));
            assert.ok(reported.some(r => expected.test(r.message)), JSON.stringify(reported));
        });
    }

    it("accepts valid names, omitted names and v6 BucketV2", () => {
        for (const name of ["my-bucket", "my.bucket.example", "abc", "a".repeat(63), "bucket-2024"]) {
            assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket({ bucket: name })), [], name);
        }
        assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket({})), []);
        assert.deepStrictEqual(validateResource(s3BucketNameValid, { type: BUCKET_V2, properties: { bucket: "ok-bucket" } }), []);
        assert.strictEqual(validateResource(s3BucketNameValid, { type: BUCKET_V2, properties: { bucket: "Bad" } }).length, 1);
    });

    it("checks bucketPrefix against the room left for the generated suffix", () => {
        assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket({ bucketPrefix: "a".repeat(37) })), []);
        const reported = validateResource(s3BucketNameValid, bucket({ bucketPrefix: "a".repeat(38) }));
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^bucketPrefix: "a{38}" is not a valid S3 bucket name prefix: rename it[\s\S]*has 38 characters; at most 37 fit/);
        assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket({ bucketPrefix: "app-" })), [], "a prefix may end with a hyphen");
    });

    it("checks directory bucket names", () => {
        const dir = (name: string) => ({ type: DIRECTORY_BUCKET, properties: { bucket: name, location: { name: "usw2-az1" } } });
        assert.deepStrictEqual(validateResource(s3BucketNameValid, dir("logs--usw2-az1--x-s3")), []);
        assert.match(validateResource(s3BucketNameValid, dir("logs"))[0].message, /bucket-base-name--zone-id--x-s3/);
        assert.match(validateResource(s3BucketNameValid, dir("Logs--usw2-az1--x-s3"))[0].message, /lowercase letters, numbers and hyphens/);
    });

    it("stays silent on unknown names and wrong shapes", () => {
        for (const props of [{ bucket: UNKNOWN }, { bucketPrefix: UNKNOWN }, { bucket: 42 }, { bucket: null }, { bucket: ["a"] }, { bucket: {} }]) {
            assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket(props)), [], JSON.stringify(props));
        }
    });

    it("never prints a secret bucket name", () => {
        const reported = validateResource(s3BucketNameValid, bucket({ bucket: secret("Secret-Bucket-Name-123") }));
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("Secret-Bucket-Name-123"));
        assert.ok(!reported[0].message.toLowerCase().includes("secret-bucket-name-123"), "the corrected name would leak it too");
        assert.match(reported[0].message, /^bucket: the bucket name \(a secret, not shown\) is not a valid S3 bucket name: rename it, or omit it/m);
    });

    /** Nothing derived from a secret name: no quoted character, position, length, 3-letter piece or corrected name. */
    function assertNothingOf(name: string, messages: readonly string[], pieces = true) {
        const lower = name.toLowerCase();
        for (const message of messages) {
            assert.doesNotMatch(message, /at position|this one has|this one (begins|ends) with|this prefix begins|has \d+ characters/, message);
            assert.doesNotMatch(message, /'.'/, `a quoted character in: ${message}`);
            assert.ok(!new RegExp(`\\b${name.length}\\b`).test(message), `length ${name.length} in: ${message}`);
            for (let i = 0; pieces && i + 3 <= lower.length; i++) {
                const piece = lower.slice(i, i + 3);
                if (/^[a-z0-9]{3}$/.test(piece)) {
                    assert.ok(!message.toLowerCase().includes(piece), `piece '${piece}' in: ${message}`);
                }
            }
        }
    }

    it("states only the broken rule for a secret name: no characters, positions, lengths or corrected name", () => {
        const secretCases: [string, "bucket" | "bucketPrefix", RegExp][] = [
            ["Qzwv_Kxjq7", "bucket", /contains uppercase letters\..*contains other characters\./s],
            ["Acme_PayrollBucket", "bucket", /this one contains uppercase letters\./],
            ["qz", "bucket", /must be between 3 \(min\) and 63 \(max\) characters long\.$/m],
            ["qzwvkxj".repeat(10), "bucket", /must be between 3 \(min\) and 63 \(max\) characters long\.$/m],
            ["-qzwvkxj", "bucket", /must begin and end with a letter or number\.$/m],
            ["qzwvkxj.", "bucket", /must begin and end with a letter or number\.$/m],
            ["qzw..vkxj", "bucket", /must not contain two adjacent periods\.$/m],
            ["xn--qzwvkxj", "bucket", /must not start with a reserved prefix \(xn--, sthree-, amzn-s3-demo-\)/],
            ["qzwvkxj--ol-s3", "bucket", /must not end with a reserved suffix \(-s3alias, --ol-s3, \.mrap, --x-s3, --table-s3\)/],
            ["qzwvkxj".repeat(6), "bucketPrefix", /Bucket name prefix is too long; at most 37 fit/],
            ["_qzwvkxj", "bucketPrefix", /must begin with a letter or number\.$/m],
        ];
        for (const [name, property, rule] of secretCases) {
            const reported = validateResource(s3BucketNameValid, bucket({ [property]: secret(name) }));
            assert.ok(reported.length > 0, name);
            assert.match(reported.map(r => r.message).join("\n"), rule, name);
            assert.ok(reported.every(r => /rename it, or omit it/.test(r.message)), "no corrected name");
            // Review C's example spells English words ("bucket"), so only its characters and positions are checked.
            assertNothingOf(name, reported.map(r => r.message), name !== "Acme_PayrollBucket");
            // The same name, not secret, still names characters, positions and lengths where its rule has them.
            assert.strictEqual(validateResource(s3BucketNameValid, bucket({ [property]: name })).length, reported.length, name);
        }
        const plain = validateResource(s3BucketNameValid, bucket({ bucket: "Acme_PayrollBucket" })).map(r => r.message).join("\n");
        assert.match(plain, /uppercase 'A' at position 1, 'P' at position 6, 'B' at position 13/);
        assert.match(plain, /'_' at position 5/);
        const dir = validateResource(s3BucketNameValid, { type: DIRECTORY_BUCKET, properties: { bucket: secret("q") } });
        assert.ok(dir.length > 0);
        assertNothingOf("q", dir.map(r => r.message));
        assert.doesNotMatch(dir.map(r => r.message).join("\n"), /this one has/);
        const pattern = validateResource(s3BucketNameValid, bucket({ bucket: secret("qzwvkxj") }), { pattern: "^acme-" });
        assert.match(pattern[0].message, /^bucket: the bucket name \(a secret, not shown\) does not match/m);
    });

    it("allowDots: false rejects periods and suggests hyphens", () => {
        const reported = validateResource(s3BucketNameValid, bucket({ bucket: "my.bucket" }), { allowDots: false });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /Transfer Acceleration/);
        assert.match(reported[0].message, /use "my-bucket", or omit it/);
        assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket({ bucket: "my.bucket" }), { allowDots: true }), []);
    });

    it("pattern: requires the organisation's naming scheme, and says when the pattern itself is broken", () => {
        assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket({ bucket: "acme-logs" }), { pattern: "^acme-" }), []);
        const reported = validateResource(s3BucketNameValid, bucket({ bucket: "logs" }), { pattern: "^acme-" });
        assert.match(reported[0].message, /^bucket: "logs" does not match your required bucket name pattern: rename it/);
        assert.match(reported[0].message, /\n\nThe pattern \(s3-bucket-name-valid option "pattern"\) is "\^acme-"$/);
        // A pattern that does not compile is a config error: the policy does not run with it (nor without it).
        const broken = validateResource(s3BucketNameValid, bucket({ bucket: "Logs" }), { pattern: "(" });
        assert.strictEqual(broken.length, 1);
        assert.strictEqual(broken[0].level, "mandatory");
        assert.match(broken[0].message, /^s3-bucket-name-valid did not run: its policy pack config is invalid/);
        assert.match(broken[0].message, /option "pattern" is not a valid regular expression: "\("/);
    });

    describe("remediation", () => {
        it("lowercases and fixes characters, and the result validates clean", () => {
            const fixed = remediateResource(s3BucketNameValid, bucket({ bucket: "Webapp_Static..PR6247-", acl: "private" }))!;
            assert.strictEqual(fixed.bucket, "webapp-static.pr6247");
            assert.strictEqual(fixed.acl, "private", "other properties are kept");
            assert.deepStrictEqual(validateResource(s3BucketNameValid, bucket(fixed)), []);
        });

        it("leaves names it cannot fix safely to the validation", () => {
            for (const name of ["a".repeat(70), "192.168.5.4", "xn--bucket", "bucket-s3alias"]) {
                assert.strictEqual(remediateResource(s3BucketNameValid, bucket({ bucket: name })), undefined, name);
            }
            assert.strictEqual(remediateResource(s3BucketNameValid, bucket({ bucket: "fine-name" })), undefined);
            assert.strictEqual(remediateResource(s3BucketNameValid, bucket({ bucket: UNKNOWN })), undefined);
        });

        it("keeps a secret name secret and unknown siblings unknown", () => {
            const fixed = remediateResource(s3BucketNameValid, bucket({ bucket: secret("My-Bucket"), policy: UNKNOWN }))!;
            assert.ok(isSecret(fixed.bucket));
            assert.strictEqual((fixed.bucket as { value: string }).value, "my-bucket");
            assert.strictEqual(fixed.policy, UNKNOWN);
        });
    });
});
