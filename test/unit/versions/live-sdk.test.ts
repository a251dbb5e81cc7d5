// The live data path with the real AWS SDK v3 clients, against a local stand-in for the RDS and ElastiCache query
// APIs on 127.0.0.1 (no AWS account here): the SDK builds and signs real requests and parses real XML answers.
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { liveData, loadSdk, parseArgs } from "../../../scripts/generate-data";

interface Call { action: string; params: URLSearchParams }

function xml(action: string, result: string): string {
    return `<?xml version="1.0"?><${action}Response xmlns="http://rds.amazonaws.com/doc/2014-10-31/">` +
        `<${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`;
}

function answer(call: Call): string {
    switch (call.action) {
        case "DescribeDBEngineVersions":
            return xml(call.action, call.params.get("Marker")
                ? "<DBEngineVersions><DBEngineVersion><Engine>postgres</Engine><EngineVersion>15.5</EngineVersion><Status>deprecated</Status></DBEngineVersion></DBEngineVersions>"
                : "<DBEngineVersions><DBEngineVersion><Engine>postgres</Engine><EngineVersion>15.13</EngineVersion><Status>available</Status></DBEngineVersion></DBEngineVersions><Marker>page-2</Marker>");
        case "DescribeOrderableDBInstanceOptions":
            return xml(call.action, "<OrderableDBInstanceOptions><OrderableDBInstanceOption><Engine>postgres</Engine>" +
                "<DBInstanceClass>db.t4g.micro</DBInstanceClass><LicenseModel>postgresql-license</LicenseModel></OrderableDBInstanceOption></OrderableDBInstanceOptions>");
        case "DescribeCacheEngineVersions":
            return xml(call.action, "<CacheEngineVersions><CacheEngineVersion><Engine>redis</Engine><EngineVersion>7.1</EngineVersion></CacheEngineVersion></CacheEngineVersions>");
        default:
            throw new Error(`unexpected action ${call.action}`);
    }
}

describe("data generator, live path, real AWS SDK clients", function () {
    const calls: Call[] = [];
    let server: http.Server;
    const saved: Record<string, string | undefined> = {};
    const env = (values: Record<string, string>) => {
        for (const [key, value] of Object.entries(values)) {
            saved[key] = process.env[key];
            process.env[key] = value;
        }
    };

    before(async () => {
        server = http.createServer((req, res) => {
            let body = "";
            req.on("data", chunk => { body += chunk; });
            req.on("end", () => {
                const params = new URLSearchParams(body);
                const call = { action: params.get("Action") ?? "", params };
                calls.push(call);
                res.writeHead(200, { "Content-Type": "text/xml" });
                res.end(answer(call));
            });
        });
        await new Promise<void>(resolve => server.listen(0, "127.0.0.1", resolve));
        env({
            AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
            AWS_SECRET_ACCESS_KEY: "example-secret",
            AWS_EC2_METADATA_DISABLED: "true",
        });
    });
    after(() => {
        for (const [key, value] of Object.entries(saved)) {
            value === undefined ? delete process.env[key] : process.env[key] = value;
        }
        server.close();
    });

    it("pages through DescribeDBEngineVersions with IncludeAll, asks for orderable classes per engine, and writes the data", async () => {
        assert.ok(loadSdk("@aws-sdk/client-rds").DescribeDBEngineVersionsCommand, "the SDK clients are dev dependencies");
        const options = parseArgs(["--live", "--regions", "eu-west-1", "--only", "rds-engine-versions,rds-instance-classes,elasticache-engine-versions"]);
        const data = await liveData(options, new Date("2026-11-23T00:00:00Z"), loadSdk, () => undefined);

        const versionCalls = calls.filter(c => c.action === "DescribeDBEngineVersions");
        assert.deepStrictEqual(versionCalls.map(c => [c.params.get("IncludeAll"), c.params.get("Marker")]), [["true", null], ["true", "page-2"]]);
        assert.deepStrictEqual(calls.filter(c => c.action === "DescribeOrderableDBInstanceOptions").map(c => c.params.get("Engine")), ["postgres"]);
        assert.strictEqual(calls.filter(c => c.action === "DescribeCacheEngineVersions").length, 1);

        const rds = data.get("rds-engine-versions") as { engines: Record<string, { available: string[]; deprecated: string[] }> };
        assert.deepStrictEqual(rds.engines.postgres, { available: ["15.13"], deprecated: ["15.5"] });
        const cache = data.get("elasticache-engine-versions") as { engines: Record<string, { available: string[] }> };
        assert.deepStrictEqual(cache.engines.redis.available, ["7.1"]);
        assert.ok(data.has("rds-instance-classes"));
    });
});
