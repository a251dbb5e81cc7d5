import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const environmentSuffix = new pulumi.Config().require("environmentSuffix");

// A copy-pasted database: both carry the suffix, so each looks fine alone, but they claim one identifier in one
// account and region. RDS creates the first and fails the second with DBInstanceAlreadyExists.
const common = {
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "app",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
};
new aws.rds.Instance("orders-db", { ...common, identifier: `orders-db-${environmentSuffix}` });
new aws.rds.Instance("orders-db-reporting", { ...common, identifier: `orders-db-${environmentSuffix}` });

// The fix for the second one: its own identifier.
new aws.rds.Instance("billing-db", { ...common, identifier: `billing-db-${environmentSuffix}` });
