import { stackPolicy } from "../../lib/framework/policy";
import { now, parseIsoDate } from "../../lib/framework/clock";
import { plannedChange } from "../../lib/aws/lifecycle";
import { CLOSED_SERVICE_TYPES, CLOSED_SERVICES, closedServiceOf, RECORDED_ON } from "../../lib/aws/services/closed-services";

interface Config {
    exceptServices: string[];
}

const SERVICE_IDS = CLOSED_SERVICES.filter(s => s.status !== "reopened").map(s => s.id);

// A stack policy: only AnalyzeStack tells a create from an existing resource (lib/aws/lifecycle.ts), and existing
// resources of a closed service keep working.
export const serviceOpenToNewCustomers = stackPolicy<Config>({
    name: "service-open-to-new-customers",
    description: "Resources created in services AWS has closed to new customers (or ended) fail in accounts that never used them.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["services", "deployment-blocker"],
    remediationSteps: "Use the successor service the message names. If the account already uses the service (it keeps " +
        "working for existing customers), list it in exceptServices; for new accounts set the policy to mandatory.",
    resourceTypes: CLOSED_SERVICE_TYPES,
    config: {
        exceptServices: {
            type: "array",
            items: { type: "string", enum: SERVICE_IDS },
            default: [],
            description: `Closed services your accounts already use, so their new resources are not reported: ${SERVICE_IDS.join(", ")}.`,
        },
    },
    docs: {
        failure: "AWS closes some services to new customers: an account (or organization) that never used one can no " +
            "longer create its resources, while existing users carry on; ended services refuse everyone. `pulumi preview` " +
            "cannot tell which kind of account it runs against, so this is advisory by default: set it to mandatory for " +
            "stacks that deploy to new accounts. Only resources this deployment creates are reported. Services (table " +
            `checked ${RECORDED_ON}): ${CLOSED_SERVICES.filter(s => s.status !== "reopened").map(s => `${s.name} (${s.status} ${s.since})`).join(", ")}; ` +
            "AWS CodeCommit closed on 2024-07-25 and reopened in November 2025, so it is not reported.",
        awsError: "Per service; for CodeCommit while it was closed: \"OperationNotAllowedException: CreateRepository request is " +
            "not allowed because there is no existing repository in this AWS account or AWS Organization\". Other services' " +
            "texts are not verified (described).",
    },
    validate: ctx => {
        const except = new Set(Array.isArray(ctx.config.exceptServices) ? ctx.config.exceptServices : []);
        const today = now();
        for (const resource of ctx.ofType(...CLOSED_SERVICE_TYPES)) {
            const service = closedServiceOf(resource.type);
            if (!service || service.status === "reopened" || except.has(service.id)) {
                continue;
            }
            const since = parseIsoDate(service.since);
            if (!since || since > today || plannedChange(resource) !== "create") {
                continue;
            }
            const ended = service.status === "ended";
            ctx.report(resource, {
                message: ended
                    ? `${service.name} ended on ${service.since}; use ${service.alternative}.\n\nCreating this fails for every ` +
                      `account at pulumi up (described). Source: ${service.source}.`
                    : `${service.name} is closed to new customers since ${service.since}; use ${service.alternative}.\n\n` +
                      "An account that never used it cannot create this: AWS refuses it at pulumi up (described). The pack " +
                      `cannot see the account: if yours uses ${service.name}, add "${service.id}" to exceptServices. Source: ${service.source}.`,
            });
        }
    },
});
