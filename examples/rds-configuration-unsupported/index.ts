import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
// Both subnets in eu-west-1a: "DBSubnetGroupDoesNotCoverEnoughAZs ... Add subnets to cover at least 2 AZs."
const a = new aws.ec2.Subnet("db-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
const b = new aws.ec2.Subnet("db-b", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24", availabilityZone: "eu-west-1a" });
const subnets = new aws.rds.SubnetGroup("db", { subnetIds: [a.id, b.id] });

new aws.rds.Instance("orders-db", {
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.t4g.medium",
    dbSubnetGroupName: subnets.name,
    username: "orders",
    manageMasterUserPassword: true,
    // gp3 under 400 GiB has a fixed baseline for PostgreSQL: "You can't specify IOPS or storage throughput ..."
    storageType: "gp3",
    allocatedStorage: 100,
    iops: 3000,
    // Enhanced Monitoring without a role: "A MonitoringRoleARN value is required ..."
    monitoringInterval: 60,
    skipFinalSnapshot: true,
});
