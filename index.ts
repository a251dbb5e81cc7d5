import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

new PolicyPack("aws-preflight", {
    policies: allPolicies.map(p => p.policy),
});
