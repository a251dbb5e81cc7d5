import * as aws from "@pulumi/aws";

// OpenSearch Service instead of CloudSearch.
new aws.opensearch.Domain("catalog-search", {
    engineVersion: "OpenSearch_2.19",
    clusterConfig: { instanceType: "t3.small.search" },
    ebsOptions: { ebsEnabled: true, volumeSize: 10 },
});

// Aurora PostgreSQL instead of QLDB.
new aws.rds.Cluster("audit", {
    engine: "aurora-postgresql",
    masterUsername: "audit",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});
