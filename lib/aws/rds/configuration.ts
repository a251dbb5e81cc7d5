// Combinations RDS refuses at create or modify, with the error texts AWS returns.
//
// Verified error texts (quoted by users from real AWS responses):
// - monitoring: cloudposse/terraform-aws-rds#75, azavea/terraform-aws-postgresql-rds#31;
// - gp3 IOPS/throughput under the threshold: cloud-gov/terraform-provision#1556, cloudtools/troposphere#2153
//   (thresholds per engine: RDS User Guide CHAP_Storage "gp3 storage": 200 GiB for Oracle, 400 GiB for Db2,
//   MariaDB, MySQL and PostgreSQL; none for SQL Server);
// - io1 ratio: ministryofjustice/cloud-platform-environments#3972;
// - subnet group coverage: terraform-aws-modules/terraform-aws-vpc#821,
//   aws-cloudformation/aws-cloudformation-resource-providers-rds#189.

export const MONITORING_ROLE_REQUIRED_ERROR =
    "InvalidParameterCombination: A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0.";
export const MONITORING_INTERVAL_REQUIRED_ERROR =
    "InvalidParameterCombination: You must specify a MonitoringInterval value other than 0 when you specify a MonitoringRoleARN value.";
export const MONITORING_SERVICE_PRINCIPAL = "monitoring.rds.amazonaws.com";

export const gp3ThresholdError = (engine: string, threshold: number) =>
    `InvalidParameterCombination: You can't specify IOPS or storage throughput for engine ${engine} and a storage size less than ${threshold}.`;
export const iopsRatioError = (engine: string, storageType: string, ratio: number) =>
    `InvalidParameterCombination: Invalid iops to max storage (GB) ratio for engine name ${engine} and storage type ${storageType}: ${ratio.toFixed(4)}`;
export const subnetCoverageError = (zones: readonly string[]) =>
    "DBSubnetGroupDoesNotCoverEnoughAZs: The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. " +
    `Current AZ coverage: ${zones.join(", ")}. Add subnets to cover at least 2 AZs.`;

export const GP3_MIN_STORAGE_GIB = 20;

/** Below this allocated storage, gp3 has a fixed baseline and IOPS/throughput cannot be set; undefined: no threshold. */
export function gp3PerformanceThreshold(engine: string): number | undefined {
    const e = engine.toLowerCase();
    if (e.startsWith("sqlserver-")) {
        return undefined;
    }
    if (e.startsWith("oracle-")) {
        return 200;
    }
    if (e === "mysql" || e === "mariadb" || e === "postgres" || e.startsWith("db2-")) {
        return 400;
    }
    return undefined; // custom engines and Aurora (storage managed by the cluster): not checked
}

/** Provisioned IOPS per GiB that RDS accepts (RDS User Guide CHAP_Storage, "Provisioned IOPS SSD storage"). */
export const IOPS_RATIO: Readonly<Record<string, { min: number; max: number }>> = {
    io1: { min: 0.5, max: 50 },
    io2: { min: 0.5, max: 1000 },
};

/** Aurora Serverless v2 capacity in ACUs (Aurora User Guide, "Aurora Serverless v2 capacity"). */
export const SERVERLESS_V2_MAX_ACU = 256;
export const SERVERLESS_V2_STEP = 0.5;

export function isAuroraMysql(engine: string): boolean {
    const e = engine.toLowerCase();
    return e === "aurora-mysql" || e === "aurora";
}
