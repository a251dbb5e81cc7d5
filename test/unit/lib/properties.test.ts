import * as assert from "assert";
import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import { formatPath, parsePath, PropertyBag, UNKNOWN } from "../../../lib/framework/properties";
import { scrubSecrets } from "../../../lib/framework/secrets";
import { UNKNOWN as UNKNOWN_WIRE } from "../../../lib/runner/engine";

describe("PropertyBag", () => {
    const raw = {
        name: "web",
        count: 3,
        countText: "4",
        encrypted: "true",
        off: "False",
        nested: { list: [{ ebs: { kmsKeyId: UNKNOWN_WIRE } }, null] },
        v6List: [{ enabled: true }],
        token: new Secret("s3cr3t-value"),
        secretDoc: new Secret(JSON.stringify({ Statement: [{ Principal: { AWS: "arn:aws:iam::123456789012:root" } }] })),
        unknownObject: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    };
    const props = new PropertyBag(unknownCheckingProxy(raw));

    it("reads through the server's proxies without throwing on unknowns", () => {
        assert.strictEqual(props.string("name"), "web");
        assert.strictEqual(props.get("nested.list[0].ebs.kmsKeyId"), UNKNOWN);
        assert.strictEqual(props.get(["nested", "list", 0, "ebs", "kmsKeyId", "deeper"]), UNKNOWN);
        assert.strictEqual(props.object("unknownObject"), UNKNOWN);
        assert.strictEqual(props.get("nested.list[1].ebs"), undefined);
        assert.strictEqual(props.get("nested.list[5]"), undefined);
        assert.strictEqual(props.get("missing.deep"), undefined);
    });

    it("coerces only what providers encode as strings, and rejects other types", () => {
        assert.strictEqual(props.number("count"), 3);
        assert.strictEqual(props.number("countText"), 4);
        assert.strictEqual(props.boolean("encrypted"), true);
        assert.strictEqual(props.boolean("off"), false);
        assert.strictEqual(props.boolean("name"), undefined);
        assert.strictEqual(props.string("count"), undefined);
        assert.strictEqual(props.array("name"), undefined);
        assert.deepStrictEqual(props.objectOrFirst("v6List"), { enabled: true });
        assert.deepStrictEqual(props.objectOrFirst("nested"), raw.nested);
    });

    it("unwraps secrets, knows they were secret and lists their values (inside JSON documents too)", () => {
        assert.strictEqual(props.string("token"), "s3cr3t-value");
        assert.ok(props.isSecret("token"));
        assert.ok(!props.isSecret("name"));
        assert.ok(props.secretValues().includes("s3cr3t-value"));
        assert.ok(props.secretValues().includes("arn:aws:iam::123456789012:root"));
    });

    it("plain() returns a deep copy with markers", () => {
        assert.deepStrictEqual(props.plain("nested"), { list: [{ ebs: { kmsKeyId: UNKNOWN } }, null] });
    });

    it("parses and formats paths", () => {
        assert.deepStrictEqual(parsePath("a.b[0][2].c"), ["a", "b", 0, 2, "c"]);
        assert.strictEqual(formatPath(["a", "b", 0, 2, "c"]), "a.b[0][2].c");
    });

    it("treats a non-object property set as empty", () => {
        for (const odd of [null, undefined, "text", 5, [1, 2]]) {
            assert.strictEqual(new PropertyBag(odd).get("a"), undefined);
        }
    });
});

describe("scrubSecrets", () => {
    it("replaces secrets in any letter case, and short ones only as whole tokens", () => {
        assert.strictEqual(scrubSecrets("name My-Secret-Name or my-secret-name", ["My-Secret-Name"]), "name [secret] or [secret]");
        assert.strictEqual(scrubSecrets("encrypted is true; trueish", ["true"]), "encrypted is [secret]; trueish");
        assert.strictEqual(scrubSecrets("nothing here", []), "nothing here");
        assert.strictEqual(scrubSecrets("a.b*c", ["a.b*c"]), "[secret]", "regex characters are literal");
    });
});

describe("preserveSecretMarks", () => {
    it("is active with the pinned @pulumi/policy, so the server's Analyze deserializer keeps secret marks", () => {
        const { preserveSecretMarks } = require("../../../lib/framework/secrets") as typeof import("../../../lib/framework/secrets");
        assert.strictEqual(preserveSecretMarks(), true, "a @pulumi/policy upgrade moved or changed deserializeProperties");
        const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
        const deserialize = require("@pulumi/policy/deserialize");
        const struct = Struct.fromJavaScript({ token: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "x" } });
        const bag = new PropertyBag(unknownCheckingProxy(deserialize.deserializeProperties(struct, false)));
        assert.ok(bag.isSecret("token"));
        assert.strictEqual(bag.string("token"), "x");
    });
});

describe("shared deserialization", () => {
    it("gives the policies of one Analyze request one deserialized object, and Remediate its own", () => {
        const { preserveSecretMarks } = require("../../../lib/framework/secrets") as typeof import("../../../lib/framework/secrets");
        assert.strictEqual(preserveSecretMarks(), true);
        const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
        const deserialize = require("@pulumi/policy/deserialize");
        const struct = Struct.fromJavaScript({ bucket: "logs", tags: { env: "dev" } });
        const first = deserialize.deserializeProperties(struct, false);
        assert.strictEqual(deserialize.deserializeProperties(struct, false), first, "Analyze and AnalyzeStack share");
        assert.notStrictEqual(deserialize.deserializeProperties(struct, true), first, "Remediate deserializes afresh");
        assert.notStrictEqual(deserialize.deserializeProperties(Struct.fromJavaScript({ bucket: "logs" }), false), first);
        assert.deepStrictEqual(first, { bucket: "logs", tags: { env: "dev" } });
    });
});
