import type * as aws from "@pulumi/aws";
import { StackContext, StackResource, stackPolicy } from "../../lib/framework/policy";
import { parseArn } from "../../lib/aws/arn";
import { regionOfResource } from "../../lib/aws/region";
import { cutText, quoteValue } from "../../lib/framework/quote";
import {
    ACM_CERTIFICATE,
    ACM_CERTIFICATE_VALIDATION,
    CLOUDFRONT_DISTRIBUTION,
    LAMBDA_FUNCTION,
    WAFV2_CLOUDFRONT_SCOPED_TYPES,
} from "../../lib/aws/resource-types";

type Config = Record<string, never>;
type Ctx = StackContext<Config>;

const US_EAST_1 = "us-east-1";
const VIEWER_CERTIFICATE: keyof aws.cloudfront.DistributionArgs = "viewerCertificate";
const DEFAULT_BEHAVIOR: keyof aws.cloudfront.DistributionArgs = "defaultCacheBehavior";
const ORDERED_BEHAVIORS: keyof aws.cloudfront.DistributionArgs = "orderedCacheBehaviors";
const SCOPE: keyof aws.wafv2.WebAclArgs = "scope";

/** Verified: cloudposse/terraform-aws-cloudfront-s3-cdn#55, milliHQ/terraform-aws-next-js#61. */
const CERTIFICATE_ERROR = "InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in us-east-1 region, " +
    "isn't valid, or doesn't include a valid certificate chain.";
/** Verified: TechToSpeech/terraform-aws-serverless-static-wordpress#79, aws-ia/terraform-aws-runtask-tf-plan-analyzer#6. */
const lambdaError = (arn: string) => `InvalidLambdaFunctionAssociation: The function must be in region 'us-east-1'. ARN: ${arn}`;
/** Verified: aws-samples/aws-genai-llm-chatbot#585, aws-solutions/aws-waf-security-automations#187 (CloudFormation). */
const WAF_SCOPE_ERROR = "WAFInvalidParameterException: Error reason: The scope is not valid., field: SCOPE_VALUE, parameter: CLOUDFRONT";

const MOVE_FIX = "set region: \"us-east-1\" on it (v7) or a us-east-1 provider";

/** A referenced resource's name in a headline: its start only, so a long name cannot push the fix off the line. */
const NAME_LIMIT = 16;
const REGION_LIMIT = 20;

/** Only the commercial partition has CloudFront in us-east-1; China and GovCloud work differently. */
function commercial(region: string): boolean {
    return !/^(cn-|us-gov-|us-iso|eu-isoe-|eusc-)/.test(region);
}

/** The region of a referenced resource: from its known ARN, else from the stack resource it depends on. */
function regionOfReference(value: unknown, candidates: readonly StackResource[]): { region: string; via?: StackResource } | undefined {
    if (typeof value === "string") {
        const arn = parseArn(value);
        return arn && arn.region ? { region: arn.region } : undefined;
    }
    for (const candidate of candidates) {
        const region = regionOfResource(candidate).region;
        if (typeof region === "string") {
            return { region, via: candidate };
        }
    }
    return undefined;
}

/** Certificates behind a distribution's viewerCertificate, through a CertificateValidation when there is one. */
function certificatesOf(distribution: StackResource): StackResource[] {
    const out: StackResource[] = [];
    for (const dep of distribution.dependenciesOf(VIEWER_CERTIFICATE)) {
        if (dep.type === ACM_CERTIFICATE) {
            out.push(dep);
        } else if (dep.type === ACM_CERTIFICATE_VALIDATION) {
            out.push(...dep.dependenciesOf("certificateArn").filter(c => c.type === ACM_CERTIFICATE));
        }
    }
    return out;
}

function checkCertificate(ctx: Ctx, distribution: StackResource): void {
    const value = distribution.props.get(`${VIEWER_CERTIFICATE}.acmCertificateArn`);
    if (value === undefined || value === null || value === "") {
        return;
    }
    const found = regionOfReference(value, certificatesOf(distribution));
    if (!found || found.region === US_EAST_1 || !commercial(found.region)) {
        return;
    }
    const what = found.via ? `certificate ${quoteValue(found.via.name, NAME_LIMIT)}` : "the certificate";
    ctx.report(distribution, {
        path: [VIEWER_CERTIFICATE, "acmCertificateArn"],
        message: `${what} is in ${cutText(found.region, REGION_LIMIT)}; CloudFront needs us-east-1: ` +
            `${found.via ? MOVE_FIX : "request the certificate in us-east-1"}.\n\n` +
            `AWS refuses the distribution at pulumi up: "${CERTIFICATE_ERROR}"`,
    });
}

