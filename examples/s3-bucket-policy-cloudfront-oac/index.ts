import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const bucket = new aws.s3.Bucket("site", {});

const oac = new aws.cloudfront.OriginAccessControl("site-oac", {
    originAccessControlOriginType: "s3",
    signingBehavior: "always",
    signingProtocol: "sigv4",
});

const distribution = new aws.cloudfront.Distribution("site-cdn", {
    enabled: true,
    defaultRootObject: "index.html",
    origins: [{ domainName: bucket.bucketRegionalDomainName, originId: "s3-site", originAccessControlId: oac.id }],
    defaultCacheBehavior: {
        targetOriginId: "s3-site",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6", // Managed-CachingOptimized
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
});

// Only this distribution may read the objects: not a public policy, Block Public Access stays on.
new aws.s3.BucketPolicy("site-cdn-read", {
    bucket: bucket.id,
    policy: {
        Version: "2012-10-17",
        Statement: [{
            Sid: "AllowCloudFrontOriginAccessControl",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: pulumi.interpolate`${bucket.arn}/*`,
            Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
        }],
    },
});
