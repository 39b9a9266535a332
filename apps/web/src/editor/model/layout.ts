import { ELEMENT_COLLECTIONS, type ElementCollection } from "@ampflux/contracts";
import { KINDS } from "./catalog.ts";
import { type EditorDocument, type Element, findElement, terminalBuses } from "./document.ts";

export interface Point {
  x: number;
  y: number;
}

/**
 * Positions of non-bus elements: an offset from their anchor (their bus, or the middle of their
 * buses), so they follow when a bus moves. Unconnected elements are anchored at the origin.
 * Stored in the document's `diagram.offsets` (withLayout), so a move is saved and versioned.
 */
export type Layout = Record<string, Point>;

/** Sizes of the diagram's nodes, in diagram units (the nodes' CSS matches). */
export const BUS_HEIGHT = 34;
export const BUS_MIN_WIDTH = 160;
export const BUS_SLOT = 80;
export const ELEMENT_SIZE = { width: 56, height: 64 };

// Where offsets lived before they were part of the document: read once to migrate old drawings.
const storageKey = (projectId: string) => `ampflux:layout:${projectId}`;

/** The offsets stored in a document, if it has any. */
export function documentLayout(doc: EditorDocument): Layout | undefined {
  const diagram = doc.diagram as { offsets?: Layout } | undefined;
  return diagram?.offsets;
}

/**
 * The document with `layout` as its diagram offsets (absent when there are none, so documents
 * without moved symbols stay as they were).
 */
export function withLayout(doc: EditorDocument, layout: Layout): EditorDocument {
  const { diagram: _previous, ...rest } = doc;
  if (Object.keys(layout).length === 0) return rest as EditorDocument;
  return { ...rest, diagram: { offsets: layout } } as EditorDocument;
}

/**
 * The layout a loaded document is drawn with: its own offsets, else (a document saved before
 * offsets were stored in it) what this browser kept in localStorage for the project.
 */
export function initialLayout(doc: EditorDocument, projectId: string): Layout {
  return documentLayout(doc) ?? loadLayout(projectId);
}

function loadLayout(projectId: string): Layout {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(projectId)) ?? "{}") as unknown;
    return stored && typeof stored === "object" ? (stored as Layout) : {};
  } catch {
    return {};
  }
}

// Bus positions by id, built once per document (a lookup per terminal would be O(buses²) on
// a 13,659-bus network); documents are immutable, so the buses array identifies the index.
const geoIndexes = new WeakMap<Element[], Map<string, Point>>();

function geoIndex(doc: EditorDocument): Map<string, Point> {
  let index = geoIndexes.get(doc.buses);
  if (!index) {
    index = new Map();
    for (const bus of doc.buses) {
      const geo = bus.geo as Point | undefined;
      if (geo && Number.isFinite(geo.x) && Number.isFinite(geo.y)) index.set(bus.id, geo);
    }
    geoIndexes.set(doc.buses, index);
  }
  return index;
}

export function busGeo(doc: EditorDocument, busId: string): Point | undefined {
  return geoIndex(doc).get(busId);
}

const sameGeo = (a: Element, b: Element) => {
  const [p, q] = [a.geo as Point | undefined, b.geo as Point | undefined];
  return p === q || (p !== undefined && q !== undefined && p.x === q.x && p.y === q.y);
};

const sameTerminals = (c: ElementCollection, a: Element, b: Element) => {
  const [p, q] = [terminalBuses(c, a), terminalBuses(c, b)];
  return p.length === q.length && p.every((bus, i) => bus === q[i]);
};

/**
 * Whether two documents place every symbol alike: the same buses at the same positions and the
 * same elements, in the same order, on the same buses. An edit of a value (a rating, Sk'') keeps
 * the placement.
 */
function samePlacement(a: EditorDocument, b: EditorDocument): boolean {
  return ELEMENT_COLLECTIONS.every((c) => {
    const [x, y] = [a[c], b[c]];
    if (x === y) return true;
    if (x.length !== y.length) return false;
    return x.every((e, i) => {
      const f = y[i] as Element;
      if (e === f) return true;
      if (e.id !== f.id) return false;
      return c === "buses" ? sameGeo(e, f) : sameTerminals(c, e, f);
    });
  });
}

/**
 * What is derived from a document's placement, kept per document (documents are immutable: every
 * edit makes a new one), and handed on to the next document when it is placed like the last one.
 * Redrawing for new results, a selection or an edited value then does not walk 40,000 elements.
 */
class PlacementCache<T> {
  readonly #values = new WeakMap<EditorDocument, T>();
  #last: EditorDocument | undefined;

