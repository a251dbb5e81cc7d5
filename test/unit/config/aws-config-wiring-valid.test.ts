import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { awsConfigWiringValid } from "../../../policies/config/aws-config-wiring-valid";
import { ManagedRuleCatalog, managedRuleCatalog, setManagedRuleCatalog } from "../../../lib/aws/config/managed-rules";
import { ResourceRecord, secret, UNKNOWN } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } };
const run = (records: readonly ResourceRecord[]) => validateStack(awsConfigWiringValid, records, {}, STACK);
const headline = (message: string) => message.split("\n")[0];
const ROLE = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

interface Options {
    recorder?: boolean;
    channelWaits?: boolean;
    statusWaits?: boolean;
    statusByName?: boolean;
    ruleWaits?: boolean;
    status?: boolean;
    identifier?: string;
    frequency?: string;
    secondRecorder?: boolean;
}

/** The AWS Config setup of the Pulumi docs (aws.cfg.Rule example), as a real v7 program. */
function program(o: Options = {}) {
    return recordProgram(() => {
        const recorder = o.recorder === false ? undefined : new aws.cfg.Recorder("recorder", { name: "main", roleArn: ROLE });
        if (o.secondRecorder) {
            new aws.cfg.Recorder("recorder-2", { name: "second", roleArn: ROLE });
        }
        const channel = new aws.cfg.DeliveryChannel("channel", { name: "main", s3BucketName: "config-bucket" },
            { dependsOn: recorder && o.channelWaits !== false ? [recorder] : [] });
        if (o.status !== false) {
            new aws.cfg.RecorderStatus("status", {
                name: o.statusByName || !recorder ? "main" : recorder.name,
                isEnabled: true,
            }, { dependsOn: o.statusWaits === false ? [] : [channel] });
        }
        new aws.cfg.Rule("versioning", {
            name: "s3-versioning",
            source: { owner: "AWS", sourceIdentifier: o.identifier ?? "S3_BUCKET_VERSIONING_ENABLED" },
            ...(o.frequency ? { maximumExecutionFrequency: o.frequency } : {}),
        }, { dependsOn: recorder && o.ruleWaits !== false ? [recorder] : [] });
    }, STACK);
}

