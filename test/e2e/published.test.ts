// What `pulumi policy publish` uploads, installed the way Pulumi installs an enforced pack (a plain `npm install`
// in the extracted tarball), must start and enforce without any build step or dev dependency.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR, PolicyPackProcess, urnOf } from "../../lib/runner/engine";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("the published pack", function () {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-preflight-published-")); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("ships bin/ and a manifest without dev dependencies, installs with a plain npm install and enforces", async () => {
        // Pack a copy, so the prepack/postpack manifest rewrite never touches the working copy.
        const source = path.join(dir, "source");
        fs.mkdirSync(source);
        for (const entry of ["package.json", "tsconfig.json", "index.ts", "lib", "policies", "scripts", "data", "PulumiPolicy.yaml", "README.md", "LICENSE"]) {
            fs.cpSync(path.join(PACK_DIR, entry), path.join(source, entry), { recursive: true });
        }
        fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(source, "node_modules"), "dir");
        const tarball = execFileSync(npm, ["pack", "--silent", "--pack-destination", dir], { cwd: source, encoding: "utf8" }).trim().split("\n").pop()!;
        execFileSync("tar", ["xzf", path.join(dir, tarball)], { cwd: dir });
        const installed = path.join(dir, "package");
        const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
        assert.strictEqual(manifest.devDependencies, undefined);
        assert.strictEqual(manifest.scripts, undefined);
        assert.ok(fs.existsSync(path.join(installed, "bin", "index.js")));
        assert.ok(!fs.existsSync(path.join(installed, "test")), "tests are not published");
        assert.ok(JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8")).devDependencies !== undefined,
            "the manifest is restored after packing");

        execFileSync(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: installed, stdio: "ignore" });
        assert.ok(!fs.existsSync(path.join(installed, "node_modules", "@pulumi", "aws")), "@pulumi/aws is not installed");

        const { pack } = await PolicyPackProcess.launch(installed, { stack: "dev", project: "app" });
        try {
            const info = await pack.getAnalyzerInfo();
            await pack.configure(info.policies);
            const diagnostics = await pack.analyze({ type: "aws:s3/bucket:Bucket", name: "b", urn: urnOf("aws:s3/bucket:Bucket", "b"), properties: { bucket: "Bad_Name" } });
            assert.ok(diagnostics.some(d => d.policyName === "s3-bucket-name-valid" && d.enforcementLevel === "mandatory"));
        } finally {
            await pack.close();
        }
    });
});
