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
import { cleanCopy, NPM, pulumiPack, removeLater, sharedPack } from "./packing";

/** More npm executables to publish with (e.g. npm 10 beside the machine's npm 11), separated by the path delimiter. */
const EXTRA_NPMS = (process.env.AWS_PREFLIGHT_TEST_NPMS ?? "").split(path.delimiter).filter(Boolean);

for (const npm of [NPM, ...EXTRA_NPMS]) {
    const npmVersion = execFileSync(npm, ["--version"], { encoding: "utf8" }).trim();

    describe(`the published pack (npm ${npmVersion})`, function () {
        let dir: string;
        before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-preflight-published-")); });
        after(() => removeLater(dir));

        it("packs under `pulumi policy publish`'s exact npm invocation, installs as an enforcing machine does and enforces", async function () {
            // A clean compile and an npm install, on a machine shared with other work.
            this.timeout(600_000);
            const { source, tarball } = npm === NPM ? sharedPack() : { source: cleanCopy(dir), tarball: "" };
            const packed = tarball || pulumiPack(npm, source);
            assert.strictEqual(fs.readFileSync(path.join(source, "package.json"), "utf8"), fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"),
                "the manifest is restored after packing");

            const extracted = path.join(dir, "installed");
            fs.mkdirSync(extracted);
            execFileSync("tar", ["xzf", packed, "-C", extracted]);
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
