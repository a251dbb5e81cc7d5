// From consumer rules to consumer -> target pairs, each with the grants its target's policy must give. Linear in
// the stack: each rule reads the resources of its types once; references are matched through identifier indexes.
import { IdentifierIndex, referencedResources } from "../../framework/links";
import type { StackResource } from "../../framework/policy";
import { Path, UNKNOWN } from "../../framework/properties";
import { arnResourceName, partitionOf } from "../arn";
import type { PrincipalRef } from "../iam";
import { regionOfResource } from "../region";
import { ConditionBlock, ConsumerNote, ConsumerRule, ConsumerUse, LocateContext, Template, UsedBy } from "./rules";

/** One principal a target's policy must let in for one consumer. */
export interface Grant {
    readonly principal: PrincipalRef;
    /** How to write the principal in a statement, e.g. {Service: "logs.us-east-1.amazonaws.com"}. */
    readonly principalElement: Readonly<Record<string, string>>;
    readonly actions: readonly string[];
    readonly context?: Readonly<Record<string, string>>;
    readonly condition?: ConditionBlock;
    readonly who: string;
    readonly failure: string;
    readonly separate?: ConsumerRule["separate"];
}

export interface ConsumerPair<T> {
    readonly consumer: StackResource;
    readonly path: Path;
    readonly target: T;
    readonly grants: Grant[];
    readonly via?: string;
    readonly uncertain?: boolean;
}

/** What the engine needs to know of a target family (KMS keys, buckets). */
export interface TargetFamily<T> extends LocateContext<T> {
    /** Identity of a target (its URN), to pair each consumer with each target once. */
    id(target: T): string;
    /** The target's account when known (from its ARN), for the pasted statement. */
    account(target: T): string | undefined;
}

