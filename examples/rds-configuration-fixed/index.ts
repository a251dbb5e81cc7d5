import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
const a = new aws.ec2.Subnet("db-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
const b = new aws.ec2.Subnet("db-b", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24", availabilityZone: "eu-west-1b" });
const subnets = new aws.rds.SubnetGroup("db", { subnetIds: [a.id, b.id] });

// The role Enhanced Monitoring publishes metrics with: RDS's monitoring service must be able to assume it.
const monitoring = new aws.iam.Role("rds-monitoring", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"],
});

new aws.rds.Instance("orders-db", {
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.t4g.medium",
    dbSubnetGroupName: subnets.name,
    username: "orders",
    manageMasterUserPassword: true,
    storageType: "gp3",
    allocatedStorage: 100,
    monitoringInterval: 60,
    monitoringRoleArn: monitoring.arn,
    skipFinalSnapshot: true,
});
