import * as aws from "@pulumi/aws";

// RDS deprecated postgres 15.2 to 15.12: `pulumi up` fails after the rest of the stack was created with
// "InvalidParameterCombination: Cannot find version 15.5 for postgres".
new aws.rds.Instance("orders-db", {
    engine: "postgres",
    engineVersion: "15.5",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "orders",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});

// The same for Aurora: aurora-postgresql 15.5 can no longer be created either.
const cluster = new aws.rds.Cluster("reporting", {
    engine: "aurora-postgresql",
    engineVersion: "15.5",
    masterUsername: "reporting",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});

new aws.rds.ClusterInstance("reporting-writer", {
    clusterIdentifier: cluster.id,
    engine: "aurora-postgresql",
    instanceClass: "db.r7g.large",
});