const PATH_SEPARATOR = /[.[]/;
const PLACEHOLDER = /\{(region|partition|dnsSuffix|account|name|user|principal)\}/g;

export function presentReference(value: unknown): boolean {
    return value === UNKNOWN || (typeof value === "string" && value !== "");
}

/** The consumer's name when known (`name`, or `namePrefix` followed by `*`). */
export function knownName(consumer: StackResource): string | undefined {
    const name = consumer.props.string("name");
    if (typeof name === "string" && name !== "") {
        return name;
    }
    const prefix = consumer.props.string("namePrefix");
    return typeof prefix === "string" && prefix !== "" ? `${prefix}*` : undefined;
}

interface Site {
    readonly region: string | undefined;
    readonly partition: string;
    readonly dnsSuffix: string;
    readonly account: string | undefined;
    readonly name: string | undefined;
}

function siteOf<T>(consumer: StackResource, target: T, family: TargetFamily<T>): Site {
    const resolved = regionOfResource(consumer).region;
    const region = typeof resolved === "string" && resolved !== "" ? resolved : undefined;
    const { partition, dnsSuffix } = partitionOf(region ?? "");
    return { region, partition, dnsSuffix, account: family.account(target), name: knownName(consumer) };
}

function fill(template: Template, values: Readonly<Record<string, string>>): string {
    return template.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}

function fillBlock(block: ConditionBlock, values: Readonly<Record<string, string>>): ConditionBlock {
    const out: Record<string, Record<string, string | boolean>> = {};
    for (const [operator, entries] of Object.entries(block)) {
        out[operator] = {};
        for (const [key, value] of Object.entries(entries)) {
            out[operator][key] = typeof value === "string" ? fill(value, values) : value;
        }
    }
    return out;
}

function grantOf<T>(rule: ConsumerRule<T>, site: Site, user: string | undefined, use?: ConsumerUse<T>): Grant {
    const common = { partition: site.partition, dnsSuffix: site.dnsSuffix, user: user ?? "" };
    const explicit = use?.principal;
    const id = explicit ?? fill(rule.principal, { ...common, region: site.region ?? "*", account: site.account ?? "*" });
    const written = explicit ?? fill(rule.principal, { ...common, region: site.region ?? "<region>", account: site.account ?? "<account-id>" });
    const type = id.startsWith("arn:") ? "AWS" : "Service";
    const values = { ...common, principal: id };
    const contextTemplates = Object.values(rule.context ?? {});
    const context = rule.context && (site.name !== undefined || !contextTemplates.some(t => t.includes("{name}")))
        ? Object.fromEntries(Object.entries(rule.context).map(([key, t]) =>
            [key, fill(t, { ...values, region: site.region ?? "*", account: "*", name: site.name ?? "*" })]))
        : undefined;
    const condition = rule.condition
        ? fillBlock(rule.condition, { ...values, region: site.region ?? "<region>", account: site.account ?? "<account-id>", name: site.name ?? "*" })
        : undefined;
    return {
        principal: { type, id },
        principalElement: { [type]: written },
        actions: rule.actions,
        context,
        condition,
        who: use?.who ?? fill(rule.who ?? `extraConsumers rule for ${rule.type}`, values),
        failure: fill(rule.failure ?? "the service cannot use the target", values),
        separate: rule.separate,
    };
}

class Pairs<T> {
    private readonly byId = new Map<string, ConsumerPair<T>>();

    constructor(private readonly family: TargetFamily<T>) {}

    add(consumer: StackResource, path: Path, target: T, grant: Grant, via?: string, uncertain?: boolean): void {
        const id = `${consumer.urn}\u0000${this.family.id(target)}`;
        let pair = this.byId.get(id);
        if (!pair) {
            pair = { consumer, path, target, grants: [], via, uncertain };
            this.byId.set(id, pair);
        }
        if (!pair.grants.some(g => g.principal.id === grant.principal.id)) {
            pair.grants.push(grant);
        }
    }

    all(): ConsumerPair<T>[] {
        return [...this.byId.values()];
    }
}

/** Every consumer -> target pair the rules find in the stack, in rule order, and the locators' own notes. */
export function collectConsumers<T>(rules: readonly ConsumerRule<T>[], family: TargetFamily<T>):
    { pairs: ConsumerPair<T>[]; notes: ConsumerNote<T>[] } {
    const pairs = new Pairs(family);
    const notes: ConsumerNote<T>[] = [];
    const users = new UserIndex(family);
    for (const rule of rules) {
        if (rule.locate) {
            const located = rule.locate(family);
            for (const use of located.uses) {
                pairs.add(use.consumer, use.path, use.target, grantOf(rule, siteOf(use.consumer, use.target, family), undefined, use), use.via, use.uncertain);
            }
            notes.push(...located.notes);
            continue;
        }
        const topLevel = rule.property.split(PATH_SEPARATOR)[0];
        const consumers = rule.usedBy ? users.consumersUsedBy(rule.type, rule.property, rule.usedBy) : undefined;
        const candidates = consumers ? [...consumers.keys()] : family.ofType(rule.type);
        for (const consumer of candidates) {
            const value = consumer.props.get(rule.property);
            if (!presentReference(value)) {
                continue;
            }
            for (const target of family.resolve(consumer, topLevel, value)) {
                pairs.add(consumer, rule.property, target, grantOf(rule, siteOf(consumer, target, family), consumers?.get(consumer)));
            }
        }
    }
    return { pairs: pairs.all(), notes };
}

interface ConsumerIndex {
    readonly byId: IdentifierIndex;
    readonly byName: IdentifierIndex;
    /** The consumers of the type that have a target reference. */
    readonly members: Set<StackResource>;
    readonly types: ReadonlySet<string>;
}

/** Finds the consumers (with a target reference) that other resources refer to, e.g. topics named by alarms. */
class UserIndex<T> {
    private readonly indexes = new Map<string, ConsumerIndex>();

    constructor(private readonly family: TargetFamily<T>) {}

    private index(type: string, property: string) {
        const id = `${type}\u0000${property}`;
        let index = this.indexes.get(id);
        if (!index) {
            index = { byId: new IdentifierIndex(), byName: new IdentifierIndex(), members: new Set(), types: new Set([type]) };
            for (const resource of this.family.ofType(type)) {
                if (presentReference(resource.props.get(property))) {
                    index.members.add(resource);
                    index.byId.add(resource, resource.props.string("arn"), resource.props.string("id"), resource.props.string("url"));
                    index.byName.add(resource, resource.props.string("name"));
                }
            }
            this.indexes.set(id, index);
        }
        return index;
    }

    /** Consumers of `type` (with `property` set) that resources of `usedBy.type` refer to, with the first such user. */
    consumersUsedBy(type: string, property: string, usedBy: UsedBy): Map<StackResource, string> {
        const found = new Map<StackResource, string>();
        const users = this.family.ofType(usedBy.type);
        if (users.length === 0 || this.family.ofType(type).length === 0) {
            return found;
        }
        const index = this.index(type, property);
        for (const user of users) {
            if (usedBy.when) {
                const value = user.props.string(usedBy.when.property);
                if (value !== UNKNOWN && !usedBy.when.values.includes(value as string)) {
                    continue;
                }
            }
            for (const userProperty of usedBy.properties) {
                for (const value of referenceValues(user, userProperty, usedBy.field)) {
                    for (const consumer of this.find(user, userProperty, value, index)) {
                        if (!found.has(consumer)) {
                            found.set(consumer, user.name);
                        }
                    }
                }
            }
        }
        return found;
    }

    private find(user: StackResource, property: string, value: unknown, index: ConsumerIndex) {
        const found = referencedResources(user, property, value, index.types, index.byId).filter(r => index.members.has(r));
        if (found.length === 0 && typeof value === "string") {
            // An ARN built from a known name: arn:aws:sns:<region>:<account>:<name>
            const name = arnResourceName(value, "");
            const byName = name ? index.byName.get(name) : undefined;
            if (byName) {
                found.push(byName);
            }
        }
        return found;
    }
}

function referenceValues(user: StackResource, property: string, field: string | undefined): unknown[] {
    const value = user.props.get(property);
    if (value === UNKNOWN) {
        return [UNKNOWN];
    }
    if (Array.isArray(value)) {
        return field === undefined ? value : value.map((_, i) => user.props.get([property, i, field]));
    }
    return field === undefined && value !== undefined && value !== null ? [value] : [];
}
