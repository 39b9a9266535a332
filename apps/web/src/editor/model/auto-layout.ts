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
  for (const l of doc.lines) link(l.from_bus, l.to_bus);
  for (const t of doc.transformers) link(t.hv_bus, t.lv_bus);
  for (const t of doc.transformers3w) {
    link(t.hv_bus, t.mv_bus);
    link(t.hv_bus, t.lv_bus);
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
