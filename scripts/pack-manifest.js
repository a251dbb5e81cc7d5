#!/usr/bin/env node
// `prepack` / `postpack`: the tarball `pulumi policy publish` builds (via `npm pack`) carries a manifest without
// devDependencies and scripts. The machine that enforces a published pack runs a plain `npm install` in it, which
// would otherwise install every dev dependency (@pulumi/aws alone is ~85 MB) and rerun the build.
"use strict";
const fs = require("fs");
const path = require("path");

const manifest = path.resolve(__dirname, "..", "package.json");
const backup = `${manifest}.before-pack`;

if (process.argv[2] === "strip") {
    if (fs.existsSync(backup)) {
        fs.copyFileSync(backup, manifest); // a previous pack was interrupted
    }
    fs.copyFileSync(manifest, backup);
    const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
    delete pkg.devDependencies;
    delete pkg.scripts;
    fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n");
} else if (process.argv[2] === "restore") {
    if (fs.existsSync(backup)) {
        fs.renameSync(backup, manifest);
    }
} else {
    console.error("usage: pack-manifest.js strip|restore");
    process.exit(2);
}
