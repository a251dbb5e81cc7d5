// Linking resources in a stack policy: which resource a property refers to, while ids and ARNs may still be
// unknown (engine property dependencies) or already known (matched against the identifiers of the stack's resources).
import type { StackResource } from "./policy";

/** Known identifiers (ARNs, ids, names) of resources of some types, for matching known reference values. */
export class IdentifierIndex {
    private readonly byIdentifier = new Map<string, StackResource>();

    add(resource: StackResource, ...identifiers: unknown[]): void {
        for (const identifier of identifiers) {
            if (typeof identifier === "string" && identifier !== "" && !this.byIdentifier.has(identifier)) {
                this.byIdentifier.set(identifier, resource);
            }
        }
    }

    get(identifier: string): StackResource | undefined {
        return this.byIdentifier.get(identifier);
    }
}

/**
 * The resources of `types` that `resource`'s property `property` refers to: through the engine's property
 * dependencies (which work while ARNs and ids are unknown), else by matching the known value against `index`.
 */
export function referencedResources(resource: StackResource, property: string, value: unknown, types: ReadonlySet<string>,
    index: IdentifierIndex, alternatives: (value: string) => readonly string[] = () => []): StackResource[] {
    if (typeof value === "string") {
        for (const candidate of [value, ...alternatives(value)]) {
            const found = index.get(candidate);
            if (found && types.has(found.type)) {
                return [found];
            }
        }
    }
    const out: StackResource[] = [];
    for (const dep of resource.dependenciesOf(property)) {
        if (types.has(dep.type) && !out.includes(dep)) {
            out.push(dep);
        }
    }
    return out;
}
