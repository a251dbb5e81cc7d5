import * as assert from "assert";
import { constantSuffixGroups, lastNameSegment, setTokenEnvironment, stackNameTail, uniquenessTokens } from "../../../lib/aws/naming";
import { StackInfo } from "../../../lib/framework/stack";

const info = (stack: string | undefined, project: string | undefined, config: Record<string, string> = {}, secrets: string[] = []): StackInfo =>
    ({ stack, project, organization: undefined, dryRun: true, config: new Map(Object.entries(config)), secretConfigValues: secrets });

describe("lib/aws/naming uniqueness tokens", () => {
    afterEach(() => setTokenEnvironment(undefined));

    describe("stackNameTail", () => {
        const cases: [string, string | undefined, string | undefined][] = [
            // <prefix ending in Stack><token>: the CDK-style names CI generates
            ["TapStackpr6264", undefined, "pr6264"],
            ["TapStackPr6264", undefined, "Pr6264"],
            ["TapStackdev", undefined, "dev"],
            ["TapStack-staging", undefined, "staging"],
            ["tap-stack-qa", undefined, "qa"],
            ["TapStack", undefined, undefined],
            ["Stack", undefined, undefined],
            // the project name as the prefix (as the engine names the project)
            ["orderspr6264", "orders", "pr6264"],
            ["Orders_PR6264", "orders", "PR6264"],
            ["orders-pr6264", "orders", "pr6264"],
            ["TapStackpr6264", "tap", "pr6264"],
            ["orders-api-staging", "orders", "staging"],
            ["orders", "orders", undefined],
            ["ordersx", "orders", undefined],
            // a pull-request number after a separator, a digit or a capital P
            ["web-pr6264", undefined, "pr6264"],
            ["TapPR6264", undefined, "PR6264"],
            ["TapPr42", undefined, "Pr42"],
            ["apr6264", undefined, undefined],
            ["pr6264", undefined, undefined],
            // the last segment after a separator
            ["orders-api-staging", undefined, "staging"],
            ["app_uat", undefined, "uat"],
            ["app-1", undefined, undefined],
            ["app-123", undefined, "123"],
            ["my-stack", undefined, undefined],
            // a camel or Pascal case boundary alone is not a tail
            ["MyAppProd", undefined, undefined],
            ["dev", undefined, undefined],
        ];
        for (const [stack, project, expected] of cases) {
            it(`${stack}${project ? ` (project ${project})` : ""} -> ${expected ?? "none"}`, () => {
                assert.strictEqual(stackNameTail(stack, project), expected);
            });
        }
    });

    it("lists every candidate, most specific first, without duplicates", () => {
        setTokenEnvironment({ ENVIRONMENT_SUFFIX: "pr6264" });
        const tokens = uniquenessTokens(info("TapStackpr6264", "tap", { "tap:environmentSuffix": "blue", "lib:environmentSuffix": "green" }),
            { suffix: "qa" });
        assert.deepStrictEqual(tokens.map(t => [t.token, t.source]), [
            ["qa", "the policy's 'suffix' config"],
            ["blue", "stack config 'environmentSuffix'"],
            ["green", "stack config 'environmentSuffix'"],
            ["pr6264", "$ENVIRONMENT_SUFFIX"],
            ["TapStackpr6264", "the stack name"],
        ], "the stack name's tail equals the environment token and is listed once");
    });

    it("reads the environment variable named by suffixEnvVar, through the injected environment", () => {
        setTokenEnvironment({ ENVIRONMENT_SUFFIX: "pr1", CI_SUFFIX: " pr2 " });
        assert.deepStrictEqual(uniquenessTokens(info(undefined, undefined)).map(t => t.token), ["pr1"]);
        assert.deepStrictEqual(uniquenessTokens(info(undefined, undefined), { suffixEnvVar: "CI_SUFFIX" }).map(t => t.token), ["pr2"]);
        assert.deepStrictEqual(uniquenessTokens(info(undefined, undefined), { suffixEnvVar: "UNSET" }), []);
        setTokenEnvironment({});
        assert.deepStrictEqual(uniquenessTokens(info(undefined, undefined)), []);
    });

    it("marks tokens from secret stack config, and environment values that do not look like a token, as not to be shown", () => {
        setTokenEnvironment({ ENVIRONMENT_SUFFIX: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" });
        const tokens = uniquenessTokens(info("dev", "app", { "app:environmentSuffix": "hunter2" }, ["hunter2"]));
        assert.deepStrictEqual(tokens.map(t => [t.token, t.secret]), [
            ["hunter2", true], ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true], ["dev", false]]);
    });

    it("ignores empty, blank and over-long values", () => {
        setTokenEnvironment({ ENVIRONMENT_SUFFIX: "x".repeat(300) });
        assert.deepStrictEqual(uniquenessTokens(info("dev", "app", { "app:environmentSuffix": "  " }), { suffix: "" }).map(t => t.token), ["dev"]);
    });

    it("groups names that end in one constant only when it is one cause", () => {
        const n = (name: string, label = "SQS queue") => ({ name, label });
        assert.strictEqual(lastNameSegment("orders-jobs-dev.fifo"), "dev");
        assert.strictEqual(lastNameSegment("/webapp/app_DEV"), "dev");
        assert.strictEqual(lastNameSegment("orders"), undefined);
        const dev = constantSuffixGroups([n("a-dev"), n("b-dev"), n("c_dev"), n("d-prod")]);
        assert.deepStrictEqual(dev.map(g => [g.segment, g.members.map(m => m.name)]), [["dev", ["a-dev", "b-dev", "c_dev"]]]);
        assert.deepStrictEqual(constantSuffixGroups([n("a-dev"), n("b-dev")]), [], "two names are not enough");
        assert.deepStrictEqual(constantSuffixGroups([n("a-queue"), n("b-queue"), n("c-queue")]), [], "a word of one type's names");
        assert.strictEqual(constantSuffixGroups([n("a-x1"), n("b-x1", "IAM role"), n("c-x1")]).length, 1, "shared by two kinds of resource");
    });
});
