import type * as aws from "@pulumi/aws";
import {
    ENVIRONMENT_MAX_BYTES,
    environmentSize,
    RESERVED_ENVIRONMENT_KEYS,
    RESERVED_KEYS_ERROR,
    SIZE_ERROR,
} from "../../lib/aws/lambda/environment";
import { LAMBDA_FUNCTION } from "../../lib/aws/resource-types";
import { resourcePolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";

type Config = Record<string, never>;

const ENVIRONMENT: keyof aws.lambda.FunctionArgs = "environment";
const VARIABLES = "variables";

/** AWS's error with its middle left out: the start says what failed, the end which keys. */
const RESERVED_KEYS_QUOTE = `${RESERVED_KEYS_ERROR.slice(0, RESERVED_KEYS_ERROR.indexOf(" because"))} because ... ` +
    RESERVED_KEYS_ERROR.slice(RESERVED_KEYS_ERROR.indexOf("Reserved keys used"));

/** What each reserved key is usually meant for, and what to do instead. */
function alternative(key: string): string {
    if (key === "AWS_REGION" || key === "AWS_DEFAULT_REGION") {
        return "is reserved (Lambda sets it to the function's region): remove it; for another region use your own name, e.g. TARGET_REGION.";
    }
    if (key.startsWith("AWS_") && /KEY|TOKEN/.test(key)) {
        return "is reserved (Lambda sets the execution role's credentials): remove it and grant the role the permissions instead.";
    }
    return "is reserved (Lambda sets it itself): remove it, or use a name of your own.";
}

export const lambdaEnvironmentNoReservedKeys = resourcePolicy<Config>({
    name: "lambda-environment-no-reserved-keys",
    description: "Lambda environment variables must not use the keys Lambda reserves, and must fit in 4 KB.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["lambda", "deployment-blocker"],
    remediationSteps: "Remove reserved keys (AWS_REGION, AWS_ACCESS_KEY_ID, _HANDLER, LAMBDA_TASK_ROOT, ...) from " +
        "environment.variables: Lambda sets them itself; use names of your own for your settings. Keep all variables " +
        "under 4 KB together: move large values to SSM Parameter Store or Secrets Manager and read them at start-up.",
    resourceTypes: [LAMBDA_FUNCTION],
    config: {},
    docs: {
        failure: "A function whose environment sets a reserved key (AWS_REGION is the usual one) or exceeds 4 KB passes " +
            "`pulumi preview` and fails at `pulumi up` when Lambda creates or updates it.",
        awsError: `${RESERVED_KEYS_ERROR}AWS_REGION`,
    },
    validate: ctx => {
        const variables = ctx.props.object([ENVIRONMENT, VARIABLES]) ?? ctx.props.object([ENVIRONMENT, 0, VARIABLES]);
        if (!variables || variables === UNKNOWN) {
            return;
        }
        const base = ctx.props.object([ENVIRONMENT, VARIABLES]) ? [ENVIRONMENT, VARIABLES] : [ENVIRONMENT, 0, VARIABLES];
        const keys = Object.keys(variables);
        for (const key of keys) {
            if (RESERVED_ENVIRONMENT_KEYS.has(key)) {
                ctx.report({
                    path: [...base, key],
                    message: `${alternative(key)}\n\nLambda refuses the function at pulumi up: "${RESERVED_KEYS_QUOTE}${key}".`,
                });
            }
        }
        const values: Record<string, string> = {};
        for (const key of keys) {
            const value = ctx.props.get([...base, key]);
            if (value === UNKNOWN) {
                return; // the size is known only at pulumi up
            }
            values[key] = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
        }
        const size = environmentSize(values);
        if (size > ENVIRONMENT_MAX_BYTES) {
            ctx.report({
                path: base,
                message: `are ${size} bytes together, over Lambda's 4 KB (${ENVIRONMENT_MAX_BYTES}): move large values to SSM or Secrets Manager\n\n` +
                    `Lambda refuses the function at pulumi up: "${SIZE_ERROR}" It counts the variables as one JSON object: ` +
                    "keep large values (certificates, JSON) in SSM Parameter Store or Secrets Manager and pass their names.",
            });
        }
    },
});
