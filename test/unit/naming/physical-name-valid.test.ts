import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { physicalNameValid as policy } from "../../../policies/naming/physical-name-valid";
import { PHYSICAL_NAME_TABLE } from "../../../lib/aws/naming";
import { secret, UNKNOWN } from "../../../lib/runner/engine";
import { validateResource } from "../../harness/policy-harness";
import { recordProgram } from "../../../lib/runner/program";

const STACK = { stack: "dev", project: "app", config: { "app:environmentSuffix": "pr6247" } };
const a = (n: number) => "a".repeat(n);

type Props = Record<string, unknown>;
interface RowCase {
    /** A valid name (and whatever else makes it valid). */
    readonly valid: readonly Props[];
    /** Each broken rule: properties and what the message must say. */
    readonly broken: readonly [Props, RegExp][];
    /** A prefix that fits and one that does not. */
    readonly prefix?: readonly [Props, Props, RegExp];
}

// Property names typed against the real @pulumi/aws args: a misspelt property does not compile.
const lb = (p: aws.lb.LoadBalancerArgs | Props) => p as Props;
const tg = (p: aws.lb.TargetGroupArgs | Props) => p as Props;
const role = (p: aws.iam.RoleArgs | Props) => p as Props;
const user = (p: aws.iam.UserArgs | Props) => p as Props;
const iamPolicy = (p: aws.iam.PolicyArgs | Props) => p as Props;
const table = (p: aws.dynamodb.TableArgs | Props) => p as Props;
const db = (p: aws.rds.InstanceArgs | Props) => p as Props;
const cluster = (p: aws.rds.ClusterArgs | Props) => p as Props;
const service = (p: aws.ecs.ServiceArgs | Props) => p as Props;
const ecsCluster = (p: aws.ecs.ClusterArgs | Props) => p as Props;
const fn = (p: aws.lambda.FunctionArgs | Props) => p as Props;
const logGroup = (p: aws.cloudwatch.LogGroupArgs | Props) => p as Props;
const topic = (p: aws.sns.TopicArgs | Props) => p as Props;
const queue = (p: aws.sqs.QueueArgs | Props) => p as Props;
const secretRes = (p: aws.secretsmanager.SecretArgs | Props) => p as Props;
const alias = (p: aws.kms.AliasArgs | Props) => p as Props;
const replicationGroup = (p: aws.elasticache.ReplicationGroupArgs | Props) => p as Props;
const asg = (p: aws.autoscaling.GroupArgs | Props) => p as Props;
const samplingRule = (p: aws.xray.SamplingRuleArgs | Props) => p as Props;
const eventRule = (p: aws.cloudwatch.EventRuleArgs | Props) => p as Props;
const eventBus = (p: aws.cloudwatch.EventBusArgs | Props) => p as Props;
const activity = (p: aws.sfn.ActivityArgs | Props) => p as Props;
const webAcl = (p: aws.wafv2.WebAclArgs | Props) => p as Props;
const ruleGroup = (p: aws.wafv2.RuleGroupArgs | Props) => p as Props;
const glueJob = (p: aws.glue.JobArgs | Props) => p as Props;
const crawler = (p: aws.glue.CrawlerArgs | Props) => p as Props;
const userPool = (p: aws.cognito.UserPoolArgs | Props) => p as Props;
const project = (p: aws.codebuild.ProjectArgs | Props) => p as Props;
const securityGroup = (p: aws.ec2.SecurityGroupArgs | Props) => p as Props;
const launchTemplate = (p: aws.ec2.LaunchTemplateArgs | Props) => p as Props;
const stateMachine = (p: aws.sfn.StateMachineArgs | Props) => p as Props;
const repository = (p: aws.ecr.RepositoryArgs | Props) => p as Props;
const api = (p: aws.apigatewayv2.ApiArgs | Props) => p as Props;

