// The generator of data/rds-orderable-options.json: the documented rules (offline) and the live path with the real
// AWS SDK v3 RDS client against the local AWS stand-in (no AWS account here).
import * as assert from "assert";
import { AwsStandIn } from "../../harness/aws-stand-in";
import { liveData, loadSdk, offlineData, parseArgs } from "../../../scripts/generate-data";
import { orderableOptionsFromDocs } from "../../../scripts/generators/rds-orderable-options";
import { entryCount } from "../../../scripts/data-sources";
import { OrderableOptionsFile, shapeProblem } from "../../../lib/data/data-files";

const GENERATED = new Date("2026-12-01T00:00:00Z");

describe("rds-orderable-options data generator", () => {
    it("applies the documented rules to the offline versions and classes, and nothing else", () => {
        const file = orderableOptionsFromDocs({
            versions: new Map([
                ["aurora-mysql", ["8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.01.0", "5.7.mysql_aurora.2.11.2", "5.7.mysql_aurora.2.04.9", "8.4.mysql_aurora.8.4.7"]],
                ["postgres", ["16.4"]],
            ]),
            classes: new Map([
                ["aurora-mysql", ["db.r4.large", "db.r7g.large", "db.t3.medium", "db.t3.small", "db.t4g.medium", "db.t4g.small"]],
                ["mysql", ["db.m7g.large", "db.t3.micro", "db.t4g.small"]],
                ["postgres", ["db.t3.micro"]],
            ]),
        }, GENERATED);
        assert.strictEqual(shapeProblem("rds-orderable-options", file), undefined);
        assert.ok(file.sources && file.sources.every(s => s.startsWith("https://docs.aws.amazon.com/")));
        const aurora = file.engines["aurora-mysql"];
        assert.deepStrictEqual(aurora.classes!["db.t3.small"].offered,
            { supported: ["5.7.mysql_aurora.2.11.2", "5.7.mysql_aurora.2.04.9"], unsupported: ["8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.01.0"] });
        assert.deepStrictEqual(aurora.classes!["db.r4.large"].offered, { unsupported: ["8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.01.0"] });
        assert.deepStrictEqual(aurora.classes!["db.t3.medium"], { performanceInsights: { unsupported: ["*"] } });
        assert.strictEqual(aurora.classes!["db.t4g.medium"], undefined);
        assert.strictEqual(aurora.classes!["db.r7g.large"], undefined);
        assert.deepStrictEqual(aurora.globalDatabases,
            { supported: ["8.4.mysql_aurora.8.4.7", "8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.01.0", "5.7.mysql_aurora.2.11.2"], unsupported: ["5.7.mysql_aurora.2.04.9"] });
        assert.deepStrictEqual(Object.keys(file.engines.mysql.classes!), ["db.t3.micro", "db.t4g.small"]);
        assert.strictEqual(file.engines.postgres, undefined, "no documented restriction: nothing written");
    });

    it("writes the shipped file from the offline AWS service data", () => {
        const data = offlineData(parseArgs(["--only", "rds-orderable-options"]), GENERATED).get("rds-orderable-options") as OrderableOptionsFile;
        assert.strictEqual(shapeProblem("rds-orderable-options", data), undefined);
        assert.ok(entryCount("rds-orderable-options", data) > 100);
        assert.ok(data.engines["aurora-mysql"].classes!["db.t3.small"].offered!.unsupported!.includes("8.0.mysql_aurora.3.04.0"));
    });

    describe("live, with the real @aws-sdk/client-rds", () => {
        const standIn = new AwsStandIn();
        const saved: Record<string, string | undefined> = {};
        before(async () => {
            await standIn.start();
            for (const [key, value] of Object.entries(standIn.env())) {
                saved[key] = process.env[key];
                process.env[key] = value;
            }
        });
        after(async () => {
            for (const [key, value] of Object.entries(saved)) {
                value === undefined ? delete process.env[key] : process.env[key] = value;
            }
            await standIn.stop();
        });

        it("reads SupportsPerformanceInsights and SupportsGlobalDatabases per class and version, and global support per version", async () => {
            const option = (cls: string, version: string, pi: boolean, global: boolean) =>
                `<OrderableDBInstanceOption><Engine>aurora-mysql</Engine><EngineVersion>${version}</EngineVersion><DBInstanceClass>${cls}</DBInstanceClass>` +
                `<LicenseModel>general-public-license</LicenseModel><SupportsPerformanceInsights>${pi}</SupportsPerformanceInsights>` +
                `<SupportsGlobalDatabases>${global}</SupportsGlobalDatabases></OrderableDBInstanceOption>`;
            const version = (v: string, global: boolean) => `<DBEngineVersion><Engine>aurora-mysql</Engine><EngineVersion>${v}</EngineVersion>` +
                `<Status>available</Status><SupportsGlobalDatabases>${global}</SupportsGlobalDatabases></DBEngineVersion>`;
            standIn.responder = (operation, input) => {
                const params = new URLSearchParams(input);
                if (operation.endsWith(":DescribeDBEngineVersions")) {
                    return { ok: `<DBEngineVersions>${version("5.7.mysql_aurora.2.11.2", true)}${version("8.0.mysql_aurora.3.05.2", true)}` +
                        `${version("5.7.mysql_aurora.2.04.9", false)}</DBEngineVersions>` };
                }
                if (operation.endsWith(":DescribeOrderableDBInstanceOptions")) {
                    return { ok: params.get("Marker")
                        ? `<OrderableDBInstanceOptions>${option("db.r7g.large", "8.0.mysql_aurora.3.05.2", true, true)}</OrderableDBInstanceOptions>`
                        : `<OrderableDBInstanceOptions>${option("db.t3.small", "5.7.mysql_aurora.2.11.2", false, false)}` +
                          `${option("db.t3.small", "5.7.mysql_aurora.2.04.9", false, false)}</OrderableDBInstanceOptions><Marker>next</Marker>` };
                }
                return undefined;
            };
            const data = (await liveData(parseArgs(["--live", "--regions", "eu-west-1", "--only", "rds-orderable-options"]), GENERATED, loadSdk, () => undefined))
                .get("rds-orderable-options") as OrderableOptionsFile;
            const calls = standIn.calls.map(c => [c.operation.split(":")[1], new URLSearchParams(c.input).get("Engine"), new URLSearchParams(c.input).get("Marker")]);
            assert.deepStrictEqual(calls, [["DescribeDBEngineVersions", null, null], ["DescribeOrderableDBInstanceOptions", "aurora-mysql", null],
                ["DescribeOrderableDBInstanceOptions", "aurora-mysql", "next"]]);
            assert.strictEqual(shapeProblem("rds-orderable-options", data), undefined);
            assert.match(data.source, /^AWS API RDS DescribeOrderableDBInstanceOptions and DescribeDBEngineVersions \(live, regions eu-west-1\)$/);
            const aurora = data.engines["aurora-mysql"];
            assert.deepStrictEqual(aurora.globalDatabases, { supported: ["8.0.mysql_aurora.3.05.2", "5.7.mysql_aurora.2.11.2"], unsupported: ["5.7.mysql_aurora.2.04.9"] });
            assert.deepStrictEqual(aurora.classes!["db.t3.small"].offered, { supported: ["5.7.mysql_aurora.2.11.2", "5.7.mysql_aurora.2.04.9"], unsupported: ["8.0.mysql_aurora.3.05.2"] });
            assert.deepStrictEqual(aurora.classes!["db.t3.small"].performanceInsights, { unsupported: ["5.7.mysql_aurora.2.11.2", "5.7.mysql_aurora.2.04.9"] });
            assert.deepStrictEqual(aurora.classes!["db.r7g.large"].globalDatabases, { supported: ["8.0.mysql_aurora.3.05.2"] });
        });
    });
});
