// The AWS region a resource is deployed to, resolved the way the AWS provider resolves it.
import type { ResourceContext, StackResource } from "../framework/policy";
import { PropertyBag, UNKNOWN, Unknown } from "../framework/properties";
import { StackInfo } from "../framework/stack";

export type RegionSource = "resource" | "provider" | "stack-config" | "environment";

export interface ResolvedRegion {
    /** The region, `UNKNOWN` when the deciding value is computed during preview, undefined when nothing says. */
    readonly region: string | Unknown | undefined;
    readonly source: RegionSource | undefined;
}

export interface RegionInputs {
    readonly props: PropertyBag;
    /**
     * True for AnalyzeStack's planned outputs, where an unknown `region` is usually the computed copy of the
     * provider's region; false for Analyze's inputs, where an unknown `region` was set from another resource's output.
     */
    readonly plannedOutputs?: boolean;
    readonly providerProps?: PropertyBag;
    readonly stack: StackInfo;
    readonly env?: NodeJS.ProcessEnv;
}

const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/;

export function isRegionName(value: string): boolean {
    return REGION_PATTERN.test(value);
}

/**
 * Order: the resource's own `region` (@pulumi/aws v7), its provider's `region` (explicit or default provider), the
 * stack config `aws:region`, then `AWS_REGION` / `AWS_DEFAULT_REGION`. An unknown value is not guessed past, except an
 * unknown resource `region` in planned outputs, which is the computed copy of the provider's region.
 */
export function resolveRegion(inputs: RegionInputs): ResolvedRegion {
    const own = inputs.props.string("region");
    if (typeof own === "string" && own !== "") {
        return { region: own, source: "resource" };
    }
    if (own === UNKNOWN && !inputs.plannedOutputs) {
        return { region: UNKNOWN, source: "resource" };
    }
    if (inputs.providerProps) {
        const fromProvider = inputs.providerProps.string("region");
        if (fromProvider === UNKNOWN) {
            return { region: UNKNOWN, source: "provider" };
        }
        if (fromProvider) {
            return { region: fromProvider, source: "provider" };
        }
    }
    const fromConfig = inputs.stack.config.get("aws:region");
    if (fromConfig) {
        return { region: fromConfig, source: "stack-config" };
    }
    const env = inputs.env ?? process.env;
    const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (fromEnv) {
        return { region: fromEnv, source: "environment" };
    }
    return { region: undefined, source: undefined };
}


const resolvedOfContext = new WeakMap<object, ResolvedRegion>();
const resolvedOfResource = new WeakMap<StackResource, ResolvedRegion>();

/** The region of the resource a resource policy is looking at (its inputs), resolved once per call. */
export function regionOf(ctx: ResourceContext<unknown>): ResolvedRegion {
    let resolved = resolvedOfContext.get(ctx);
    if (!resolved) {
        resolved = resolveRegion({ props: ctx.props, providerProps: ctx.provider?.props, stack: ctx.stack });
        resolvedOfContext.set(ctx, resolved);
    }
    return resolved;
}

/** The region of a stack resource (its planned outputs), resolved once per resource. */
export function regionOfResource(resource: StackResource): ResolvedRegion {
    let resolved = resolvedOfResource.get(resource);
    if (!resolved) {
        resolved = resolveRegion({ props: resource.props, providerProps: resource.provider?.props, stack: resource.stack, plannedOutputs: true });
        resolvedOfResource.set(resource, resolved);
    }
    return resolved;
}
