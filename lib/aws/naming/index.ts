// Physical names of AWS resources: the name table, the rule engine, suggestions, uniqueness scope and token, and
// Pulumi's custom autonaming.
export * from "./name-rules";
export * from "./name-table";
export * from "./name-suggestions";
export * from "./uniqueness-scope";
export * from "./uniqueness-token";
export * from "./autonaming";
export * from "./constant-suffix";
export * from "./headline";
