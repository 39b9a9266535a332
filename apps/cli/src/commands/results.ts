import { csvColumnsOf, writeCsv } from "@ampflux/contracts";
import { type Command, oneOf } from "../args.ts";
import type { Api } from "../client.ts";
import { inputError } from "../errors.ts";
import type { Io } from "../io.ts";
import { writeResult } from "../output.ts";
import { studyState } from "../study-state.ts";

/** The per-bus rows of a result: each bus (short circuit), or each bus's worst case (batch study). */
function busRows(kind: string, result: unknown): Record<string, unknown>[] {
  const rows = (result as Record<string, unknown> | null)?.[kind === "batch_study" ? "worst" : "buses"];
  if (!Array.isArray(rows)) throw inputError(`the ${kind} result has no per-bus table`);
  return rows;
}

/** A finished study's result: its per-bus table as CSV, or the whole result as JSON. */
export async function exportResults(api: Api, { args, flags }: Command, io: Io): Promise<void> {
  const format = oneOf("format", flags.format, ["csv", "json"] as const);
  const study = await api.simulations.get.query({
    projectId: flags.project ?? "",
    simulationId: args["simulation-id"] ?? "",
  });
  if (study.status !== "succeeded") throw inputError(`the study has no result: it ${studyState(study)}`);
  const rows = format === "csv" ? busRows(study.kind, study.result) : [];
  // Stored rows as they are, at full precision: the columns in the order of every results CSV.
  const text =
    format === "json" ? `${JSON.stringify(study.result, null, 2)}\n` : writeCsv(csvColumnsOf(rows), rows);
  await writeResult(io, text, flags.out);
}
