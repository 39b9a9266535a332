// A generated report's document (reports.download: base64 in the tRPC answer, docs/reports-lifecycle.md)
// written to a file as bytes.

import { writeFile } from "node:fs/promises";
import type { ReportFormat } from "@ampflux/contracts";
import type { Api } from "../client.ts";
import { inputError } from "../errors.ts";
import { type Io, userPath } from "../io.ts";
import { note } from "../output.ts";

/** Downloads the report as `format` into `out`; resolves with the bytes written. */
export async function downloadReport(
  api: Api,
  io: Io,
  report: { projectId: string; reportId: string },
  format: ReportFormat,
  out: string,
): Promise<number> {
  const file = await api.reports.download.query({ ...report, format });
  const bytes = Buffer.from(file.base64, "base64");
  // The api states the size it encoded: a shorter decode is a truncated answer, not a report.
  if (bytes.byteLength !== file.size)
    throw inputError(`the ${format} download is ${bytes.byteLength} bytes, the api said ${file.size}`);
  try {
    await writeFile(userPath(io, out), bytes);
  } catch (error) {
    throw inputError(`cannot write ${out}: ${(error as Error).message}`);
  }
  note(io, `wrote ${out} (${file.size} bytes)`);
  return file.size;
}
