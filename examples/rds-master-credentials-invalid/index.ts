import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";

// "admin" is reserved by Aurora PostgreSQL: pulumi up fails with "InvalidParameterValue: MasterUsername admin
// cannot be used as it is a reserved word used by the engine".
new aws.rds.Cluster("reporting", {
    engine: "aurora-postgresql",
    engineVersion: "16.13",
    masterUsername: "admin",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});

// The random provider's default special characters include @, which RDS refuses in a master password: about one
// deployment in six fails with "The parameter MasterUserPassword is not a valid password...".
const password = new random.RandomPassword("orders-db-password", { length: 16 });
new aws.rds.Instance("orders-db", {
    engine: "mysql",
    engineVersion: "8.0",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "orders",
    password: password.result,
    skipFinalSnapshot: true,
});
