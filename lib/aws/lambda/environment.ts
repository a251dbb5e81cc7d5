// Lambda environment variables: the keys the runtime reserves and the size limit.
// Source: docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html ("Defined runtime environment variables":
// the reserved keys "can't be set in your function configuration") and lambda/latest/dg/gettingstarted-limits.html
// ("Function environment variables: 4 KB, for all environment variables associated with the function, in aggregate").
// TZ, LANG, PATH, LD_LIBRARY_PATH, NODE_PATH, PYTHONPATH, AWS_LAMBDA_EXEC_WRAPPER and the other unreserved ones can
// be set.

export const RESERVED_ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
]);

/** Lambda measures the variables as one JSON object ("String measured: {...}" in its error). */
export const ENVIRONMENT_MAX_BYTES = 4096;

export const RESERVED_KEYS_ERROR = "InvalidParameterValueException: Lambda was unable to configure your environment " +
    "variables because the environment variables you have provided contains reserved keys that are currently not " +
    "supported for modification. Reserved keys used in this request: ";
export const SIZE_ERROR = "InvalidParameterValueException: Lambda was unable to configure your environment variables " +
    "because the environment variables you have provided exceeded the 4KB limit.";

/** The size Lambda counts: the UTF-8 bytes of the variables as a JSON object. */
export function environmentSize(variables: Readonly<Record<string, string>>): number {
    return Buffer.byteLength(JSON.stringify(variables), "utf8");
}
