import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { s3LogDeliveryAllowed } from "../../../policies/s3/s3-log-delivery-allowed";
import { ResourceRecord } from "../../../lib/runner/engine";
import { validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "us-east-1" } };
const run = (records: readonly ResourceRecord[]) => validateStack(s3LogDeliveryAllowed, records, {}, STACK);
const headline = (message: string) => message.split("\n")[0];
const policyOf = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const ELB_PUT = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::127311923021:root" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::alb-logs/web/AWSLogs/111122223333/*" };
const TRAIL_ACL = { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: "arn:aws:s3:::trail-logs" };
const TRAIL_PUT = {
    Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::trail-logs/AWSLogs/111122223333/*",
    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main" } },
};

interface Albs { policy?: unknown; enabled?: unknown; kms?: boolean; lbType?: string }

function albProgram(o: Albs = {}) {
    return recordProgram(() => {
        const bucket = new aws.s3.Bucket("alb-logs", { bucket: "alb-logs" });
        const policy = o.policy === undefined ? undefined : new aws.s3.BucketPolicy("alb-logs", { bucket: bucket.id, policy: o.policy as string });
        if (o.kms) {
            new aws.s3.BucketServerSideEncryptionConfiguration("alb-logs-sse", { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
        }
        new aws.lb.LoadBalancer("web", {
            loadBalancerType: o.lbType ?? "application",
            subnets: ["subnet-1", "subnet-2"],
            accessLogs: { bucket: bucket.id, prefix: "web", enabled: (o.enabled ?? true) as boolean },
        }, { dependsOn: policy ? [policy] : [] });
    }, STACK);
}

function trailProgram(policy: unknown, inline = false) {
    return recordProgram(() => {
        const bucket = new aws.s3.Bucket("trail-logs", { bucket: "trail-logs", ...(inline ? { policy: policy as string } : {}) });
        if (!inline && policy !== undefined) {
            new aws.s3.BucketPolicy("trail-logs", { bucket: bucket.id, policy: policy as string });
        }
        new aws.cloudtrail.Trail("main", { name: "main", s3BucketName: bucket.id });
    }, STACK);
}

describe("s3-log-delivery-allowed", () => {
    it("has its public metadata", () => {
        const p = s3LogDeliveryAllowed.policy;
        assert.strictEqual(p.name, "s3-log-delivery-allowed");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(p.severity, "high");
    });

    describe("ALB access logs", () => {
        it("reports a bucket without a policy, with the region's ELB account in the statement", async () => {
            const reported = run(await albProgram());
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].level, "mandatory");
            assert.match(headline(reported[0].message), /^accessLogs\.bucket: Elastic Load Balancing cannot write logs: bucket 'alb-logs' has no policy\. Add one allowing arn:aws:iam::127311923021:root s3:PutObject$/);
            assert.match(reported[0].message, /InvalidConfigurationRequest: Access Denied for bucket: <bucket>\. Please check S3bucket permission/);
            assert.match(reported[0].message, /"Resource": "arn:aws:s3:::alb-logs\/web\/AWSLogs\/<account-id>\/\*"/);
        });

        it("the statement from the message is clean, and so is the service principal or the account id", async () => {
            assert.deepStrictEqual(run(await albProgram({ policy: policyOf(ELB_PUT) })), []);
            const service = { ...ELB_PUT, Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" } };
            assert.deepStrictEqual(run(await albProgram({ policy: policyOf(service) })), []);
            assert.deepStrictEqual(run(await albProgram({ policy: policyOf({ ...ELB_PUT, Principal: { AWS: "127311923021" } }) })), []);
        });

        it("reports a policy for another region's account, or for other objects, or a Deny", async () => {
            const other = run(await albProgram({ policy: policyOf({ ...ELB_PUT, Principal: { AWS: "arn:aws:iam::156460612806:root" } }) }));
            assert.strictEqual(other.length, 1, JSON.stringify(other));
            assert.match(headline(other[0].message), /cannot write logs to bucket 'alb-logs': its policy does not allow s3:PutObject\. Add the statements below$/);
            const elsewhere = run(await albProgram({ policy: policyOf({ ...ELB_PUT, Resource: "arn:aws:s3:::alb-logs/other/*" }) }));
            assert.strictEqual(elsewhere.length, 1, JSON.stringify(elsewhere));
            const deny = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::alb-logs/*" };
            const denied = run(await albProgram({ policy: policyOf(ELB_PUT, deny) }));
            assert.strictEqual(denied.length, 1, JSON.stringify(denied));
            assert.match(denied[0].message, /Statement\[1\] denies it\./);
        });

        it("ignores a Deny on other objects and a conditional Deny (TLS only)", async () => {
            const otherDeny = { Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::alb-logs/private/*" };
            const tls = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::alb-logs/*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
            assert.deepStrictEqual(run(await albProgram({ policy: policyOf(ELB_PUT, otherDeny, tls) })), []);
        });

        it("reports an SSE-KMS bucket", async () => {
            const reported = run(await albProgram({ policy: policyOf(ELB_PUT), kms: true }));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /^accessLogs\.bucket: ALB access logs cannot go to SSE-KMS bucket 'alb-logs': use SSE-S3/);
        });

        it("is silent when logs are disabled or off by default, and for NLBs (vended logs add their statement)", async () => {
            assert.deepStrictEqual(run(await albProgram({ enabled: false })), []);
            assert.deepStrictEqual(run(await albProgram({ lbType: "network" })), []);
        });

        it("uses the service principal in Regions opened since August 2022", async () => {
            const records = await recordProgram(() => {
                const bucket = new aws.s3.Bucket("alb-logs", { bucket: "alb-logs" });
                new aws.lb.LoadBalancer("web", { accessLogs: { bucket: bucket.id, enabled: true } });
            }, { ...STACK, config: { "aws:region": "eu-central-2" } });
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /allowing logdelivery\.elasticloadbalancing\.amazonaws\.com s3:PutObject$/);
        });
    });

    describe("CloudTrail", () => {
        it("reports a missing GetBucketAcl, and a PutObject without the ACL condition value", async () => {
            const reported = run(await trailProgram(policyOf(TRAIL_PUT)));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.match(headline(reported[0].message), /^s3BucketName: CloudTrail cannot write logs to bucket 'trail-logs': its policy does not allow s3:GetBucketAcl\. Add the statements below$/);
            assert.match(reported[0].message, /InsufficientS3BucketPolicyException: Incorrect S3 bucket policy is detected for bucket/);
            const wrongAcl = { ...TRAIL_PUT, Condition: { StringEquals: { "s3:x-amz-acl": "private" } } };
            const excluded = run(await trailProgram(policyOf(TRAIL_ACL, wrongAcl)));
            assert.strictEqual(excluded.length, 1, JSON.stringify(excluded));
            assert.match(excluded[0].message, /Statement\[1\] names the service, but its Condition excludes this delivery\./);
        });

        it("is clean with both statements (SourceArn condition included), inline or as a BucketPolicy", async () => {
            assert.deepStrictEqual(run(await trailProgram(policyOf(TRAIL_ACL, TRAIL_PUT))), []);
            assert.deepStrictEqual(run(await trailProgram(policyOf(TRAIL_ACL, TRAIL_PUT), true)), []);
        });

        it("applies the statements from its own message", async () => {
            const reported = run(await trailProgram(undefined));
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            const pasted = JSON.parse(reported[0].message.slice(reported[0].message.indexOf("[\n")));
            const fixed = pasted.map((s: { Resource: string }) => ({ ...s, Resource: s.Resource.replace("<account-id>", "111122223333") }));
            assert.deepStrictEqual(run(await trailProgram(policyOf(...fixed))), []);
        });
    });

    describe("AWS Config and flow logs (advisory)", () => {
        it("reports a managed policy that lacks the service, and nothing when the bucket has no policy", async () => {
            const program = (withPolicy: boolean) => recordProgram(() => {
                const bucket = new aws.s3.Bucket("logs", { bucket: "logs" });
                if (withPolicy) {
                    new aws.s3.BucketPolicy("logs", { bucket: bucket.id, policy: policyOf({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/*" }) });
                }
                new aws.cfg.DeliveryChannel("config", { s3BucketName: bucket.id });
                new aws.ec2.FlowLog("vpc", { vpcId: "vpc-1", trafficType: "ALL", logDestinationType: "s3", logDestination: pulumi.interpolate`${bucket.arn}/flows` });
            }, STACK);
            assert.deepStrictEqual(run(await program(false)), []);
            const reported = run(await program(true));
            assert.strictEqual(reported.length, 2, JSON.stringify(reported));
            assert.ok(reported.every(r => r.level === "advisory"));
            assert.match(headline(reported[0].message), /^s3BucketName: AWS Config cannot write logs to bucket 'logs': its policy does not allow s3:GetBucketAcl, s3:ListBucket, s3:PutObject/);
            assert.match(headline(reported[1].message), /^logDestination: VPC Flow Logs \(delivery\.logs\) cannot write logs to bucket 'logs'/);
        });
    });

    describe("unknown, secret and wrong inputs", () => {
        it("gives one advisory for a policy computed from unknown outputs, and none for an unknown enabled flag", async () => {
            const records = await recordProgram(() => {
                const bucket = new aws.s3.Bucket("alb-logs", {});
                new aws.s3.BucketPolicy("alb-logs", { bucket: bucket.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ ...ELB_PUT, Resource: pulumi.interpolate`${bucket.arn}/*` }] }) });
                new aws.lb.LoadBalancer("web", { accessLogs: { bucket: bucket.id, enabled: true } });
                new aws.lb.LoadBalancer("maybe", { accessLogs: { bucket: bucket.id, enabled: bucket.arn.apply(() => true) } });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.strictEqual(reported[0].level, "advisory");
            assert.match(headline(reported[0].message), /^accessLogs\.bucket: could not verify now that the bucket policy lets Elastic Load Balancing write logs: the bucket policy is not known/);
        });

        it("reports a statement that allows the ELB account another action only", async () => {
            const records = await recordProgram(() => {
                const bucket = new aws.s3.Bucket("alb-logs", { bucket: "alb-logs" });
                new aws.s3.BucketPolicy("alb-logs", { bucket: bucket.id, policy: policyOf({ ...ELB_PUT, Action: "s3:GetObject" }) });
                new aws.lb.LoadBalancer("web", { accessLogs: { bucket: bucket.id, enabled: true, prefix: "web" } });
            }, STACK);
            assert.strictEqual(run(records).length, 1);
        });

        it("keeps a secret bucket name out of the message", async () => {
            const records = await recordProgram(() => {
                const bucket = new aws.s3.Bucket("trail-logs", { bucket: pulumi.secret("hidden-bucket-name") });
                new aws.cloudtrail.Trail("main", { s3BucketName: bucket.id, s3KeyPrefix: pulumi.secret("hidden-prefix") });
            }, STACK);
            const reported = run(records);
            assert.strictEqual(reported.length, 1, JSON.stringify(reported));
            assert.doesNotMatch(reported[0].message, /hidden/);
            assert.match(reported[0].message, /arn:aws:s3:::<bucket>\/<prefix>\/AWSLogs/);
        });

        it("survives wrong shapes", async () => {
            const records = await recordProgram(() => {
                const bucket = new aws.s3.Bucket("logs", { bucket: "logs", policy: "[1, 2]" });
                new aws.lb.LoadBalancer("web", { accessLogs: { bucket: bucket.id, enabled: true, prefix: 7 as unknown as string } });
                new aws.cloudtrail.Trail("t", { s3BucketName: [null] as unknown as string });
                new aws.ec2.FlowLog("f", { logDestinationType: "s3", logDestination: {} as unknown as string, vpcId: "vpc-1" });
            }, STACK);
            assert.deepStrictEqual(run(records), []);
        });
    });
});
