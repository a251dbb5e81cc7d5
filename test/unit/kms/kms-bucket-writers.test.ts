import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { kmsKeyGrantsServicePrincipals } from "../../../policies/kms/kms-key-grants-service-principals";
import { ResourceRecord, secret, UNKNOWN, urnOf } from "../../../lib/runner/engine";
import { record } from "../../harness/policy-harness";
import { validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } };
const run = (records: readonly ResourceRecord[]) => validateStack(kmsKeyGrantsServicePrincipals, records, {}, STACK);
const headline = (message: string) => message.split("\n")[0];
const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };
const keyPolicy = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: [ROOT, ...statements] });
const allow = (service: string, actions: string[]) => ({ Effect: "Allow", Principal: { Service: service }, Action: actions, Resource: "*" });

type Writer = "trail" | "flow-log" | "channel";

interface Options { writer: Writer; policy?: string; inline?: boolean; trailKey?: boolean; sse?: "kms" | "s3" }

/** A bucket encrypted by default with a stack key (SSE config resource, or inline on the bucket) and a log writer. */
function program(o: Options) {
    return recordProgram(() => {
        const key = new aws.kms.Key("logs-key", { policy: o.policy ?? keyPolicy() });
        const rule = { applyServerSideEncryptionByDefault: o.sse === "s3" ? { sseAlgorithm: "AES256" } : { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } };
        const bucket = new aws.s3.Bucket("logs", {
            bucket: "logs-bucket",
            ...(o.inline ? { serverSideEncryptionConfiguration: { rule } } : {}),
        });
        if (!o.inline) {
            new aws.s3.BucketServerSideEncryptionConfiguration("logs-sse", { bucket: bucket.id, rules: [rule] });
        }
        if (o.writer === "trail") {
            new aws.cloudtrail.Trail("audit", { name: "audit", s3BucketName: bucket.id, ...(o.trailKey ? { kmsKeyId: key.arn } : {}) });
        } else if (o.writer === "flow-log") {
            new aws.ec2.FlowLog("vpc", { vpcId: "vpc-1", trafficType: "ALL", logDestinationType: "s3", logDestination: bucket.arn });
        } else {
            new aws.cfg.DeliveryChannel("channel", { s3BucketName: bucket.id });
        }
    }, STACK);
}

describe("kms-key-grants-service-principals: log writers to an SSE-KMS bucket", () => {
    it("reports a trail whose bucket's default key does not let CloudTrail in (mandatory)", async () => {
        const reported = run(await program({ writer: "trail" }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "mandatory");
        assert.match(headline(reported[0].message), /^s3BucketName: KMS key 'logs-key' does not let CloudTrail in, so the trail cannot write log files to its bucket/);
        assert.ok(reported[0].message.includes("It writes to bucket 'logs', whose default encryption (SSE-KMS) uses this key."));
        assert.ok(reported[0].message.includes("cloudtrail.amazonaws.com (CloudTrail, writing to an SSE-KMS bucket) is not allowed kms:GenerateDataKey."));
        assert.ok(reported[0].message.includes("\"kms:GenerateDataKey*\""));
    });

    it("is clean once the key lets CloudTrail generate data keys (the fix), also for the inline configuration", async () => {
        assert.deepStrictEqual(run(await program({ writer: "trail", policy: keyPolicy(allow("cloudtrail.amazonaws.com", ["kms:GenerateDataKey*"])) })), []);
        const inline = run(await program({ writer: "trail", inline: true }));
        assert.strictEqual(inline.length, 1, JSON.stringify(inline));
    });

    it("leaves a trail with its own kmsKeyId to the trail row, and SSE-S3 buckets alone", async () => {
        const own = run(await program({ writer: "trail", trailKey: true, policy: keyPolicy(allow("cloudtrail.amazonaws.com", ["kms:GenerateDataKey"])) }));
        assert.deepStrictEqual(own, []);
        assert.deepStrictEqual(run(await program({ writer: "trail", sse: "s3" })), []);
    });

    it("reports a flow log to S3 (delivery.logs, mandatory) and a Config channel (advisory: the recorder's role may write)", async () => {
        const flow = run(await program({ writer: "flow-log" }));
        assert.strictEqual(flow.length, 1, JSON.stringify(flow));
        assert.strictEqual(flow[0].level, "mandatory");
        assert.match(headline(flow[0].message), /^logDestination: KMS key 'logs-key' does not let VPC Flow Logs in, so the flow log deploys, then delivers nothing/);
        assert.ok(flow[0].message.includes("delivery.logs.amazonaws.com"));
        assert.deepStrictEqual(run(await program({ writer: "flow-log", policy: keyPolicy(allow("delivery.logs.amazonaws.com", ["kms:GenerateDataKey*"])) })), []);
        const channel = run(await program({ writer: "channel" }));
        assert.strictEqual(channel.length, 1, JSON.stringify(channel));
        assert.strictEqual(channel[0].level, "advisory");
        assert.match(headline(channel[0].message), /does not let AWS Config in, so AWS Config may not deliver to its bucket/);
    });

    it("reads a v6 BucketV2 with BucketServerSideEncryptionConfigurationV2", async () => {
        const records = await recordProgram(() => {
            const key = new aws6.kms.Key("logs-key", { policy: keyPolicy() });
            const bucket = new aws6.s3.BucketV2("logs", { bucket: "logs-bucket" });
            new aws6.s3.BucketServerSideEncryptionConfigurationV2("logs-sse", {
                bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
            });
            new aws6.cloudtrail.Trail("audit", { name: "audit", s3BucketName: bucket.id });
        }, STACK);
        const reported = run(records);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /does not let CloudTrail in/);
    });
    it("gives an advisory when the key policy is computed, and keeps a secret bucket name out of the message", async () => {
        const records = await program({ writer: "trail" });
        const unknownPolicy = records.map(r => r.type === "aws:kms/key:Key" ? { ...r, properties: { ...r.properties, policy: UNKNOWN }, outputs: { ...r.outputs, policy: UNKNOWN },
            propertyDependencies: { policy: [records.find(b => b.type === "aws:s3/bucket:Bucket")!.urn] } } : r);
        const reported = run(unknownPolicy);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.strictEqual(reported[0].level, "advisory");
        assert.match(reported[0].message, /computed during preview/);
        const secretName = records.map(r => r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, bucket: secret("logs-bucket") }, outputs: { ...r.outputs, bucket: secret("logs-bucket") } } : r);
        for (const finding of run(secretName)) {
            assert.ok(!finding.message.includes("logs-bucket"), finding.message);
        }
    });

    it("survives wrong shapes of the encryption configuration and of the writer", () => {
        const key = record("aws:kms/key:Key", "k", { policy: keyPolicy() }, { outputs: { arn: UNKNOWN, id: UNKNOWN, policy: keyPolicy() } });
        const bucket = record("aws:s3/bucket:Bucket", "b", { bucket: "b" });
        const shapes: unknown[] = ["aws:kms", [null], [{ applyServerSideEncryptionByDefault: "x" }], [{ applyServerSideEncryptionByDefault: { sseAlgorithm: UNKNOWN } }], {}];
        for (const rules of shapes) {
            const sse = record("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse", { bucket: "b", rules },
                { propertyDependencies: { rules: [urnOf("aws:kms/key:Key", "k")] } });
            for (const trail of [{ s3BucketName: "b" }, { s3BucketName: ["b"] }, { s3BucketName: "b", kmsKeyId: {} }]) {
                run([key, bucket, sse, record("aws:cloudtrail/trail:Trail", "t", trail)]);
            }
        }
    });
});
