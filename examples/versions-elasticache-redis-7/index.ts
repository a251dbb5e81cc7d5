import * as aws from "@pulumi/aws";

// Redis OSS 7 and later need <major>.<minor>: "7" fails at pulumi up.
new aws.elasticache.ReplicationGroup("sessions", {
    description: "session store",
    engine: "redis",
    engineVersion: "7",
    nodeType: "cache.t4g.micro",
    numCacheClusters: 1,
});

// "7.1" is accepted (ElastiCache applies the latest 7.1 patch).
new aws.elasticache.ReplicationGroup("rate-limits", {
    description: "rate limiter",
    engine: "redis",
    engineVersion: "7.1",
    nodeType: "cache.t4g.micro",
    numCacheClusters: 1,
});
