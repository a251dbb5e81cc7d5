import * as aws from "@pulumi/aws";

// A canned ACL on the bucket itself goes with CreateBucket: S3 creates the bucket with ACLs disabled and refuses it
// (InvalidBucketAclWithObjectOwnership), whatever ownership controls come later.
new aws.s3.Bucket("access-logs", { acl: "log-delivery-write" });

// CloudFront standard logging writes with ACLs: the distribution create fails on a bucket with ACLs disabled.
const cdnLogs = new aws.s3.Bucket("cdn-logs", {});
new aws.cloudfront.Distribution("site-cdn", {
    enabled: true,
    origins: [{
        domainName: "origin.example.com",
        originId: "web",
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
    }],
    defaultCacheBehavior: {
        targetOriginId: "web",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6", // Managed-CachingOptimized
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
    loggingConfig: { bucket: cdnLogs.bucketDomainName, prefix: "site-cdn/" },
});
