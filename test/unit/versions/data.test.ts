// The data layer of the versions policies: version arithmetic, the loader, the shipped files, and the generator's
// pure parts (offline conversion, live response conversion, pagination, sanity floor) with recorded-shape inputs.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { daysBetween, now, setClock } from "../../../lib/framework/clock";
import { DATA_KINDS, loadDataFile, loadedDataFiles, resetDataFiles, shippedDataFile } from "../../../lib/data/data-files";
import { validateOne } from "../../harness/policy-harness";
import { closestVersions, compareVersions, isMajorAlias, majorOf, sortNewestFirst } from "../../../lib/data/engine-versions";
import { classOffer, decodeClassSet, encodeClassSet, judgeVersion, nearestClasses } from "../../../lib/data/version-data";
import {
    engineVersionsFromApi,
    engineVersionsFromCfnLint,
    entryCount,
    instanceClassesFromApi,
    instanceClassesFromCfnLint,
    lambdaRuntimesFromLifecycle,
    paginate,
    sanityFloorProblem,
} from "../../../scripts/data-sources";
import { liveData, loadSdk, offlineData, parseArgs, SDK_INSTALL, writeDataFiles } from "../../../scripts/generate-data";

const HEAD = { source: "test", sourceDate: "2026-08-19", generated: new Date("2026-11-23T00:00:00Z") };

/** cfn-lint's engine version document shape. */
function cfnLintVersions(engines: Record<string, string[]>, deprecated = false) {
    return {
        allOf: [
            { if: { properties: { Engine: { type: "string" } }, required: ["Engine"] }, then: { properties: { Engine: { enum: Object.keys(engines) } } } },
            ...Object.entries(engines).map(([engine, versions]) => deprecated
                ? { if: { properties: { Engine: { const: engine }, EngineVersion: { enum: versions, type: ["string", "number"] } }, required: ["Engine", "EngineVersion"] }, then: false }
                : { if: { properties: { Engine: { const: engine }, EngineVersion: { type: ["string", "number"] } }, required: ["Engine", "EngineVersion"] },
                    then: { properties: { EngineVersion: { enum: versions } } } }),
        ],
        description: "Automatically updated using aws api",
    };
}

function cfnLintClassRule(engine: string, licence: string | false, classes: string[]) {
    return {
        if: { properties: { DBInstanceClass: { type: "string" }, Engine: { const: engine }, LicenseModel: licence === false ? false : { const: licence } },
            required: licence === false ? ["Engine", "DBInstanceClass"] : ["Engine", "LicenseModel", "DBInstanceClass"] },
        then: { properties: { DBInstanceClass: { enum: classes } } },
    };
}

