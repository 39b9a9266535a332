// The Inputs section from the network document, the study result and the import report: what
// the study was given and everything it assumed, so a checker sees each default in one place.

import {
  type ArcFlashResult,
  countElements,
  type DutyCheck,
  type NetworkIssue,
  type ReportAssumption,
  type ReportInputs,
  type ReportTypeUsage,
} from "@ampflux/contracts";
import type { ImportReport } from "@ampflux/contracts/importers";

type Document = Record<string, unknown>;

/** Types by name per collection, with how many elements use each. */
export function typesUsed(document: Document): ReportTypeUsage[] {
  const usage = new Map<string, ReportTypeUsage>();
  for (const [collection, elements] of Object.entries(document)) {
    if (!Array.isArray(elements)) continue;
    for (const element of elements) {
      const type = (element as { type?: unknown })?.type;
      if (typeof type !== "string") continue;
      const key = `${collection}\u0000${type}`;
      const found = usage.get(key) ?? { name: type, collection, elements: 0 };
      found.elements++;
      usage.set(key, found);
    }
  }
  return [...usage.values()].sort(
    (a, b) => a.collection.localeCompare(b.collection) || a.name.localeCompare(b.name),
  );
}

/** "lines[3].to_bus" from an issue path. */
export function issuePath(path: NetworkIssue["path"]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

export function assumptions(
  arcFlash: readonly ArcFlashResult[] | undefined,
  duty: readonly DutyCheck[] | undefined,
  warnings: readonly NetworkIssue[],
): ReportAssumption[] {
  const found: ReportAssumption[] = [];
  const seen = new Set<string>();
  const add = (item: ReportAssumption) => {
    const key = `${item.source}\u0000${item.element}\u0000${item.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(item);
  };
  for (const row of arcFlash ?? [])
    for (const text of row.defaulted) add({ source: "arc_flash", element: row.bus, text });
  // A duty note is per check; an element's default (e.g. short_time_s) repeats over its checks.
  for (const check of duty ?? [])
    for (const text of check.notes) add({ source: "duty", element: check.element, text });
  for (const issue of warnings)
    add({ source: "network", element: issuePath(issue.path) || null, text: issue.message });
  return found;
}

/** The import report as readable lines: mapped, defaulted, adjusted and dropped parts. */
export function importMessages(report: ImportReport): string[] {
  return [
    ...report.mapped.map((m) => `mapped ${m.count} × ${m.from} → ${m.to}`),
    ...report.defaulted.map(
      (d) => `defaulted ${d.field} = ${d.value === null ? "unset" : String(d.value)} on ${d.count}: ${d.why}`,
    ),
    ...report.adjusted.map(
      (a) => `adjusted ${a.field} on ${a.count}${a.ids.length ? ` (${a.ids.join(", ")})` : ""}: ${a.why}`,
    ),
    ...report.dropped.map((d) => `dropped ${d.count} × ${d.item}: ${d.why}`),
  ];
}

export function buildInputs(
  document: Document,
  found: ReportAssumption[],
  importReport: ImportReport | null | undefined,
): ReportInputs {
  return {
    element_counts: countElements(document),
    types_used: typesUsed(document),
    assumptions: found,
    import_report: importReport
      ? { source: importReport.source, messages: importMessages(importReport) }
      : null,
  };
}
