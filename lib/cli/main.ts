#!/usr/bin/env node
// `npx aws-preflight check <program-dir> [--stack S] [--config key=value ...] [--policy-config FILE] [--date D] [--json]`
// Exit codes: 0 no mandatory finding, 1 a mandatory finding, 2 the check could not run (the program failed, or
// the arguments are wrong).
import { parseArgs } from "util";
import { ProgramError } from "../runner/check-errors";
import { formatReport } from "./format";

const USAGE = `usage: aws-preflight check <program-dir> [options]

Runs a Pulumi TypeScript/JavaScript program in preview mode (no cloud calls) and checks it with the
aws-preflight policies, as \`pulumi preview --policy-pack\` would.

options:
  --stack S             stack whose Pulumi.S.yaml config applies (default: the only stack file, else dev)
  --config key=value    a config value (repeatable); key is the project's or namespace:key, e.g. aws:region
  --policy-config FILE  policy settings, as for pulumi preview --policy-pack-config
  --date YYYY-MM-DD     check date-dependent rules (runtimes, data age) as on that day
  --json                print the report as JSON on stdout
exit code: 0 no mandatory finding, 1 a mandatory finding, 2 the check could not run`;

function usageError(message: string): never {
    process.stderr.write(`aws-preflight: ${message}\n\n${USAGE}\n`);
    process.exit(2);
}

function parseConfig(pairs: readonly string[]): Record<string, string> {
    const config: Record<string, string> = {};
    for (const pair of pairs) {
        const eq = pair.indexOf("=");
        if (eq <= 0) {
            usageError(`--config takes key=value, got '${pair}'`);
        }
        config[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return config;
}

async function check(args: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args,
            allowPositionals: true,
            options: {
                stack: { type: "string" },
                config: { type: "string", multiple: true, short: "c" },
                "policy-config": { type: "string" },
                date: { type: "string" },
                json: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (error) {
        usageError((error as Error).message);
    }
    if (parsed.values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (parsed.positionals.length !== 1) {
        usageError(parsed.positionals.length === 0 ? "give the program's directory" : `one program directory, got ${parsed.positionals.join(" ")}`);
    }
    const date = parsed.values.date;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        usageError(`--date takes YYYY-MM-DD, got '${date}'`);
    }
    const { checkProgram } = await import("../runner/check");
    const report = await checkProgram(parsed.positionals[0], {
        stack: parsed.values.stack,
        config: parseConfig(parsed.values.config ?? []),
        policyConfig: parsed.values["policy-config"],
        date,
        // The program's own output never mixes with the report on stdout.
        programOutput: chunk => process.stderr.write(chunk),
    });
    process.stdout.write(parsed.values.json ? `${JSON.stringify({ ...report, programOutput: undefined }, null, 2)}\n` : formatReport(report));
    return report.mandatory.length > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "check") {
        return check(rest);
    }
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
    }
    usageError(`unknown command '${command}'`);
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, error => {
    process.stderr.write(`aws-preflight: ${error instanceof ProgramError ? error.message : (error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 2;
});
