// Whether a stack resource is being created (or replaced) by this deployment, or already exists.
//
// AnalyzeStack receives each resource's planned outputs (DESIGN.md, "Values policies see"): for a resource being
// created or replaced, the values the provider computes at create (`arn`, `id`) are unknown during preview; for an
// existing resource they are known from the state.
import type { StackResource } from "../framework/policy";
import { UNKNOWN } from "../framework/properties";

export type PlannedChange = "create" | "existing" | "unknown";

/** Outputs every AWS resource of the provider computes when it is created. */
const CREATE_COMPUTED_OUTPUTS = ["arn", "id"] as const;

/** "create" for a create or replace, "existing" for a resource the state already has, "unknown" when nothing says. */
export function plannedChange(resource: StackResource): PlannedChange {
    let known = false;
    for (const output of CREATE_COMPUTED_OUTPUTS) {
        const value = resource.props.get(output);
        if (value === UNKNOWN) {
            return "create";
        }
        if (typeof value === "string" && value !== "") {
            known = true;
        }
    }
    return known ? "existing" : "unknown";
}
