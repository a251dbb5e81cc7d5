import * as aws from "@pulumi/aws";

// Ownership controls that enable ACLs, then the ACL in its own resource, which waits for them.
const accessLogs = new aws.s3.Bucket("access-logs", {});
const accessLogsOwnership = new aws.s3.BucketOwnershipControls("access-logs-ownership", {
    bucket: accessLogs.id,
    rule: { objectOwnership: "BucketOwnerPreferred" },
});
new aws.s3.BucketAcl("access-logs-acl", { bucket: accessLogs.id, acl: "log-delivery-write" }, { dependsOn: [accessLogsOwnership] });

// CloudFront standard logging: ACLs enabled on the log bucket before the distribution is created.
const cdnLogs = new aws.s3.Bucket("cdn-logs", {});
const cdnLogsOwnership = new aws.s3.BucketOwnershipControls("cdn-logs-ownership", {
    bucket: cdnLogs.id,
    rule: { objectOwnership: "BucketOwnerPreferred" },
});
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
}, { dependsOn: [cdnLogsOwnership] });
