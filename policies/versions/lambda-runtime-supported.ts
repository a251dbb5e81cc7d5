import type * as aws from "@pulumi/aws";
import { daysBetween, now, parseIsoDate } from "../../lib/framework/clock";
import { dataConfigSchema, useDataFile } from "../../lib/data/data-files";
import { resourcePolicy } from "../../lib/framework/policy";
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

export const lambdaRuntimeSupported = resourcePolicy<Config>({
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
            "functions fail too. Limitation: a resource policy is not told whether the function is being created or " +
            "already exists, so an existing function is reported (mandatory) from the create-block date on, even while " +
            "AWS still accepts updates to it. For such a function, move it to the successor runtime, or meanwhile set " +
            "this policy to advisory for that stack: `--policy-pack-config` with " +
            "{\"lambda-runtime-supported\": {\"enforcementLevel\": \"advisory\"}}.",
        awsError: blockedRuntimeError("nodejs14.x"),
    },
    validate: ctx => {
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
        const successor = lifecycle.successor ? `Use runtime: "${lifecycle.successor}" (the successor AWS recommends) ` +
            "and test the function on it." : "Move the function to a supported runtime.";
        const updatesBlocked = !!updateBlock && updateBlock <= today;
        const updateText = updateBlock
            ? updatesBlocked ? ` Updates of existing functions are blocked too, since ${lifecycle.updateBlock}.`
                : ` Existing functions can still be updated until ${lifecycle.updateBlock}.`
            : "";
        if (createBlock && createBlock <= today) {
            const advisory = `set the policy to advisory for this stack with --policy-pack-config {"${NAME}": ` +
                '{"enforcementLevel": "advisory"}}.';
            const existing = updatesBlocked
                ? "If this function already exists, AWS rejects any update of it too: move it to the successor; to deploy " +
                  `other changes of the stack before that, ${advisory}`
                : "This policy cannot tell a new function from an existing one: if this function already exists, " +
                  `AWS still accepts updates to it${updateBlock ? ` until ${lifecycle.updateBlock}` : ""}, so move it to the ` +
                  `successor, or meanwhile ${advisory}`;
            ctx.report({
                path: RUNTIME,
                message: `${runtime} is deprecated and AWS blocks creating functions with it since ${lifecycle.createBlock}. ` +
                    `pulumi up fails for a new or replaced function with "${blockedRuntimeError(runtime)}"${updateText} ` +
                    `${successor} ${existing}`,
            });
            return;
        }
        if (deprecated && deprecated <= today) {
            ctx.report({
                advisory: true,
                path: RUNTIME,
                message: `${runtime} is deprecated since ${lifecycle.deprecated} (no more security patches).` +
                    (createBlock ? ` From ${lifecycle.createBlock} (in ${daysBetween(today, createBlock)} days) AWS blocks creating ` +
                        "functions with it and pulumi up fails for new or replaced functions." : "") + ` ${successor}`,
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
                    message: `${runtime} reaches its creation block on ${lifecycle.createBlock}, in ${days} days` +
                        (lifecycle.deprecated ? ` (deprecated from ${lifecycle.deprecated})` : "") +
                        `; after that pulumi up fails for new or replaced functions on it. ${successor}`,
                });
            }
        }
    },
});
