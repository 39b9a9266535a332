import { BRANCH_COLLECTIONS, BUS_FIELDS } from "@ampflux/contracts";
import type { EditorDocument } from "./document.ts";
import { BUS_MIN_WIDTH } from "./layout.ts";

const LEVEL_HEIGHT = 260;
const COLUMN_WIDTH = BUS_MIN_WIDTH + 220;

/**
 * Places buses without `geo` (imported networks) in levels by distance from the sources, so a
 * radial network reads top-down from its feeders. Buses that already have a position keep it.
 */
export function withBusPositions(doc: EditorDocument): EditorDocument {
  if (doc.buses.every((b) => b.geo)) return doc;
  const neighbours = new Map<string, string[]>(doc.buses.map((b) => [b.id, []]));
  const link = (a: unknown, b: unknown) => {
    if (typeof a !== "string" || typeof b !== "string") return;
    neighbours.get(a)?.push(b);
    neighbours.get(b)?.push(a);
  };
  // A branch links its first bus (from / HV) to each of its other buses.
  for (const c of BRANCH_COLLECTIONS) {
    for (const e of doc[c]) {
      const [first, ...others] = BUS_FIELDS[c].map((field) => e[field]);
      for (const other of others) link(first, other);
    }
  }
  for (const s of doc.switches) if (s.element_type === "bus") link(s.bus, s.element);
  const level = new Map<string, number>();
  const queue = [...doc.external_grids, ...doc.generators]
    .map((s) => String(s.bus))
    .filter((id) => neighbours.has(id));
  if (queue.length === 0 && doc.buses[0]) queue.push(doc.buses[0].id);
  for (const id of queue) level.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const next of neighbours.get(id) ?? []) {
      if (level.has(next)) continue;
      level.set(next, (level.get(id) ?? 0) + 1);
      queue.push(next);
    }
  }
  const maxLevel = Math.max(0, ...level.values());
  const columns = new Map<number, number>();
  const buses = doc.buses.map((bus) => {
    if (bus.geo) return bus;
    const row = level.get(bus.id) ?? maxLevel + 1;
    const column = columns.get(row) ?? 0;
    columns.set(row, column + 1);
    return { ...bus, geo: { x: column * COLUMN_WIDTH, y: row * LEVEL_HEIGHT } };
  });
  return { ...doc, buses };
}
