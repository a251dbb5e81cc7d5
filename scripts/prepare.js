#!/usr/bin/env node
// `prepare` (runs on `npm install` in a clone, on `npm pack`/`pulumi policy publish`, and on the machine that
// installs a published pack): compile the pack to bin/ unless bin/ is already up to date with its sources.
// A published tarball ships bin/, so the enforcing machine does not need to compile anything.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "bin", "index.js");

function newestSource(dir) {
    let newest = 0;
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, item.name);
        if (item.isDirectory()) {
            newest = Math.max(newest, newestSource(full));
        } else if (item.name.endsWith(".ts")) {
            newest = Math.max(newest, fs.statSync(full).mtimeMs);
        }
    }
    return newest;
}

function sourcesChangedSince(time) {
    const sources = [path.join(root, "index.ts"), path.join(root, "tsconfig.json")]
        .filter(f => fs.existsSync(f)).map(f => fs.statSync(f).mtimeMs);
    const newest = Math.max(...sources, ...["lib", "policies"].map(d => fs.existsSync(path.join(root, d)) ? newestSource(path.join(root, d)) : 0));
    return newest > time;
}

// `--clean` (prepack): always a fresh build, so a deleted policy's stale .js is never published.
if (process.argv.includes("--clean")) {
    fs.rmSync(path.join(root, "bin"), { recursive: true, force: true });
}
const built = fs.existsSync(entry);
if (built && (!fs.existsSync(path.join(root, "policies")) || !sourcesChangedSince(fs.statSync(entry).mtimeMs))) {
    process.exit(0);
}
let tsc;
try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
    if (built) {
        process.exit(0);
    }
    console.error("aws-preflight: bin/ is missing and typescript is not installed; run `npm install` with dev dependencies.");
    process.exit(1);
}
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { stdio: "inherit", cwd: root });
