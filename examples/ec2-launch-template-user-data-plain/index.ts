import * as aws from "@pulumi/aws";

const script = `#!/bin/bash
yum install -y nginx
systemctl enable --now nginx
`;

// aws.ec2.Instance encodes userData; a launch template passes it to EC2 as written: InvalidUserData.Malformed.
new aws.ec2.LaunchTemplate("web", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    userData: script,
});
