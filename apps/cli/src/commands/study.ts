// `ampflux study <file>`: a short-circuit study on this machine, no api involved; with
// --arc-flash --labels FILE.pdf|FILE.svg also its arc-flash labels.

import type { Command } from "../args.ts";
import type { Io } from "../io.ts";
import { applyDefaultTypes } from "../study/default-types.ts";
import { explainStudy, runStudy } from "../study/engine.ts";
import { formatExplanation } from "../study/explanation.ts";
import { loadInput } from "../study/input.ts";
import { writeStudyLabels } from "../study/labels.ts";
import { studyRequest } from "../study/options.ts";
import { render } from "../study/output.ts";

/** Every stderr line says where it comes from, as the problems that end a command do. */
const tell = (io: Io, lines: string[]) => {
  for (const line of lines) io.stderr.write(`ampflux: ${line}\n`);
};

export async function study(command: Command, io: Io): Promise<void> {
  const { file, seq, format, labels, options, defaultTypes, explain } = studyRequest(command);
  const input = await loadInput(io, file, seq);
  tell(io, input.notes);
  const typed = applyDefaultTypes(input.document, defaultTypes);
  tell(io, typed.notes);
  if (explain !== undefined) {
    const explanation = await explainStudy(typed.document, options, explain, input.label);
    io.stdout.write(
      format === "json" ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation),
    );
    return;
  }
  const result = await runStudy(typed.document, options, input.label);
  const output = render(result, format);
  io.stdout.write(output.stdout);
  tell(io, output.stderr);
  // The results are printed first: a label problem (no bus with a number) does not hide them.
  if (labels && result.arc_flash)
    tell(io, await writeStudyLabels(io, labels, result.arc_flash, typed.document, input.label));
}
