import * as aws from "@pulumi/aws";

// CloudFront takes ACM certificates and CLOUDFRONT-scoped web ACLs from us-east-1 only, whatever the stack's region.
const certificate = new aws.acm.Certificate("site", {
    domainName: "www.example.org",
    validationMethod: "DNS",
    region: "us-east-1",
});

const webAcl = new aws.wafv2.WebAcl("site-acl", {
    scope: "CLOUDFRONT",
    region: "us-east-1",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "site", sampledRequestsEnabled: true },
});

new aws.cloudfront.Distribution("site", {
    enabled: true,
    aliases: ["www.example.org"],
    webAclId: webAcl.arn,
    origins: [{ domainName: "site-origin.s3.eu-west-1.amazonaws.com", originId: "site" }],
    defaultCacheBehavior: {
        targetOriginId: "site",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { acmCertificateArn: certificate.arn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
});
