// Small fixed data for the versions policies' unit tests, so they do not churn when the shipped data refreshes.
import * as path from "path";
import { setClock } from "../../../lib/framework/clock";
import { DataKind, resetDataFiles } from "../../../lib/data/data-files";
import { PACK_DIR } from "../../../lib/runner/engine";

export const FIXTURES_DIR = path.join(PACK_DIR, "test", "fixtures", "versions");

export function fixture(kind: DataKind): string {
    return path.join(FIXTURES_DIR, `${kind}.json`);
}

/** The day these tests are pinned to (the fixtures' data is 96 days old then). */
export const TODAY = "2026-11-23T12:00:00Z";

/** mocha hooks: fresh data cache and notes per test, the clock pinned to TODAY. */
export function useFixtureClock(): void {
    beforeEach(() => {
        resetDataFiles();
        setClock(TODAY);
    });
    afterEach(() => {
        setClock();
        resetDataFiles();
    });
}
