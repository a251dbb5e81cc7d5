import type * as aws from "@pulumi/aws";
import { base64Verdict, looksLikeScript, USER_DATA_ERROR } from "../../lib/aws/ec2/user-data";
import { EC2_LAUNCH_TEMPLATE } from "../../lib/aws/resource-types";
import { resourcePolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";

type Config = Record<string, never>;

const USER_DATA: keyof aws.ec2.LaunchTemplateArgs = "userData";
const FIX = 'Buffer.from(script).toString("base64")';

export const ec2LaunchTemplateUserDataBase64 = resourcePolicy<Config>({
    name: "ec2-launch-template-user-data-base64",
    description: "Launch template user data must be base64-encoded: the provider passes it to EC2 as written.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ec2", "deployment-blocker"],
    remediationSteps: `Encode the script yourself: userData: ${FIX} (or pulumi.output(script).apply(s => ${FIX.replace("script", "s")})). ` +
        "Unlike aws.ec2.Instance, aws.ec2.LaunchTemplate does not encode user data for you. With enforcement level " +
        "'remediate' the pack encodes user data that is certainly not base64 itself.",
    resourceTypes: [EC2_LAUNCH_TEMPLATE],
    config: {},
    docs: {
        failure: "A launch template whose userData is a plain script (the aws.ec2.Instance habit) passes `pulumi preview` and fails at " +
            "`pulumi up` when EC2 creates the template.",
        awsError: USER_DATA_ERROR,
    },
    remediate: ctx => {
        const userData = ctx.props.string(USER_DATA);
        if (typeof userData !== "string" || userData === "" || base64Verdict(userData).kind !== "invalid") {
            return undefined;
        }
        return { [USER_DATA]: Buffer.from(userData, "utf8").toString("base64") };
    },
    validate: ctx => {
        const userData = ctx.props.string(USER_DATA);
        if (userData === undefined || userData === UNKNOWN || userData === "") {
            return;
        }
        const verdict = base64Verdict(userData);
        if (verdict.kind === "valid") {
            return;
        }
        const secret = ctx.props.isSecret(USER_DATA);
        if (verdict.kind === "unpadded") {
            ctx.report({
                path: USER_DATA,
                advisory: true,
                message: `is base64 without its "=" padding: encode it with ${FIX}\n\n` +
                    `EC2 may refuse it at pulumi up: "${USER_DATA_ERROR}" Node's encoder always pads.`,
            });
            return;
        }
        const habit = !secret && looksLikeScript(userData) ? "is a plain script, not base64" : "is not base64";
        const reason = secret ? "" : ` (it ${verdict.reason})`;
        ctx.report({
            path: USER_DATA,
            message: `${habit}: encode it with ${FIX}\n\n` +
                `EC2 refuses the launch template at pulumi up: "${USER_DATA_ERROR}"${reason} ` +
                "The provider encodes user data for aws.ec2.Instance, not for launch templates.",
        });
    },
});
