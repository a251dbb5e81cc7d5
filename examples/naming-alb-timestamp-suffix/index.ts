import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const environmentSuffix = config.require("environmentSuffix");

// "Make it unique" with a timestamp: 20 characters plus 13 digits of Date.now() is 33, one over the ALB limit of 32.
// It also changes on every run, so every `pulumi up` would replace the load balancer.
new aws.lb.LoadBalancer("checkout-alb", {
    name: `checkout-alb-${environmentSuffix}-${Date.now()}`,
    loadBalancerType: "application",
    subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
});

// The fix: the environment suffix alone already makes the name unique to the stack, and it is stable.
new aws.lb.TargetGroup("checkout-tg", {
    name: `checkout-tg-${environmentSuffix}`,
    port: 8080,
    protocol: "HTTP",
    vpcId: "vpc-0a1b2c3d4e5f60001",
});
