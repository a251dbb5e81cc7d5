import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { cloudfrontDependenciesInUsEast1 } from "../../../policies/regions/cloudfront-dependencies-in-us-east-1";
import { ResourceRecord, secret, UNKNOWN } from "../../../lib/runner/engine";
import { record, validateStack } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

type Stack = { project: string; stack: string; config: Record<string, string> };
const STACK: Stack = { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } };
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const run = (records: readonly ResourceRecord[], stack = STACK) => validateStack(cloudfrontDependenciesInUsEast1, records, {}, stack);
const program = (fn: () => void, stack = STACK) => recordProgram(fn, stack);

const behavior = (lambdaArn?: unknown) => ({
    targetOriginId: "site", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"],
    cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    ...(lambdaArn ? { lambdaFunctionAssociations: [{ eventType: "viewer-request", lambdaArn }] } : {}),
});
function distribution(certificateArn: unknown, lambdaArn?: unknown): aws.cloudfront.DistributionArgs {
    return {
        enabled: true,
        origins: [{ domainName: "site.s3.eu-west-1.amazonaws.com", originId: "site" }],
        defaultCacheBehavior: behavior(lambdaArn) as aws.cloudfront.DistributionArgs["defaultCacheBehavior"],
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { acmCertificateArn: certificateArn as string, sslSupportMethod: "sni-only" },
    };
}
const WEB_ACL_ARGS = { scope: "CLOUDFRONT", defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: false, metricName: "edge", sampledRequestsEnabled: false } };

