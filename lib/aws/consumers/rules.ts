// "Who must be let in where, needing what": the shape of one consumer rule. A consumer is a resource that makes an
// AWS service (or role) use a target (a KMS key, a bucket): the target's resource policy must let that principal
// in with the actions the service calls. Built-in rows (lib/aws/kms/consumers.ts) and a user's `extraConsumers`
// have this shape and go through one code path (collect.ts, evaluate.ts).
import type { StackResource } from "../../framework/policy";
import type { Path } from "../../framework/properties";

/** A condition block as it goes into a policy statement: operator -> key -> value. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | boolean>>>>;

/**
 * Text with placeholders, filled per consumer: `{region}`, `{partition}`, `{dnsSuffix}`, `{account}` (the
 * target's account), `{name}` (the consumer's name, or `<namePrefix>*`), `{user}` (the resource that makes the
 * service use the consumer, for rows with `usedBy`), `{principal}`.
 */
export type Template = string;

/** The resources that make the service use a consumer, e.g. the CloudWatch alarms whose actions name a topic. */
export interface UsedBy {
    /** Pulumi type of the resource that refers to the consumer. */
    readonly type: string;
    /** Properties that hold a reference to the consumer (a string, or a list of them). */
    readonly properties: readonly string[];
    /** For a list of objects: the field of each item that holds the reference (e.g. `topicArn`). */
    readonly field?: string;
    /** Only when this property has one of these values (or is unknown), e.g. a subscription's `protocol`. */
    readonly when?: { readonly property: string; readonly values: readonly string[] };
}

/** Where a consumer uses a target, as found by a rule's own locator (see ConsumerRule.locate). */
export interface ConsumerUse<T> {
    readonly consumer: StackResource;
    /** The property path the finding points at. */
    readonly path: Path;
    readonly target: T;
    /** Extra sentence about how the target was found. */
    readonly via?: string;
    /** Whether the consumer uses the target at all is unknown during preview: report as advisory. */
    readonly uncertain?: boolean;
    /** The principal, when the consumer names it (e.g. an Auto Scaling group's custom service-linked role ARN). */
    readonly principal?: string;
    /** Replaces the rule's `who` for this use. */
    readonly who?: string;
}

/** A finding a locator makes itself (e.g. "could not be verified now" when the principal is computed). */
export interface ConsumerNote<T> {
    readonly consumer: StackResource;
    readonly path: Path;
    readonly target: T;
    readonly message: string;
}

/** What a locator can ask of the stack and of the target family. */
export interface LocateContext<T> {
    ofType(...types: string[]): readonly StackResource[];
    /** The targets `value` (the consumer's property `property`) refers to; empty for targets outside the stack. */
    resolve(consumer: StackResource, property: string, value: unknown): T[];
}

export interface ConsumerRule<T = unknown> {
    /** Pulumi type token of the consumer, e.g. `aws:cloudwatch/logGroup:LogGroup`. */
    readonly type: string;
    /** Property path holding the reference to the target, e.g. `kmsKeyId` or `serverSideEncryption.keyArn`. */
    readonly property: string;
    /** A service principal or an IAM ARN (a template: `logs.{region}.{dnsSuffix}`). */
    readonly principal: Template;
    /** The actions the principal needs. */
    readonly actions: readonly string[];
    /** Who needs it, for the message (a template). Default: "extraConsumers rule for <type>". */
    readonly who?: Template;
    /** What happens without it (a template). */
    readonly failure?: Template;
    /** Condition-key values the service's requests carry (templates; unknown parts become `*`). */
    readonly context?: Readonly<Record<string, Template>>;
    /** The condition worth adding to the statement (values are templates). */
    readonly condition?: ConditionBlock;
    /** Actions that need a separate statement with their own condition (the Auto Scaling CreateGrant statement). */
    readonly separate?: {
        readonly actions: readonly string[];
        readonly condition: ConditionBlock;
        /** Added to the request context when the separate actions are checked. */
        readonly context: Readonly<Record<string, string>>;
    };
    /** Only consumers that one of these resources refers to need the statement (e.g. a topic an alarm publishes to). */
    readonly usedBy?: UsedBy;
    /** A rule whose consumers are found by code instead of `property` (launch templates used by Auto Scaling). */
    readonly locate?: (ctx: LocateContext<T>) => { uses: ConsumerUse<T>[]; notes: ConsumerNote<T>[] };
    /** Where the facts of the row come from (documentation, provider source). */
    readonly source?: string;
}
