// `ampflux loadflow <file>`: an AC load flow on this machine, no api involved. Reads the file
// like `ampflux study` (any of the four formats, told apart by content) and prints like it.

import { describeInputIssue, type LoadFlowResult } from "@ampflux/contracts";
import { LoadFlowInputError } from "@ampflux/sim-wasm";
import type { Command } from "../args.ts";
import { CliError, EXIT_NOT_CONVERGED, inputError } from "../errors.ts";
import { type Io, writeStdout } from "../io.ts";
import { loadFlowRequest } from "../loadflow/options.ts";
import { renderLoadFlow } from "../loadflow/output.ts";
import { preloadCore } from "../study/engine.ts";
import { engineInput, loadInput } from "../study/input.ts";

const tell = (io: Io, lines: string[]) => {
  for (const line of lines) io.stderr.write(`ampflux: ${line}\n`);
};

export async function loadflow(command: Command, io: Io): Promise<void> {
  const { file, format, options } = loadFlowRequest(command);
  // The engine compiles while the file is read and checked (the other core is idle then).
  const core = preloadCore();
  const input = await loadInput(io, file);
  tell(io, input.notes);
  let result: LoadFlowResult;
  try {
    result = (await core).loadFlow(engineInput(input), options);
  } catch (error) {
    if (error instanceof LoadFlowInputError)
      throw inputError(
        ...error.issues.map((issue) => `${input.label}: ${describeInputIssue(issue, input.document)}`),
      );
    throw error;
  }
  const output = renderLoadFlow(result, format);
  writeStdout(io, output.stdout);
  tell(io, output.stderr);
  // The results are printed either way; the exit code tells a script they are not a solution.
  if (!result.converged)
    throw new CliError(EXIT_NOT_CONVERGED, [
      `${input.label}: the load flow did not converge (${result.outcome})`,
    ]);
}
