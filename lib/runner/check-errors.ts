// The error `checkProgram` rejects with when the program itself cannot run (kept apart from the runner so the
// library can export it without loading the runner).

export class ProgramError extends Error {
    /** Config keys the program requires and did not get (`namespace:key`), when that is why it failed. */
    readonly missingConfig: readonly string[];

    constructor(message: string, missingConfig: readonly string[] = []) {
        super(message);
        this.name = "ProgramError";
        this.missingConfig = missingConfig;
    }
}
