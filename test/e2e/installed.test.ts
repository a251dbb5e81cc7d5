// aws-preflight installed from its packed tarball (as from the registry) into directories outside the repository:
// an organisation's own policy pack that composes aws-preflight policies with its own, and a user's Pulumi programs
// checked with `npx aws-preflight check` and `checkProgram`. Dependencies come from this machine's npm cache.
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PACK_DIR, PolicyPackProcess, urnOf } from "../../lib/runner/engine";
import { NPM, removeLater, sharedPack } from "./packing";

const execFileAsync = promisify(execFile);
const VERSIONS = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package-lock.json"), "utf8")).packages;
const versionOf = (name: string) => VERSIONS[`node_modules/${name}`].version as string;

function write(dir: string, files: Record<string, string | object>): void {
    for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
    }
}

function npmInstall(dir: string): void {
    execFileSync(NPM, ["install", "--loglevel=error", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore" });
}

const CONSUMER_PACK = `import { PolicyPack, validateResourceOfType } from "@pulumi/policy";
import { preflightPolicies, PolicyConfig } from "aws-preflight";

// The options are typed per policy: a misspelt option, policy name or level does not compile (never called).
export function typeChecks(): void {
    // @ts-expect-error
    const misspelt: PolicyConfig<"s3-bucket-name-valid"> = { alowDots: false };
    // @ts-expect-error
    preflightPolicies({ only: ["s3-bucket-name-vaild"] });
    // @ts-expect-error
    preflightPolicies({ levels: { "s3-bucket-name-valid": "warn" } });
    // @ts-expect-error
    preflightPolicies({ config: { "s3-bucket-name-valid": { allowDots: "no" } } });
    void misspelt;
}

new PolicyPack("acme", {
    policies: [
        ...preflightPolicies({
            only: ["s3-bucket-name-valid", "s3-no-deprecated-v2-resources"],
            levels: { "s3-bucket-name-valid": "advisory", "s3-no-deprecated-v2-resources": "mandatory" },
            config: { "s3-bucket-name-valid": { allowDots: false } },
            prefix: "aws-",
        }),
        {
            name: "acme-bucket-owner-tag",
            description: "Buckets carry an owner tag.",
            enforcementLevel: "mandatory",
            configSchema: { properties: { tag: { type: "string", default: "owner" } } },
            validateResource: (args, report) => {
                if (args.type === "aws:s3/bucket:Bucket" && !(args.props.tags ?? {})[args.getConfig<{ tag: string }>().tag]) {
                    report(\`missing tag '\${args.getConfig<{ tag: string }>().tag}'\`);
                }
            },
        },
    ],
});
void validateResourceOfType;
`;

const TS_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const env = config.require("env");
console.log("program says hello on stdout");
new aws.s3.Bucket("assets", { bucket: \`Assets-\${env}\` });
new aws.s3.Bucket("logs", { bucket: \`logs-\${env}-\${pulumi.getStack()}\` });
`;

const ESM_PROGRAM = `import * as aws from "@pulumi/aws";
console.log("noise from an ESM program");
const identity = await aws.getCallerIdentity();
new aws.s3.Bucket("ok", { bucket: \`data-\${identity.accountId}-dev\` });
`;

describe("aws-preflight installed from its tarball", function () {
    let dir: string;
    let tarball: string;

    before(function () {
        this.timeout(600_000);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-preflight-installed-"));
        tarball = sharedPack().tarball;
    });
    after(() => removeLater(dir));

    it("composes into an organisation's own pack: typed options, chosen levels and config, prefix, over gRPC", async function () {
        this.timeout(600_000);
        const consumer = path.join(dir, "acme-pack");
        write(consumer, {
            "package.json": {
                name: "acme-pack", version: "1.0.0", main: "bin/index.js",
                dependencies: { "@pulumi/policy": versionOf("@pulumi/policy"), "@pulumi/pulumi": versionOf("@pulumi/pulumi"), "aws-preflight": `file:${tarball}` },
                // The CLI starts every Node.js policy pack through ts-node, so a pack with a tsconfig.json needs a
                // TypeScript that understands it (Pulumi's policy templates list typescript, as here).
                devDependencies: { typescript: versionOf("typescript") },
            },
            "PulumiPolicy.yaml": "runtime: nodejs\n",
            "tsconfig.json": { compilerOptions: { strict: true, target: "ES2022", module: "node16", moduleResolution: "node16", outDir: "bin", skipLibCheck: true }, files: ["index.ts"] },
            "index.ts": CONSUMER_PACK,
        });
        npmInstall(consumer);
        execFileSync(process.execPath, [path.join(consumer, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: consumer, stdio: "pipe" });
        assert.ok(!fs.existsSync(path.join(consumer, "node_modules", "@pulumi", "aws")), "@pulumi/aws is not installed");
        // Importing the library starts nothing and prints nothing.
        const imported = execFileSync(process.execPath, ["-e", "const p = require('aws-preflight'); console.log(typeof p.preflightPolicies)"],
            { cwd: consumer, encoding: "utf8", timeout: 30_000 });
        assert.strictEqual(imported, "function\n");

        const { pack } = await PolicyPackProcess.launch(consumer, { stack: "dev", project: "app" });
        try {
            const info = await pack.getAnalyzerInfo();
            assert.strictEqual(info.name, "acme");
            assert.deepStrictEqual(info.policies.map(p => [p.name, p.enforcementLevel]).sort(), [
                ["acme-bucket-owner-tag", "mandatory"],
                ["aws-s3-bucket-name-valid", "advisory"],
                ["aws-s3-no-deprecated-v2-resources", "mandatory"],
            ]);
            const schema = info.policies.find(p => p.name === "aws-s3-bucket-name-valid")!.configSchema;
            assert.strictEqual(schema.allowDots.default, false, "the chosen config is the schema default the CLI sends");
            await pack.configure(info.policies);
            const bucket = (name: string, tags?: Record<string, string>, type = "aws:s3/bucket:Bucket") => ({
                type, name: "b", urn: urnOf(type, "b"), properties: { bucket: name, ...(tags ? { tags } : {}) },
            });
            const found = async (resource: ReturnType<typeof bucket>) =>
                (await pack.analyze(resource)).map(d => [d.policyName, d.enforcementLevel]).sort();
            // allowDots: false (the default allows them) at the chosen level, beside the org's own policy.
            assert.deepStrictEqual(await found(bucket("web.assets-dev")), [["acme-bucket-owner-tag", "mandatory"], ["aws-s3-bucket-name-valid", "advisory"]]);
            assert.deepStrictEqual(await found(bucket("web-assets-dev", undefined, "aws:s3/bucketV2:BucketV2")), [["aws-s3-no-deprecated-v2-resources", "mandatory"]]);
            assert.deepStrictEqual(await found(bucket("web-assets-dev", { owner: "web" })), [], "the fixed bucket is clean under all three");
        } finally {
            await pack.close();
        }
    });

    describe("checking a user's program", () => {
        let program: string;

        before(function () {
            this.timeout(600_000);
            program = path.join(dir, "webapp");
            write(program, {
                // A Pulumi TypeScript template's manifest (typescript, no ts-node: @pulumi/pulumi brings one), with
                // the program's own @pulumi/aws v6 where aws-preflight's tests use v7.
                "package.json": {
                    name: "webapp", main: "bin/index.ts",
                    dependencies: { "@pulumi/pulumi": versionOf("@pulumi/pulumi"), "@pulumi/aws": versionOf("@pulumi/aws-v6") },
                    devDependencies: { typescript: versionOf("typescript"), "@types/node": versionOf("@types/node"), "aws-preflight": `file:${tarball}` },
                },
                "Pulumi.yaml": "name: webapp\nruntime: nodejs\nmain: bin/index.ts\n",
                "Pulumi.qa.yaml": "config:\n  aws:region: eu-west-1\n  webapp:dbPassword:\n    secure: v1:AAAAbm90IGEgcmVhbCBjaXBoZXJ0ZXh0\n",
                "tsconfig.json": { compilerOptions: { strict: true, target: "ES2020", module: "commonjs", moduleResolution: "node", skipLibCheck: true }, files: ["bin/index.ts"] },
                "bin/index.ts": TS_PROGRAM,
                "esm/package.json": { name: "esm-app", type: "module", main: "index.js" },
                "esm/Pulumi.yaml": "name: esm-app\nruntime: nodejs\n",
                "esm/index.js": ESM_PROGRAM,
            });
            npmInstall(program);
            // The ESM program shares the TypeScript program's node_modules (resolved upwards, as Node does).
        });

        it("npx aws-preflight check: report on stdout (program output kept out), exit 1 on a mandatory finding", async function () {
            this.timeout(600_000);
            const run = await execFileAsync(NPM, ["exec", "--", "aws-preflight", "check", ".", "--config", "env=qa7", "--json"],
                { cwd: program, maxBuffer: 64 * 1024 * 1024 }).then(() => assert.fail("expected exit code 1"), error => error);
            assert.strictEqual(run.code, 1, run.stderr);
            assert.match(run.stderr, /program says hello on stdout/);
            const report = JSON.parse(run.stdout);
            assert.strictEqual(report.stack, "qa");
            assert.deepStrictEqual(report.standInConfig, ["webapp:dbPassword"]);
            assert.deepStrictEqual(report.mandatory.map((f: any) => [f.policy, f.resource.name]), [["s3-bucket-name-valid", "assets"]]);
            // Pulumi's own switch to skip type checking (the run above type-checked), to keep the test short.
            const text = await execFileAsync(NPM, ["exec", "--", "aws-preflight", "check", ".", "-c", "env=qa7"],
                { cwd: program, env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" } })
                .then(() => assert.fail("expected exit code 1"), error => error);
            assert.match(text.stdout, /aws:s3\/bucket:Bucket {2}assets\n {8}- \[mandatory\] {2}s3-bucket-name-valid\n/);
            assert.match(text.stdout, /Summary: 1 mandatory, \d+ advisory/);
            assert.doesNotMatch(text.stdout, /program says hello/);
        });

        it("names required config the user did not pass, and exits 2", async function () {
            this.timeout(600_000);
            const run = await execFileAsync(NPM, ["exec", "--", "aws-preflight", "check", "."], { cwd: program })
                .then(() => assert.fail("expected exit code 2"), error => error);
            assert.strictEqual(run.code, 2);
            assert.match(run.stderr, /the program requires config it did not get: webapp:env\. Pass --config env=<value>/);
            assert.strictEqual(run.stdout, "");
        });

        it("checkProgram from the installed package, for a user's own tests: an ESM program is clean", async function () {
            this.timeout(600_000);
            const { checkProgram, ProgramError } = require(require.resolve("aws-preflight", { paths: [program] }));
            const report = await checkProgram(path.join(program, "esm"), { config: { "aws:region": "us-east-1" } });
            assert.deepStrictEqual(report.mandatory, []);
            assert.match(report.programOutput, /noise from an ESM program/);
            assert.ok(report.resourceCount >= 2);
            await assert.rejects(checkProgram(path.join(program, "missing")), ProgramError);
        });
    });
});
