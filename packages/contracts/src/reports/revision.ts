// The revision history's summary of changes: the version diff (versions.ts) as one line per
// collection and kind, so a reader sees what changed since the previous reported version.

import type { DocumentDiff, ElementChange } from "../versions.ts";

/** Ids listed per line before "and N more": enough to find them, short enough for a page. */
const LISTED = 8;

function ids(changes: ElementChange[], withFields: boolean): string {
  const shown = changes
    .slice(0, LISTED)
    .map((c) => (withFields && c.fields?.length ? `${c.id} (${c.fields.join(", ")})` : c.id));
  const more = changes.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

function byCollection(changes: ElementChange[]): Map<string, ElementChange[]> {
  const grouped = new Map<string, ElementChange[]>();
  for (const change of changes) {
    const list = grouped.get(change.collection) ?? [];
    list.push(change);
    grouped.set(change.collection, list);
  }
  return new Map([...grouped].sort(([a], [b]) => a.localeCompare(b)));
}

/** e.g. "lines: 2 added (l7, l8)", "buses: 1 changed (b1 (vn_kv))"; ["No changes"] when equal. */
export function revisionChangeLines(diff: DocumentDiff): string[] {
  const lines: string[] = [];
  const kinds = [
    ["added", diff.added],
    ["removed", diff.removed],
    ["changed", diff.changed],
  ] as const;
  for (const [kind, changes] of kinds) {
    for (const [collection, list] of byCollection(changes)) {
      lines.push(`${collection}: ${list.length} ${kind} (${ids(list, kind === "changed")})`);
    }
  }
  if (diff.properties.length > 0) lines.push(`network properties changed: ${diff.properties.join(", ")}`);
  return lines.length > 0 ? lines : ["No changes"];
}
