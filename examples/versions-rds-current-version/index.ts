import * as aws from "@pulumi/aws";

// The newest postgres 15 minor in the data (RDS deprecated 15.2 to 15.12; 15.13 and later can be created).
new aws.rds.Instance("orders-db", {
    engine: "postgres",
    engineVersion: "15.18",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "orders",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});

// The major version alone: RDS picks the default minor version.
new aws.rds.Instance("billing-db", {
    engine: "postgres",
    engineVersion: "15",
    instanceClass: "db.m8g.large",
    allocatedStorage: 20,
    username: "billing",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});

const cluster = new aws.rds.Cluster("reporting", {
    engine: "aurora-postgresql",
    engineVersion: "16.14",
    masterUsername: "reporting",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
    serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 4 },
});

new aws.rds.ClusterInstance("reporting-writer", {
    clusterIdentifier: cluster.id,
    engine: "aurora-postgresql",
    instanceClass: "db.serverless",
});