const RDS_CASES = (make: (p: Props) => Props, name: string, prefix: string): RowCase => ({
    valid: [make({ [name]: "orders-db-pr6247" }), make({ [name]: "a" })],
    broken: [
        [make({ [name]: a(64) }), /at most 63 characters long; this one has 64 \(1 too many\)/],
        [make({ [name]: "Orders-DB" }), /only lowercase letters, digits and hyphens \(-\): uppercase 'O' at position 1, 'D' at position 8, 'B' at position 9/],
        [make({ [name]: "1orders" }), /must begin with a letter; this one begins with '1'/],
        [make({ [name]: "orders_db" }), /'_' at position 7/],
        [make({ [name]: "orders--db" }), /two consecutive hyphens \(at position 7\)/],
        [make({ [name]: "orders-" }), /must not end with a hyphen; this one ends with '-'/],
    ],
    prefix: [make({ [prefix]: "orders-" }), make({ [prefix]: a(38) }), /prefix has 38 characters; at most 37 fit, because the provider appends a 26-character unique id/],
});
const SIMPLE_CHARACTERS = (make: (p: Props) => Props, max: number, validName: string, badName: string, bad: RegExp): RowCase => ({
    valid: [make({ name: validName })],
    broken: [[make({ name: a(max + 1) }), new RegExp(`at most ${max} characters long; this one has ${max + 1}`)], [make({ name: badName }), bad]],
});

