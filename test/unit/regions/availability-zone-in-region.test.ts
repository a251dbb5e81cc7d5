import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as aws6 from "@pulumi/aws-v6";
import { availabilityZoneInRegion } from "../../../policies/regions/availability-zone-in-region";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";
import { isZoneId, regionOfZone } from "../../../lib/aws/regions/zones";

const STACK = { project: "app", stack: "dev", config: { "aws:region": "eu-west-1" } };
const SUBNET = "aws:ec2/subnet:Subnet";
const check = (type: string, properties: Record<string, unknown>) => validateResource(availabilityZoneInRegion, { type, properties }, {}, STACK);
async function recorded(fn: () => void) {
    const records = (await recordProgram(fn, STACK)).filter(r => r.type.startsWith("aws:"));
    return records.flatMap(r => validateResource(availabilityZoneInRegion, { type: r.type, properties: r.properties, provider: r.provider }, {}, STACK));
}

describe("availability-zone-in-region", () => {
    it("has its public metadata", () => {
        assert.strictEqual(availabilityZoneInRegion.policy.name, "availability-zone-in-region");
        assert.strictEqual(availabilityZoneInRegion.policy.enforcementLevel, "mandatory");
        assert.strictEqual(availabilityZoneInRegion.kind, "resource");
    });

    it("reads the region of zone names, Local Zones and Wavelength Zones, and tells zone ids apart", () => {
        assert.strictEqual(regionOfZone("us-east-1a"), "us-east-1");
        assert.strictEqual(regionOfZone("us-west-2-lax-1a"), "us-west-2");
        assert.strictEqual(regionOfZone("us-east-1-wl1-bos-wlz-1"), "us-east-1");
        assert.strictEqual(regionOfZone("us-gov-west-1a"), "us-gov-west-1");
        assert.strictEqual(regionOfZone("eu-west-1"), undefined);
        assert.ok(isZoneId("use1-az1") && isZoneId("usw2-lax1-az1") && !isZoneId("us-east-1a"));
    });

    it("reports a zone of another region on real v7 and v6 resources; the fix from the message is clean", async () => {
        const reported = await recorded(() => {
            new aws.ec2.Subnet("a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a" });
            new aws6.ebs.Volume("data", { availabilityZone: "us-east-1b", size: 10 });
            new aws.rds.Cluster("db", { engine: "aurora-postgresql", availabilityZones: ["eu-west-1a", "us-east-1c"], masterUsername: "app", manageMasterUserPassword: true });
        });
        assert.strictEqual(reported.length, 3, JSON.stringify(reported));
        const messages = reported.map(r => r.message);
        assert.ok(messages.some(m => /^availabilityZone: "us-east-1a" is not in eu-west-1, this resource's region: use a zone of eu-west-1 \(aws\.getAvailabilityZones\(\)\)\.\n\nIt is a zone of us-east-1\./m.test(m)));
        assert.ok(messages.some(m => /^availabilityZone: "us-east-1b" is not in eu-west-1[\s\S]*zone of us-east-1/m.test(m)));
        assert.ok(messages.some(m => /^availabilityZones\[1\]: "us-east-1c" is not in eu-west-1/m.test(m)));
        assert.ok(reported.every(r => r.level === "mandatory"));
        assert.deepStrictEqual(await recorded(() => {
            new aws.ec2.Subnet("a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
            new aws.ec2.Subnet("b", { vpcId: "vpc-1", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1a", region: "us-east-1" });
        }), []);
    });

    it("reports a zone id where a zone name belongs", () => {
        const reported = check(SUBNET, { availabilityZone: "euw1-az1" });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /^availabilityZone: "euw1-az1" is a zone id, not a zone name: use the zone's name \(e\.g\. eu-west-1a\) or set availabilityZoneId instead\.$/m);
    });

    it("stays silent on unknown, secret and missing zones, unknown regions, and wrong shapes", () => {
        for (const properties of [{ availabilityZone: UNKNOWN }, { availabilityZone: secret("us-east-1a") }, {}, { availabilityZone: 7 },
            { availabilityZone: ["us-east-1a"] }, { availabilityZone: "" }, { region: UNKNOWN, availabilityZone: "us-east-1a" }]) {
            assert.deepStrictEqual(check(SUBNET, properties), [], JSON.stringify(properties));
        }
        for (const zones of ["us-east-1a", [null, 3], {}, [UNKNOWN]]) {
            assert.deepStrictEqual(check("aws:autoscaling/group:Group", { availabilityZones: zones, maxSize: 1, minSize: 1 }), []);
        }
    });
});
