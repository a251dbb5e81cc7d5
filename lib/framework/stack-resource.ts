// A resource as a stack policy sees it: its planned outputs through PropertyBag (read lazily), its provider, parent
// and the resources its properties were computed from.
import type { PolicyResource } from "@pulumi/policy";
import { PropertyBag } from "./properties";
import { StackInfo } from "./stack";

export interface ProviderInfo {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: PropertyBag;
}

export function providerInfo(provider: { type: string; urn: string; name: string; props: Record<string, unknown> } | undefined):
    ProviderInfo | undefined {
    if (!provider) {
        return undefined;
    }
    return { type: provider.type, urn: provider.urn, name: provider.name, props: new PropertyBag(provider.props) };
}

export class StackResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    private readonly source: PolicyResource;
    private readonly index: ReadonlyMap<string, StackResource>;
    // Built on first use: a stack policy usually reads the properties of a few types only.
    private bag: PropertyBag | undefined;
    private providerCache: ProviderInfo | undefined | null = null;

    constructor(source: PolicyResource, index: ReadonlyMap<string, StackResource>, readonly stack: StackInfo,
        private readonly read: StackResource[] = []) {
        this.source = source;
        this.index = index;
        this.type = source.type;
        this.urn = source.urn;
        this.name = source.name;
    }

    get props(): PropertyBag {
        if (!this.bag) {
            this.bag = new PropertyBag(this.source.props);
            this.read.push(this);
        }
        return this.bag;
    }

    get provider(): ProviderInfo | undefined {
        if (this.providerCache === null) {
            this.providerCache = providerInfo(this.source.provider);
        }
        return this.providerCache;
    }

    get parent(): StackResource | undefined {
        return this.source.parent ? this.index.get(this.source.parent.urn) : undefined;
    }

    /**
     * Whether the engine applies `other` before this resource: a `dependsOn`, or an input computed from `other`,
     * directly or through resources in between (searched up to `limit` resources, so a check stays cheap).
     */
    waitsFor(other: StackResource, limit = 64): boolean {
        const seen = new Set<string>([this.urn]);
        const queue: PolicyResource[] = [this.source];
        while (queue.length > 0 && seen.size <= limit) {
            const current = queue.shift()!;
            const direct = Array.isArray(current.dependencies) ? current.dependencies : [];
            const byProperty = current.propertyDependencies && typeof current.propertyDependencies === "object"
                ? Object.values(current.propertyDependencies).flatMap(deps => Array.isArray(deps) ? deps : []) : [];
            for (const dep of [...direct, ...byProperty]) {
                if (!dep || typeof dep.urn !== "string" || seen.has(dep.urn)) {
                    continue;
                }
                if (dep.urn === other.urn) {
                    return true;
                }
                seen.add(dep.urn);
                queue.push(dep);
            }
        }
        return false;
    }

    /** Resources the value of `property` was computed from (the engine's property dependencies). */
    dependenciesOf(property: string): readonly StackResource[] {
        const deps = this.source.propertyDependencies?.[property];
        if (!Array.isArray(deps)) {
            return [];
        }
        const out: StackResource[] = [];
        for (const dep of deps) {
            const resource = dep && this.index.get(dep.urn);
            if (resource) {
                out.push(resource);
            }
        }
        return out;
    }
}
