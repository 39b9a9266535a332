import { ELEMENT_COLLECTIONS, type ElementCollection } from "@ampflux/contracts";
import { KINDS } from "../model/catalog.ts";
import { type EditorDocument, type Element, terminalBuses } from "../model/document.ts";
import {
  BUS_HEIGHT,
  busGeo,
  ELEMENT_SIZE,
  elementPositions,
  type Layout,
  widthsOf,
} from "../model/layout.ts";
import { ratingOf } from "./rating.ts";
import { shallowEqual } from "./shallow-equal.ts";
import type { BusNode, Decorations, DiagramNode, DiffStatus, ElementNode, WireEdge } from "./types.ts";

/** A bus node's height: its label row above the bar (styles.css .bus-node). */
const BUS_NODE_HEIGHT = BUS_HEIGHT;

// The diagram is rebuilt after every edit and every new result, and on case9241pegase that is
// ~27,000 nodes: building each one again (labels, ratings, data objects) took ~90 ms and as much
// in garbage collection per rebuild (docs/performance.md, "Editor in Chromium"). Documents are
// immutable, so each element object keeps the node last built for it, reused while what the node
// shows (position, size, decorations) is unchanged; an unchanged node is then the same object,
// which useDiagram and the memoised symbol views skip at once.
const busNodes = new WeakMap<Element, BusNode>();
const elementNodes = new WeakMap<Element, ElementNode>();
const wiresOf = new WeakMap<Element, { buses: Element[]; diff: DiffStatus | undefined; wires: WireEdge[] }>();

/** Equal badges: decorations are new objects each time, so compared by their fields. */
const sameBadge = shallowEqual;

const samePoint = (a: { x: number; y: number }, b: { x: number; y: number }) => a.x === b.x && a.y === b.y;

function busNode(bus: Element, doc: EditorDocument, widths: Map<string, number>, deco: Decorations): BusNode {
  const geo = busGeo(doc, bus.id) ?? { x: 0, y: 0 };
  const width = widths.get(bus.id) ?? 160;
  const result = deco.results.get(bus.id);
  const duty = deco.duty.get(bus.id);
  const arcFlash = deco.arcFlash.get(bus.id);
  const loadFlow = deco.loadFlowBuses.get(bus.id);
  const diff = deco.diff.get(bus.id);
  const invalid = deco.invalid.has(bus.id);
  const cached = busNodes.get(bus);
  if (
    cached &&
    samePoint(cached.position, geo) &&
    cached.data.width === width &&
    sameBadge(cached.data.result, result) &&
    sameBadge(cached.data.duty, duty) &&
    sameBadge(cached.data.arcFlash, arcFlash) &&
    sameBadge(cached.data.loadFlow, loadFlow) &&
    cached.data.diff === diff &&
    cached.data.invalid === invalid
  )
    return cached;
  const vn = typeof bus.vn_kv === "number" ? bus.vn_kv : null;
  const node: BusNode = {
    id: bus.id,
    type: "bus",
    position: geo,
    // Sizes before the node is measured, so xyflow can tell whether it is on screen (see useDiagram).
    initialWidth: width,
    initialHeight: BUS_NODE_HEIGHT,
    data: {
      label: typeof bus.name === "string" && bus.name ? `${bus.id} ${bus.name}` : bus.id,
      vnKv: vn,
      width,
      inService: bus.in_service !== false,
      result,
      duty,
      arcFlash,
      loadFlow,
      diff,
      invalid,
    },
  };
  busNodes.set(bus, node);
  return node;
}

