import { storedBusTableCsv } from "@ampflux/contracts";
import { type Command, oneOf } from "../args.ts";
import type { Api } from "../client.ts";
import { inputError } from "../errors.ts";
import type { Io } from "../io.ts";
import { writeResult } from "../output.ts";
import { studyState } from "../study-state.ts";

/** The per-bus table of a result as stored, in the columns of every results CSV. */
function busCsv(kind: string, result: unknown): string {
  const csv = storedBusTableCsv(kind, result);
  if (csv === undefined) throw inputError(`the ${kind} result has no per-bus table`);
  return csv;
}

/** A finished study's result: its per-bus table as CSV, or the whole result as JSON. */
export async function exportResults(api: Api, { args, flags }: Command, io: Io): Promise<void> {
  const format = oneOf("format", flags.format, ["csv", "json"] as const);
  const study = await api.simulations.get.query({
    projectId: flags.project ?? "",
    simulationId: args["simulation-id"] ?? "",
  });
  if (study.status !== "succeeded") throw inputError(`the study has no result: it ${studyState(study)}`);
  const text =
    format === "json" ? `${JSON.stringify(study.result, null, 2)}\n` : busCsv(study.kind, study.result);
  await writeResult(io, text, flags.out);
}
