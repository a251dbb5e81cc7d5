import { cutText } from "../../lib/framework/quote";
import { plannedChange } from "../../lib/aws/lifecycle";
import {
    CLOUDWATCH_DASHBOARD,
    ECS_TASK_DEFINITION,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    LAMBDA_FUNCTION,
    S3_BUCKET_POLICY,
    SFN_STATE_MACHINE,
    SNS_TOPIC_POLICY,
    SQS_QUEUE_POLICY,
} from "../../lib/aws/resource-types";
import {
    findStringifiedValues,
    OBJECT_TEXT,
    PROMISE_TEXT,
    SDK_TEXTS,
    StringifiedKind,
    StringifiedValue,
} from "../../lib/aws/values/stringified-outputs";
import { stackPolicy } from "../../lib/framework/policy";
import { formatPath } from "../../lib/framework/properties";

type Config = Record<string, never>;

/** One program mistake is often copied into many places of one resource: the first few say it. */
const MAX_FINDINGS_PER_RESOURCE = 5;

const REPORTED_POLICY_ERROR = "MalformedPolicyDocument: Partition \"1\" is not valid for resource \"arn:1: o.apply(v => v.toJSON())\"";

interface Wording {
    /** The headline after the path: what the value holds, then the fix. */
    readonly headline: (at: string) => string;
    /** How the program produced it, what AWS does with it, and the fix in full. */
    readonly details: string;
}

const REJECTS = "AWS rejects it, or stores the text and the resource silently does not work.";

const WORDING: Readonly<Record<StringifiedKind, Wording>> = {
    "output-toJSON": {
        headline: at => `holds Pulumi's text for an Output inside JSON.stringify${at}: build it with pulumi.jsonStringify(...)`,
        details: `JSON.stringify over an Output writes "${SDK_TEXTS["output-toJSON"]}" instead of its value. AWS refuses ` +
            `such a policy (reported: ${REPORTED_POLICY_ERROR}) or stores the text. ` +
            "Or: pulumi.all([a.arn, b.arn]).apply(([a, b]) => JSON.stringify({...})).",
    },
    "output-toString": {
        headline: at => `holds Pulumi's text for an Output in a template literal${at}: build it with pulumi.interpolate`,
        details: `A template literal over an Output (also in an .apply over another Output) writes ` +
            `"${SDK_TEXTS["output-toString"]}". ${REJECTS} E.g. pulumi.interpolate\`\${bucket.arn}/*\`, ` +
            "or pulumi.all([a, b]).apply(([a, b]) => `${a}/${b}`).",
    },
    "output-python": {
        headline: at => `holds Pulumi's text for an Output in an f-string${at}: use pulumi.Output.concat, .format or .apply`,
        details: `An f-string or str() over an Output writes "${SDK_TEXTS["output-python"]}" instead of the value. ${REJECTS} ` +
            "Fix: pulumi.Output.concat(\"arn:\", x), pulumi.Output.format(\"{0}/*\", bucket.arn), or " +
            "pulumi.Output.all(a, b).apply(lambda v: json.dumps({...})) (or pulumi.Output.json_dumps).",
    },
    "output-dotnet": {
        headline: at => `holds Pulumi's text for an Output in string interpolation${at}: use Output.Format($"...")`,
        details: `String interpolation or ToString() over an Output writes "${SDK_TEXTS["output-dotnet"]}" instead of the ` +
            `value. ${REJECTS} Fix: Output.Format($"{bucket.Arn}/*"), or Output.Tuple(a, b).Apply(t => ...).`,
    },
    "object": {
        headline: at => `holds "${OBJECT_TEXT}"${at}: an object went into a string; interpolate its property (bucket.arn)`,
        details: `A template literal over an object (a resource instead of its .arn, a config object) writes ` +
            `"${OBJECT_TEXT}". ${REJECTS} E.g. pulumi.interpolate\`\${bucket.arn}/*\`, or JSON.stringify(value) in an .apply.`,
    },
    "promise": {
        headline: at => `holds "${PROMISE_TEXT}"${at}: a Promise went into a string; use the invoke's Output form`,
        details: `A template literal over a Promise (an invoke such as aws.getCallerIdentity() or an async function) writes ` +
            `"${PROMISE_TEXT}". ${REJECTS} Fix: the Output form of the invoke (aws.getCallerIdentityOutput()) with ` +
            "pulumi.interpolate, or pulumi.output(promise).apply(v => ...).",
    },
    "undefined-arn": {
        headline: at => `has "undefined" in an ARN${at}: a value was missing when the string was built`,
        details: "A template literal over a value that was undefined (a config key that is not set, a misspelt or missing " +
            "property, an .apply callback that returns nothing) writes \"undefined\". AWS rejects the ARN or it names " +
            "nothing, and the resource silently does not work. Fix: config.require(...), the right property name, " +
            "pulumi.interpolate over the resource's Output.",
    },
    "undefined-name": {
        headline: at => `has "undefined" in a name${at}: a value was probably missing when the string was built`,
        details: "A template literal over a value that was undefined (a config key that is not set, a misspelt property) " +
            "writes \"undefined\"; AWS accepts the name, so this is advisory. Fix: config.require(...) or the right property name.",
    },
};

