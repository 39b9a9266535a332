// What stops a command: problems, one line each on stderr, and the exit code they warrant.

export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
/** `loadflow` printed its results, but the load flow did not converge. */
export const EXIT_NOT_CONVERGED = 3;

export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;
  /** One line each; a command that checks several things names every problem in one run. */
  readonly problems: string[];

  constructor(exitCode: number, problems: string[]) {
    super(problems.join("\n"));
    this.exitCode = exitCode;
    this.problems = problems;
  }
}

/** The command line is wrong: exit code 2, with the usage line. */
export const usageError = (...problems: string[]) => new CliError(EXIT_USAGE, problems);
/** The input, the configuration or the api refused: exit code 1. */
export const inputError = (...problems: string[]) => new CliError(EXIT_INPUT, problems);
