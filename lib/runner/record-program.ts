// Child-process entry of `check`: runs a user's Pulumi program with the program's own @pulumi/pulumi, the way the
// Node.js language host runs it for `pulumi preview` (its `cmd/run` module: TypeScript through ts-node with the
// program's tsconfig.json, ESM through import(), `main` from Pulumi.yaml or package.json), against a recording mock
// monitor. Sends `{ records }` or `{ error, missingConfig }` to the parent over IPC; stdout is the program's.
import Module = require("module");
import * as path from "path";
import type { MockCallArgs } from "@pulumi/pulumi/runtime/mocks";
import { installMonitor, recorded, sdkOf } from "./program";

export interface RecordJob {
    /** The program's working directory (Pulumi.yaml's directory, or `main` when that is a directory). */
    readonly pwd: string;
    /** What the language host passes as the program: "." or the `main` file relative to `pwd`. */
    readonly entry: string;
    readonly project: string;
    readonly stack: string;
    readonly config: Record<string, string>;
    readonly secretKeys: readonly string[];
}

export type RecordResult =
    | { readonly records: unknown[] }
    | { readonly error: string; readonly missingConfig: string[] };

const MISSING_CONFIG = /Missing required configuration variable '([^']+)'/g;

function send(result: RecordResult): void {
    process.send!(result, () => process.exit(0));
}

function failure(errors: readonly unknown[]): RecordResult {
    const text = errors.map(e => e instanceof Error ? (e.stack ?? e.message) : String(e)).join("\n");
    const missing = [...new Set([...text.matchAll(MISSING_CONFIG)].map(m => m[1]))];
    const first = errors[0];
    const headline = first instanceof Error ? first.message : String(first);
    return { error: missing.length > 0 ? headline : text, missingConfig: missing };
}

async function main(job: RecordJob): Promise<void> {
    let sdk;
    try {
        sdk = sdkOf(job.pwd);
    } catch {
        send({ error: `@pulumi/pulumi is not installed for the program in ${job.pwd}: run \`npm install\` there first.`, missingConfig: [] });
        return;
    }
    const region = job.config["aws:region"] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    const monitor = installMonitor({
        project: job.project,
        stack: job.stack,
        config: job.config,
        secretKeys: job.secretKeys,
        call: args => standIn(args, region),
    }, sdk);
    const errors: unknown[] = [];
    const run = languageHostRun(job.pwd);
    try {
        await run({ _: [job.entry] }, () => undefined, (error: unknown) => errors.push(error), (error: unknown) => errors.includes(error));
        const records = await recorded(monitor, { project: job.project, stack: job.stack, config: job.config }, sdk);
        send(errors.length > 0 ? failure(errors) : { records });
    } catch (error) {
        send(failure([error, ...errors.filter(e => e !== error)]));
    }
}

/**
 * The function `pulumi preview` runs a Node.js program with (@pulumi/pulumi `cmd/run/run.js`, marked @internal, so
 * loaded untyped). Its sibling `cmd/run/index.js` is the command-line entry: it parses process.argv and starts a
 * run against a real engine as soon as it is loaded, and run.js loads it only for an exit-code constant, so that
 * module is stood in for in the require cache.
 */
function languageHostRun(pwd: string): (argv: { _: string[] }, started: () => void, logged: (e: unknown) => void,
    isLogged: (e: unknown) => boolean) => Promise<unknown> {
    const runModule = require.resolve("@pulumi/pulumi/cmd/run/run", { paths: [pwd] });
    const indexModule = path.join(path.dirname(runModule), "index.js");
    const stand = new Module(indexModule);
    stand.filename = indexModule;
    stand.loaded = true;
    stand.exports = { nodeJSProcessExitedAfterLoggingUserActionableMessage: 32 };
    require.cache[indexModule] = stand;
    return require(runModule).run;
}

/**
 * Data sources answered during the recording: the common AWS ones get plausible values (a placeholder account,
 * the configured region, its partition and three zones); any other returns its arguments.
 */
function standIn(args: MockCallArgs, region: string): Record<string, unknown> {
    const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    const account = "123456789012";
    switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: account, arn: `arn:${partition}:iam::${account}:user/preview`, userId: "AIDAPREVIEWSTANDIN", id: account };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition, id: partition, dnsSuffix: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return { id: region, names: ["a", "b", "c"].map(z => region + z), zoneIds: ["1", "2", "3"].map(n => `${region.replace(/-/g, "")}-az${n}`), groupNames: [region] };
        default:
            return { ...args.inputs };
    }
}

// Whatever the program prints goes to the parent's stderr, never into the report.
console.log = console.error;
const job: RecordJob = JSON.parse(process.argv[2]);
process.chdir(path.resolve(job.pwd));
main(job).catch(error => send(failure([error])));