function checkEdgeFunctions(ctx: Ctx, distribution: StackResource): void {
    const behaviors: [string, unknown][] = [[DEFAULT_BEHAVIOR, distribution.props.get(DEFAULT_BEHAVIOR)]];
    const ordered = distribution.props.array(ORDERED_BEHAVIORS);
    if (Array.isArray(ordered)) {
        ordered.forEach((_, i) => behaviors.push([`${ORDERED_BEHAVIORS}[${i}]`, distribution.props.get(`${ORDERED_BEHAVIORS}[${i}]`)]));
    }
    const functions = [...distribution.dependenciesOf(DEFAULT_BEHAVIOR), ...distribution.dependenciesOf(ORDERED_BEHAVIORS)]
        .filter(r => r.type === LAMBDA_FUNCTION);
    for (const [base] of behaviors) {
        const associations = distribution.props.array(`${base}.lambdaFunctionAssociations`);
        if (!Array.isArray(associations)) {
            continue;
        }
        associations.forEach((_, i) => {
            const path = `${base}.lambdaFunctionAssociations[${i}].lambdaArn`;
            const arn = distribution.props.get(path);
            if (arn === undefined || arn === null || arn === "") {
                return;
            }
            // An unknown ARN: the functions this behaviour property depends on (one per association in practice).
            const found = regionOfReference(arn, typeof arn === "string" ? [] : functions.length === 1 ? functions : []);
            if (!found || found.region === US_EAST_1 || !commercial(found.region)) {
                return;
            }
            const what = found.via ? `function ${quoteValue(found.via.name, NAME_LIMIT)}` : "the function";
            ctx.report(distribution, {
                path,
                message: `${what} is in ${cutText(found.region, REGION_LIMIT)}; Lambda@Edge needs us-east-1: ` +
                    `${found.via ? MOVE_FIX : "deploy the function in us-east-1"}.\n\n` +
                    `AWS refuses the distribution at pulumi up: "${lambdaError(typeof arn === "string" ? cutText(arn, 256) : `arn:aws:lambda:${found.region}:...`)}"`,
            });
        });
    }
}

function checkWafScope(ctx: Ctx, resource: StackResource): void {
    const scope = resource.props.string(SCOPE);
    if (typeof scope !== "string" || scope.toUpperCase() !== "CLOUDFRONT") {
        return;
    }
    const region = regionOfResource(resource).region;
    if (typeof region !== "string" || region === US_EAST_1 || !commercial(region)) {
        return;
    }
    ctx.report(resource, {
        path: SCOPE,
        message: `a CLOUDFRONT-scoped WAF resource must be in us-east-1, not ${cutText(region, REGION_LIMIT)}: ${MOVE_FIX}.\n\n` +
            `AWS refuses it at pulumi up: "${WAF_SCOPE_ERROR}". For a load balancer or API in this region use scope: "REGIONAL".`,
    });
}

export const cloudfrontDependenciesInUsEast1 = stackPolicy<Config>({
    name: "cloudfront-dependencies-in-us-east-1",
    description: "CloudFront's ACM certificates and Lambda@Edge functions, and CLOUDFRONT-scoped WAF resources, must be in us-east-1.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["cloudfront", "regions", "deployment-blocker"],
    remediationSteps: "Create the certificate, the Lambda@Edge function and the CLOUDFRONT-scoped web ACL in us-east-1: " +
        "with @pulumi/aws v7 add region: \"us-east-1\" to the resource, with v6 pass { provider: new aws.Provider(\"us-east-1\", " +
        "{ region: \"us-east-1\" }) }. The rest of the stack stays in its region.",
    resourceTypes: [CLOUDFRONT_DISTRIBUTION, ACM_CERTIFICATE, ACM_CERTIFICATE_VALIDATION, LAMBDA_FUNCTION, ...WAFV2_CLOUDFRONT_SCOPED_TYPES],
    config: {},
    docs: {
        failure: "A stack outside us-east-1 creates its certificate, edge function or web ACL in its own region; the " +
            "distribution (or the web ACL) then fails at `pulumi up`, after the certificate was validated. The region is " +
            "read from a known ARN, or from the referenced resource in the stack while its ARN is unknown.",
        awsError: CERTIFICATE_ERROR,
    },
    validate: ctx => {
        for (const distribution of ctx.ofType(CLOUDFRONT_DISTRIBUTION)) {
            checkCertificate(ctx, distribution);
            checkEdgeFunctions(ctx, distribution);
        }
        for (const resource of ctx.ofType(...WAFV2_CLOUDFRONT_SCOPED_TYPES)) {
            checkWafScope(ctx, resource);
        }
    },
});
