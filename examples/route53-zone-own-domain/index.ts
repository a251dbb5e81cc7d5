import * as aws from "@pulumi/aws";

// A subdomain of a domain you own can be hosted (delegate it from the parent zone with NS records).
new aws.route53.Zone("staging", { name: "staging.acme-corp.dev" });
new aws.route53.Zone("docs", { name: "docs.acme-corp.dev" });