  get(doc: EditorDocument, derive: () => T): T {
    let value = this.#values.get(doc);
    if (value === undefined) {
      const last = this.#last;
      const previous = last && this.#values.get(last);
      value = last && previous !== undefined && samePlacement(last, doc) ? previous : derive();
      this.#values.set(doc, value);
      this.#last = doc;
    }
    return value;
  }
}

const connectionCounts = new PlacementCache<Map<string, number>>();
const positionsByLayout = new PlacementCache<WeakMap<Layout, Map<string, Point>>>();

/** How many elements hang on each bus: a bus bar grows with them (not to be modified: shared). */
export function busConnections(doc: EditorDocument): Map<string, number> {
  return connectionCounts.get(doc, () => countConnections(doc));
}

function countConnections(doc: EditorDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of ELEMENT_COLLECTIONS) {
    if (c === "buses") continue;
    for (const e of doc[c])
      for (const bus of terminalBuses(c, e)) counts.set(bus, (counts.get(bus) ?? 0) + 1);
  }
  return counts;
}

export function busWidth(connections: number): number {
  return Math.max(BUS_MIN_WIDTH, connections * BUS_SLOT + 40);
}

/** The anchor point of an element: the middle of its connected buses' bars, or the origin. */
export function anchorOf(doc: EditorDocument, collection: ElementCollection, element: Element): Point {
  const points = terminalBuses(collection, element)
    .map((id) => {
      const geo = busGeo(doc, id);
      // A fixed point near the bar's left end: the bar grows to the right as elements connect.
      return geo && { x: geo.x + BUS_MIN_WIDTH / 2, y: geo.y + BUS_HEIGHT / 2 };
    })
    .filter((p): p is Point => Boolean(p));
  if (points.length === 0) return { x: 0, y: 0 };
  return {
    x: points.reduce((s, p) => s + p.x, 0) / points.length,
    y: points.reduce((s, p) => s + p.y, 0) / points.length,
  };
}

/** Where an element goes when it has no stored offset: sources above the bus, consumers below. */
export function defaultOffset(collection: ElementCollection, slot: number): Point {
  const half = ELEMENT_SIZE.width / 2;
  const dx = slot * 70 - half;
  switch (KINDS[collection].placement) {
    case "above":
      return { x: dx, y: -ELEMENT_SIZE.height - 40 };
    case "below":
      return { x: dx, y: 40 };
    default:
      return { x: -half + slot * 70, y: -ELEMENT_SIZE.height / 2 };
  }
}

/** Top-left positions of every non-bus element on the diagram (not to be modified: shared). */
export function elementPositions(doc: EditorDocument, layout: Layout): Map<string, Point> {
  const byLayout = positionsByLayout.get(doc, () => new WeakMap());
  let positions = byLayout.get(layout);
  if (!positions) {
    positions = placeElements(doc, layout);
    byLayout.set(layout, positions);
  }
  return positions;
}

function placeElements(doc: EditorDocument, layout: Layout): Map<string, Point> {
  const positions = new Map<string, Point>();
  const slots = new Map<string, number>();
  for (const c of ELEMENT_COLLECTIONS) {
    if (c === "buses") continue;
    for (const e of doc[c]) {
      const anchor = anchorOf(doc, c, e);
      let offset = layout[e.id];
      if (!offset) {
        const key = `${terminalBuses(c, e).join("|")}:${KINDS[c].placement}`;
        const slot = slots.get(key) ?? 0;
        slots.set(key, slot + 1);
        offset = defaultOffset(c, slot);
      }
      positions.set(e.id, { x: anchor.x + offset.x, y: anchor.y + offset.y });
    }
  }
  return positions;
}

/**
 * After connecting or disconnecting, keeps the given elements where they were drawn: their
 * offsets are re-based on their new anchors.
 */
export function keepPositions(
  before: EditorDocument,
  after: EditorDocument,
  layout: Layout,
  ids: string[],
): Layout {
  const positions = elementPositions(before, layout);
  const next = { ...layout };
  for (const id of ids) {
    const found = findElement(after, id);
    const position = positions.get(id);
    if (!found || !position || found.collection === "buses") continue;
    const anchor = anchorOf(after, found.collection, found.element);
    next[id] = { x: position.x - anchor.x, y: position.y - anchor.y };
  }
  return next;
}

const widthsByPlacement = new PlacementCache<Map<string, number>>();

/** Each bus bar's width (not to be modified: shared by documents placed alike). */
export function widthsOf(doc: EditorDocument): Map<string, number> {
  return widthsByPlacement.get(doc, () => {
    const counts = busConnections(doc);
    return new Map(doc.buses.map((b) => [b.id, busWidth(counts.get(b.id) ?? 0)]));
  });
}
