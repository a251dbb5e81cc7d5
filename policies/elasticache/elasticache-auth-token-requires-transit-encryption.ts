import type * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../lib/framework/policy";
import { UNKNOWN } from "../../lib/framework/properties";
import { ELASTICACHE_REPLICATION_GROUP } from "../../lib/aws/resource-types";

type Config = Record<string, never>;

/** Both forms of the token: `authTokenWo` is the write-only variant (not kept in state). Never printed. */
const TOKEN_PROPERTIES: readonly (keyof aws.elasticache.ReplicationGroupArgs)[] = ["authToken", "authTokenWo"];
const TRANSIT_ENCRYPTION: keyof aws.elasticache.ReplicationGroupArgs = "transitEncryptionEnabled";

/** Reported by users from real AWS output (not from AWS documentation). */
const INVALID_TOKEN_ERROR = "InvalidParameterValue: Invalid AuthToken provided.";
const MIN_LENGTH = 16;
const MAX_LENGTH = 128;
/**
 * CreateReplicationGroup AuthToken constraints: printable ASCII only, and "the only permitted printable special
 * characters are !, &, #, $, ^, <, >, and -". So: an allow-list of letters, digits and those eight characters.
 */
const ALLOWED_CHARACTERS = /^[A-Za-z0-9!&#$^<>-]*$/;
const ALLOWED_TEXT = "letters, digits and ! & # $ ^ < > -";
/** The generator setting that produces only allowed characters. */
const OVERRIDE_SPECIAL = "!&#$^<>-";

/** The token rules a known token breaks, worded so that nothing about the token itself is revealed. */
function tokenRuleBreaks(token: string): string[] {
    const breaks: string[] = [];
    if (token.length < MIN_LENGTH) {
        breaks.push(`it is shorter than ${MIN_LENGTH} characters`);
    } else if (token.length > MAX_LENGTH) {
        breaks.push(`it is longer than ${MAX_LENGTH} characters`);
    }
    if (!ALLOWED_CHARACTERS.test(token)) {
        breaks.push(`it contains a character other than ${ALLOWED_TEXT}`);
    }
    return breaks;
}

function capitalized(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

export const elasticacheAuthTokenRequiresTransitEncryption = resourcePolicy<Config>({
    name: "elasticache-auth-token-requires-transit-encryption",
    description: "An ElastiCache AUTH token needs in-transit encryption and must follow the token rules.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["elasticache", "encryption", "deployment-blocker"],
    remediationSteps: "Set transitEncryptionEnabled: true on a replication group that has an authToken (clients then " +
        "connect with TLS). Use a token of 16 to 128 characters made only of letters, digits and the special characters " +
        "! & # $ ^ < > -, e.g. a random.RandomPassword with length 32 and overrideSpecial set to \"!&#$^<>-\", passed as " +
        "a secret.",
    resourceTypes: [ELASTICACHE_REPLICATION_GROUP],
    config: {},
    docs: {
        failure: "ElastiCache accepts an AUTH token only on a replication group with in-transit encryption, and only " +
            "when the token follows its rules. Both pass `pulumi preview`; `pulumi up` fails when it creates the group.",
        awsError: "CreateReplicationGroup is rejected. The exact text for a token without in-transit encryption could " +
            "not be verified, so it is described rather than quoted; a token that breaks the rules has been reported " +
            `as "${INVALID_TOKEN_ERROR}".`,
    },
    validate: ctx => {
        const transit = ctx.props.boolean(TRANSIT_ENCRYPTION);
        for (const property of TOKEN_PROPERTIES) {
            const token = ctx.props.get(property);
            const set = token === UNKNOWN || (typeof token === "string" && token !== "");
            if (!set) {
                continue;
            }
            if (transit !== true && transit !== UNKNOWN) {
                ctx.report({
                    path: property,
                    message: `set, but ${TRANSIT_ENCRYPTION} is ${transit === false ? "false" : "not set (default false)"}: ` +
                        `set ${TRANSIT_ENCRYPTION}: true, or remove ${property}.\n\n` +
                        "ElastiCache accepts an AUTH token only with in-transit encryption and rejects the group when " +
                        "pulumi up creates it (described: the exact error text is not verified). Clients then connect with TLS.",
                });
            }
            if (typeof token === "string") {
                const breaks = tokenRuleBreaks(token);
                if (breaks.length > 0) {
                    ctx.report({
                        path: property,
                        message: `the token (not shown) breaks the AUTH token rules: use ${MIN_LENGTH} to ${MAX_LENGTH} ` +
                            `characters, only ${ALLOWED_TEXT}.\n\n${capitalized(breaks.join("; "))}. ` +
                            `ElastiCache rejects it at pulumi up (reported as "${INVALID_TOKEN_ERROR}").\n` +
                            `For example new random.RandomPassword("redis-auth", { length: 32, overrideSpecial: "${OVERRIDE_SPECIAL}" }).result.`,
                    });
                }
            }
        }
    },
});
