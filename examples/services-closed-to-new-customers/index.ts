import * as aws from "@pulumi/aws";

// Closed to new customers since 2024-07-25: fails in an account that never used CloudSearch.
new aws.cloudsearch.Domain("catalog-search", { name: "catalog-search" });

// QLDB ended on 2025-07-31: creating a ledger fails everywhere.
new aws.qldb.Ledger("audit", { permissionsMode: "STANDARD" });
