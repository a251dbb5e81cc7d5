import * as aws from "@pulumi/aws";

// Performance Insights on a class that supports it (or set performanceInsightsEnabled: false on db.t3.micro).
new aws.rds.Instance("reports-db", {
    engine: "mysql",
    engineVersion: "8.0",
    instanceClass: "db.t4g.medium",
    allocatedStorage: 20,
    username: "reports",
    manageMasterUserPassword: true,
    performanceInsightsEnabled: true,
    skipFinalSnapshot: true,
});

// db.t4g.medium is the smallest burstable class Aurora MySQL 3 offers.
const orders = new aws.rds.Cluster("orders", {
    engine: "aurora-mysql",
    engineVersion: "8.0.mysql_aurora.3.08.2",
    masterUsername: "orders",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});
new aws.rds.ClusterInstance("orders-writer", {
    clusterIdentifier: orders.id,
    engine: "aurora-mysql",
    instanceClass: "db.t4g.medium",
});
