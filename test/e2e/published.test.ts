// `pulumi policy publish` and the machine that enforces a published pack, step by step as the Pulumi CLI does them:
//
// - Publish (pulumi/pulumi pkg/backend/httpstate/policypack.go `Publish` -> sdk/nodejs/npm/npm.go `Pack`): runs
//   `npm pack --loglevel=error` in the pack directory, takes ALL of stdout, trimmed, as the tarball's file name and
//   reads that file ("`npm pack` completed successfully but the package .tgz file was not generated" otherwise).
// - Enforce (policypack.go `installRequiredPolicy`): extracts the tarball, whose files are under `package/`, then
//   installs its dependencies through the Node.js language host (sdk/nodejs/cmd/pulumi-language-nodejs
//   `InstallDependencies` -> npm.go `Install` with production=false): `npm install --loglevel=error`, not a
//   production install, so whatever the tarball's manifest lists under devDependencies would be installed too.
// - Start: `node @pulumi/pulumi/cmd/run-policy-pack <engine> <pack dir>` (PolicyPackProcess.launch), which requires
//   the pack directory, i.e. package.json `main`.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR, PolicyPackProcess, urnOf } from "../../lib/runner/engine";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
/** More npm executables to publish with (e.g. npm 10 beside the machine's npm 11), separated by the path delimiter. */
const EXTRA_NPMS = (process.env.AWS_PREFLIGHT_TEST_NPMS ?? "").split(path.delimiter).filter(Boolean);

/** What a fresh clone holds (tracked files only: no bin/, build/ or node_modules), with the clone's node_modules. */
export function cleanCopy(into: string): string {
    const source = path.join(into, "source");
    fs.mkdirSync(source);
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: PACK_DIR, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of tracked) {
        if (fs.existsSync(path.join(PACK_DIR, file))) {
            fs.mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
            fs.copyFileSync(path.join(PACK_DIR, file), path.join(source, file));
        }
    }
    fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(source, "node_modules"), "dir");
    return source;
}

/** `npm pack --loglevel=error` as Pulumi runs it; returns the tarball's path, failing as Pulumi would. */
export function pulumiPack(npm: string, packDir: string): string {
    const stdout = execFileSync(npm, ["pack", "--loglevel=error"], { cwd: packDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const packfile = stdout.trim();
    const tarball = path.resolve(packDir, packfile);
    assert.ok(packfile !== "" && !packfile.includes("\n") && fs.existsSync(tarball),
        `\`npm pack\` completed successfully but the package .tgz file was not generated (stdout: ${JSON.stringify(stdout)})`);
    return tarball;
}

for (const npm of [NPM, ...EXTRA_NPMS]) {
    const npmVersion = execFileSync(npm, ["--version"], { encoding: "utf8" }).trim();

    describe(`the published pack (npm ${npmVersion})`, function () {
        let dir: string;
        before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-preflight-published-")); });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("packs under `pulumi policy publish`'s exact npm invocation, installs as an enforcing machine does and enforces", async () => {
            const source = cleanCopy(dir);
            const manifestBefore = fs.readFileSync(path.join(source, "package.json"), "utf8");
            const tarball = pulumiPack(npm, source);
            assert.strictEqual(fs.readFileSync(path.join(source, "package.json"), "utf8"), manifestBefore, "the manifest is restored after packing");

            const extracted = path.join(dir, "installed");
            fs.mkdirSync(extracted);
            execFileSync("tar", ["xzf", tarball, "-C", extracted]);
            const installed = path.join(extracted, "package");
            const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
            assert.strictEqual(manifest.devDependencies, undefined, "nothing for the enforcing machine's non-production install to fetch");
            assert.strictEqual(manifest.scripts, undefined, "no build step on the enforcing machine");
            assert.ok(fs.existsSync(path.join(installed, "bin", "index.js")), "precompiled pack");
            assert.ok(fs.existsSync(path.join(installed, "PulumiPolicy.yaml")));
            assert.ok(!fs.existsSync(path.join(installed, "test")) && !fs.existsSync(path.join(installed, ".npmrc")));

            execFileSync(npm, ["install", "--loglevel=error", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: installed, stdio: "ignore" });
            for (const absent of ["@pulumi/aws", "typescript", "ts-node", "mocha"]) {
                assert.ok(!fs.existsSync(path.join(installed, "node_modules", ...absent.split("/"))), `${absent} is not installed`);
            }

            const { pack } = await PolicyPackProcess.launch(installed, { stack: "dev", project: "app" });
            try {
                const info = await pack.getAnalyzerInfo();
                assert.strictEqual(info.name, "aws-preflight");
                await pack.configure(info.policies);
                const diagnostics = await pack.analyze({ type: "aws:s3/bucket:Bucket", name: "b", urn: urnOf("aws:s3/bucket:Bucket", "b"), properties: { bucket: "Bad_Name" } });
                assert.ok(diagnostics.some(d => d.policyName === "s3-bucket-name-valid" && d.enforcementLevel === "mandatory"));
            } finally {
                await pack.close();
            }
        });
    });
}
