// AWS Config's per-Region wiring: a customer managed configuration recorder, a delivery channel, the recorder's
// status (started or stopped) and rules. Verified facts (sources beside each):
// - PutDeliveryChannel needs a recorder in the Region, PutConfigRule (managed rules) too, and
//   StartConfigurationRecorder needs a delivery channel: the error texts as AWS returns them, quoted in
//   aws/aws-cdk#3577 and #9001, boto/boto3#2178 (which also says custom rules need no recorder), and the AWS Config API
//   reference (API_StartConfigurationRecorder, API_PutConfigRule errors).
// - terraform-provider-aws internal/service/configservice retries PutDeliveryChannel only on
//   InsufficientDeliveryPolicyException and PutConfigRule only on InsufficientPermissionsException; it calls
//   StartConfigurationRecorder once. A missing prerequisite therefore fails the create; nothing waits for it.
// - One customer managed recorder and one delivery channel per account and Region
//   (MaxNumberOf...ExceededException, API reference; "a limit of one configuration recorder per account per region").
// - A change-triggered managed rule refuses MaximumExecutionFrequency (the error quoted in
//   trussworks/terraform-aws-config#171); SourceDetail.MaximumExecutionFrequency needs MessageType
//   ScheduledNotification (API_SourceDetail, described).
import type { StackResource } from "../../framework/policy";
import { UNKNOWN } from "../../framework/properties";
import { regionOfResource } from "../region";

export const CFG_RECORDER = "aws:cfg/recorder:Recorder";
export const CFG_RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus";
export const CFG_RULE = "aws:cfg/rule:Rule";

export const CHANNEL_WITHOUT_RECORDER = "NoAvailableConfigurationRecorderException: Configuration recorder is not available to put delivery channel.";
export const RULE_WITHOUT_RECORDER = "NoAvailableConfigurationRecorderException: You must create a configuration recorder before you can create or update a Config rule.";
export const START_WITHOUT_CHANNEL = "NoAvailableDeliveryChannelException: Delivery channel is not available to start configuration recorder.";
export const START_WITHOUT_RECORDER = "NoSuchConfigurationRecorderException: You have specified a configuration recorder that does not exist.";
export const SECOND_RECORDER = "MaxNumberOfConfigurationRecordersExceededException: You have reached the limit of the number of configuration recorders you can create.";
export const SECOND_CHANNEL = "MaxNumberOfDeliveryChannelsExceededException: You have reached the limit of the number of delivery channels you can create.";
export const FREQUENCY_ON_CHANGE_RULE = "InvalidParameterValueException: A maximum execution frequency for this rule is not allowed because only a change in resources triggers this managed rule.";

/** Rules whose source owner is AWS are managed rules: they read resources through the recorder's role. */
export const MANAGED_OWNER = "AWS";
export const CUSTOM_LAMBDA_OWNER = "CUSTOM_LAMBDA";
export const SCHEDULED = "ScheduledNotification";
export const SNAPSHOT_DELIVERED = "ConfigurationSnapshotDeliveryCompleted";

/** The Region a Config resource lives in, when known during preview. */
export function configRegion(resource: StackResource): string | undefined {
    const region = regionOfResource(resource).region;
    return typeof region === "string" && region !== "" ? region : undefined;
}

/** The recorder's name as AWS gets it: `name`, or the provider's default "default"; undefined when not known. */
export function recorderName(recorder: StackResource): string | undefined {
    const name = recorder.props.get("name");
    if (name === undefined || name === null || name === "") {
        return "default";
    }
    return typeof name === "string" && !recorder.props.isSecret("name") ? name : undefined;
}

/** Whether a RecorderStatus starts its recorder: true, false, or unknown during preview. */
export function startsRecorder(status: StackResource): boolean | typeof UNKNOWN {
    const enabled = status.props.get("isEnabled");
    return enabled === UNKNOWN ? UNKNOWN : enabled === true;
}
