import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as awsV6 from "@pulumi/aws-v6";
import { ec2LaunchTemplateUserDataBase64 as policy } from "../../../policies/ec2/ec2-launch-template-user-data-base64";
import { base64Verdict } from "../../../lib/aws/ec2/user-data";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { recordProgram } from "../../../lib/runner/program";
import { remediateResource, validateResource } from "../../harness/policy-harness";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const SCRIPT = "#!/bin/bash\nyum install -y nginx\nsystemctl start nginx\n";
const template = (userData: unknown) => ({ type: LAUNCH_TEMPLATE, properties: { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", userData } as Record<string, unknown> });
const headlines = (userData: unknown) => validateResource(policy, template(userData)).map(r => `${r.level} ${r.message.split("\n")[0]}`);

describe("ec2-launch-template-user-data-base64", () => {
    it("has its public metadata", () => {
        assert.strictEqual(policy.policy.name, "ec2-launch-template-user-data-base64");
        assert.strictEqual(policy.policy.enforcementLevel, "mandatory");
        assert.deepStrictEqual([...policy.metadata.resourceTypes], [LAUNCH_TEMPLATE]);
    });

    it("reports a plain script on recorded v7 and v6 launch templates, and the encoded script from its message is clean", async () => {
        const records = await recordProgram(() => {
            new aws.ec2.LaunchTemplate("v7", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", userData: SCRIPT });
            new awsV6.ec2.LaunchTemplate("v6", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", userData: SCRIPT });
            new aws.ec2.LaunchTemplate("fixed", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", userData: Buffer.from(SCRIPT).toString("base64") });
        }, { project: "app", stack: "dev" });
        for (const name of ["v7", "v6"]) {
            const reported = validateResource(policy, records.find(r => r.name === name)!);
            assert.deepStrictEqual(reported.map(r => `${r.level} ${r.message.split("\n")[0]}`),
                ['mandatory userData: is a plain script, not base64: encode it with Buffer.from(script).toString("base64")'], name);
            assert.match(reported[0].message, /InvalidUserData\.Malformed: Invalid BASE64 encoding of user data\./);
            assert.match(reported[0].message, /contains "#"/);
            assert.ok(reported[0].message.length <= 400);
        }
        assert.deepStrictEqual(validateResource(policy, records.find(r => r.name === "fixed")!), []);
    });

    it("tells certainly-invalid text from unpadded base64, and accepts wrapped and padded base64", () => {
        assert.deepStrictEqual(headlines("hello world"), ['mandatory userData: is not base64: encode it with Buffer.from(script).toString("base64")']);
        assert.deepStrictEqual(headlines("abcde").length, 1, "5 characters: no base64 text has that length");
        assert.deepStrictEqual(headlines("ab=cd===").length, 1, "= before the end");
        assert.deepStrictEqual(base64Verdict("yum update"), { kind: "invalid", reason: "contains a space, which base64 does not use" });
        assert.deepStrictEqual(headlines("aGVsbG8"), ['advisory userData: is base64 without its "=" padding: encode it with Buffer.from(script).toString("base64")']);
        const wrapped = Buffer.from(SCRIPT.repeat(20)).toString("base64").replace(/(.{76})/g, "$1\n");
        for (const ok of ["aGVsbG8=", "aGk=", "aGVsbG8gd29ybGQ=", wrapped, Buffer.from([0xff, 0xfe, 0x00]).toString("base64")]) {
            assert.deepStrictEqual(headlines(ok), [], ok);
        }
        assert.deepStrictEqual(base64Verdict("a\u00e9cd"), { kind: "invalid", reason: "contains U+00E9, which base64 does not use" });
    });

    it("remediates by encoding user data that is certainly not base64, and leaves the rest alone", () => {
        const fixed = remediateResource(policy, template(SCRIPT));
        assert.strictEqual(fixed?.userData, Buffer.from(SCRIPT).toString("base64"));
        assert.strictEqual(fixed?.imageId, "ami-0123456789abcdef0");
        assert.deepStrictEqual(headlines(fixed!.userData), []);
        for (const value of [Buffer.from(SCRIPT).toString("base64"), "aGVsbG8", "", UNKNOWN, 42]) {
            assert.strictEqual(remediateResource(policy, template(value)), undefined, String(value));
        }
    });

    it("skips unknown, empty and missing user data and wrong shapes", () => {
        for (const value of [UNKNOWN, "", undefined, null, 42, ["#!/bin/bash"], { script: "#!/bin/bash" }]) {
            assert.deepStrictEqual(headlines(value), [], JSON.stringify(value));
        }
    });

    it("never shows any part of secret user data", () => {
        const reported = validateResource(policy, template(secret("#!/bin/bash\nexport DB_PASSWORD=hunter2")));
        assert.deepStrictEqual(reported.map(r => r.message.split("\n")[0]), ['userData: is not base64: encode it with Buffer.from(script).toString("base64")']);
        assert.ok(!/hunter2|"#"|bash/.test(reported[0].message), reported[0].message);
    });

    it("checks a huge user data quickly", () => {
        const started = Date.now();
        assert.deepStrictEqual(headlines("A".repeat(4_000_000)), []);
        assert.strictEqual(headlines("A".repeat(4_000_000) + "#").length, 1);
        assert.ok(Date.now() - started < 1000);
    });
});
