import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";

// A user name PostgreSQL does not reserve, and a password AWS generates and keeps in Secrets Manager.
new aws.rds.Cluster("reporting", {
    engine: "aurora-postgresql",
    engineVersion: "16.13",
    masterUsername: "postgres",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});

// The default special characters without @ (RDS also refuses / " and space).
const password = new random.RandomPassword("orders-db-password", { length: 16, overrideSpecial: "!#$%&*()-_=+[]{}<>:?" });
new aws.rds.Instance("orders-db", {
    engine: "mysql",
    engineVersion: "8.0",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "orders",
    password: password.result,
    skipFinalSnapshot: true,
});
