// Whether a stack resource is being created (or replaced) by this deployment, or already exists.
//
// Verified in the engine and the AWS provider's bridge (pulumi/pulumi pkg/resource/deploy/step_generator.go
// `AnalyzeResources`, step.go; pulumi/pulumi-terraform-bridge pkg/tfbridge/provider.go `Create`/`Update`):
// AnalyzeStack receives each resource's new state `Outputs`, and during a preview these are
// - create and create-replacement (CreateStep.Apply calls the provider's Create with Preview: true): the bridge
//   returns the planned state of a resource that does not exist yet (`diff.ProposedState(res.TF, nil)`), so every
//   computed attribute is unknown, `id` included (the bridge always puts `id` into the outputs) and `arn`;
// - same (SameStep.Apply): the old outputs from the state, `id` and `arn` known;
// - update (UpdateStep.Apply calls Update with Preview: true): the proposed state built from the old state, so
//   `id` and `arn` keep their known values (only attributes the provider plans to recompute are unknown);
// - read (`aws.x.Y.get`): the outputs read from AWS, known.
// After a deployment (the AnalyzeStack of `pulumi up` that follows the updates) every output is known: what was
// just created then counts as existing, which is what it is.
import type { Finding, ResourceContext, StackContext, StackResource } from "../framework/policy";
import { UNKNOWN } from "../framework/properties";

export type PlannedChange = "create" | "existing" | "unknown";

/** "create" for a create or replace, "existing" for a resource the state already has, "unknown" when the outputs
 * say neither (a component resource, a skipped create of a targeted update, a record without outputs). */
export function plannedChange(resource: StackResource): PlannedChange {
    // `id` decides when present: an update keeps the known id even where the provider recomputes other outputs.
    for (const output of ["id", "arn"]) {
        const value = resource.props.get(output);
        if (value === UNKNOWN) {
            return "create";
        }
        if (typeof value === "string" && value !== "") {
            return "existing";
        }
    }
    return "unknown";
}

/** A stack resource seen the way a resource policy sees one, plus whether this deployment creates it. */
export interface PlannedResourceContext<C> extends ResourceContext<C> {
    readonly resource: StackResource;
    readonly change: PlannedChange;
}

/**
 * The resources of `types` as resource contexts over their planned outputs, for the policies whose verdict depends
 * on create versus existing (AWS checks versions, runtimes and instance classes when it creates a resource). Their
 * `report` reports on the resource in the stack policy's context.
 */
export function plannedResources<C>(ctx: StackContext<C>, types: readonly string[]): PlannedResourceContext<C>[] {
    return ctx.ofType(...types).map(resource => ({
        resource,
        type: resource.type,
        urn: resource.urn,
        name: resource.name,
        get props() {
            return resource.props;
        },
        get provider() {
            return resource.provider;
        },
        get change() {
            return plannedChange(resource);
        },
        config: ctx.config,
        stack: ctx.stack,
        report: (finding: Finding) => ctx.report(resource, finding),
    }));
}
