// Availability zone names: `<region><letter>` (eu-west-1a), Local Zones `<region>-<location>-<n><letter>`
// (us-west-2-lax-1a) and Wavelength Zones `<region>-wl1-<location>-wlz-<n>` (docs.aws.amazon.com/global-infrastructure,
// "Regions and Zones"). Zone ids (`use1-az1`) are per account mapping and go in `availabilityZoneId`, not here.

const ZONE_NAME = /^([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+)(?:[a-z]|-[a-z0-9-]+)$/;
const ZONE_ID = /^[a-z]{3,6}\d+-(?:[a-z]+\d+-)?az\d+$/;

/** The region a zone name belongs to, or undefined when `zone` is not a zone name. */
export function regionOfZone(zone: string): string | undefined {
    return ZONE_NAME.exec(zone)?.[1];
}

export function isZoneId(value: string): boolean {
    return ZONE_ID.test(value);
}
