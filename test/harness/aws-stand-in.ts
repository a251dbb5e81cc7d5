// A local stand-in for the AWS APIs the account-aware policies call, on 127.0.0.1, answering in each service's own
// protocol (JSON 1.0/1.1 with X-Amz-Target, the query protocol with Action=, REST for S3, Lambda, GuardDuty,
// Security Hub and Route 53), so the real AWS SDK v3 clients build, sign and parse real requests and answers.
import * as http from "http";
import { AddressInfo } from "net";

export interface StandInCall {
    readonly operation: string;
    readonly input: string;
}

/** What an operation answers: a result body, an AWS error, or a delay first (`slow`). */
export type Answer =
    | { readonly ok: unknown }
    | { readonly error: string; readonly status?: number; readonly message?: string }
    | { readonly status: number }
    | { readonly slowMs: number; readonly then: Answer };

export type Responder = (operation: string, input: string) => Answer | undefined;

export class AwsStandIn {
    readonly calls: StandInCall[] = [];
    private server: http.Server | undefined;
    responder: Responder = () => undefined;

    get url(): string {
        return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    }

    /** Environment for a process that should talk to the stand-in with static test credentials. */
    env(): Record<string, string> {
        return {
            AWS_ENDPOINT_URL: this.url,
            AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
            AWS_SECRET_ACCESS_KEY: "example-secret",
            AWS_EC2_METADATA_DISABLED: "true",
            AWS_REGION: "us-east-1",
        };
    }

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => {
            let body = "";
            req.on("data", chunk => { body += chunk; });
            req.on("end", () => {
                const operation = operationOf(req, body);
                this.calls.push({ operation, input: body || req.url || "" });
                void this.reply(res, operation, this.responder(operation, body || req.url || ""), req);
            });
        });
        await new Promise<void>(resolve => this.server!.listen(0, "127.0.0.1", resolve));
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections?.();
        await new Promise<void>(resolve => this.server ? this.server.close(() => resolve()) : resolve());
    }

    private async reply(res: http.ServerResponse, operation: string, answer: Answer | undefined, req: http.IncomingMessage): Promise<void> {
        if (answer && "slowMs" in answer) {
            const slow = answer;
            await new Promise(resolve => setTimeout(resolve, slow.slowMs));
            return this.reply(res, operation, slow.then, req);
        }
        const protocol = protocolOf(req);
        if (!answer) {
            answer = { error: "UnexpectedOperation", status: 400, message: `the stand-in does not know ${operation}` };
        }
        if ("status" in answer && !("error" in answer)) {
            res.writeHead(answer.status, {});
            res.end();
            return;
        }
        if ("error" in answer) {
            const status = answer.status ?? 400;
            const message = answer.message ?? answer.error;
            if (protocol === "query") {
                const ec2 = operation.startsWith("ec2:");
                res.writeHead(status, { "Content-Type": "text/xml" });
                res.end(ec2
                    ? `<?xml version="1.0"?><Response><Errors><Error><Code>${answer.error}</Code><Message>${message}</Message></Error></Errors><RequestID>1</RequestID></Response>`
                    : `<ErrorResponse><Error><Type>Sender</Type><Code>${answer.error}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`);
            } else if (protocol === "rest-xml") {
                res.writeHead(status, { "Content-Type": "application/xml" });
                res.end(`<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${answer.error}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`);
            } else {
                res.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-errortype": answer.error });
                res.end(JSON.stringify({ __type: answer.error, message, Message: message }));
            }
            return;
        }
        const result = answer.ok;
        if (protocol === "query") {
            res.writeHead(200, { "Content-Type": "text/xml" });
            const action = operation.split(":")[1];
            res.end(operation.startsWith("ec2:") ? `<?xml version="1.0"?><${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${result}</${action}Response>`
                : `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`);
        } else if (protocol === "rest-xml") {
            res.writeHead(200, { "Content-Type": "application/xml" });
            res.end(typeof result === "string" ? result : "");
        } else {
            res.writeHead(200, { "Content-Type": "application/x-amz-json-1.1" });
            res.end(JSON.stringify(result ?? {}));
        }
    }
}

type Protocol = "json" | "query" | "rest-xml" | "rest-json";

function protocolOf(req: http.IncomingMessage): Protocol {
    if (req.headers["x-amz-target"]) {
        return "json";
    }
    if (req.method === "POST" && String(req.headers["content-type"] ?? "").includes("x-www-form-urlencoded")) {
        return "query";
    }
    const url = req.url ?? "";
    if (url.startsWith("/2013-04-01/") || req.method === "HEAD") {
        return "rest-xml";
    }
    return "rest-json";
}

/** `service:Operation` of a request, e.g. `iam:GetRole`, `s3:HeadBucket`, `lambda:GetAccountSettings`. */
function operationOf(req: http.IncomingMessage, body: string): string {
    const target = req.headers["x-amz-target"];
    if (typeof target === "string") {
        const [prefix, op] = target.split(".");
        const service = prefix.startsWith("Logs") ? "logs" : prefix.startsWith("DynamoDB") ? "dynamodb" : prefix === "TrentService" ? "kms"
            : prefix.startsWith("AmazonEC2ContainerRegistry") ? "ecr" : prefix === "StarlingDoveService" ? "config"
            : prefix.startsWith("ServiceQuotas") ? "servicequotas" : prefix === "CertificateManager" ? "acm" : prefix;
        return `${service}:${op}`;
    }
    const action = new URLSearchParams(body).get("Action");
    if (action) {
        return `${new URLSearchParams(body).get("Version") === "2016-11-15" ? "ec2" : "iam"}:${action}`;
    }
    const url = req.url ?? "";
    if (req.method === "HEAD") {
        return "s3:HeadBucket";
    }
    if (url.startsWith("/2016-08-19/account-settings")) {
        return "lambda:GetAccountSettings";
    }
    if (url.startsWith("/2015-03-31/functions/")) {
        return "lambda:GetFunction";
    }
    if (url.startsWith("/detector")) {
        return "guardduty:ListDetectors";
    }
    if (url.startsWith("/accounts")) {
        return "securityhub:DescribeHub";
    }
    if (url.startsWith("/2013-04-01/hostedzone/")) {
        return "route53:GetHostedZone";
    }
    return `unknown:${req.method} ${url}`;
}
