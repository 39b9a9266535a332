// What stops the command: problems, one per line, and the exit code they warrant.

export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** Ends the command with `problems` on stderr (one line each) and `exitCode`. */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;
  readonly problems: string[];

  constructor(exitCode: number, problems: string[]) {
    super(problems.join("\n"));
    this.exitCode = exitCode;
    this.problems = problems;
  }
}

export const usageError = (...problems: string[]) => new CliError(EXIT_USAGE, problems);
export const inputError = (...problems: string[]) => new CliError(EXIT_INPUT, problems);

/** ["lines", 0, "to_bus"] → "lines[0].to_bus"; the document root is "(document)". */
export function jsonPath(path: readonly (string | number)[]): string {
  const text = path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("");
  return text.replace(/^\./, "") || "(document)";
}
