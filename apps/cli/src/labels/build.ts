// Results → labels: contracts' arcFlashLabel for every bus with a number, in the result's order
// (or the order of --bus), and one line for each bus left without a label and why.

import {
  type ArcFlashLabel,
  type ArcFlashLabelStudy,
  type ArcFlashResult,
  arcFlashLabel,
} from "@ampflux/contracts";
import { inputError } from "../errors.ts";

export interface BuiltLabels {
  labels: ArcFlashLabel[];
  /** "no label for B7: out_of_range: …", one per bus without a number. */
  skipped: string[];
}

function chosen(results: ArcFlashResult[], buses: string[] | undefined): ArcFlashResult[] {
  if (buses === undefined) return results;
  const byBus = new Map(results.map((r) => [r.bus, r]));
  const unknown = buses.filter((bus) => !byBus.has(bus));
  if (unknown.length > 0) {
    throw inputError(...unknown.map((bus) => `--bus ${bus}: the result has no arc-flash entry for this bus`));
  }
  return [...new Set(buses)].map((bus) => byBus.get(bus) as ArcFlashResult);
}

export function buildLabels(
  results: ArcFlashResult[],
  study: ArcFlashLabelStudy,
  options: { buses: string[] | undefined; names?: ReadonlyMap<string, string> },
): BuiltLabels {
  const labels: ArcFlashLabel[] = [];
  const skipped: string[] = [];
  for (const result of chosen(results, options.buses)) {
    const label = arcFlashLabel(result, study, options.names?.get(result.bus));
    if (label) labels.push(label);
    else
      skipped.push(
        `no label for ${result.bus}: ${result.status}${result.reason ? `: ${result.reason}` : ""}`,
      );
  }
  if (labels.length === 0) {
    throw inputError(
      results.length === 0
        ? "the result's arc_flash lists no bus"
        : "no bus has an arc-flash number to print",
      ...skipped,
    );
  }
  return { labels, skipped };
}
