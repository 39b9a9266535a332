import { ELEMENT_COLLECTIONS } from "@ampflux/contracts";
import { KINDS } from "../model/catalog.ts";
import { type EditorDocument, type Element, terminalBuses } from "../model/document.ts";
import {
  BUS_HEIGHT,
  busConnections,
  busGeo,
  busWidth,
  ELEMENT_SIZE,
  elementPositions,
  type Layout,
} from "../model/layout.ts";
import { ratingOf } from "./rating.ts";
import type { BusNode, Decorations, DiagramNode, ElementNode, WireEdge } from "./types.ts";

/** A bus node's height: its label row above the bar (styles.css .bus-node). */
const BUS_NODE_HEIGHT = BUS_HEIGHT;

function busNode(bus: Element, doc: EditorDocument, widths: Map<string, number>, deco: Decorations): BusNode {
  const geo = busGeo(doc, bus.id) ?? { x: 0, y: 0 };
  const vn = typeof bus.vn_kv === "number" ? bus.vn_kv : null;
  return {
    id: bus.id,
    type: "bus",
    position: geo,
    // Sizes before the node is measured, so xyflow can tell whether it is on screen (see useDiagram).
    initialWidth: widths.get(bus.id) ?? 160,
    initialHeight: BUS_NODE_HEIGHT,
    data: {
      label: typeof bus.name === "string" && bus.name ? `${bus.id} ${bus.name}` : bus.id,
      vnKv: vn,
      width: widths.get(bus.id) ?? 160,
      inService: bus.in_service !== false,
      result: deco.results.get(bus.id),
      duty: deco.duty.get(bus.id),
      arcFlash: deco.arcFlash.get(bus.id),
      loadFlow: deco.loadFlowBuses.get(bus.id),
      diff: deco.diff.get(bus.id),
      invalid: deco.invalid.has(bus.id),
    },
  };
}

/** The diagram of a document: bus bars, element symbols, and wires from terminals to buses. */
export function toFlow(doc: EditorDocument, layout: Layout, deco: Decorations) {
  const counts = busConnections(doc);
  const widths = new Map(doc.buses.map((b) => [b.id, busWidth(counts.get(b.id) ?? 0)]));
  const positions = elementPositions(doc, layout);
  const busIds = new Set(doc.buses.map((b) => b.id));
  const nodes: DiagramNode[] = doc.buses.map((bus) => busNode(bus, doc, widths, deco));
  const edges: WireEdge[] = [];
  const ids = new Set(ELEMENT_COLLECTIONS.flatMap((c) => doc[c].map((e) => e.id)));
  for (const collection of ELEMENT_COLLECTIONS) {
    if (collection === "buses") continue;
    for (const e of doc[collection]) {
      const node: ElementNode = {
        id: e.id,
        type: "element",
        position: positions.get(e.id) ?? { x: 0, y: 0 },
        initialWidth: ELEMENT_SIZE.width,
        initialHeight: ELEMENT_SIZE.height,
        data: {
          collection,
          label: typeof e.name === "string" && e.name ? `${e.id} ${e.name}` : e.id,
          rating: ratingOf(collection, e),
          inService: e.in_service !== false,
          closed: e.closed !== false,
          duty: deco.duty.get(e.id),
          loadFlow: deco.loadFlowBranches.get(e.id),
          diff: deco.diff.get(e.id),
          invalid: deco.invalid.has(e.id),
          excluded: deco.excluded.has(e.id),
        },
      };
      nodes.push(node);
      const terminals = KINDS[collection].terminals;
      const buses = terminalBuses(collection, e);
      terminals.forEach((terminal, i) => {
        const bus = buses[i];
        if (bus && busIds.has(bus)) {
          edges.push({
            id: `${e.id}|${terminal.field}`,
            type: "wire",
            source: e.id,
            sourceHandle: terminal.field,
            target: bus,
            targetHandle: "bus",
            data: { diff: deco.diff.get(e.id) },
          });
        }
      });
      // A switch on a branch end: a dashed wire to the branch symbol.
      if (collection === "switches" && e.element_type !== "bus" && ids.has(String(e.element))) {
        edges.push({
          id: `${e.id}|element`,
          type: "wire",
          source: e.id,
          sourceHandle: "element",
          target: String(e.element),
          className: "branch-switch",
          data: {},
        });
      }
    }
  }
  return { nodes, edges };
}

/** Ghosts of removed elements for the visual diff (the old document's positions). */
export function ghostNodes(before: EditorDocument, layout: Layout, removed: Set<string>): DiagramNode[] {
  if (removed.size === 0) return [];
  const deco: Decorations = {
    results: new Map(),
    duty: new Map(),
    arcFlash: new Map(),
    loadFlowBuses: new Map(),
    loadFlowBranches: new Map(),
    diff: new Map([...removed].map((id) => [id, "removed" as const])),
    excluded: new Set(),
    invalid: new Set(),
  };
  return toFlow(before, layout, deco)
    .nodes.filter((n) => removed.has(n.id))
    .map((n) => ({ ...n, id: `ghost:${n.id}`, draggable: false, selectable: false, connectable: false }));
}