const CASES: Record<string, RowCase> = {
    "aws:lb/loadBalancer:LoadBalancer": {
        valid: [lb({ name: "webapp-alb-pr6247" }), lb({ name: a(32) })],
        broken: [
            [lb({ name: a(33) }), /at most 32 characters long; this one has 33 \(1 too many\). AWS rejects it at pulumi up: "The load balancer name 'a{33}' cannot be longer than '32' characters"/],
            [lb({ name: "web_app" }), /only letters, digits and hyphens \(-\): '_' at position 4/],
            [lb({ name: "-web" }), /must not begin or end with a hyphen; this one begins with '-'/],
            [lb({ name: "web-" }), /this one ends with '-'/],
            [lb({ name: "internal-web" }), /must not begin with internal-: AWS reserves it/],
        ],
        prefix: [lb({ namePrefix: "web-" }), lb({ namePrefix: "webapp-" }), /prefix has 7 characters; at most 6 fit, because the provider accepts at most 6 characters in namePrefix/],
    },
    "aws:lb/targetGroup:TargetGroup": {
        valid: [tg({ name: "api-tg-pr6247" })],
        broken: [[tg({ name: a(33) }), /at most 32 characters long; this one has 33/], [tg({ name: "api.tg" }), /'\.' at position 4/],
            [tg({ name: "api-" }), /this one ends with '-'/]],
        prefix: [tg({ namePrefix: "api-" }), tg({ namePrefix: "api-tg-" }), /at most 6 fit/],
    },
    "aws:iam/role:Role": {
        valid: [role({ name: "app-role+x=y,z.w@pr6247_1" })],
        broken: [[role({ name: a(65) }), /IAM role names must be at most 64 characters long; this one has 65/], [role({ name: "app role" }), /'space' at position 4/]],
        prefix: [role({ namePrefix: "app-" }), role({ namePrefix: a(39) }), /at most 38 fit/],
    },
    "aws:iam/user:User": { valid: [user({ name: "deploy-pr6247" })], broken: [[user({ name: a(65) }), /this one has 65/], [user({ name: "user#1" }), /'#' at position 5/]] },
    "aws:iam/policy:Policy": {
        valid: [iamPolicy({ name: "read-only@pr6247" }), iamPolicy({ name: a(128) })],
        broken: [[iamPolicy({ name: a(129) }), /at most 128 characters long/], [iamPolicy({ name: "pol*" }), /'\*' at position 4/]],
        prefix: [iamPolicy({ namePrefix: a(102) }), iamPolicy({ namePrefix: a(103) }), /at most 102 fit/],
    },
    "aws:dynamodb/table:Table": {
        valid: [table({ name: "webapp.sessions_pr6247" })],
        broken: [[table({ name: "ab" }), /must be 3 to 255 characters long; this one has 2/], [table({ name: a(256) }), /this one has 256 \(1 too many\)/],
            [table({ name: "sessions:pr" }), /':' at position 9/]],
    },
    "aws:rds/instance:Instance": RDS_CASES(db, "identifier", "identifierPrefix"),
    "aws:rds/cluster:Cluster": RDS_CASES(cluster, "clusterIdentifier", "clusterIdentifierPrefix"),
    "aws:ecs/service:Service": SIMPLE_CHARACTERS(service, 255, "api_pr6247", "api.svc", /'\.' at position 4/),
    "aws:ecs/cluster:Cluster": SIMPLE_CHARACTERS(ecsCluster, 255, "main-pr6247", "main cluster", /'space' at position 5/),
    "aws:lambda/function:Function": SIMPLE_CHARACTERS(fn, 64, "resize_image-pr6247", "resize.image", /'\.' at position 7/),
    "aws:cloudwatch/logGroup:LogGroup": {
        valid: [logGroup({ name: "/aws/lambda/resize-pr6247#1" })],
        broken: [[logGroup({ name: a(513) }), /at most 512 characters long/], [logGroup({ name: "logs:app" }), /':' at position 5/]],
        prefix: [logGroup({ namePrefix: "/app/" }), logGroup({ namePrefix: a(487) }), /at most 486 fit/],
    },
    "aws:sns/topic:Topic": {
        valid: [topic({ name: "events-pr6247" }), topic({ name: "events-pr6247.fifo", fifoTopic: true }), topic({ name: a(251) + ".fifo", fifoTopic: "true" })],
        broken: [
            [topic({ name: "events", fifoTopic: true }), /The name of a FIFO SNS topic must end with the \.fifo suffix \(fifoTopic is true\)/],
            [topic({ name: "events.fifo" }), /Only FIFO SNS topics may end with \.fifo, and fifoTopic is not true/],
            [topic({ name: a(257) }), /at most 256 characters long; this one has 257/],
            [topic({ name: "ev ents" }), /'space' at position 3/],
        ],
        prefix: [topic({ namePrefix: a(225), fifoTopic: true }), topic({ namePrefix: a(226), fifoTopic: true }), /at most 225 fit, because the provider appends a 26-character unique id and \.fifo/],
    },
    "aws:sqs/queue:Queue": {
        valid: [queue({ name: "jobs-pr6247" }), queue({ name: "jobs-pr6247.fifo", fifoQueue: true })],
        broken: [
            [queue({ name: "jobs", fifoQueue: true }), /must end with the \.fifo suffix \(fifoQueue is true\)/],
            [queue({ name: "jobs.fifo", fifoQueue: false }), /Only FIFO SQS queues may end with \.fifo/],
            [queue({ name: a(76) + ".fifo", fifoQueue: true }), /at most 80 characters long, \.fifo included; this one has 81/],
            [queue({ name: "jobs!" }), /'!' at position 5/],
        ],
        prefix: [queue({ namePrefix: a(54) }), queue({ namePrefix: a(55) }), /at most 54 fit/],
    },
    "aws:secretsmanager/secret:Secret": {
        valid: [secretRes({ name: "app/db-password_pr6247+x=y.z@w" })],
        broken: [[secretRes({ name: a(513) }), /at most 512/], [secretRes({ name: "db password" }), /'space' at position 3/]],
        prefix: [secretRes({ namePrefix: "app/" }), secretRes({ namePrefix: a(487) }), /at most 486 fit/],
    },
    "aws:kms/alias:Alias": {
        valid: [alias({ name: "alias/app-pr6247" }), alias({ name: "alias/team:app/key_1" })],
        broken: [
            [alias({ name: "app-key" }), /KMS alias names must begin with alias\//],
            [alias({ name: "alias/aws/app" }), /must not begin with alias\/aws\/: AWS reserves it for AWS managed keys/],
            [alias({ name: "alias/app key" }), /'space' at position 10/],
            [alias({ name: "alias/" }), /KMS alias names need at least one character after alias\//],
            [alias({ name: "alias/" + a(251) }), /at most 256 characters long; this one has 257/],
        ],
        prefix: [alias({ namePrefix: "alias/app-" }), alias({ namePrefix: "app-" }), /must begin with alias\//],
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        valid: [replicationGroup({ replicationGroupId: "Sessions-pr6247" })],
        broken: [
            [replicationGroup({ replicationGroupId: a(41) }), /at most 40 characters long; this one has 41/],
            [replicationGroup({ replicationGroupId: "1cache" }), /must begin with a letter/],
            [replicationGroup({ replicationGroupId: "cache--x" }), /two consecutive hyphens/],
            [replicationGroup({ replicationGroupId: "cache-" }), /must not end with a hyphen/],
            [replicationGroup({ replicationGroupId: "cache_x" }), /'_' at position 6/],
        ],
    },
    "aws:autoscaling/group:Group": {
        valid: [asg({ name: "web asg (pr6247)" })],
        broken: [[asg({ name: a(256) }), /at most 255 characters long/]],
        prefix: [asg({ namePrefix: a(229) }), asg({ namePrefix: a(230) }), /at most 229 fit/],
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        valid: [launchTemplate({ name: "web(lt).v1/x_y-pr6247" })],
        broken: [[launchTemplate({ name: "ab" }), /must be 3 to 128 characters long; this one has 2/], [launchTemplate({ name: a(129) }), /this one has 129/],
            [launchTemplate({ name: "web lt" }), /'space' at position 4/]],
        prefix: [launchTemplate({ namePrefix: a(102) }), launchTemplate({ namePrefix: a(103) }), /at most 102 fit/],
    },
    "aws:sfn/stateMachine:StateMachine": {
        ...SIMPLE_CHARACTERS(stateMachine, 80, "orders_flow-pr6247", "orders.flow", /'\.' at position 7/),
        prefix: [stateMachine({ namePrefix: a(54) }), stateMachine({ namePrefix: a(55) }), /at most 54 fit/],
    },
    "aws:ecr/repository:Repository": {
        valid: [repository({ name: "team/app-api_x__y.z-pr6247" }), repository({ name: "ab" })],
        broken: [
            [repository({ name: "a" }), /must be 2 to 256 characters long; this one has 1/],
            [repository({ name: "Team/app" }), /uppercase 'T' at position 1/],
            [repository({ name: "team/app!" }), /'!' at position 9/],
            [repository({ name: "team//app" }), /components of lowercase letters and digits/],
            [repository({ name: "app-" }), /components of lowercase letters and digits/],
        ],
    },
    "aws:apigatewayv2/api:Api": { valid: [api({ name: "Orders API (pr6247)!" })], broken: [[api({ name: a(129) }), /at most 128 characters long/]] },
    "aws:xray/samplingRule:SamplingRule": {
        valid: [samplingRule({ ruleName: "orders-pr6247" }), samplingRule({ ruleName: a(32) })],
        broken: [[samplingRule({ ruleName: a(33) }), /X-Ray sampling rule names must be at most 32 characters long; this one has 33/]],
    },
    "aws:cloudwatch/eventRule:EventRule": {
        ...SIMPLE_CHARACTERS(eventRule, 64, "orders.created_pr6247", "orders created", /'space' at position 7/),
        prefix: [eventRule({ namePrefix: a(38) }), eventRule({ namePrefix: a(39) }), /at most 38 fit/],
    },
    "aws:cloudwatch/eventBus:EventBus": SIMPLE_CHARACTERS(eventBus, 256, "orders/bus.pr6247", "orders:bus", /':' at position 7/),
    "aws:sfn/activity:Activity": {
        valid: [activity({ name: "Orders activity (pr6247)" })], broken: [[activity({ name: a(81) }), /at most 80 characters long; this one has 81/]],
    },
    "aws:wafv2/webAcl:WebAcl": {
        ...SIMPLE_CHARACTERS(webAcl, 128, "orders-acl_pr6247", "orders.acl", /'\.' at position 7/),
        prefix: [webAcl({ namePrefix: a(102) }), webAcl({ namePrefix: a(103) }), /at most 102 fit/],
    },
    "aws:wafv2/ruleGroup:RuleGroup": {
        ...SIMPLE_CHARACTERS(ruleGroup, 128, "orders-rules_pr6247", "orders rules", /'space' at position 7/),
        prefix: [ruleGroup({ namePrefix: a(102) }), ruleGroup({ namePrefix: a(103) }), /at most 102 fit/],
    },
    "aws:glue/job:Job": { valid: [glueJob({ name: "orders etl (pr6247)" })], broken: [[glueJob({ name: a(256) }), /at most 255 characters long/]] },
    "aws:glue/crawler:Crawler": { valid: [crawler({ name: "orders-crawler" })], broken: [[crawler({ name: a(256) }), /at most 255 characters long/]] },
    "aws:cognito/userPool:UserPool": SIMPLE_CHARACTERS(userPool, 128, "Orders users pr6247", "orders/users", /'\/' at position 7/),
    "aws:codebuild/project:Project": {
        valid: [project({ name: "orders-build_pr6247" }), project({ name: "ab" }), project({ name: a(150) })],
        broken: [[project({ name: a(151) }), /must be 2 to 150 characters long; this one has 151/], [project({ name: "a" }), /this one has 1/],
            [project({ name: "orders.build" }), /'\.' at position 7/], [project({ name: "-orders" }), /must begin with a letter or digit/]],
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        valid: [securityGroup({ name: "web (pr6247): ingress #1" }), securityGroup({ name: "SG-web" }), securityGroup({ name: "web-sg-pr6247" })],
        broken: [[securityGroup({ name: a(256) }), /at most 255 characters long; this one has 256/],
            [securityGroup({ name: "sg-web-pr6247" }), /must not begin with sg-: AWS reserves it for group ids \("InvalidParameterValue: Group names may not be in the format sg-\*"\)/],
            [securityGroup({ name: "web%" }), /'%' at position 4/]],
        prefix: [securityGroup({ namePrefix: "web-" }), securityGroup({ namePrefix: "sg-web-" }), /must not begin with sg-/],
    },
};

const suggestionOf = (message: string) => /: use "([^"]+)"\.\n\n/.exec(message)?.[1];

describe("physical-name-valid", () => {
    it("has its public metadata", () => {
        const p = policy.policy;
        assert.strictEqual(p.name, "physical-name-valid");
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.strictEqual(policy.metadata.severity, "high");
        assert.deepStrictEqual(Object.keys(p.configSchema!.properties), ["suffix", "suffixConfigKey"]);
        assert.strictEqual(p.configSchema!.properties.suffixConfigKey.default, "environmentSuffix");
        assert.strictEqual(p.configSchema!.properties.suffix.default, undefined);
        assert.match(p.configSchema!.properties.suffix.description!, /physical-name-has-uniqueness-suffix/);
        assert.ok(!policy.metadata.resourceTypes.includes("aws:s3/bucket:Bucket"), "S3 names are s3-bucket-name-valid's");
    });

    it("has cases for every row of the table", () => {
        for (const row of PHYSICAL_NAME_TABLE.filter(r => r.validatedBy === undefined)) {
            const rowCase = CASES[row.types[0]];
            assert.ok(rowCase, `no test cases for ${row.types[0]}`);
            assert.strictEqual(rowCase.prefix !== undefined, row.prefixProperty !== undefined, `prefix case for ${row.types[0]}`);
        }
    });

    for (const row of PHYSICAL_NAME_TABLE.filter(r => r.validatedBy === undefined)) {
        const rowCase = CASES[row.types[0]];
        describe(row.types[0], () => {
            for (const type of row.types) {
                it(`accepts valid names (${type})`, () => {
                    for (const props of rowCase.valid) {
                        assert.deepStrictEqual(validateResource(policy, { type, properties: props }, {}, STACK), [], JSON.stringify(props));
                    }
                });
            }
            for (const [props, expected] of rowCase.broken) {
                it(`reports ${JSON.stringify(props).slice(0, 70)} once, on ${row.nameProperty}`, () => {
                    const reported = validateResource(policy, { type: row.types[0], name: "res", properties: props }, {}, STACK);
                    assert.strictEqual(reported.length, 1, JSON.stringify(reported, null, 1));
                    assert.match(reported[0].message, expected);
                    assert.ok(reported[0].message.startsWith(`${row.nameProperty}: "`), reported[0].message);
                    assert.match(reported[0].message, /let Pulumi auto-name the resource \("res-" plus 7 random hex characters\)/);
                    const fixed = suggestionOf(reported[0].message);
                    if (fixed !== undefined) {
                        const after = validateResource(policy, { type: row.types[0], properties: { ...props, [row.nameProperty]: fixed } }, {}, STACK);
                        assert.deepStrictEqual(after, [], `the suggested ${fixed} must be valid`);
                    }
                });
            }
            if (rowCase.prefix) {
                const [fits, tooLong, expected] = rowCase.prefix;
                it(`checks ${row.prefixProperty}`, () => {
                    assert.deepStrictEqual(validateResource(policy, { type: row.types[0], properties: fits }, {}, STACK), []);
                    const reported = validateResource(policy, { type: row.types[0], properties: tooLong }, {}, STACK);
                    assert.strictEqual(reported.length, 1, JSON.stringify(reported));
                    assert.match(reported[0].message, expected);
                    assert.ok(reported[0].message.startsWith(`${row.prefixProperty}: "`), reported[0].message);
                });
            }
            it("is silent on an unknown name", () => {
                const props: Props = { [row.nameProperty]: UNKNOWN };
                if (row.prefixProperty) {
                    props[row.prefixProperty] = UNKNOWN;
                }
                assert.deepStrictEqual(validateResource(policy, { type: row.types[0], properties: props }, {}, STACK), []);
            });
        });
    }

    it("an ALB name pushed to 33 characters by a timestamp: quotes AWS, drops the timestamp, keeps the token", async () => {
        const records = await recordProgram(() => {
            new aws.lb.LoadBalancer("checkout-alb", { name: "checkout-alb-pr6247-1732342000123", loadBalancerType: "application" });
        }, { project: "app", stack: "dev", config: STACK.config });
        const reported = validateResource(policy, records.find(r => r.type === "aws:lb/loadBalancer:LoadBalancer")!, {}, STACK);
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /this one has 33 \(1 too many\)/);
        assert.match(reported[0].message, /The digits '1732342000123' look like a timestamp: a timestamp changes on every run and forces replacement/);
        assert.strictEqual(suggestionOf(reported[0].message), "checkout-alb-pr6247");
    });

    it("suggests corrected names where a safe one exists", () => {
        const cases: [string, Props, string | undefined][] = [
            ["aws:rds/instance:Instance", { identifier: "Orders-DB-PR6247" }, "orders-db-pr6247"],
            ["aws:rds/instance:Instance", { identifier: "orders--db-" }, "orders-db"],
            ["aws:kms/alias:Alias", { name: "app-key" }, "alias/app-key"],
            ["aws:sqs/queue:Queue", { name: "jobs", fifoQueue: true }, "jobs.fifo"],
            ["aws:sqs/queue:Queue", { name: "jobs.fifo" }, undefined],
            ["aws:kms/alias:Alias", { name: "alias/aws/app" }, undefined],
            ["aws:lb/loadBalancer:LoadBalancer", { name: "internal-web" }, undefined],
            ["aws:lambda/function:Function", { name: "image-resizer-for-the-marketing-department-thumbnail-service-pr6247-v2" },
                "image-resizer-for-the-marketing-department-thumbnail-pr6247"],
            ["aws:lambda/function:Function", { name: "image-resizer-for-the-marketing-department-thumbnail-service-v2-1732342000123" },
                "image-resizer-for-the-marketing-department-thumbnail-service-v2"],
            ["aws:elasticache/replicationGroup:ReplicationGroup", { replicationGroupId: "sessions-cache-for-the-checkout-service-pr6247" }, "sessions-cache-for-the-checkout-pr6247"],
            ["aws:lb/loadBalancer:LoadBalancer", { namePrefix: "webapp-" }, "webapp"],
        ];
        for (const [type, props, expected] of cases) {
            const reported = validateResource(policy, { type, properties: props }, {}, STACK);
            assert.ok(reported.length > 0, JSON.stringify(props));
            const message = reported.map(r => r.message).join("\n");
            assert.strictEqual(suggestionOf(message), expected, message);
        }
    });

    it("an auto-name the provider filled in is blamed on the logical name", () => {
        const reported = validateResource(policy, { type: "aws:lb/targetGroup:TargetGroup", name: "checkout-service-target-group", properties: { name: "checkout-service-target-group-1a2b3c4" } });
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0].message, /: rename the resource "checkout-service-target-group", or set name\.\n\n.*this one has 37.*It is Pulumi's auto-name/);
        assert.ok(!/omit name/.test(reported[0].message), "omitting the name is what produced it");
    });

    it("an unknown FIFO flag skips the FIFO rule; the string 'true' counts", () => {
        assert.deepStrictEqual(validateResource(policy, { type: "aws:sqs/queue:Queue", properties: queue({ name: "jobs", fifoQueue: UNKNOWN }) }), []);
        assert.deepStrictEqual(validateResource(policy, { type: "aws:sqs/queue:Queue", properties: queue({ name: "jobs.fifo", fifoQueue: UNKNOWN }) }), []);
        assert.strictEqual(validateResource(policy, { type: "aws:sqs/queue:Queue", properties: queue({ name: "jobs", fifoQueue: "true" }) }).length, 1);
    });

    it("leaves S3 bucket names to s3-bucket-name-valid", () => {
        for (const type of ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]) {
            assert.deepStrictEqual(validateResource(policy, { type, properties: { bucket: "Bad_Name" } }), []);
        }
    });

    it("stays silent on omitted names and wrong shapes", () => {
        for (const name of [undefined, 42, {}, [null], null, "", true]) {
            const props = name === undefined ? {} : { name, namePrefix: name };
            assert.deepStrictEqual(validateResource(policy, { type: "aws:lb/loadBalancer:LoadBalancer", properties: props }), [], JSON.stringify(name));
        }
        assert.deepStrictEqual(validateResource(policy, { type: "aws:sqs/queue:Queue", properties: { name: "jobs", fifoQueue: { nested: true } } }), []);
    });

    it("never prints a secret name, not even lowercased in a suggestion", () => {
        const reported = validateResource(policy, { type: "aws:rds/instance:Instance", properties: { identifier: secret("Hidden-DB-Name") } });
        assert.strictEqual(reported.length, 1);
        assert.ok(!reported[0].message.toLowerCase().includes("hidden-db-name"), reported[0].message);
        assert.strictEqual(suggestionOf(reported[0].message), undefined);
    });

    it("a shortened suggestion keeps a token from a non-default suffixConfigKey, from suffix, or the stack name", () => {
        const custom = { stack: "dev", project: "app", config: { "app:envSuffix": "pr6247" } };
        const long = "orders-reporting-analytics-warehouse-primary-database-instance-pr6247";
        const rds = { type: "aws:rds/instance:Instance", properties: { identifier: long } };
        const withKey = suggestionOf(validateResource(policy, rds, { suffixConfigKey: "envSuffix" }, custom)[0].message);
        assert.ok(withKey && withKey.endsWith("-pr6247") && withKey.length <= 63, withKey);
        assert.deepStrictEqual(validateResource(policy, { ...rds, properties: { identifier: withKey } }, { suffixConfigKey: "envSuffix" }, custom), []);
        const lb = { type: "aws:lb/loadBalancer:LoadBalancer", properties: { name: "orders-public-api-gateway-lb-qa42" } };
        const qa = { stack: "dev", project: "app", config: {} };
        assert.strictEqual(suggestionOf(validateResource(policy, lb, { suffix: "qa42" }, qa)[0].message), "orders-public-api-gateway-qa42");
        const byStack = { stack: "qa42", project: "app", config: {} };
        assert.strictEqual(suggestionOf(validateResource(policy, lb, {}, byStack)[0].message), "orders-public-api-gateway-qa42");
        // Without the config the token is unknown and the end is cut, as before.
        assert.strictEqual(suggestionOf(validateResource(policy, lb, {}, qa)[0].message), "orders-public-api-gateway-lb");
    });

    it("states only the rule for a secret name: no length, characters or positions", () => {
        const hidden = "Orders.DB--" + "x".repeat(60) + "-";
        const reported = validateResource(policy, { type: "aws:rds/instance:Instance", properties: { identifier: secret(hidden) } });
        assert.ok(reported.length >= 4, JSON.stringify(reported));
        for (const r of reported) {
            assert.ok(!/position|'\.'|'O'|'-'|has \d+|too many/.test(r.message), r.message);
            assert.ok(!r.message.includes(String(hidden.length)), r.message);
            assert.match(r.message, /a secret, not shown/);
        }
        assert.ok(reported.some(r => /at most 63 characters long; this one is longer/.test(r.message)));
        assert.ok(reported.some(r => /only lowercase letters, digits and hyphens \(-\): this one contains uppercase letters\./.test(r.message)));
        const prefix = validateResource(policy, { type: "aws:lb/loadBalancer:LoadBalancer", properties: { namePrefix: secret("abcdefgh") } });
        assert.match(prefix[0].message, /prefix is too long; at most 6 fit/);
    });

    it("reports an auto-named security group whose logical name begins with sg- (Pulumi makes it sg-web-1a2b3c4)", () => {
        const reported = validateResource(policy, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg-web", properties: { vpcId: "vpc-1" } }, {}, STACK);
        assert.strictEqual(reported.length, 1, JSON.stringify(reported));
        assert.match(reported[0].message, /^name: The auto-name of "sg-web" begins with sg-: rename the resource \(e\.g\. "web-sg"\), or set name\.\n\n/m);
        assert.deepStrictEqual(validateResource(policy, { type: "aws:ec2/securityGroup:SecurityGroup", name: "web-sg", properties: {} }, {}, STACK), []);
        assert.deepStrictEqual(validateResource(policy, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg-web", properties: { namePrefix: "web-" } }, {}, STACK), []);
        assert.deepStrictEqual(validateResource(policy, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg-web", properties: { name: UNKNOWN } }, {}, STACK), []);
    });
});
