// The generator of data/iam-managed-policies.json: offline from the npm snapshot (the shipped file must be exactly
// what it makes), and live with the real @aws-sdk/client-iam against a local stand-in of iam:ListPolicies.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    countPolicies,
    DEPRECATIONS,
    formatPoliciesFile,
    generateFromSnapshot,
    groupArns,
    listAwsManagedPolicyArns,
    liveFile,
    SNAPSHOT_PACKAGE,
} from "../../../scripts/generators/iam-managed-policies";
import { policiesShapeProblem } from "../../../lib/data/iam-managed-policies";
import { PACK_DIR } from "../../../lib/runner/engine";
import { AwsStandIn } from "../../harness/aws-stand-in";

const SHIPPED = path.join(PACK_DIR, "data", "iam-managed-policies.json");

describe("iam-managed-policies data generator", () => {
    it("the shipped file is exactly what `npm run data:iam-policies` makes from the snapshot package", function () {
        this.timeout(60_000);
        let packageDir: string;
        try {
            packageDir = path.resolve(path.dirname(require.resolve(SNAPSHOT_PACKAGE)), "..");
        } catch {
            this.skip(); // the dev dependency is not installed
            return;
        }
        const shipped = fs.readFileSync(SHIPPED, "utf8");
        const fresh = generateFromSnapshot(packageDir, new Date(JSON.parse(shipped).generated));
        assert.strictEqual(formatPoliciesFile(fresh), shipped, "data/iam-managed-policies.json is stale: run `npm run data:iam-policies`");
        assert.strictEqual(policiesShapeProblem(fresh), undefined);
        assert.ok(countPolicies(fresh.partitions, "aws") > 1000);
        assert.match(fresh.source, new RegExp(`npm ${SNAPSHOT_PACKAGE}@\\d+\\.\\d+\\.\\d+ \\(MIT\\)`));
    });

    it("groups ARNs by partition and path, sorted, and ignores what is not an AWS managed policy", () => {
        assert.deepStrictEqual(groupArns([
            "arn:aws:iam::aws:policy/service-role/B", "arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/service-role/A",
            "arn:aws-cn:iam::aws:policy/A", "arn:aws:iam::123456789012:policy/Mine", "not an arn", "arn:aws:iam::aws:policy/bad name",
        ]), { aws: { "/": "A", "/service-role/": "A B" }, "aws-cn": { "/": "A" } });
    });

    it("every deprecation names its source, and refused ones name an existing replacement", () => {
        const shipped = JSON.parse(fs.readFileSync(SHIPPED, "utf8"));
        const listed = new Set(Object.entries(shipped.partitions.aws as Record<string, string>).flatMap(([p, n]) => n.split(" ").map(x => p + x)));
        for (const [name, d] of Object.entries(DEPRECATIONS)) {
            assert.ok(d.source.length > 10, name);
            assert.ok(d.replacement && listed.has(d.replacement), `${name} -> ${d.replacement}`);
            assert.strictEqual(listed.has(name), d.attachable, `${name}: listed iff still attachable`);
        }
    });

    it("a live file keeps the other partitions and refuses a suspiciously short list", () => {
        const arns = Array.from({ length: 400 }, (_, i) => `arn:aws-cn:iam::aws:policy/P${i}`);
        const previous = JSON.parse(fs.readFileSync(SHIPPED, "utf8"));
        const file = liveFile(arns, "aws-cn", new Date("2026-12-01T10:00:00Z"), previous);
        assert.deepStrictEqual(Object.keys(file.partitions), ["aws", "aws-cn"]);
        assert.strictEqual(countPolicies(file.partitions, "aws-cn"), 400);
        assert.strictEqual(file.sourceDate, "2026-12-01");
        assert.match(file.source, /live, aws-cn, 2026-12-01.*other partitions from iam:ListPolicies --scope AWS snapshot/);
        assert.throws(() => liveFile(arns.slice(0, 10), "aws-cn", new Date()), /listed only 10/);
    });
});

describe("iam-managed-policies data generator, live path, real AWS SDK client", function () {
    this.timeout(30_000);
    const aws = new AwsStandIn();
    const saved: Record<string, string | undefined> = {};
    before(async () => {
        await aws.start();
        for (const [key, value] of Object.entries(aws.env())) {
            saved[key] = process.env[key];
            process.env[key] = value;
        }
    });
    after(async () => {
        for (const [key, value] of Object.entries(saved)) {
            value === undefined ? delete process.env[key] : process.env[key] = value;
        }
        await aws.stop();
    });

    it("pages through iam:ListPolicies with Scope=AWS and turns the answers into a data file", async () => {
        const member = (name: string, p = "/") => `<member><PolicyName>${name}</PolicyName><Arn>arn:aws:iam::aws:policy${p}${name}</Arn><Path>${p}</Path></member>`;
        const pages: Record<string, string> = {
            first: `<Policies>${Array.from({ length: 350 }, (_, i) => member(`Policy${i}`)).join("")}</Policies><IsTruncated>true</IsTruncated><Marker>page-2</Marker>`,
            "page-2": `<Policies>${member("AWS_ConfigRole", "/service-role/")}</Policies><IsTruncated>false</IsTruncated>`,
        };
        aws.responder = (operation, input) => {
            if (operation !== "iam:ListPolicies") {
                return undefined;
            }
            const params = new URLSearchParams(input);
            return { ok: pages[params.get("Marker") ?? "first"] };
        };
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const sdk = require("@aws-sdk/client-iam");
        const arns = await listAwsManagedPolicyArns(new sdk.IAMClient({ region: "us-east-1" }), input => new sdk.ListPoliciesCommand(input));
        const calls = aws.calls.filter(c => c.operation === "iam:ListPolicies").map(c => new URLSearchParams(c.input));
        assert.deepStrictEqual(calls.map(c => [c.get("Scope"), c.get("Marker"), c.get("MaxItems")]), [["AWS", null, "1000"], ["AWS", "page-2", "1000"]]);
        assert.strictEqual(arns.length, 351);
        const file = liveFile(arns, "aws", new Date("2026-12-01T00:00:00Z"));
        assert.strictEqual(file.partitions.aws["/service-role/"], "AWS_ConfigRole");
        assert.strictEqual(policiesShapeProblem(file), undefined);
        assert.match(file.source, /^AWS API iam:ListPolicies --scope AWS \(live, aws, 2026-12-01\)/);
    });
});
