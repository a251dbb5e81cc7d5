import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { ebsEncryptionExplicitKmsKey as policy, INVALID_KMS_KEY_STATE_ERROR } from "../../../policies/ebs/ebs-encryption-explicit-kms-key";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { Fixture, validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const INSTANCE = "aws:ec2/instance:Instance";
const VOLUME = "aws:ebs/volume:Volume";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
const STACK = { config: { "aws:region": "us-east-1" } };

const KEY_UUID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_UUID}`;
const ALIAS_ARN = "arn:aws:kms:us-east-1:111122223333:alias/ebs";
const OTHER_REGION_ARN = `arn:aws:kms:eu-west-1:111122223333:key/${KEY_UUID}`;

type Ebs = aws.types.input.ec2.LaunchTemplateBlockDeviceMappingEbs | Record<string, unknown>;

function template(ebs: Ebs | unknown, config: Record<string, unknown> = {}, stack: object = STACK) {
    const properties = { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs }] } as Record<string, unknown>;
    return validateResource(policy, { type: LAUNCH_TEMPLATE, properties }, config, stack);
}

function volume(args: Fixture<aws.ebs.VolumeArgs>, config: Record<string, unknown> = {}) {
    return validateResource(policy, { type: VOLUME, properties: { availabilityZone: "us-east-1a", size: 20, ...(args as Record<string, unknown>) } }, config, STACK);
}

describe("ebs-encryption-explicit-kms-key", () => {
    it("has its public metadata", () => {
        const p = policy.policy;
        assert.strictEqual(p.name, "ebs-encryption-explicit-kms-key");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["allowedKeyArns"]);
        assert.strictEqual(p.configSchema!.properties.allowedKeyArns.type, "array");
        assert.strictEqual(p.configSchema!.properties.allowedKeyArns.default, undefined, "the issue gives no default");
        assert.deepStrictEqual(policy.metadata.resourceTypes, [LAUNCH_TEMPLATE, INSTANCE, VOLUME, LAUNCH_CONFIGURATION]);
    });

    it("reports a recorded launch template with encrypted \"true\" and no key, at the exact path", async () => {
        const records = await recordProgram(() => {
            new aws.ec2.LaunchTemplate("web", {
                imageId: "ami-0123456789abcdef0",
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { volumeSize: 20, encrypted: "true" } },
                    { deviceName: "/dev/sdf", ebs: { volumeSize: 50, encrypted: "true", kmsKeyId: KEY_ARN } },
                    { deviceName: "/dev/sdg", ebs: { volumeSize: 50, encrypted: "true" } },
                ],
            });
        }, { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } });
        const record = records.find(r => r.type === LAUNCH_TEMPLATE)!;
        assert.strictEqual((record.properties.blockDeviceMappings as any)[0].ebs.encrypted, "true", "the property is a string");
        const reported = validateResource(policy, record);
        assert.strictEqual(reported.length, 2);
        assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: encrypted is "true" but no kmsKeyId: set it to a KMS key you manage in us-east-1\.\n\n/);
        assert.match(reported[0].message, /Otherwise volumes launched from this template are encrypted with the account's default EBS key/);
        assert.ok(reported[0].message.includes(`instances fail to launch with "${INVALID_KMS_KEY_STATE_ERROR}"`));
        assert.match(reported[0].message, /Your key must also let the Auto Scaling service-linked role use it/);
        assert.match(reported[0].message, /kms-key-grants-service-principals checks that/, "points at the other policy instead of checking grants");
        assert.match(reported[1].message, /^blockDeviceMappings\[2\]\.ebs\.kmsKeyId: /m);
        assert.strictEqual(reported[0].level, "mandatory");
    });

    it("accepts booleans as well as strings for encrypted", () => {
        const reported = template({ encrypted: true });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /encrypted is true but no kmsKeyId/);
        assert.deepStrictEqual(template({ encrypted: "false" }), []);
        assert.deepStrictEqual(template({ encrypted: false }), []);
        assert.deepStrictEqual(template({ volumeSize: 20 }), [], "unencrypted (or encrypted by default) is not this policy's business");
    });

    it("applying the fix from the message (a key ARN in the region) is clean", () => {
        assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: KEY_ARN }), []);
        assert.deepStrictEqual(template({ encrypted: true, kmsKeyId: KEY_ARN }), []);
    });

    it("reports a key id without encrypted", () => {
        for (const ebs of [{ kmsKeyId: KEY_ARN }, { kmsKeyId: KEY_ARN, encrypted: "false" }, { kmsKeyId: UNKNOWN }]) {
            const reported = template(ebs);
            assert.strictEqual(reported.length, 1, JSON.stringify(ebs));
            assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.encrypted: (not set|false), but kmsKeyId is set: set encrypted: "true" next to kmsKeyId\.\n\n/);
            assert.match(reported[0].message, /AWS requires the encrypted state to be true when a KMS key is given/);
        }
        assert.match(volume({ kmsKeyId: KEY_ARN })[0].message, /^encrypted: not set, but kmsKeyId is set: set encrypted: true next to kmsKeyId\.\n\n.*the volume cannot be created as written/);
    });

    it("accepts every form of key id", () => {
        for (const key of [KEY_ARN, KEY_UUID, KEY_MRK, "alias/ebs-key", "alias/team/ebs_key-1", ALIAS_ARN,
            `arn:aws:kms:us-east-1:111122223333:key/${KEY_MRK}`, `arn:aws-us-gov:kms:us-east-1:111122223333:key/${KEY_UUID}`]) {
            assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: key }), [], key);
            assert.deepStrictEqual(volume({ encrypted: true, kmsKeyId: key }), [], key);
        }
    });

    it("reports a malformed key id, naming the accepted forms", () => {
        for (const key of ["my-ebs-key", "ebs", "1234abcd-12ab-34cd-56ef", "mrk-123", "key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:us-east-1:111122223333:key/not-a-key", "arn:aws:kms:us-east-1:1111:key/" + KEY_UUID, "arn:aws:s3:::bucket",
            "alias/", "alias/has space", "arn:aws:kms:us-east-1:111122223333:alias"]) {
            const reported = template({ encrypted: "true", kmsKeyId: key });
            assert.strictEqual(reported.length, 1, key);
            assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: ".*"( \(\d+ characters\))? is not a KMS key id: use a key ARN, key id, alias name or alias ARN\.\n\n/, key);
            assert.match(reported[0].message, /key ARN \(arn:aws:kms:<region>:<account>:key\/<key-id>\), a key id .*mrk-.*alias name \(alias\/<name>\).*alias ARN/);
            assert.match(reported[0].message, /checks the key only after accepting the request/);
        }
    });

    it("notes (advisory) that an explicit alias/aws/ebs is the AWS managed default key", () => {
        for (const key of ["alias/aws/ebs", "arn:aws:kms:us-east-1:111122223333:alias/aws/ebs"]) {
            for (const reported of [template({ encrypted: "true", kmsKeyId: key }), volume({ encrypted: true, kmsKeyId: key })]) {
                assert.strictEqual(reported.length, 1, key);
                assert.strictEqual(reported[0].level, "advisory");
                assert.match(reported[0].message, /kmsKeyId: alias\/aws\/ebs is the AWS managed EBS key, whose policy you cannot change: to control it, use a customer managed key \(kmsKeyId: ebsKey\.arn\)\.\n\n/, key);
                assert.match(reported[0].message, /AWS manages its key policy/);
                assert.match(reported[0].message, /AWS manages its key policy/);
            }
        }
        // Still an accepted form: nothing mandatory, and customer aliases that merely contain "aws" get no note.
        for (const key of ["alias/aws-ebs", "alias/team/aws/ebs", "alias/ebs"]) {
            assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: key }), [], key);
        }
        // A secret key gets no note: saying what it is would tell part of the secret.
        assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: secret("alias/aws/ebs") }), []);
    });

    it("reports a key id with leading or trailing whitespace as malformed (AWS does not trim it)", () => {
        for (const key of [" alias/app", "alias/app ", `${KEY_ARN}\n`, `\t${KEY_UUID}`, "   "]) {
            const reported = template({ encrypted: "true", kmsKeyId: key });
            assert.strictEqual(reported.length, 1, JSON.stringify(key));
            assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: has leading or trailing whitespace: (use ".*"( \(\d+ characters\))?|name a key \(e\.g\. kmsKeyId: ebsKey\.arn\))\.\n\n/, JSON.stringify(key));
            assert.match(reported[0].message, /not a (KMS )?key id/);
            assert.strictEqual(volume({ encrypted: true, kmsKeyId: key }).length, 1, JSON.stringify(key));
        }
        assert.match(template({ encrypted: "true", kmsKeyId: " alias/app " })[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: has leading or trailing whitespace: use "alias\/app"\.\n\n/);
        // The trimmed form of a secret is not the secret, so the wrapper would not scrub it: it is not shown.
        const hidden = template({ encrypted: "true", kmsKeyId: secret(" alias/secret-app-key ") });
        assert.strictEqual(hidden.length, 1);
        assert.ok(!hidden[0].message.includes("secret-app-key"), hidden[0].message);
        assert.match(hidden[0].message, /whitespace: remove the whitespace\.\n\n/);
    });

    it("reports a key or alias ARN from another region", () => {
        const reported = template({ encrypted: "true", kmsKeyId: OTHER_REGION_ARN });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: the key ARN is in eu-west-1, but volumes launched from this template are in us-east-1: use a key in us-east-1\.\n\n/);
        assert.match(reported[0].message, /EBS can only use a KMS key in the volume's own region/);
        const alias = volume({ encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/ebs" });
        assert.match(alias[0].message, /the alias ARN is in eu-west-1, but the volume is in us-east-1/);
        const mrk = volume({ encrypted: true, kmsKeyId: `arn:aws:kms:eu-west-1:111122223333:key/${KEY_MRK}` });
        assert.match(mrk[0].message, /For this multi-Region key, use the ARN of its replica in us-east-1\./);
    });

    it("takes the region from the resource, then the provider, and skips the comparison when it is unknown", () => {
        const props = { availabilityZone: "eu-west-1a", encrypted: true, kmsKeyId: OTHER_REGION_ARN };
        assert.deepStrictEqual(validateResource(policy, { type: VOLUME, properties: { ...props, region: "eu-west-1" } }, {}, STACK), []);
        const provider = { type: "pulumi:providers:aws", name: "eu", urn: "urn:pulumi:dev::app::pulumi:providers:aws::eu", properties: { region: "eu-west-1" } };
        assert.deepStrictEqual(validateResource(policy, { type: VOLUME, properties: props, provider }, {}, STACK), []);
        assert.deepStrictEqual(validateResource(policy, { type: VOLUME, properties: props, provider: { ...provider, properties: { region: UNKNOWN } } }, {}, STACK), []);
        const saved = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
        delete process.env.AWS_REGION;
        delete process.env.AWS_DEFAULT_REGION;
        try {
            assert.deepStrictEqual(validateResource(policy, { type: VOLUME, properties: props }, {}, { config: {} }), [], "no region anywhere");
            const missing = validateResource(policy, { type: VOLUME, properties: { encrypted: true } }, {}, { config: {} });
            assert.match(missing[0].message, /manage in the resource's region/);
        } finally {
            if (saved[0] !== undefined) process.env.AWS_REGION = saved[0];
            if (saved[1] !== undefined) process.env.AWS_DEFAULT_REGION = saved[1];
        }
    });

    it("an unknown key id (a key created in this stack) is clean; an unknown encrypted flag is not judged", async () => {
        const records = await recordProgram(() => {
            const key = new aws.kms.Key("ebs", {});
            new aws.ec2.LaunchTemplate("web", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: key.arn } }] });
            new aws.ebs.Volume("data", { availabilityZone: "us-east-1a", size: 20, encrypted: true, kmsKeyId: key.arn });
        }, { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } });
        for (const type of [LAUNCH_TEMPLATE, VOLUME]) {
            assert.deepStrictEqual(validateResource(policy, records.find(r => r.type === type)!), [], type);
        }
        assert.deepStrictEqual(template({ encrypted: UNKNOWN }), []);
        assert.deepStrictEqual(template({ encrypted: UNKNOWN, kmsKeyId: KEY_ARN }), []);
        assert.deepStrictEqual(template(UNKNOWN), []);
        assert.deepStrictEqual(validateResource(policy, { type: LAUNCH_TEMPLATE, properties: { blockDeviceMappings: UNKNOWN } }), []);
    });

    it("checks an instance's root device and each EBS device", () => {
        const properties: aws.ec2.InstanceArgs = {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.micro",
            rootBlockDevice: { encrypted: true, volumeSize: 20 },
            ebsBlockDevices: [
                { deviceName: "/dev/sdf", encrypted: true, kmsKeyId: KEY_ARN },
                { deviceName: "/dev/sdg", encrypted: true },
            ],
        };
        const reported = validateResource(policy, { type: INSTANCE, properties: { ...properties } }, {}, STACK);
        assert.strictEqual(reported.length, 2);
        assert.match(reported[0].message, /^rootBlockDevice\.kmsKeyId: encrypted is true but no kmsKeyId: set it to a KMS key you manage in us-east-1\.\n\nOtherwise the instance's root volume is encrypted/);
        assert.ok(reported[0].message.includes(`the instance fails to launch with "${INVALID_KMS_KEY_STATE_ERROR}"`));
        assert.match(reported[0].message, /Otherwise the instance's root volume is encrypted/);
        assert.match(reported[1].message, /^ebsBlockDevices\[1\]\.kmsKeyId: /m);
        const fixed = { ...properties, rootBlockDevice: { encrypted: true, kmsKeyId: KEY_ARN }, ebsBlockDevices: [{ deviceName: "/dev/sdg", encrypted: true, kmsKeyId: "alias/ebs" }] };
        assert.deepStrictEqual(validateResource(policy, { type: INSTANCE, properties: { ...fixed } }, {}, STACK), []);
    });

    it("checks a volume", () => {
        const reported = volume({ encrypted: true });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^kmsKeyId: encrypted is true but no kmsKeyId: set it to a KMS key you manage in us-east-1\.\n\nOtherwise the volume is encrypted/);
        assert.match(reported[0].message, /creating or attaching the volume fails\.$/);
        assert.deepStrictEqual(volume({ encrypted: true, kmsKeyId: KEY_ARN }), []);
        assert.deepStrictEqual(volume({}), []);
    });

    it("reports encrypted launch configuration devices with the launch template advice", () => {
        const properties: aws.ec2.LaunchConfigurationArgs = {
            imageId: "ami-0123456789abcdef0",
            instanceType: "t3.micro",
            rootBlockDevice: { encrypted: true, volumeSize: 20 },
            ebsBlockDevices: [{ deviceName: "/dev/sdh", encrypted: true }, { deviceName: "/dev/sdi", encrypted: false }],
        };
        const reported = validateResource(policy, { type: LAUNCH_CONFIGURATION, properties: { ...properties } }, {}, STACK);
        assert.strictEqual(reported.length, 2);
        assert.match(reported[0].message, /^rootBlockDevice\.encrypted: true, but a launch configuration cannot name a KMS key: replace it with an aws\.ec2\.LaunchTemplate that sets kmsKeyId\.\n\n/);
        // The root device's name depends on the AMI (/dev/xvda on Amazon Linux, /dev/sda1 on Ubuntu): never guessed.
        assert.match(reported[0].message, /Template: blockDeviceMappings: \[\{ deviceName: "<your AMI's root device name, e\.g\. \/dev\/xvda or \/dev\/sda1>", ebs: \{ encrypted: "true", kmsKeyId: ebsKey\.arn \} \}\]/);
        assert.match(reported[0].message, /aws ec2 describe-images --image-ids ami-0123456789abcdef0 --query "Images\[0\]\.RootDeviceName"/);
        assert.doesNotMatch(reported[0].message, /deviceName: "\/dev\//, "no concrete device name for the root volume");
        assert.match(reported[0].message, /launchTemplate: \{ id: template\.id, version: "\$Latest" \}/);
        assert.match(reported[1].message, /^ebsBlockDevices\[0\]\.encrypted: true, but a launch configuration cannot name a KMS key: [^\n]*\n\n.*deviceName: "\/dev\/sdh"/);
        assert.deepStrictEqual(validateResource(policy, { type: LAUNCH_CONFIGURATION, properties: { imageId: "ami-1", instanceType: "t3.micro" } }), []);
    });

    it("does not invent a device name it does not know (missing, secret or unknown), nor print a secret AMI", () => {
        const reported = validateResource(policy, { type: LAUNCH_CONFIGURATION, properties: {
            imageId: secret("ami-0fedcba9876543210"), instanceType: "t3.micro", rootBlockDevice: { encrypted: true },
            ebsBlockDevices: [{ encrypted: true }, { deviceName: secret("/dev/sdq"), encrypted: true }, { deviceName: UNKNOWN, encrypted: true }],
        } }, {}, STACK);
        assert.strictEqual(reported.length, 4);
        assert.match(reported[0].message, /deviceName: "<your AMI's root device name, e\.g\. \/dev\/xvda or \/dev\/sda1>"/);
        assert.match(reported[0].message, /--image-ids <your AMI id>/);
        for (const r of reported.slice(1)) {
            assert.match(r.message, /deviceName: "<this volume's device name>"/, r.message);
        }
        for (const r of reported) {
            assert.doesNotMatch(r.message, /deviceName: "\/dev\/|\/dev\/sdq|ami-0fedcba9876543210/, r.message);
        }
    });

    describe("allowedKeyArns", () => {
        const allowed = { allowedKeyArns: [KEY_ARN, "arn:aws:kms:*:444455556666:key/*", "alias/org-ebs"] };
        it("accepts keys that match an entry exactly or by pattern", () => {
            for (const key of [KEY_ARN, `arn:aws:kms:us-east-1:444455556666:key/${KEY_UUID}`, "alias/org-ebs"]) {
                assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: key }, allowed), [], key);
            }
        });
        it("reports other keys, and asks for an ARN when the key is given another way", () => {
            const other = template({ encrypted: "true", kmsKeyId: `arn:aws:kms:us-east-1:999999999999:key/${KEY_UUID}` }, allowed);
            assert.strictEqual(other.length, 1);
            assert.match(other[0].message, /^blockDeviceMappings\[0\]\.ebs\.kmsKeyId: ".*"( \(\d+ characters\))? is not in allowedKeyArns: use one of the keys your organisation allows for EBS\.\n\nallowedKeyArns: "/);
            assert.ok(!other[0].message.includes("full ARN"));
            const byId = template({ encrypted: "true", kmsKeyId: KEY_UUID }, allowed);
            assert.match(byId[0].message, /Give the key's full ARN so it can be compared\.$/);
        });
        it("leaves unknown keys and an empty list alone; entries that are not strings are refused as config errors", () => {
            assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: UNKNOWN }, allowed), []);
            assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: KEY_UUID }, { allowedKeyArns: [] }), []);
            for (const allowedKeyArns of [[42, null, KEY_ARN], "not-a-list"]) {
                const reported = template({ encrypted: "true", kmsKeyId: KEY_ARN }, { allowedKeyArns });
                assert.deepStrictEqual(reported.map(r => r.level), ["mandatory"], JSON.stringify(allowedKeyArns));
                assert.match(reported[0].message, /did not run: its policy pack config is invalid[\s\S]*option "allowedKeyArns/);
            }
        });
        it("does not treat regular-expression characters in a pattern as special", () => {
            assert.strictEqual(template({ encrypted: "true", kmsKeyId: "alias/orgXebs" }, { allowedKeyArns: ["alias/org.ebs"] }).length, 1);
            assert.deepStrictEqual(template({ encrypted: "true", kmsKeyId: "alias/org-ebs-2" }, { allowedKeyArns: ["alias/org-ebs-?"] }), []);
        });
    });

    it("never prints a secret key id", () => {
        const reported = template({ encrypted: "true", kmsKeyId: secret("my-secret-key-name") });
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.includes("my-secret-key-name"), reported[0].message);
        const region = template({ encrypted: "true", kmsKeyId: secret(OTHER_REGION_ARN) });
        assert.strictEqual(region.length, 1);
        assert.ok(!region[0].message.includes(OTHER_REGION_ARN));
    });

    it("never throws on wrong shapes", () => {
        const shapes: Record<string, unknown>[] = [
            { blockDeviceMappings: "xvda" }, { blockDeviceMappings: [null, 3, "x"] }, { blockDeviceMappings: [{ ebs: "x" }] },
            { blockDeviceMappings: [{ ebs: [] }] }, { blockDeviceMappings: [{ ebs: [null] }] }, { blockDeviceMappings: [{}] },
            { blockDeviceMappings: {} }, { blockDeviceMappings: [{ ebs: { encrypted: 1, kmsKeyId: 7 } }] },
        ];
        for (const properties of shapes) {
            assert.deepStrictEqual(validateResource(policy, { type: LAUNCH_TEMPLATE, properties }, {}, STACK), [], JSON.stringify(properties));
        }
        for (const properties of [{ rootBlockDevice: "x" }, { rootBlockDevice: [] }, { ebsBlockDevices: [null] }, { ebsBlockDevices: {} }, { rootBlockDevice: {} }]) {
            assert.deepStrictEqual(validateResource(policy, { type: INSTANCE, properties }, {}, STACK), [], JSON.stringify(properties));
            assert.deepStrictEqual(validateResource(policy, { type: LAUNCH_CONFIGURATION, properties }, {}, STACK), [], JSON.stringify(properties));
        }
        assert.deepStrictEqual(volume({ encrypted: "maybe", kmsKeyId: "" }), []);
        // a one-item list (older shapes) is read like the object
        const listed = validateResource(policy, { type: LAUNCH_TEMPLATE, properties: { blockDeviceMappings: [{ ebs: [{ encrypted: "true" }] }] } }, {}, STACK);
        assert.strictEqual(listed.length, 1);
        const root = validateResource(policy, { type: INSTANCE, properties: { rootBlockDevice: [{ encrypted: true }] } }, {}, STACK);
        assert.strictEqual(root.length, 1);
    });
});
