import * as aws from "@pulumi/aws";

// db.m9g is offered for postgres in us-east-1 but not (yet) in ap-northeast-1: `pulumi up` fails with
// "InvalidParameterCombination: RDS does not support creating a DB instance with the following combination: ...".
new aws.rds.Instance("orders-db", {
    engine: "postgres",
    engineVersion: "15",
    instanceClass: "db.m9g.large",
    allocatedStorage: 20,
    username: "orders",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});
