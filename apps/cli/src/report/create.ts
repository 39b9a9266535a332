// `ampflux report <simulation-id> --project ID --out FILE.pdf`: asks the api for a report of a
// finished study, follows the worker's generate_report task on stderr, then downloads the PDF
// (and the HTML page with --html). Issue 20; docs/reports-lifecycle.md.

import { REPORT_PAPERS } from "@ampflux/contracts";
import { type Command, oneOf } from "../args.ts";
import type { Api } from "../client.ts";
import { inputError, usageError } from "../errors.ts";
import type { Io } from "../io.ts";
import { note, writeResult } from "../output.ts";
import { progressBar } from "../progress-bar.ts";
import { downloadReport } from "./download.ts";
import { watchReport } from "./watch.ts";

export async function createReport(api: Api, { args, flags }: Command, io: Io): Promise<void> {
  const simulationId = args["simulation-id"];
  if (simulationId === undefined) throw usageError("report takes <simulation-id> (or --list)");
  if (flags.out === undefined) throw usageError("report needs --out FILE.pdf");
  const paper = oneOf("paper", flags.paper, REPORT_PAPERS);
  const projectId = flags.project ?? "";

  const created = await api.reports.create.mutate({
    projectId,
    simulationId,
    options: { paper, include_branches: flags.branches ?? false },
  });
  const report = { projectId, reportId: created.id };
  note(io, `report ${created.id} queued`);
  const bar = progressBar(io.stderr);
  const final = await watchReport(api, projectId, created.id, bar.update).finally(bar.end);
  const state = await api.reports.get.query(report);
  if (final.status !== "done" || state.status !== "done") {
    const reason = state.error?.message ?? final.message;
    throw inputError(`report ${created.id} failed${reason ? `: ${reason}` : ""}`);
  }

  const size = await downloadReport(api, io, report, "pdf", flags.out);
  if (flags.html !== undefined) await downloadReport(api, io, report, "html", flags.html);
  // Scripts read one line: the report's id, the PDF's bytes and the content hash of its inputs
  // (the hash its footer prints, which later tells whether the network changed since).
  await writeResult(io, `${created.id}\t${size}\t${created.contentHash}\n`, undefined);
}
