// The version of the AWS provider a resource is managed by, from its provider resource's `version` property (the
// engine sets it for default providers; explicit providers carry the SDK's version the same way).
import { ProviderInfo } from "../framework/policy";

const VERSION_PATTERN = /^v?(\d+)\.(\d+)\.(\d+)/;

export interface ProviderVersion {
    readonly text: string;
    readonly major: number;
}

/** The AWS provider's version, or undefined when there is no AWS provider, or its version is missing, unknown or
 * not a semantic version. */
export function awsProviderVersion(provider: ProviderInfo | undefined): ProviderVersion | undefined {
    if (!provider || !provider.type.startsWith("pulumi:providers:aws")) {
        return undefined;
    }
    const version = provider.props.string("version");
    if (typeof version !== "string") {
        return undefined;
    }
    const match = VERSION_PATTERN.exec(version.trim());
    return match ? { text: version.trim(), major: Number(match[1]) } : undefined;
}
