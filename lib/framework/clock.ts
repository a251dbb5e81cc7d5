// The current time as the pack's date-dependent policies see it. Production code reads the real clock; tests pin it
// with `setClock` so that checks such as "this runtime is blocked since ..." do not change with the calendar. A pack
// process (launched by the CLI, the demo or the tests) reads `AWS_PREFLIGHT_DATE` (an ISO date) instead when it is
// set: the demo and the tests pin the date they were written for, and a user can ask what fails on a later day.

export const CLOCK_ENV = "AWS_PREFLIGHT_DATE";

let override: (() => Date) | undefined;
let fromEnv: Date | null | undefined;

/** The current time (the real clock unless a test pinned it or `AWS_PREFLIGHT_DATE` is set). */
export function now(): Date {
    if (override) {
        return override();
    }
    if (fromEnv === undefined) {
        fromEnv = parseIsoDate(process.env[CLOCK_ENV]) ?? null;
    }
    return fromEnv ? new Date(fromEnv.getTime()) : new Date();
}

/** Pins the clock to a fixed time (`Date` or ISO date) or a function; call with no argument to restore it. */
export function setClock(time?: Date | string | (() => Date)): void {
    if (time === undefined) {
        override = undefined;
    } else if (typeof time === "function") {
        override = time;
    } else {
        const fixed = new Date(time);
        override = () => new Date(fixed.getTime());
    }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days (UTC) from `from` to `to`, negative when `to` is earlier: 2026-11-23T23:00Z to 2026-11-24 is 1. */
export function daysBetween(from: Date, to: Date): number {
    return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

function utcMidnight(date: Date): number {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Parses an ISO date (`2027-02-01`) as midnight UTC; undefined for anything else. */
export function parseIsoDate(value: unknown): Date | undefined {
    if (typeof value !== "string" || !ISO_DATE.test(value)) {
        return undefined;
    }
    const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;
