// `ampflux study <file>`: a short-circuit study on this machine, no api involved; with
// --arc-flash --labels FILE.pdf|FILE.svg also its arc-flash labels.

import type { Command } from "../args.ts";
import { type Io, writeStdout } from "../io.ts";
import { applyDefaultTypes } from "../study/default-types.ts";
import { explainStudy, preloadCore, runStudy } from "../study/engine.ts";
import { formatExplanation } from "../study/explanation.ts";
import { engineInput, loadInput } from "../study/input.ts";
import { writeStudyLabels } from "../study/labels.ts";
import { studyRequest } from "../study/options.ts";
import { renderScreening, runScreening, screeningOptions } from "../study/outage-screening.ts";
import { render } from "../study/output.ts";

/** Every stderr line says where it comes from, as the problems that end a command do. */
const tell = (io: Io, lines: string[]) => {
  for (const line of lines) io.stderr.write(`ampflux: ${line}\n`);
};

export async function study(command: Command, io: Io): Promise<void> {
  const { file, seq, format, labels, options, defaultTypes, explain, outages } = studyRequest(command);
  // The engine compiles while the file is read and checked (the other core is idle then).
  const core = preloadCore();
  const input = await loadInput(io, file, seq);
  tell(io, input.notes);
  const typed = applyDefaultTypes(input.document, defaultTypes);
  tell(io, typed.notes);
  // --default-type changes the document, which then needs its own validation.
  const network = typed.document === input.document ? engineInput(input) : typed.document;
  if (explain !== undefined) {
    const explanation = explainStudy(await core, network, options, explain, input.label);
    io.stdout.write(
      format === "json" ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation),
    );
    return;
  }
  if (outages !== undefined) {
    const screening = runScreening(await core, network, screeningOptions(outages, options), input.label);
    const output = renderScreening(screening, format);
    writeStdout(io, output.stdout);
    tell(io, output.stderr);
    return;
  }
  const result = runStudy(await core, network, options, input.label);
  const output = render(result, format);
  writeStdout(io, output.stdout);
  tell(io, output.stderr);
  // The results are printed first: a label problem (no bus with a number) does not hide them.
  if (labels && result.arc_flash)
    tell(io, await writeStudyLabels(io, labels, result.arc_flash, typed.document, input.label));
}
