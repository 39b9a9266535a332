// `pnpm sc <network.json|case.m> [flags]`: an IEC 60909 short-circuit study run locally by the
// WASM core, printed as a table, CSV or JSON. See scripts/sc/usage.ts for the flags.

import { parseCommandLine } from "./sc/args.ts";
import { runStudy } from "./sc/engine.ts";
import { CliError, EXIT_USAGE } from "./sc/errors.ts";
import { loadInput } from "./sc/input.ts";
import { render } from "./sc/output.ts";
import { HELP, SYNOPSIS } from "./sc/usage.ts";

const stderr = (lines: string[]) => {
  for (const line of lines) process.stderr.write(`sc: ${line}\n`);
};

async function main(argv: string[]): Promise<number> {
  const command = parseCommandLine(argv);
  if (command.kind === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const { file, format, options } = command.request;
  const input = await loadInput(file);
  stderr(input.notes);
  const output = render(await runStudy(input.document, options, input.label), format);
  process.stdout.write(output.stdout);
  stderr(output.stderr);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  stderr(error.problems);
  if (error.exitCode === EXIT_USAGE) process.stderr.write(`${SYNOPSIS}\n`);
  process.exitCode = error.exitCode;
}
