// What an import did with a network file, as lines for stderr: `circuits import` and `study` print
// the same report, so a file reads the same whether it is studied locally or saved to the api.

import type { ImportReport } from "@ampflux/contracts/importers";

/** "9 buses, 9 lines, 3 generators": the element counts that are not zero. */
export const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([collection, n]) => `${n} ${collection.replaceAll("_", " ")}`)
    .join(", ");

/** One line per mapped, defaulted, adjusted and dropped entry: nothing changes silently. */
export function importReportLines(report: ImportReport): string[] {
  return [
    ...report.mapped.map((m) => `mapped ${m.from} → ${m.to} (${m.count}×)`),
    ...report.defaulted.map((d) => `defaulted ${d.field} = ${String(d.value)} (${d.count}×): ${d.why}`),
    ...report.adjusted.map((a) => `adjusted ${a.field} (${a.count}×, e.g. ${a.ids.join(", ")}): ${a.why}`),
    ...report.dropped.map((d) => `dropped ${d.count} ${d.item}: ${d.why}`),
  ];
}
