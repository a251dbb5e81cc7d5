// EC2 user data in launch templates: the API takes it base64-encoded, and @pulumi/aws passes a launch template's
// `userData` through as written (terraform-provider-aws internal/service/ec2/ec2_launch_template.go: `user_data` has no
// ValidateFunc and expandRequestLaunchTemplateData sends it unchanged), unlike `aws.ec2.Instance.userData`, which the
// provider encodes. pulumi/pulumi-aws#2284 (closed "by design") shows the result at pulumi up.
// `aws.ec2.Instance.userDataBase64` needs no check here: the provider refuses a value that is not base64 during
// preview (ec2_instance.go: user_data_base64 ValidateFunc `verify.IsBase64Encoded`, "must be base64-encoded").

export const USER_DATA_ERROR = "InvalidUserData.Malformed: Invalid BASE64 encoding of user data.";

export type Base64Verdict =
    | { readonly kind: "valid" }
    /** Certainly not base64: a character outside the alphabet, `=` before the end, or an impossible length. */
    | { readonly kind: "invalid"; readonly reason: string }
    /** Base64 characters without the padding strict decoders need. */
    | { readonly kind: "unpadded" };

const LINE_BREAKS = /[\n\r]/g;

/**
 * How a base64 decoder sees `text`. EC2's decoder is strict (it refuses "#", which lenient MIME decoders skip), so a
 * space is refused too; line breaks are let through, since wrapped base64 (`base64` wraps at 76) is common.
 */
export function base64Verdict(text: string): Base64Verdict {
    const compact = text.replace(LINE_BREAKS, "");
    const bad = /[^A-Za-z0-9+/=]/.exec(compact);
    if (bad) {
        const code = bad[0].charCodeAt(0);
        const shown = code === 0x20 ? "a space" : code < 0x21 || code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `"${bad[0]}"`;
        return { kind: "invalid", reason: `contains ${shown}, which base64 does not use` };
    }
    const padding = compact.indexOf("=");
    if (padding !== -1 && (padding < compact.length - 2 || !/^={1,2}$/.test(compact.slice(padding)))) {
        return { kind: "invalid", reason: "has \"=\" before its end" };
    }
    if (compact.length % 4 === 1) {
        return { kind: "invalid", reason: `has ${compact.length} characters, a length no base64 text has` };
    }
    if (compact.length % 4 !== 0) {
        return { kind: "unpadded" };
    }
    return { kind: "valid" };
}

/** Whether plain user data looks like a script or cloud-config, to name the usual mistake. */
export function looksLikeScript(text: string): boolean {
    return /^\s*(#!|#cloud-config|Content-Type:|<powershell>|<script>)/i.test(text);
}