function message(found: StringifiedValue, secret: boolean, existing: boolean): string {
    // Keys inside a secret value can be the secret's own data (a tag key, an environment variable name).
    const at = found.jsonPath && found.jsonPath.length > 0 && !secret ? ` at ${cutText(formatPath(found.jsonPath), 48)}` : "";
    const wording = WORDING[found.kind];
    const already = existing ? " The resource already exists with this value (advisory): fix it before its next update." : "";
    return `${wording.headline(at)}\n\n${wording.details}${already}`;
}

export const pulumiOutputNotStringified = stackPolicy<Config>({
    name: "pulumi-output-not-stringified",
    description: "String properties must not hold an Output, object or Promise converted to text, or \"undefined\" in an ARN.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["pulumi", "values", "deployment-blocker"],
    remediationSteps: "Build strings from Outputs with pulumi.interpolate`...` or output.apply(v => ...), JSON documents " +
        "with pulumi.jsonStringify({...}) or pulumi.all([...]).apply(([a, b]) => JSON.stringify({...})); in Python " +
        "pulumi.Output.concat/format/json_dumps, in .NET Output.Format. Interpolate a resource's property (bucket.arn), " +
        "not the resource, and an invoke's Output form (getXOutput), not its Promise.",
    resourceTypes: [IAM_ROLE, IAM_POLICY, IAM_ROLE_POLICY, S3_BUCKET_POLICY, SQS_QUEUE_POLICY, SNS_TOPIC_POLICY,
        LAMBDA_FUNCTION, ECS_TASK_DEFINITION, SFN_STATE_MACHINE, CLOUDWATCH_DASHBOARD],
    config: {},
    docs: {
        failure: "An Output put into a template literal or JSON.stringify becomes Pulumi's warning text, an object becomes " +
            "\"[object Object]\": `pulumi preview` passes, and AWS rejects the value at `pulumi up` (an ARN or policy it " +
            "cannot parse) or stores it and the resource silently does not work. Every resource type is checked.",
        awsError: `${REPORTED_POLICY_ERROR} (reported for a policy built with JSON.stringify; other services reject the ` +
            "value in their own words, e.g. an invalid log group name in container definitions)",
    },
    validate: ctx => {
        for (const resource of ctx.resources) {
            const raw = resource.props.raw;
            let existing: boolean | undefined;
            let reported = 0;
            for (const property of Object.keys(raw)) {
                if (property.startsWith("__") || reported >= MAX_FINDINGS_PER_RESOURCE) {
                    continue;
                }
                const found = findStringifiedValues(raw[property], [property]);
                if (found.length === 0) {
                    continue;
                }
                existing ??= plannedChange(resource) === "existing";
                const secret = resource.props.isSecret(property);
                for (const value of found.slice(0, MAX_FINDINGS_PER_RESOURCE - reported)) {
                    reported++;
                    ctx.report(resource, {
                        path: secret ? [property] : value.path,
                        message: message(value, secret, existing),
                        advisory: value.advisory || existing,
                    });
                }
            }
        }
    },
});
