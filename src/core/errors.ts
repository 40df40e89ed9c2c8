// Errors a user caused, shared by every stage that runs after compilation (the runtime, engines, SQL templates).

/** An error a user caused (bad data file, failed export, missing endpoint): printed without a stack. */
export class PxlRuntimeError extends Error {
  constructor(
    message: string,
    readonly hints: readonly string[] = [],
  ) {
    super(message);
    this.name = 'PxlRuntimeError';
  }
}

/** A run asked for something the script does not take (a missing or invalid variable): exit 2 on the command line. */
export class ScriptUsageError extends PxlRuntimeError {}