describe("aws-config-wiring-valid", () => {
    afterEach(() => setManagedRuleCatalog(undefined));

    it("has its public metadata", () => {
        const p = awsConfigWiringValid.policy;
        assert.strictEqual(p.name, "aws-config-wiring-valid");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
        assert.strictEqual(awsConfigWiringValid.kind, "stack");
    });

    it("is clean when the channel and rule dependOn the recorder and the status dependsOn the channel", async () => {
        assert.deepStrictEqual(run(await program()), []);
    });

    it("reports a delivery channel that does not wait for the recorder (mandatory), with the AWS error", async () => {
        const reported = run(await program({ channelWaits: false }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(headline(reported[0].message), /the delivery channel can fail: it does not wait for recorder 'recorder'\. Add dependsOn: \[recorder\]/);
        assert.ok(reported[0].message.includes("NoAvailableConfigurationRecorderException: Configuration recorder is not available to put delivery channel."));
        assert.ok(reported[0].urn?.endsWith("::channel"));
    });

    it("reports a recorder status that does not wait for the delivery channel", async () => {
        const reported = run(await program({ statusWaits: false }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(headline(reported[0].message), /RecorderStatus does not wait for delivery channel 'channel'\. Add dependsOn: \[deliveryChannel\]/);
        assert.ok(reported[0].message.includes("NoAvailableDeliveryChannelException: Delivery channel is not available to start configuration recorder."));
    });

    it("reports a recorder status that names the recorder as a string without waiting for it", async () => {
        const reported = run(await program({ statusByName: true, statusWaits: false }));
        const named = reported.find(r => r.message.includes("NoSuchConfigurationRecorderException"));
        assert.ok(named, JSON.stringify(reported));
        assert.match(headline(named.message), /^name: starting recorder 'recorder' can fail/);
        // The same status with the channel dependency waits for the recorder through it (channel -> recorder).
        assert.deepStrictEqual(run(await program({ statusByName: true })), []);
    });

    it("reports a managed rule that does not wait for the recorder", async () => {
        const reported = run(await program({ ruleWaits: false }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(headline(reported[0].message), /^managed rule can fail: it does not wait for recorder 'recorder'/);
        assert.ok(reported[0].message.includes("You must create a configuration recorder before you can create or update a Config rule."));
    });

    it("applies the fix from the messages: dependsOn makes every finding go away", async () => {
        const broken = run(await program({ channelWaits: false, statusWaits: false, ruleWaits: false }));
        assert.strictEqual(broken.length, 3, JSON.stringify(broken));
        assert.deepStrictEqual(run(await program({ channelWaits: true, statusWaits: true, ruleWaits: true })), []);
    });

    it("gives one advisory per Region when the recorder is outside the stack (it may exist in the account)", async () => {
        const reported = run(await program({ recorder: false }));
        assert.ok(reported.length >= 2, JSON.stringify(reported));
        assert.ok(reported.every(r => r.level === "advisory"), JSON.stringify(reported));
        assert.ok(reported.some(r => /^no configuration recorder in this stack for us-east-1: the delivery channel needs one/.test(r.message)));
        assert.ok(reported.some(r => /^no configuration recorder in this stack for us-east-1: this managed rule needs one/.test(r.message)));
    });

    it("names the count of managed rules once when many rules have no recorder in the stack", async () => {
        const records = await recordProgram(() => {
            for (let i = 0; i < 5; i++) {
                new aws.cfg.Rule(`rule-${i}`, { source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED" } });
            }
        }, STACK);
        const reported = run(records);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /the 5 managed rules \('rule-0', 'rule-1', 'rule-2' and 2 more\)/);
    });

    it("does not ask custom Lambda rules for a recorder", async () => {
        const records = await recordProgram(() => {
            new aws.cfg.Rule("custom", { source: { owner: "CUSTOM_LAMBDA", sourceIdentifier: "arn:aws:lambda:us-east-1:111122223333:function:check" } });
        }, STACK);
        assert.deepStrictEqual(run(records), []);
    });

    it("reports a second recorder in the same Region and account, not one in another Region", async () => {
        const reported = run(await program({ secondRecorder: true }));
        const second = reported.filter(r => r.message.includes("MaxNumberOfConfigurationRecordersExceededException"));
        assert.strictEqual(second.length, 1, JSON.stringify(reported));
        assert.match(headline(second[0].message), /^a second configuration recorder in us-east-1 fails: AWS allows one per account and Region\. Keep only 'recorder'/);
        const records = await recordProgram(() => {
            const west = new aws.Provider("west", { region: "us-west-2" });
            new aws.cfg.Recorder("east", { roleArn: ROLE });
            new aws.cfg.Recorder("west", { roleArn: ROLE }, { provider: west });
        }, STACK);
        assert.ok(!run(records).some(r => r.message.includes("MaxNumberOf")));
    });

    it("advises starting a new recorder that no RecorderStatus starts", async () => {
        const reported = run(await program({ status: false }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /^new recorder 'recorder' is never started: add an aws\.cfg\.RecorderStatus/);
    });

    it("leaves existing resources alone: no race with a recorder that already exists", () => {
        const recorder = record("aws:cfg/recorder:Recorder", "recorder", { name: "main", roleArn: ROLE }, { outputs: { id: "main", name: "main", roleArn: ROLE } });
        const channel = record("aws:cfg/deliveryChannel:DeliveryChannel", "channel", { name: "main", s3BucketName: "b" }, { outputs: { id: UNKNOWN, name: "main", s3BucketName: "b" } });
        assert.deepStrictEqual(run([recorder, channel]), []);
    });

    describe("managed rule identifiers", () => {
        it("suggests the identifier a shortened one stands for (advisory: the list is partial)", async () => {
            const reported = run(await program({ identifier: "S3_BUCKET_VERSIONING" }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].level, "advisory");
            assert.strictEqual(headline(reported[0].message),
                "source.sourceIdentifier: 'S3_BUCKET_VERSIONING' is not an AWS Config managed rule identifier: use S3_BUCKET_VERSIONING_ENABLED");
            assert.match(reported[0].message, /partial list \(npm aws-cdk-lib@/);
        });

        it("suggests the identifier for a rule name written in kebab case, and for a typo", async () => {
            const kebab = run(await program({ identifier: "s3-bucket-versioning-enabled" }));
            assert.match(headline(kebab[0].message), /: use S3_BUCKET_VERSIONING_ENABLED$/);
            const typo = run(await program({ identifier: "S3_BUCKET_VERSONING_ENABLED" }));
            assert.match(headline(typo[0].message), /: use S3_BUCKET_VERSIONING_ENABLED$/);
        });

        it("is mandatory when the list is complete, and refuses a frequency on a change-triggered rule", async () => {
            const shipped = managedRuleCatalog()!;
            setManagedRuleCatalog(new ManagedRuleCatalog({ ...shipped.file, completeness: "complete", triggerTypes: { S3_BUCKET_VERSIONING_ENABLED: "change" } }));
            const unknown = run(await program({ identifier: "S3_BUCKET_VERSIONING" }));
            assert.strictEqual(unknown[0].level, "mandatory");
            const frequency = run(await program({ frequency: "TwentyFour_Hours" }));
            assert.strictEqual(frequency.length, 1, JSON.stringify(frequency));
            assert.strictEqual(frequency[0].level, "mandatory");
            assert.ok(frequency[0].message.includes("A maximum execution frequency for this rule is not allowed because only a change in resources triggers this managed rule."));
            // The shipped list has no trigger types: the same program is clean.
            setManagedRuleCatalog(undefined);
            assert.deepStrictEqual(run(await program({ frequency: "TwentyFour_Hours" })), []);
        });

        it("ships a dated, partial list from its source", () => {
            const shipped = managedRuleCatalog();
            assert.ok(shipped, "data/config-managed-rules.json loads");
            assert.strictEqual(shipped.file.completeness, "partial");
            assert.match(shipped.file.sourceDate, /^\d{4}-\d{2}-\d{2}$/);
            assert.ok(shipped.file.identifiers.length > 250);
            assert.ok(shipped.has("S3_BUCKET_VERSIONING_ENABLED") && !shipped.has("S3_BUCKET_VERSIONING"));
        });

        it("never echoes a secret identifier, and skips unknown ones", async () => {
            const secretRule = record("aws:cfg/rule:Rule", "r", { source: { owner: "AWS", sourceIdentifier: secret("S3_BUCKET_VERSIONING") } });
            const recorder = record("aws:cfg/recorder:Recorder", "rec", { roleArn: ROLE }, { outputs: { id: "default", roleArn: ROLE } });
            assert.deepStrictEqual(run([recorder, secretRule]), []);
            const unknownRule = record("aws:cfg/rule:Rule", "r", { source: { owner: "AWS", sourceIdentifier: UNKNOWN } });
            assert.deepStrictEqual(run([recorder, unknownRule]), []);
        });
    });

    describe("custom rule frequencies", () => {
        it("advises a sourceDetails frequency whose messageType is not ScheduledNotification, and the fix is clean", async () => {
            const custom = (messageType: string) => recordProgram(() => {
                new aws.cfg.Rule("custom", {
                    source: {
                        owner: "CUSTOM_LAMBDA",
                        sourceIdentifier: "arn:aws:lambda:us-east-1:111122223333:function:check",
                        sourceDetails: [{ messageType, maximumExecutionFrequency: "One_Hour" }],
                    },
                });
            }, STACK);
            const reported = run(await custom("ConfigurationItemChangeNotification"));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].level, "advisory");
            assert.match(headline(reported[0].message), /^source\.sourceDetails\[0\]\.maximumExecutionFrequency: a frequency needs messageType ScheduledNotification/);
            assert.deepStrictEqual(run(await custom("ScheduledNotification")), []);
        });

        it("advises a rule frequency on a custom rule with only change notifications", async () => {
            const records = await recordProgram(() => {
                new aws.cfg.Rule("custom", {
                    maximumExecutionFrequency: "Six_Hours",
                    source: { owner: "CUSTOM_LAMBDA", sourceIdentifier: "arn:aws:lambda:us-east-1:1:function:f", sourceDetails: [{ messageType: "ConfigurationItemChangeNotification" }] },
                });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /^maximumExecutionFrequency: maximumExecutionFrequency is for periodic rules/);
        });
    });

    it("reads @pulumi/aws v6 programs the same way", async () => {
        const records = await recordProgram(() => {
            const recorder = new aws6.cfg.Recorder("recorder", { name: "main", roleArn: ROLE });
            new aws6.cfg.DeliveryChannel("channel", { name: "main", s3BucketName: "config-bucket" });
            new aws6.cfg.Rule("rule", { source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED" } }, { dependsOn: [recorder] });
            new aws6.cfg.RecorderStatus("status", { name: recorder.name, isEnabled: true });
        }, STACK);
        const reported = run(records);
        assert.ok(reported.some(r => /the delivery channel can fail/.test(r.message)), JSON.stringify(reported));
        assert.ok(reported.some(r => /RecorderStatus does not wait for delivery channel/.test(r.message)), JSON.stringify(reported));
        assert.strictEqual(reported.length, 2, JSON.stringify(reported));
    });

    it("survives unknown and wrong shapes", () => {
        const shapes: Record<string, unknown>[] = [
            {}, { source: "AWS" }, { source: [null] }, { source: { owner: UNKNOWN } }, { source: { owner: "AWS", sourceIdentifier: 42 } },
            { source: { owner: "CUSTOM_LAMBDA", sourceDetails: "x" } }, { source: { owner: "CUSTOM_LAMBDA", sourceDetails: [null, {}] } },
            { source: { owner: "CUSTOM_LAMBDA", sourceDetails: [{ messageType: UNKNOWN, maximumExecutionFrequency: "One_Hour" }] } },
        ];
        for (const properties of shapes) {
            const records = [
                record("aws:cfg/rule:Rule", "r", properties),
                record("aws:cfg/recorderStatus:RecorderStatus", "s", { name: UNKNOWN, isEnabled: UNKNOWN }),
                record("aws:cfg/recorderStatus:RecorderStatus", "s2", { name: [null], isEnabled: "yes" }),
                record("aws:cfg/deliveryChannel:DeliveryChannel", "c", { name: {}, s3BucketName: [] }),
                record("aws:cfg/recorder:Recorder", "rec", { name: 7 }),
            ];
            for (const finding of run(records)) {
                assert.ok(finding.message.length < 1200);
            }
        }
    });
});
