// Loaded by mocha before every test file (.mocharc.json `require`). No test may reach AWS or the EC2 instance metadata
// service from this machine: the AWS SDK is pointed at a closed local port and told not to look for instance
// credentials, unless a test starts a local stand-in and says otherwise.
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_ENDPOINT_URL ??= "http://127.0.0.1:9";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
