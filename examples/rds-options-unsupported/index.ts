import * as aws from "@pulumi/aws";

// Performance Insights is not available on db.t3.micro for MySQL: "Performance Insights not supported for this configuration."
new aws.rds.Instance("reports-db", {
    engine: "mysql",
    engineVersion: "8.0",
    instanceClass: "db.t3.micro",
    allocatedStorage: 20,
    username: "reports",
    manageMasterUserPassword: true,
    performanceInsightsEnabled: true,
    skipFinalSnapshot: true,
});

// Aurora MySQL 3 (8.0-compatible) does not offer db.t3.small, which Aurora MySQL 2 did.
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
    instanceClass: "db.t3.small",
});
