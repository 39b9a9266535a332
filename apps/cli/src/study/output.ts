// Result → what goes to stdout and stderr in the chosen format.

import type { ShortCircuitResult } from "@ampflux/contracts";
import type { StdoutText } from "../io.ts";
import { prettyJsonPieces } from "../pretty-json.ts";
import { arcFlashSummaryLine } from "./arc-flash.ts";
import { formatCsv } from "./csv.ts";
import { dutySummaryLine } from "./duty.ts";
import type { Format } from "./options.ts";
import { summaryLine, warningLines } from "./summary.ts";
import { formatTable } from "./table.ts";

export interface Output {
  stdout: StdoutText;
  /** Lines for stderr. */
  stderr: string[];
}

export function render(result: ShortCircuitResult, format: Format): Output {
  if (format === "table") return { stdout: formatTable(result), stderr: [] };
  const stdout = format === "csv" ? formatCsv(result) : prettyJsonPieces(result);
  const duty = result.duty ? [dutySummaryLine(result.duty)] : [];
  const arcFlash = result.arc_flash ? [arcFlashSummaryLine(result.arc_flash)] : [];
  return { stdout, stderr: [...warningLines(result), ...duty, ...arcFlash, summaryLine(result)] };
}
