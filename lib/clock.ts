// The current time as the pack's date-dependent policies see it. Production code reads the real clock; tests pin it
// with `setClock` so that checks such as "this runtime is blocked since ..." do not change with the calendar.

let override: (() => Date) | undefined;

/** The current time (the real clock unless a test pinned it). */
export function now(): Date {
    return override ? override() : new Date();
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

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
    return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
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
