import type * as aws from "@pulumi/aws";
import { daysBetween, now, parseIsoDate } from "../../lib/framework/clock";
import { dataConfigSchema, useDataFile } from "../../lib/data/data-files";
import { stackPolicy } from "../../lib/framework/policy";
import { PlannedResourceContext, plannedResources } from "../../lib/aws/lifecycle";
import { LAMBDA_FUNCTION } from "../../lib/aws/resource-types";

interface Config {
    dataFile?: string;
    maxDataAgeDays: number;
    warnDays: number;
}

const NAME = "lambda-runtime-supported";
const RUNTIME: keyof aws.lambda.FunctionArgs = "runtime";
const PACKAGE_TYPE: keyof aws.lambda.FunctionArgs = "packageType";

/** The AWS error for a runtime whose creation is blocked (verified from real output, 2024 wording). */
export function blockedRuntimeError(runtime: string): string {
    return `InvalidParameterValueException: The runtime parameter of ${runtime} is no longer supported for creating or ` +
        "updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.";
}

// A stack policy because only AnalyzeStack tells a create from an existing resource (lib/aws/lifecycle.ts).
export const lambdaRuntimeSupported = stackPolicy<Config>({
    name: NAME,
    description: "Lambda runtimes must still be allowed for new functions.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["lambda", "versions", "deployment-blocker"],
    remediationSteps: "Move the function to the runtime's successor (the message names it), e.g. nodejs24.x or python3.14, " +
        "and test the code on it. Container-image functions (packageType \"Image\") are not affected.",
    resourceTypes: [LAMBDA_FUNCTION],
    config: {
        ...dataConfigSchema("lambda-runtimes"),
        warnDays: {
            type: "integer",
            default: 90,
            minimum: 0,
            description: "Give an advisory when the runtime's creation block is at most this many days away.",
        },
    },
    docs: {
        failure: "Once AWS blocks function creation for a deprecated runtime, a new function (or a replacement) on it passes " +
            "`pulumi preview` and fails at `pulumi up`; from the runtime's update-block date, updates of existing " +
            "functions fail too. Mandatory for a function this deployment creates or replaces; advisory for one that " +
            "already exists (it keeps running; the message says until when AWS accepts updates of it). Container-image " +
            "functions are not affected.",
        awsError: blockedRuntimeError("nodejs14.x"),
    },
    validate: ctx => {
        for (const resource of plannedResources(ctx, [LAMBDA_FUNCTION])) {
            checkResource(resource);
        }
    },
});

function checkResource(ctx: PlannedResourceContext<Config>): void {
    const runtime = ctx.props.string(RUNTIME);
    if (typeof runtime !== "string" || runtime === "") {
        return; // container image (no runtime), or computed during preview
    }
    if (ctx.props.string(PACKAGE_TYPE) === "Image") {
        return;
    }
    const data = useDataFile(ctx, NAME, "lambda-runtimes");
    if (!data) {
        return;
    }
    const lifecycle = Object.prototype.hasOwnProperty.call(data.runtimes, runtime) ? data.runtimes[runtime] : undefined;
    if (!lifecycle) {
        return; // a runtime newer than the data, or a misspelling the provider reports itself
    }
    const today = now();
    const createBlock = parseIsoDate(lifecycle.createBlock);
    const deprecated = parseIsoDate(lifecycle.deprecated);
    const updateBlock = parseIsoDate(lifecycle.updateBlock);
    const existing = ctx.change === "existing";
    const fix = lifecycle.successor ? `${existing ? "move this function" : "use"} ${existing ? "to " : ""}"${lifecycle.successor}"` :
        existing ? "move this function to a supported runtime" : "use a supported runtime";
    const successorNote = lifecycle.successor ? `${lifecycle.successor} is the successor AWS recommends: test the function on it.` : "";
    const updatesBlocked = !!updateBlock && updateBlock <= today;
    // The error's first sentence; the second is AWS's generic advice ("We recommend you use a supported runtime ...").
    const fullError = blockedRuntimeError(runtime);
    const error = `"${fullError.slice(0, fullError.indexOf(" We recommend"))} ..."`;
    if (createBlock && createBlock <= today) {
        if (existing) {
            ctx.report({
                advisory: true,
                path: RUNTIME,
                message: updatesBlocked
                    ? `${runtime} is blocked for creates and updates since ${lifecycle.updateBlock}: ${fix}; any change to it fails.\n\n` +
                      `This function exists and keeps running, but any update of its code or configuration, or a replacement, ` +
                      `fails with ${error} ${successorNote}`
                    : `${runtime} can no longer create functions (since ${lifecycle.createBlock}): ${fix} before it is replaced.\n\n` +
                      `This function exists and keeps running${updateBlock ? `; AWS accepts updates of it until ${lifecycle.updateBlock}` : ""}. ` +
                      `A replacement or a new stack fails with ${error} ${successorNote}`,
            });
            return;
        }
        ctx.report({
            path: RUNTIME,
            message: `${runtime} can no longer create functions (blocked since ${lifecycle.createBlock}): ${fix}.\n\n` +
                `pulumi up fails for a new or replaced function: ${error}` +
                (updateBlock ? updatesBlocked ? ` Updates of existing functions are blocked too, since ${lifecycle.updateBlock}.`
                    : ` Existing ones can be updated until ${lifecycle.updateBlock}.` : "") + ` ${successorNote}`,
        });
        return;
    }
    if (deprecated && deprecated <= today) {
        ctx.report({
            advisory: true,
            path: RUNTIME,
            message: `${runtime} is deprecated since ${lifecycle.deprecated} (no more security patches): ${fix}.\n\n` +
                (createBlock ? `From ${lifecycle.createBlock} (in ${daysBetween(today, createBlock)} days) AWS blocks creating ` +
                    "functions with it and pulumi up fails for new or replaced functions. " : "") + successorNote,
        });
        return;
    }
    const warnDays = ctx.config.warnDays;
    if (createBlock && typeof warnDays === "number") {
        const days = daysBetween(today, createBlock);
        if (days <= warnDays) {
            ctx.report({
                advisory: true,
                path: RUNTIME,
                message: `${runtime} reaches its creation block on ${lifecycle.createBlock}, in ${days} days: ${fix}.\n\n` +
                    (lifecycle.deprecated ? `Deprecated from ${lifecycle.deprecated}; after` : "After") +
                    ` ${lifecycle.createBlock} pulumi up fails for new or replaced functions on it. ${successorNote}`,
            });
        }
    }
}