describe("cloudfront-dependencies-in-us-east-1", () => {
    it("has its public metadata", () => {
        const p = cloudfrontDependenciesInUsEast1.policy;
        assert.strictEqual(p.name, "cloudfront-dependencies-in-us-east-1");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(cloudfrontDependenciesInUsEast1.kind, "stack");
    });

    it("reports a certificate created in the stack's region, through its validation, with AWS's error", async () => {
        const records = await program(() => {
            const cert = new aws.acm.Certificate("site", { domainName: "www.example.org", validationMethod: "DNS" });
            const validation = new aws.acm.CertificateValidation("site", { certificateArn: cert.arn });
            new aws.cloudfront.Distribution("cdn", distribution(validation.certificateArn));
        });
        const reported = run(records);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /^viewerCertificate\.acmCertificateArn: certificate "site" is in eu-west-1; CloudFront needs us-east-1: set region: "us-east-1" on it \(v7\) or a us-east-1 provider\.$/m);
        assert.match(reported[0].message, /"InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in us-east-1 region/);
        assert.strictEqual(reported[0].urn, records.find(r => r.type === DISTRIBUTION)!.urn);
        // The fix: the certificate in us-east-1 (v7 region property, or a us-east-1 provider).
        assert.deepStrictEqual(run(await program(() => {
            const cert = new aws.acm.Certificate("site", { domainName: "www.example.org", validationMethod: "DNS", region: "us-east-1" });
            new aws.cloudfront.Distribution("cdn", distribution(cert.arn));
            const east = new aws6.Provider("east", { region: "us-east-1" });
            const cert6 = new aws6.acm.Certificate("site6", { domainName: "www.example.org", validationMethod: "DNS" }, { provider: east });
            new aws6.cloudfront.Distribution("cdn6", distribution(cert6.arn) as aws6.cloudfront.DistributionArgs);
        })), []);
    });

    it("reads a known certificate ARN's region; ignores unknown, secret-free or other-partition ones", () => {
        const known = (arn: unknown) => run([record(DISTRIBUTION, "cdn", { viewerCertificate: { acmCertificateArn: arn } })]);
        assert.strictEqual(known("arn:aws:acm:eu-central-1:111122223333:certificate/abc").length, 1);
        assert.match(known("arn:aws:acm:eu-central-1:111122223333:certificate/abc")[0].message, /the certificate is in eu-central-1; CloudFront needs us-east-1: request the certificate in us-east-1\./);
        assert.deepStrictEqual(known("arn:aws:acm:us-east-1:111122223333:certificate/abc"), []);
        assert.deepStrictEqual(known(UNKNOWN), []);
        assert.deepStrictEqual(known("arn:aws-cn:acm:cn-north-1:111122223333:certificate/abc"), []);
        assert.deepStrictEqual(known("not-an-arn"), []);
        const hidden = known(secret("arn:aws:acm:eu-central-1:111122223333:certificate/abc"));
        assert.strictEqual(hidden.length, 1);
        assert.ok(!hidden[0].message.includes("111122223333"));
    });

    it("reports a Lambda@Edge function outside us-east-1, known or through the dependency", async () => {
        const reported = run(await program(() => {
            const role = new aws.iam.Role("edge", { assumeRolePolicy: "{}" });
            const fn = new aws.lambda.Function("auth", { role: role.arn, runtime: "nodejs22.x", handler: "index.handler", publish: true,
                code: "./fixtures" as unknown as aws.lambda.FunctionArgs["code"] });
            new aws.cloudfront.Distribution("cdn", { ...distribution(undefined, fn.qualifiedArn), viewerCertificate: { cloudfrontDefaultCertificate: true } });
        }));
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /^defaultCacheBehavior\.lambdaFunctionAssociations\[0\]\.lambdaArn: function "auth" is in eu-west-1; Lambda@Edge needs us-east-1: set region/m);
        assert.match(reported[0].message, /InvalidLambdaFunctionAssociation: The function must be in region 'us-east-1'/);
        const knownArn = run([record(DISTRIBUTION, "cdn", { orderedCacheBehaviors: [behavior("arn:aws:lambda:eu-west-1:111122223333:function:auth:3")] })]);
        assert.strictEqual(knownArn.length, 1);
        assert.match(knownArn[0].message, /^orderedCacheBehaviors\[0\]\.lambdaFunctionAssociations\[0\]\.lambdaArn: the function is in eu-west-1/m);
        assert.match(knownArn[0].message, /ARN: arn:aws:lambda:eu-west-1:111122223333:function:auth:3/);
        assert.deepStrictEqual(run([record(DISTRIBUTION, "cdn", { defaultCacheBehavior: behavior("arn:aws:lambda:us-east-1:111122223333:function:auth:3") })]), []);
    });

    it("reports CLOUDFRONT-scoped WAF resources outside us-east-1, not REGIONAL ones or those in us-east-1", async () => {
        const reported = run(await program(() => {
            new aws.wafv2.WebAcl("edge", WEB_ACL_ARGS);
            new aws.wafv2.IpSet("blocked", { scope: "CLOUDFRONT", ipAddressVersion: "IPV4", addresses: [] });
            new aws.wafv2.WebAcl("regional", { ...WEB_ACL_ARGS, scope: "REGIONAL" });
            new aws.wafv2.WebAcl("east", { ...WEB_ACL_ARGS, region: "us-east-1" });
        }));
        assert.strictEqual(reported.length, 2, JSON.stringify(reported));
        assert.ok(reported.every(r => /^scope: a CLOUDFRONT-scoped WAF resource must be in us-east-1, not eu-west-1: set region: "us-east-1"/m.test(r.message)));
        assert.ok(reported.every(r => r.message.includes("Error reason: The scope is not valid., field: SCOPE_VALUE, parameter: CLOUDFRONT")));
        const east = { ...STACK, config: { "aws:region": "us-east-1" } };
        assert.deepStrictEqual(run(await program(() => { new aws.wafv2.WebAcl("edge", WEB_ACL_ARGS); }, east), east), []);
    });

    it("stays silent on unknown regions and survives wrong shapes", () => {
        const noRegion: Stack = { project: "app", stack: "dev", config: {} };
        const saved = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
        delete process.env.AWS_REGION;
        delete process.env.AWS_DEFAULT_REGION;
        try {
            assert.deepStrictEqual(run([record(WEB_ACL, "w", { scope: "CLOUDFRONT" })], noRegion), []);
        } finally {
            if (saved[0] !== undefined) process.env.AWS_REGION = saved[0];
            if (saved[1] !== undefined) process.env.AWS_DEFAULT_REGION = saved[1];
        }
        const shapes: Record<string, unknown>[] = [
            { viewerCertificate: "arn:aws:acm:eu-west-1:1:certificate/x" },
            { viewerCertificate: { acmCertificateArn: 42 } },
            { defaultCacheBehavior: { lambdaFunctionAssociations: "x" }, orderedCacheBehaviors: [null, { lambdaFunctionAssociations: [null, {}] }] },
            { defaultCacheBehavior: [], orderedCacheBehaviors: {} },
        ];
        for (const properties of shapes) {
            const reported = run([record(DISTRIBUTION, "cdn", properties), record(WEB_ACL, "w", { scope: ["CLOUDFRONT"] })]);
            assert.ok(reported.every(r => !/could not finish/.test(r.message)), JSON.stringify(reported));
        }
    });
});