describe("versions data", () => {
    afterEach(() => {
        setClock();
        resetDataFiles();
    });

    describe("version arithmetic", () => {
        it("compares segment by segment, numerically", () => {
            assert.ok(compareVersions("15.13", "15.5") > 0);
            assert.ok(compareVersions("8.0.mysql_aurora.3.10.0", "8.0.mysql_aurora.3.05.2") > 0);
            assert.ok(compareVersions("8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.05.10") < 0);
            assert.ok(compareVersions("5.7.44-rds.20240808", "5.7.44") > 0);
            assert.ok(compareVersions("10.11.6", "10.6.16") > 0);
            assert.strictEqual(compareVersions("15.13", "15.13"), 0);
            assert.deepStrictEqual(sortNewestFirst(["15.5", "15.13", "9.6.24", "16.1"]), ["16.1", "15.13", "15.5", "9.6.24"]);
        });

        it("knows each engine's major", () => {
            assert.strictEqual(majorOf("postgres", "15.5"), "15");
            assert.strictEqual(majorOf("postgres", "9.6.24"), "9.6");
            assert.strictEqual(majorOf("mysql", "8.0.35"), "8.0");
            assert.strictEqual(majorOf("mariadb", "10.11.6"), "10.11");
            assert.strictEqual(majorOf("aurora-mysql", "8.0.mysql_aurora.3.05.2"), "8.0");
            assert.strictEqual(majorOf("aurora-postgresql", "16.4"), "16");
            assert.strictEqual(majorOf("redis", "7.1"), "7");
            assert.strictEqual(majorOf("redis", "5.0.6"), "5.0");
        });

        it("suggests the same major first, newest first, plain versions before suffixed variants", () => {
            const available = ["16.14", "16.13-limitless", "16.13", "15.15", "15.13", "17.2", "18.1", "5.7.44-rds.20250818"];
            assert.deepStrictEqual(closestVersions("aurora-postgresql", "16.4", available), { sameMajor: ["16.14", "16.13"], otherMajors: ["17.2", "18.1"] });
            assert.deepStrictEqual(closestVersions("aurora-postgresql", "16.4-limitless", available).sameMajor, ["16.14", "16.13-limitless", "16.13"]);
            assert.deepStrictEqual(closestVersions("postgres", "14.3", available), { sameMajor: [], otherMajors: ["15.15", "16.14", "17.2"] });
            assert.deepStrictEqual(closestVersions("mysql", "5.7.44", available).sameMajor, ["5.7.44-rds.20250818"], "only variants left: suggest them");
        });

        it("does not answer a retired major with an Extended-Support-only major while a plain one exists", () => {
            const available = ["17.2", "16.4", "13.20", "12.22-rds.20260224", "11.22-rds.20260224"];
            assert.deepStrictEqual(closestVersions("postgres", "9.6", available), { sameMajor: [], otherMajors: ["13.20", "16.4", "17.2"] });
            assert.deepStrictEqual(closestVersions("postgres", "9.6", ["11.22-rds.20260224", "12.22-rds.20260224"]).otherMajors,
                ["11.22-rds.20260224", "12.22-rds.20260224"], "only suffixed majors left: suggest them");
            assert.deepStrictEqual(closestVersions("postgres", "11.1-rds.1", available).otherMajors, ["12.22-rds.20260224", "13.20"], "a variant asks for variants");
        });

        it("recognises synthetic major aliases, and only those", () => {
            const all = ["15", "15.2", "15.13", "8.0", "8.0.35", "16", "5.7.mysql_aurora.2.04.8", "5.7.mysql_aurora.2.04.8.3"];
            assert.ok(isMajorAlias("15", all));
            assert.ok(isMajorAlias("8.0", all));
            assert.ok(!isMajorAlias("15.2", all));
            assert.ok(!isMajorAlias("16", all), "no versions under it: a real entry");
            assert.ok(!isMajorAlias("5.7.mysql_aurora.2.04.8", all), "a real version with a longer sibling");
        });

        it("judges versions, majors and prefixes", () => {
            const list = { available: ["15.14", "15.13"], deprecated: ["15.5", "9.6.1"] };
            assert.strictEqual(judgeVersion(list, "15.13").kind, "available");
            assert.strictEqual(judgeVersion(list, "15").kind, "prefix-available");
            assert.strictEqual(judgeVersion(list, "15.5").kind, "deprecated");
            assert.strictEqual(judgeVersion(list, "9.6").kind, "prefix-deprecated");
            assert.strictEqual(judgeVersion(list, "1").kind, "unknown");
            assert.strictEqual(judgeVersion(list, "15.1").kind, "unknown", "15.1 is no prefix of 15.13");
        });

        it("counts calendar days in UTC", () => {
            assert.strictEqual(daysBetween(new Date("2026-11-23T23:59:00Z"), new Date("2026-11-24T00:01:00Z")), 1);
            assert.strictEqual(daysBetween(new Date("2026-11-23T12:00:00Z"), new Date("2027-02-01T00:00:00Z")), 70);
            setClock("2030-01-01T00:00:00Z");
            assert.strictEqual(now().toISOString(), "2030-01-01T00:00:00.000Z");
            setClock();
            assert.ok(Math.abs(now().getTime() - Date.now()) < 1000);
        });
    });

    describe("instance class bitsets", () => {
        it("round-trip and suggest the nearest classes", () => {
            const classes = ["db.m5.large", "db.m8g.large", "db.m8g.xlarge", "db.r7g.large", "db.t3.micro", "db.t4g.micro"];
            const encoded = encodeClassSet([1, 2, 5], classes.length);
            assert.deepStrictEqual(decodeClassSet(encoded, classes), ["db.m8g.large", "db.m8g.xlarge", "db.t4g.micro"]);
            assert.deepStrictEqual(decodeClassSet(encodeClassSet([], classes.length), classes), []);
            assert.deepStrictEqual(nearestClasses("db.t2.micro", classes), ["db.t4g.micro", "db.t3.micro"]);
            assert.deepStrictEqual(nearestClasses("db.m9g.large", classes).slice(0, 3), ["db.m8g.large", "db.m5.large", "db.m8g.xlarge"]);
            assert.deepStrictEqual(nearestClasses("not-a-class", classes), []);
        });
    });

    describe("shipped data files", () => {
        it("load, say where they come from, and hold the expected engines, regions and runtimes", () => {
            const rds = loadDataFile("rds-engine-versions");
            assert.ok(rds.ok, JSON.stringify(rds));
            for (const engine of ["postgres", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql"]) {
                assert.ok(rds.data.engines[engine]?.available.length > 0, engine);
            }
            assert.ok(rds.data.knownEngines.includes("oracle-ee"));
            assert.ok(!rds.data.engines.postgres.available.includes("15") && !rds.data.engines.postgres.deprecated!.includes("15"),
                "synthetic major aliases are not versions");
            assert.ok(rds.data.engines.postgres.deprecated!.includes("15.5"));
            assert.ok(entryCount("rds-engine-versions", rds.data) > 500, String(entryCount("rds-engine-versions", rds.data)));

            const cache = loadDataFile("elasticache-engine-versions");
            assert.ok(cache.ok);
            assert.deepStrictEqual(Object.keys(cache.data.engines).sort(), ["memcached", "redis", "valkey"]);
            assert.ok(cache.data.engines.redis.available.includes("7.1"));

            const classes = loadDataFile("rds-instance-classes");
            assert.ok(classes.ok);
            assert.ok(Object.keys(classes.data.regions).length >= 30);
            for (const region of ["us-east-1", "eu-west-1", "ap-northeast-1"]) {
                assert.ok(classOffer(classes.data, region, "postgres", undefined)?.has("db.t4g.micro"), region);
                assert.ok(classOffer(classes.data, region, "aurora-postgresql", undefined)?.has("db.serverless"), region);
            }
            assert.ok(entryCount("rds-instance-classes", classes.data) > 10_000);

            const lambda = loadDataFile("lambda-runtimes");
            assert.ok(lambda.ok);
            for (const runtime of ["nodejs14.x", "nodejs22.x", "python3.12", "java21"]) {
                assert.ok(lambda.data.runtimes[runtime], runtime);
            }
            assert.strictEqual(lambda.data.runtimes["nodejs14.x"].createBlock, "2024-01-09");

            for (const kind of DATA_KINDS) {
                const loaded = loadDataFile(kind);
                assert.ok(loaded.ok && /^\d{4}-\d{2}-\d{2}$/.test(loaded.data.sourceDate) && loaded.data.source.length > 0, kind);
            }
        });

        it("keep the instance classes compact and quick to load", () => {
            const size = fs.statSync(shippedDataFile("rds-instance-classes")).size;
            assert.ok(size < 200 * 1024, `data/rds-instance-classes.json is ${size} bytes`);
            const times: number[] = [];
            for (let i = 0; i < 5; i++) {
                resetDataFiles();
                const started = process.hrtime.bigint();
                const loaded = loadDataFile("rds-instance-classes");
                assert.ok(loaded.ok && classOffer(loaded.data, "eu-west-1", "postgres", undefined)!.has("db.t4g.micro"));
                times.push(Number(process.hrtime.bigint() - started) / 1e6);
            }
            const best = Math.min(...times);
            console.log(`      data/rds-instance-classes.json: ${(size / 1024).toFixed(1)} KiB, first load + lookup ${best.toFixed(2)} ms (best of 5)`);
            assert.ok(best < 50, `loading took ${best} ms`);
        });

        it("importing the pack reads no data file (checked in a fresh process, with a control that reads one)", function () {
            this.timeout(60_000);
            // In this process the pack was imported long ago by other test files, so require() here would run nothing.
            // A fresh node process spies on every fs entry point before the first require of the compiled pack.
            const policies = path.resolve(__dirname, "../../../policies");
            const dataFiles = path.resolve(__dirname, "../../../lib/data/data-files");
            const script = (control: boolean) => `
                const fs = require("fs");
                const seen = [];
                for (const name of ["readFileSync", "readFile", "openSync", "open", "createReadStream", "statSync", "existsSync"]) {
                    const original = fs[name];
                    fs[name] = function (file, ...rest) {
                        if (/[\\\\/]data[\\\\/][^\\\\/]+\\.json$/.test(String(file))) seen.push(name + " " + String(file));
                        return original.call(this, file, ...rest);
                    };
                }
                require(${JSON.stringify(policies)});
                ${control ? `require(${JSON.stringify(dataFiles)}).loadDataFile("lambda-runtimes");` : ""}
                process.stdout.write(JSON.stringify(seen));`;
            const run = (control: boolean): string[] =>
                JSON.parse(execFileSync(process.execPath, ["-e", script(control)], { encoding: "utf8" })) as string[];
            assert.deepStrictEqual(run(false), [], "importing the pack reads no data");
            const control = run(true);
            assert.ok(control.some(read => read.endsWith("lambda-runtimes.json")), `the spy sees a read: ${JSON.stringify(control)}`);
        });

        it("are read only when a resource needs them", () => {
            resetDataFiles();
            const { allPolicies } = require("../../../policies") as typeof import("../../../policies");
            const all = (type: string, properties: Record<string, unknown>) => {
                for (const policy of allPolicies) {
                    validateOne(policy, { type, properties }, {}, { config: { "aws:region": "eu-west-1" } });
                }
            };
            all("aws:s3/bucket:Bucket", { bucket: "logs" });
            all("aws:lambda/function:Function", { packageType: "Image", imageUri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/a:1", role: "r" });
            all("aws:rds/instance:Instance", { instanceClass: "db.t4g.micro", replicateSourceDb: "source" });
            assert.deepStrictEqual(loadedDataFiles(), [], "no resource that needs data yet");
            all("aws:rds/instance:Instance", { engine: "postgres", engineVersion: "15.13", instanceClass: "db.t4g.micro" });
            assert.deepStrictEqual(loadedDataFiles().map(f => path.basename(f)).sort(), ["rds-engine-versions.json", "rds-instance-classes.json"]);
        });

        it("are loaded once and cached", () => {
            const first = loadDataFile("lambda-runtimes");
            assert.strictEqual(loadDataFile("lambda-runtimes"), first);
            resetDataFiles();
            assert.notStrictEqual(loadDataFile("lambda-runtimes"), first);
        });
    });

    describe("generator: offline source (cfn-lint format)", () => {
        it("drops synthetic major aliases, also from the deprecated lists, and keeps every engine name", () => {
            const file = engineVersionsFromCfnLint("rds-engine-versions", {
                all: [cfnLintVersions({ postgres: ["15", "15.2", "15.13", "16", "16.1"], "oracle-ee": [] }), cfnLintVersions({ postgres: ["15.14"] })],
                deprecated: [cfnLintVersions({ postgres: ["15", "15.2"] }, true)],
                extraEngines: ["neptune"],
            }, HEAD);
            assert.strictEqual(file.format, "aws-preflight/rds-engine-versions@1");
            assert.strictEqual(file.sourceDate, "2026-08-19");
            assert.deepStrictEqual(file.engines.postgres, { available: ["16.1", "15.14", "15.13"], deprecated: ["15.2"] });
            assert.deepStrictEqual(file.knownEngines, ["neptune", "oracle-ee", "postgres"]);
        });

        it("compacts per-region instance classes: shared lists stored once, no licence model as \"\", duplicates merged", () => {
            const doc = {
                "us-east-1": { allOf: [
                    cfnLintClassRule("postgres", false, ["db.t3.micro", "db.t4g.micro"]),
                    cfnLintClassRule("postgres", "general-public-license", ["db.t3.micro", "db.t4g.micro"]),
                    cfnLintClassRule("postgres", false, ["db.m8g.large"]),
                ] },
                "eu-west-1": { allOf: [cfnLintClassRule("oracle-ee", "bring-your-own-license", ["db.t3.micro", "db.t4g.micro"])] },
            };
            const file = instanceClassesFromCfnLint(doc, HEAD);
            assert.deepStrictEqual(file.classes, ["db.m8g.large", "db.t3.micro", "db.t4g.micro"]);
            assert.strictEqual(file.sets.length, 2, JSON.stringify(file.sets));
            assert.deepStrictEqual(classOffer(file, "us-east-1", "postgres", undefined)!.all().sort(), ["db.m8g.large", "db.t3.micro", "db.t4g.micro"]);
            assert.deepStrictEqual(classOffer(file, "us-east-1", "postgres", "general-public-license")!.all().sort(), ["db.t3.micro", "db.t4g.micro"]);
            assert.strictEqual(entryCount("rds-instance-classes", file), 3 + 2 + 2);
        });

        it("converts the Lambda lifecycle", () => {
            const file = lambdaRuntimesFromLifecycle({
                "nodejs14.x": { "create-block": "2024-01-09", deprecated: "2023-12-04", successor: "nodejs24.x", "update-block": "2027-03-03" },
                "dotnet9": { "create-block": null, deprecated: "2026-11-10", successor: "dotnet10", "update-block": null },
            }, HEAD);
            assert.deepStrictEqual(file.runtimes["nodejs14.x"], { deprecated: "2023-12-04", createBlock: "2024-01-09", updateBlock: "2027-03-03", successor: "nodejs24.x" });
            assert.deepStrictEqual(file.runtimes.dotnet9, { deprecated: "2026-11-10", successor: "dotnet10" });
        });

        it("reads the real source directory when it is there", function () {
            const source = "/work/shared/data/aws-service-data";
            if (!fs.existsSync(source)) {
                this.skip();
            }
            const data = offlineData({ ...parseArgs(["--source", source]) }, HEAD.generated);
            assert.deepStrictEqual([...data.keys()].sort(), [...DATA_KINDS].sort());
            assert.strictEqual((data.get("rds-engine-versions") as { sourceDate: string }).sourceDate, "2026-08-19");
        });
    });

    describe("generator: live source (recorded response shapes, no network)", () => {
        it("paginates until there is no marker, and refuses a repeated marker", async () => {
            const pages: Record<string, { items: number[]; marker?: string }> = {
                start: { items: [1, 2], marker: "m1" }, m1: { items: [3], marker: "m2" }, m2: { items: [4] },
            };
            const asked: (string | undefined)[] = [];
            const items = await paginate(async marker => {
                asked.push(marker);
                return pages[marker ?? "start"];
            });
            assert.deepStrictEqual(items, [1, 2, 3, 4]);
            assert.deepStrictEqual(asked, [undefined, "m1", "m2"]);
            await assert.rejects(paginate(async () => ({ items: [1], marker: "same" })), /returned the marker "same" twice/);
        });

        it("turns DescribeDBEngineVersions answers into per-region and global lists", () => {
            const file = engineVersionsFromApi("rds-engine-versions", new Map([
                ["us-east-1", [
                    { Engine: "postgres", EngineVersion: "15.5", Status: "deprecated" },
                    { Engine: "postgres", EngineVersion: "15.13", Status: "available" },
                    { Engine: "postgres", EngineVersion: "16.4", Status: "available" },
                ]],
                ["ap-northeast-1", [
                    { Engine: "postgres", EngineVersion: "15.5", Status: "deprecated" },
                    { Engine: "postgres", EngineVersion: "15.13", Status: "deprecated" },
                    { Engine: "oracle-ee", EngineVersion: "19.0.0.0.ru-2024-01.rur-2024-01.r1", Status: "available" },
                    {},
                ]],
            ]), HEAD);
            assert.deepStrictEqual(file.regions!["ap-northeast-1"].postgres, { available: [], deprecated: ["15.13", "15.5"] });
            assert.deepStrictEqual(file.engines.postgres, { available: ["16.4", "15.13"], deprecated: ["15.5"] });
            assert.deepStrictEqual(file.knownEngines, ["oracle-ee", "postgres"]);
        });

        it("turns DescribeOrderableDBInstanceOptions answers into the compact class file", () => {
            const file = instanceClassesFromApi(new Map([
                ["eu-west-1", [
                    { Engine: "postgres", EngineVersion: "15.13", DBInstanceClass: "db.t4g.micro", LicenseModel: "postgresql-license" },
                    { Engine: "postgres", EngineVersion: "16.4", DBInstanceClass: "db.m8g.large", LicenseModel: "postgresql-license" },
                    { Engine: "oracle-se2", EngineVersion: "19", DBInstanceClass: "db.m5.large", LicenseModel: "license-included" },
                    { Engine: "oracle-se2", EngineVersion: "19", DBInstanceClass: "db.r5.large", LicenseModel: "bring-your-own-license" },
                ]],
            ]), HEAD);
            assert.deepStrictEqual(classOffer(file, "eu-west-1", "postgres", undefined)!.all().sort(), ["db.m8g.large", "db.t4g.micro"],
                "a single licence model is also the default");
            assert.deepStrictEqual([...classOffer(file, "eu-west-1", "oracle-se2", undefined)!.licenceModels].sort(), ["bring-your-own-license", "license-included"]);
        });

        it("drives the SDK clients per region with IncludeAll and markers (fake SDK)", async () => {
            const sent: { region: string; command: string; input: Record<string, unknown> }[] = [];
            const command = (name: string) => class { constructor(readonly input: Record<string, unknown>) { (this as any).name = name; } };
            const client = (answer: (name: string, input: Record<string, unknown>) => unknown) => class {
                constructor(readonly config: { region: string }) {}
                async send(cmd: { name: string; input: Record<string, unknown> }) {
                    sent.push({ region: this.config.region, command: cmd.name, input: cmd.input });
                    return answer(cmd.name, cmd.input);
                }
            };
            const fakeSdk = ((name: string) => name === "@aws-sdk/client-rds" ? {
                RDSClient: client((cmd, input) => cmd === "DescribeDBEngineVersions"
                    ? input.Marker ? { DBEngineVersions: [{ Engine: "postgres", EngineVersion: "15.5", Status: "deprecated" }] }
                        : { DBEngineVersions: [{ Engine: "postgres", EngineVersion: "15.13", Status: "available" }], Marker: "next" }
                    : { OrderableDBInstanceOptions: [{ Engine: "postgres", DBInstanceClass: "db.t4g.micro", LicenseModel: "postgresql-license" }] }),
                DescribeDBEngineVersionsCommand: command("DescribeDBEngineVersions"),
                DescribeOrderableDBInstanceOptionsCommand: command("DescribeOrderableDBInstanceOptions"),
            } : {
                ElastiCacheClient: client(() => ({ CacheEngineVersions: [{ Engine: "redis", EngineVersion: "7.1" }] })),
                DescribeCacheEngineVersionsCommand: command("DescribeCacheEngineVersions"),
            }) as typeof loadSdk;
            const options = parseArgs(["--live", "--regions", "eu-west-1,ap-northeast-1", "--only",
                "rds-engine-versions,rds-instance-classes,elasticache-engine-versions"]);
            const data = await liveData(options, HEAD.generated, fakeSdk, () => undefined);
            const rds = data.get("rds-engine-versions") as { engines: Record<string, unknown>; regions: Record<string, unknown>; source: string };
            assert.deepStrictEqual(rds.engines.postgres, { available: ["15.13"], deprecated: ["15.5"] });
            assert.deepStrictEqual(Object.keys(rds.regions).sort(), ["ap-northeast-1", "eu-west-1"]);
            assert.match(rds.source, /live, regions eu-west-1, ap-northeast-1/);
            const versionCalls = sent.filter(s => s.command === "DescribeDBEngineVersions");
            assert.deepStrictEqual(versionCalls.map(s => [s.region, s.input.IncludeAll, s.input.Marker]),
                [["eu-west-1", true, undefined], ["eu-west-1", true, "next"], ["ap-northeast-1", true, undefined], ["ap-northeast-1", true, "next"]]);
            assert.deepStrictEqual(sent.filter(s => s.command === "DescribeOrderableDBInstanceOptions").map(s => s.input.Engine), ["postgres", "postgres"]);
            assert.ok(data.has("elasticache-engine-versions") && data.has("rds-instance-classes"));
        });

        it("says how to install the SDK when it is missing", () => {
            const missing = ((name: string) => loadSdk(name.replace("@aws-sdk/", "@aws-sdk/does-not-exist-") as never)) as typeof loadSdk;
            assert.throws(() => missing("@aws-sdk/client-rds"), (error: Error) => error.message.includes(SDK_INSTALL));
        });
    });

    describe("generator: sanity floor and writing", () => {
        const small = (versions: string[]) => ({ format: "aws-preflight/lambda-runtimes@1", source: "t", sourceDate: "2026-08-19",
            generated: "x", runtimes: Object.fromEntries(versions.map(v => [v, {}])) });

        it("refuses a file that lost more than the allowed share, unless told to", () => {
            const current = small(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
            assert.strictEqual(sanityFloorProblem("lambda-runtimes", current, small(["a", "b", "c", "d", "e", "f", "g", "h"]), 0.2), undefined);
            assert.match(sanityFloorProblem("lambda-runtimes", current, small(["a", "b", "c", "d", "e", "f", "g"]), 0.2)!,
                /has 7 entries, the current file 10: it lost 30\.0%, more than the allowed 20%.*--allow-shrink/);
            assert.strictEqual(sanityFloorProblem("lambda-runtimes", undefined, small(["a"]), 0.2), undefined, "no current file");

            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preflight-data-"));
            try {
                const file = path.join(dir, "lambda-runtimes.json");
                fs.writeFileSync(file, JSON.stringify(current));
                const shrunk = new Map([["lambda-runtimes" as const, small(["a"])]]);
                const problems = writeDataFiles(shrunk, { out: dir, maxLoss: 0.2, allowShrink: false }, () => undefined);
                assert.strictEqual(problems.length, 1);
                assert.strictEqual(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).runtimes).length, 10, "not written");
                assert.deepStrictEqual(writeDataFiles(shrunk, { out: dir, maxLoss: 0.2, allowShrink: true }, () => undefined), []);
                assert.strictEqual(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).runtimes).length, 1, "written with --allow-shrink");
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("parses its command line", () => {
            const options = parseArgs(["--live", "--regions", "eu-west-1, us-east-1", "--max-loss", "0.5", "--allow-shrink"]);
            assert.deepStrictEqual(options.regions, ["eu-west-1", "us-east-1"]);
            assert.strictEqual(options.live, true);
            assert.strictEqual(options.maxLoss, 0.5);
            assert.strictEqual(options.allowShrink, true);
            assert.ok(parseArgs([]).regions.includes("us-east-1") && !parseArgs([]).regions.some(r => r.startsWith("cn-") || r.startsWith("us-gov-")),
                "default: every commercial region");
            assert.match(parseArgs([]).source, /shared[\\/]data[\\/]aws-service-data$/);
            assert.throws(() => parseArgs(["--only", "nonsense"]), /unknown data kind nonsense/);
            assert.throws(() => parseArgs(["--max-loss", "2"]), /fraction/);
            assert.throws(() => parseArgs(["--frobnicate"]), /unknown option/);
        });
    });
});
