import {
    CFG_RECORDER,
    CFG_RECORDER_STATUS,
    CFG_RULE,
    CHANNEL_WITHOUT_RECORDER,
    configRegion,
    CUSTOM_LAMBDA_OWNER,
    FREQUENCY_ON_CHANGE_RULE,
    MANAGED_OWNER,
    recorderName,
    RULE_WITHOUT_RECORDER,
    SCHEDULED,
    SECOND_CHANNEL,
    SECOND_RECORDER,
    SNAPSHOT_DELIVERED,
    START_WITHOUT_CHANNEL,
    START_WITHOUT_RECORDER,
    startsRecorder,
} from "../../lib/aws/config/wiring";
import { managedRuleCatalog } from "../../lib/aws/config/managed-rules";
import { plannedChange } from "../../lib/aws/lifecycle";
import { CFG_DELIVERY_CHANNEL } from "../../lib/aws/resource-types";
import { StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";

type Config = Record<string, never>;

export const awsConfigWiringValid = stackPolicy<Config>({
    name: "aws-config-wiring-valid",
    description: "AWS Config's delivery channel, recorder status and managed rules wait for their prerequisites; managed " +
        "rule identifiers exist; one recorder and one delivery channel per Region.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["config", "deployment-blocker"],
    remediationSteps: "Give the delivery channel and every managed rule `dependsOn: [recorder]`, and the RecorderStatus " +
        "(isEnabled: true) `dependsOn: [deliveryChannel]` with `name: recorder.name`; keep one recorder and one delivery " +
        "channel per account and Region; use the identifier the message suggests for a managed rule.",
    resourceTypes: [CFG_RECORDER, CFG_DELIVERY_CHANNEL, CFG_RECORDER_STATUS, CFG_RULE],
    config: {},
    docs: {
        failure: "Pulumi creates the recorder, delivery channel, recorder status and rules in parallel unless they depend " +
            "on each other: a delivery channel or managed rule created before the recorder, or a recorder started before " +
            "the delivery channel, fails at `pulumi up`. A second recorder or delivery channel in a Region fails too. " +
            "Prerequisites outside the stack may exist in the account: advisory. Managed rule identifiers are checked " +
            "against a partial list (advisory).",
        awsError: CHANNEL_WITHOUT_RECORDER,
    },
    validate: ctx => {
        const channels = ctx.ofType(CFG_DELIVERY_CHANNEL);
        const statuses = ctx.ofType(CFG_RECORDER_STATUS);
        const rules = ctx.ofType(CFG_RULE);
        const recorders = ctx.ofType(CFG_RECORDER);
        if (channels.length + statuses.length + rules.length + recorders.length === 0) {
            return;
        }
        new Wiring(ctx, recorders, channels, statuses).check(rules);
    },
});

type ByRegion = Map<string, StackResource[]>;

function byRegion(resources: readonly StackResource[]): ByRegion {
    const out: ByRegion = new Map();
    for (const resource of resources) {
        const region = configRegion(resource);
        if (region !== undefined) {
            const list = out.get(region);
            list ? list.push(resource) : out.set(region, [resource]);
        }
    }
    return out;
}

/** Whether `dependent` is applied after one of `prerequisites` (or no race is possible: one of them already exists). */
function ordered(dependent: StackResource, prerequisites: readonly StackResource[]): boolean {
    return plannedChange(dependent) === "existing" ||
        prerequisites.some(p => plannedChange(p) === "existing" || dependent.waitsFor(p));
}

function names(resources: readonly StackResource[]): string {
    return resources.slice(0, 3).map(r => `'${r.name}'`).join(", ") + (resources.length > 3 ? ` and ${resources.length - 3} more` : "");
}

class Wiring {
    private readonly recorders: ByRegion;
    private readonly channels: ByRegion;
    /** Regions already told that their prerequisite is outside the stack (one advisory per Region and kind). */
    private readonly advised = new Set<string>();

    constructor(private readonly ctx: StackContext<Config>, private readonly allRecorders: readonly StackResource[],
        channels: readonly StackResource[], private readonly statuses: readonly StackResource[]) {
        this.recorders = byRegion(allRecorders);
        this.channels = byRegion(channels);
    }

    check(rules: readonly StackResource[]): void {
        this.singletons(this.recorders, "configuration recorder", SECOND_RECORDER);
        this.singletons(this.channels, "delivery channel", SECOND_CHANNEL);
        for (const [region, channels] of this.channels) {
            for (const channel of channels) {
                this.needsRecorder(channel, region, "the delivery channel", "PutDeliveryChannel", CHANNEL_WITHOUT_RECORDER);
            }
        }
        const started = new Set<StackResource>();
        for (const status of this.statuses) {
            this.status(status, started);
        }
        this.managedRules(rules);
        for (const recorder of this.allRecorders) {
            if (!started.has(recorder) && plannedChange(recorder) === "create") {
                this.ctx.report(recorder, {
                    advisory: true,
                    message: `new recorder '${recorder.name}' is never started: add an aws.cfg.RecorderStatus (name: recorder.name, ` +
                        "isEnabled: true) that dependsOn the delivery channel\n\nA recorder is created stopped: until " +
                        "StartConfigurationRecorder, AWS Config records nothing and change-triggered rules never evaluate (described).",
                });
            }
        }
    }

    /** One customer managed recorder (and one delivery channel) per account and Region. */
    private singletons(regions: ByRegion, kind: string, error: string): void {
        for (const [region, resources] of regions) {
            // Resources of different providers may be in different accounts: only the same provider is certain.
            const byProvider = new Map<string, StackResource[]>();
            for (const resource of resources) {
                const key = resource.provider?.urn ?? "";
                const list = byProvider.get(key);
                list ? list.push(resource) : byProvider.set(key, [resource]);
            }
            for (const [, same] of byProvider) {
                for (const extra of same.slice(1)) {
                    this.ctx.report(extra, {
                        message: `a second ${kind} in ${region} fails: AWS allows one per account and Region. Keep only ` +
                            `'${same[0].name}'\n\n"${error}"`,
                    });
                }
            }
        }
    }

    private needsRecorder(dependent: StackResource, region: string, what: string, call: string, error: string): void {
        const recorders = this.recorders.get(region) ?? [];
        if (recorders.length === 0) {
            this.outside(dependent, region, "recorder", what, `${call} then fails: "${error}"`);
            return;
        }
        if (!ordered(dependent, recorders)) {
            this.ctx.report(dependent, {
                message: `${what} can fail: it does not wait for recorder '${recorders[0].name}'. Add dependsOn: [recorder]\n\n` +
                    `Without a dependency Pulumi creates both at once, and if ${call} goes first: "${error}"`,
            });
        }
    }

    /** A prerequisite not in the stack may exist in the account: one advisory per Region and kind. */
    private outside(dependent: StackResource, region: string, kind: "recorder" | "delivery channel", what: string, failure: string): void {
        const key = `${region}\u0000${kind}\u0000${dependent.type}`;
        if (this.advised.has(key)) {
            return;
        }
        this.advised.add(key);
        const resource = kind === "recorder" ? "aws.cfg.Recorder" : "aws.cfg.DeliveryChannel";
        this.ctx.report(dependent, {
            advisory: true,
            message: `no configuration ${kind} in this stack for ${region}: ${what} needs one in the account. If there is ` +
                `none, add an ${resource} and dependsOn it\n\nWithout one ${failure} (reported once per Region).`,
        });
    }

    private status(status: StackResource, started: Set<StackResource>): void {
        const starts = startsRecorder(status);
        const recorder = this.recorderOf(status);
        if (recorder && starts !== false) {
            started.add(recorder);
        }
        if (starts !== true) {
            return; // stopping needs nothing; unknown: not known now
        }
        if (recorder && plannedChange(recorder) !== "existing" && plannedChange(status) !== "existing" && !status.waitsFor(recorder)) {
            this.ctx.report(status, {
                path: ["name"],
                message: `starting recorder '${recorder.name}' can fail: this RecorderStatus does not wait for it. Use ` +
                    `name: recorder.name (or dependsOn it)\n\nIf StartConfigurationRecorder runs first: "${START_WITHOUT_RECORDER}"`,
            });
        }
        const region = configRegion(status);
        if (region === undefined) {
            return;
        }
        const channels = this.channels.get(region) ?? [];
        if (channels.length === 0) {
            this.outside(status, region, "delivery channel", "starting the recorder", `StartConfigurationRecorder fails: "${START_WITHOUT_CHANNEL}"`);
        } else if (!ordered(status, channels)) {
            this.ctx.report(status, {
                message: `starting the recorder can fail: RecorderStatus does not wait for delivery channel '${channels[0].name}'. ` +
                    `Add dependsOn: [deliveryChannel]\n\nWithout a dependency Pulumi starts the recorder while the channel is ` +
                    `created, and if it goes first: "${START_WITHOUT_CHANNEL}"`,
            });
        }
    }

    /** The stack's recorder a RecorderStatus names: through its `name` input, else by the same name in its Region. */
    private recorderOf(status: StackResource): StackResource | undefined {
        const linked = status.dependenciesOf("name").find(r => r.type === CFG_RECORDER);
        if (linked) {
            return linked;
        }
        const name = status.props.get("name");
        const region = configRegion(status);
        if (typeof name !== "string" || region === undefined) {
            return undefined;
        }
        return (this.recorders.get(region) ?? []).find(r => recorderName(r) === name);
    }

    private managedRules(rules: readonly StackResource[]): void {
        const managed = new Map<string, StackResource[]>();
        for (const rule of rules) {
            const owner = rule.props.get(["source", "owner"]);
            if (owner === MANAGED_OWNER) {
                this.identifier(rule);
                const region = configRegion(rule);
                if (region !== undefined) {
                    const list = managed.get(region);
                    list ? list.push(rule) : managed.set(region, [rule]);
                }
            } else if (owner === CUSTOM_LAMBDA_OWNER) {
                this.customFrequencies(rule);
            }
        }
        for (const [region, list] of managed) {
            const recorders = this.recorders.get(region) ?? [];
            if (recorders.length === 0) {
                this.outside(list[0], region, "recorder", list.length === 1 ? "this managed rule" : `the ${list.length} managed rules (${names(list)})`,
                    `PutConfigRule fails: "${RULE_WITHOUT_RECORDER}"`);
                continue;
            }
            for (const rule of list) {
                this.needsRecorder(rule, region, "managed rule", "PutConfigRule", RULE_WITHOUT_RECORDER);
            }
        }
    }

    private identifier(rule: StackResource): void {
        const identifier = rule.props.get(["source", "sourceIdentifier"]);
        if (typeof identifier !== "string" || identifier === "" || rule.props.isSecret(["source", "sourceIdentifier"])) {
            return;
        }
        const catalog = managedRuleCatalog();
        if (!catalog) {
            return;
        }
        if (!catalog.has(identifier)) {
            const suggestion = catalog.suggest(identifier);
            const list = `${catalog.file.source.split(",")[0]}, ${catalog.file.sourceDate}, ${catalog.file.identifiers.length} identifiers`;
            this.ctx.report(rule, {
                path: ["source", "sourceIdentifier"],
                advisory: !catalog.complete,
                message: `'${identifier.slice(0, 80)}' is not an AWS Config managed rule identifier` +
                    (suggestion ? `: use ${suggestion}` : ": use one from AWS's List of AWS Config Managed Rules") +
                    `\n\nPutConfigRule refuses an unknown identifier (described). ${catalog.complete ? `Checked against ${list}.`
                        : `Checked against a partial list (${list}): a newer rule may be missing from it.`}`,
            });
            return;
        }
        const frequency = rule.props.get("maximumExecutionFrequency");
        if (typeof frequency === "string" && frequency !== "" && catalog.triggerType(identifier) === "change") {
            this.ctx.report(rule, {
                path: ["maximumExecutionFrequency"],
                message: `${identifier} is triggered by changes only: remove maximumExecutionFrequency\n\n"${FREQUENCY_ON_CHANGE_RULE}"`,
            });
        }
    }

    /** A custom Lambda rule's frequencies: AWS documents them only for periodic (or snapshot-triggered) sources. */
    private customFrequencies(rule: StackResource): void {
        const details = rule.props.get(["source", "sourceDetails"]);
        if (!Array.isArray(details)) {
            return;
        }
        const types: unknown[] = details.map((_, i) => rule.props.get(["source", "sourceDetails", i, "messageType"]));
        if (types.includes(UNKNOWN)) {
            return;
        }
        details.forEach((_, i) => {
            const frequency = rule.props.get(["source", "sourceDetails", i, "maximumExecutionFrequency"]);
            const type = types[i];
            if (typeof frequency === "string" && frequency !== "" && typeof type === "string" && type !== SCHEDULED) {
                this.ctx.report(rule, {
                    path: ["source", "sourceDetails", i, "maximumExecutionFrequency"],
                    advisory: true,
                    message: `a frequency needs messageType ${SCHEDULED}, not ${type.slice(0, 60)}: change the messageType or ` +
                        "remove maximumExecutionFrequency\n\nThe AWS Config API reference (SourceDetail): if you specify " +
                        `MaximumExecutionFrequency, MessageType must use the ${SCHEDULED} value (described).`,
                });
            }
        });
        const frequency = rule.props.get("maximumExecutionFrequency");
        if (typeof frequency === "string" && frequency !== "" && details.length > 0 &&
            !types.some(t => t === SCHEDULED || t === SNAPSHOT_DELIVERED)) {
            this.ctx.report(rule, {
                path: ["maximumExecutionFrequency"],
                advisory: true,
                message: `maximumExecutionFrequency is for periodic rules, and no sourceDetails entry is ${SCHEDULED}: add one ` +
                    "with that messageType or remove the frequency\n\nAWS documents the rule's frequency only for periodic " +
                    "managed rules and custom rules triggered by configuration snapshots (ConfigRule, described).",
            });
        }
    }
}
