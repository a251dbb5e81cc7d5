import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateConfigManagedRules, parseManagedRuleIdentifiers } from "../../../scripts/generators/config-managed-rules";

const DECLARATIONS = `export declare class RuleScope {
    static readonly NOT_A_RULE = "NOT_A_RULE";
}
export declare class ManagedRuleIdentifiers {
    /**
     * Checks if versioning is enabled for your S3 buckets.
     * @see https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-versioning-enabled.html
     */
    static readonly S3_BUCKET_VERSIONING_ENABLED = "S3_BUCKET_VERSIONING_ENABLED";
    /**
     * @deprecated Inactive managed rule
     */
    static readonly FMS_SECURITY_GROUP_CONTENT_CHECK = "FMS_SECURITY_GROUP_CONTENT_CHECK";
    /** Alias kept for compatibility. */
    static readonly EC2_MANAGED_INSTANCE = "EC2_INSTANCE_MANAGED_BY_SSM";
}
export declare class ResourceType {
    static readonly S3_BUCKET = "AWS_S3_BUCKET";
}
`;

describe("config-managed-rules generator", () => {
    it("reads the identifiers (values, not constant names) of ManagedRuleIdentifiers only, inactive ones apart", () => {
        assert.deepStrictEqual(parseManagedRuleIdentifiers(DECLARATIONS), {
            identifiers: ["EC2_INSTANCE_MANAGED_BY_SSM", "S3_BUCKET_VERSIONING_ENABLED"],
            inactive: ["FMS_SECURITY_GROUP_CONTENT_CHECK"],
        });
    });

    it("refuses a source without the class, and one with too few identifiers", () => {
        assert.throws(() => parseManagedRuleIdentifiers("export declare class Other {}"), /no ManagedRuleIdentifiers/);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdk-"));
        fs.mkdirSync(path.join(dir, "aws-config", "lib"), { recursive: true });
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "aws-cdk-lib", version: "2.0.0", license: "Apache-2.0" }));
        fs.writeFileSync(path.join(dir, "aws-config", "lib", "rule.d.ts"), DECLARATIONS);
        assert.throws(() => generateConfigManagedRules(dir, "2026-01-01"), /only 2 identifiers/);
    });
});