function elementNode(
  collection: ElementCollection,
  e: Element,
  position: { x: number; y: number },
  deco: Decorations,
): ElementNode {
  const duty = deco.duty.get(e.id);
  const loadFlow = deco.loadFlowBranches.get(e.id);
  const diff = deco.diff.get(e.id);
  const invalid = deco.invalid.has(e.id);
  const excluded = deco.excluded.has(e.id);
  const outaged = deco.outaged.has(e.id);
  const cached = elementNodes.get(e);
  if (
    cached &&
    cached.data.collection === collection &&
    samePoint(cached.position, position) &&
    sameBadge(cached.data.duty, duty) &&
    sameBadge(cached.data.loadFlow, loadFlow) &&
    cached.data.diff === diff &&
    cached.data.invalid === invalid &&
    cached.data.excluded === excluded &&
    cached.data.outaged === outaged
  )
    return cached;
  const node: ElementNode = {
    id: e.id,
    type: "element",
    position,
    initialWidth: ELEMENT_SIZE.width,
    initialHeight: ELEMENT_SIZE.height,
    data: {
      collection,
      label: typeof e.name === "string" && e.name ? `${e.id} ${e.name}` : e.id,
      rating: ratingOf(collection, e),
      inService: e.in_service !== false,
      closed: e.closed !== false,
      duty,
      loadFlow,
      diff,
      invalid,
      excluded,
      outaged,
    },
  };
  elementNodes.set(e, node);
  return node;
}

/** The wires from an element's terminals to the buses that exist (kept while the buses are). */
function terminalWires(
  collection: ElementCollection,
  e: Element,
  buses: Element[],
  busIds: () => Set<string>,
  diff: DiffStatus | undefined,
): WireEdge[] {
  const cached = wiresOf.get(e);
  if (cached && cached.buses === buses && cached.diff === diff) return cached.wires;
  const wires: WireEdge[] = [];
  const terminals = KINDS[collection].terminals;
  const ends = terminalBuses(collection, e);
  terminals.forEach((terminal, i) => {
    const bus = ends[i];
    if (bus && busIds().has(bus)) {
      wires.push({
        id: `${e.id}|${terminal.field}`,
        type: "wire",
        source: e.id,
        sourceHandle: terminal.field,
        target: bus,
        targetHandle: "bus",
        data: { diff },
      });
    }
  });
  wiresOf.set(e, { buses, diff, wires });
  return wires;
}

/** The diagram of a document: bus bars, element symbols, and wires from terminals to buses. */
export function toFlow(doc: EditorDocument, layout: Layout, deco: Decorations) {
  const widths = widthsOf(doc);
  const positions = elementPositions(doc, layout);
  // Built only when asked: most edits and results reuse every wire.
  let busIds: Set<string> | undefined;
  const busIdsOf = () => {
    busIds ??= new Set(doc.buses.map((b) => b.id));
    return busIds;
  };
  let ids: Set<string> | undefined;
  const nodes: DiagramNode[] = doc.buses.map((bus) => busNode(bus, doc, widths, deco));
  const edges: WireEdge[] = [];
  for (const collection of ELEMENT_COLLECTIONS) {
    if (collection === "buses") continue;
    for (const e of doc[collection]) {
      nodes.push(elementNode(collection, e, positions.get(e.id) ?? { x: 0, y: 0 }, deco));
      for (const wire of terminalWires(collection, e, doc.buses, busIdsOf, deco.diff.get(e.id)))
        edges.push(wire);
      // A switch on a branch end: a dashed wire to the branch symbol.
      if (collection === "switches" && e.element_type !== "bus") {
        ids ??= new Set(ELEMENT_COLLECTIONS.flatMap((c) => doc[c].map((x) => x.id)));
        if (ids.has(String(e.element)))
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

/** Nothing drawn over the network: no results, duty, arc flash, load flow, diff or marks. */
export function noDecorations(): Decorations {
  return {
    results: new Map(),
    duty: new Map(),
    arcFlash: new Map(),
    loadFlowBuses: new Map(),
    loadFlowBranches: new Map(),
    diff: new Map(),
    excluded: new Set(),
    invalid: new Set(),
    outaged: new Set(),
  };
}

/** Ghosts of removed elements for the visual diff (the old document's positions). */
export function ghostNodes(before: EditorDocument, layout: Layout, removed: Set<string>): DiagramNode[] {
  if (removed.size === 0) return [];
  const deco: Decorations = {
    ...noDecorations(),
    diff: new Map([...removed].map((id) => [id, "removed" as const])),
  };
  return toFlow(before, layout, deco)
    .nodes.filter((n) => removed.has(n.id))
    .map((n) => ({ ...n, id: `ghost:${n.id}`, draggable: false, selectable: false, connectable: false }));
}
