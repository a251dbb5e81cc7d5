// The characters a password generator in the stack can produce, while the password itself is unknown.
//
// The Pulumi random provider (pulumi/pulumi-random, bridged from hashicorp/terraform-provider-random,
// internal/random/string.go `CreateString`): the character set is upper + lower + numeric + special, each on by
// default; the special set is `overrideSpecial` when it is a non-empty string, else `!@#$%&*()-_=+[]{}<>:?`.
// `minSpecial`, `minUpper`, ... characters are drawn from their own set first, the rest from the whole set.
import type { StackResource } from "../../framework/policy";
import { UNKNOWN } from "../../framework/properties";
import { RANDOM_PASSWORD, RANDOM_STRING } from "../resource-types";

export const RANDOM_GENERATOR_TYPES: ReadonlySet<string> = new Set([RANDOM_PASSWORD, RANDOM_STRING]);
export const RANDOM_DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";

export interface GeneratorSettings {
    /** undefined when the length is unknown during preview. */
    readonly length: number | undefined;
    readonly special: string;
    /** The whole character set, with repetitions as the generator draws from it. */
    readonly all: string;
    readonly minSpecial: number;
    readonly minOthers: number;
}

function flag(resource: StackResource, name: string): boolean | "unknown" {
    const value = resource.props.boolean(name);
    return value === UNKNOWN ? "unknown" : value !== false;
}

function count(resource: StackResource, name: string): number | "unknown" {
    const value = resource.props.number(name);
    if (value === UNKNOWN) {
        return "unknown";
    }
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** The generator's settings, or undefined when a setting that decides the character set is unknown. */
export function generatorSettings(resource: StackResource): GeneratorSettings | undefined {
    const special = flag(resource, "special");
    const upper = flag(resource, "upper");
    const lower = flag(resource, "lower");
    // `number` is the deprecated name of `numeric`; either set to false turns digits off.
    const numeric = flag(resource, "numeric");
    const number = flag(resource, "number");
    const override = resource.props.get("overrideSpecial");
    if ([special, upper, lower, numeric, number].includes("unknown") || override === UNKNOWN) {
        return undefined;
    }
    const specialSet = special ? (typeof override === "string" && override !== "" ? override : RANDOM_DEFAULT_SPECIAL) : "";
    const all = (upper ? UPPER : "") + (lower ? LOWER : "") + (numeric && number ? DIGITS : "") + specialSet;
    const lengthValue = resource.props.number("length");
    const mins = ["minUpper", "minLower", "minNumeric"].map(name => count(resource, name));
    const minSpecial = count(resource, "minSpecial");
    if (mins.includes("unknown") || minSpecial === "unknown") {
        return undefined;
    }
    return {
        length: typeof lengthValue === "number" && Number.isFinite(lengthValue) ? Math.floor(lengthValue) : undefined,
        special: specialSet,
        all,
        minSpecial: special ? minSpecial : 0,
        minOthers: (mins as number[]).reduce((a, b) => a + b, 0),
    };
}

/** The characters of `set` (deduplicated) that `refused` says AWS refuses. */
export function refusedCharacters(set: string, refused: (c: string) => boolean): string[] {
    return [...new Set(set)].filter(refused);
}

/** The chance that one generated password contains at least one refused character (0..1), when the length is known. */
export function chanceOfRefusedCharacter(settings: GeneratorSettings, refused: (c: string) => boolean): number | undefined {
    if (settings.length === undefined || settings.all.length === 0) {
        return undefined;
    }
    const share = (set: string) => set.length === 0 ? 0 : [...set].filter(refused).length / set.length;
    const free = Math.max(0, settings.length - settings.minSpecial - settings.minOthers);
    const clean = Math.pow(1 - share(settings.special), settings.minSpecial) * Math.pow(1 - share(settings.all), free);
    return 1 - clean;
}
