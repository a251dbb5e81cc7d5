import * as aws from "@pulumi/aws";

const script = `#!/bin/bash
yum install -y nginx
systemctl enable --now nginx
`;

new aws.ec2.LaunchTemplate("web", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    userData: Buffer.from(script).toString("base64"),
});
