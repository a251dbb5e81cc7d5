// IAM policy documents: parsing, wildcards, evaluation, JSON syntax errors and restricting conditions.
export * from "./document";
export * from "./wildcards";
export * from "./evaluate";
export * from "./json-syntax";
export * from "./restricting-conditions";
