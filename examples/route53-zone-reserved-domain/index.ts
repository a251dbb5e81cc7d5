import * as aws from "@pulumi/aws";

// "InvalidDomainName: staging.example.com is reserved by AWS!" at pulumi up, whatever the case or trailing dot.
new aws.route53.Zone("staging", { name: "Staging.Example.com." });

// example.org is reserved for documentation like example.com (RFC 2606): likely refused too.
new aws.route53.Zone("docs", { name: "docs.example.org" });
