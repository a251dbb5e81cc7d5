// Packing this repository the way `pulumi policy publish` does, for the tests that install the result.
import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR } from "../../lib/runner/engine";

export const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

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

let shared: { readonly tarball: string; readonly source: string } | undefined;

/** This repository packed once per test process with the machine's npm (a clean copy; removed at exit). */
export function sharedPack(): { readonly tarball: string; readonly source: string } {
    if (!shared) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-preflight-pack-"));
        process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
        const source = cleanCopy(dir);
        shared = { tarball: pulumiPack(NPM, source), source };
    }
    return shared;
}

/**
 * Removes a test directory in the background: deleting an npm install's node_modules can take minutes on a busy
 * machine, longer than a hook's timeout, and nothing waits for it.
 */
export function removeLater(dir: string): void {
    spawn("rm", ["-rf", dir], { detached: true, stdio: "ignore" }).unref();
}
