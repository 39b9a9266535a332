// What stops a command: one line on stderr and the exit code it warrants.

export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;

  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** The command line is wrong: exit code 2, with a pointer to --help. */
export const usageError = (message: string) => new CliError(EXIT_USAGE, message);
/** The input, the configuration or the api refused: exit code 1. */
export const inputError = (message: string) => new CliError(EXIT_INPUT, message);
