// Automatic placement of an imported network's bus bars: a force-directed layout (d3-force:
// velocity Verlet integration, Barnes–Hut many-body repulsion, branches as springs, and a
// collision force sized to each bar and the symbols hanging above and below it, so bars and their
// labels do not overlap). Buses that already have a position (geographic or drawn) stay fixed
// and the free ones settle around them. Pure and deterministic (d3 seeds its jiggle): the same
// network gets the same drawing, in a Web Worker (layout.worker.ts) or in a test.

import { BRANCH_COLLECTIONS, BUS_FIELDS } from "@ampflux/contracts";
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from "d3-force";
import type { EditorDocument } from "../model/document.ts";
import { BUS_HEIGHT, busConnections, busGeo, busWidth, ELEMENT_SIZE, type Point } from "../model/layout.ts";
import { type Rect, removeOverlaps } from "./remove-overlaps.ts";

/**
 * The height a bus bar's drawing needs: the bar, its label row, and a symbol with its label above
 * and below (model/layout.ts defaultOffset puts sources 40 px above and consumers 40 px below).
 */
export const BUS_BOX_HEIGHT = BUS_HEIGHT + 2 * (ELEMENT_SIZE.height + 40 + 24);
/** Free space kept between two bus boxes. */
const GAP = 30;
/**
 * Above this many buses the layout cools in BIG_TICKS steps instead of d3's 300 (each step costs
 * 15–40 ms at 1,354 buses on the loaded 2-core machine; removeOverlaps finishes the job).
 */
const BIG = 500;
const BIG_TICKS = 50;
const COLLIDE_TICKS = 10;

interface BusNode extends SimulationNodeDatum {
  id: string;
  width: number;
  /** Half the diagonal of the bus's box plus the gap: circles this size cannot let boxes overlap. */
  radius: number;
}

/** Bus pairs joined by a branch (first terminal to each other one) or a bus–bus switch. */
export function busLinks(doc: EditorDocument): Array<[string, string]> {
  const links: Array<[string, string]> = [];
  for (const c of BRANCH_COLLECTIONS) {
    for (const e of doc[c]) {
      const [first, ...others] = BUS_FIELDS[c].map((field) => e[field]);
      for (const other of others)
        if (typeof first === "string" && typeof other === "string" && first !== other)
          links.push([first, other]);
    }
  }
  for (const s of doc.switches)
    if (s.element_type === "bus" && typeof s.bus === "string" && typeof s.element === "string")
      links.push([s.bus, s.element]);
  return links;
}

/** Breadth-first order from the sources, so neighbours start near each other on the seed spiral. */
function seedOrder(doc: EditorDocument, links: Array<[string, string]>): string[] {
  const neighbours = new Map<string, string[]>(doc.buses.map((b) => [b.id, []]));
  for (const [a, b] of links) {
    neighbours.get(a)?.push(b);
    neighbours.get(b)?.push(a);
  }
  const seen = new Set<string>();
  const order: string[] = [];
  const starts = [...doc.external_grids, ...doc.generators, ...doc.buses].map((e) =>
    e.bus === undefined ? e.id : String(e.bus),
  );
  for (const start of starts) {
    if (seen.has(start) || !neighbours.has(start)) continue;
    seen.add(start);
    order.push(start);
    for (let i = order.length - 1; i < order.length; i++) {
      for (const next of neighbours.get(order[i] as string) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        order.push(next);
      }
    }
  }
  return order;
}

/** Top-left positions (`geo`) for every bus without one; buses with a position keep it. */
export function forceLayout(doc: EditorDocument): Map<string, Point> {
  const counts = busConnections(doc);
  const links = busLinks(doc);
  const order = seedOrder(doc, links);
  const nodes = new Map<string, BusNode>();
  let spacing = 0;
  for (const bus of doc.buses) {
    const width = busWidth(counts.get(bus.id) ?? 0);
    const radius = Math.hypot(width, BUS_BOX_HEIGHT) / 2 + GAP / 2;
    spacing += radius;
    nodes.set(bus.id, { id: bus.id, width, radius });
  }
  spacing = (2 * spacing) / Math.max(1, nodes.size);
  // Seed on a sunflower spiral at the boxes' spacing, in breadth-first order.
  const golden = Math.PI * (3 - Math.sqrt(5));
  order.forEach((id, i) => {
    const node = nodes.get(id) as BusNode;
    const geo = busGeo(doc, id);
    if (geo) {
      node.fx = geo.x + node.width / 2;
      node.fy = geo.y + BUS_HEIGHT / 2;
    }
    const r = spacing * 0.6 * Math.sqrt(i + 0.5);
    node.x = node.fx ?? r * Math.cos(i * golden);
    node.y = node.fy ?? r * Math.sin(i * golden);
  });
  const free = [...nodes.values()].filter((n) => n.fx === undefined);
  if (free.length === 0) return new Map();

  const list = [...nodes.values()];
  const ticks = list.length > BIG ? BIG_TICKS : 300;
  const simulation = forceSimulation(list)
    .alphaDecay(1 - 0.001 ** (1 / ticks))
    .force(
      "link",
      forceLink<BusNode, SimulationLinkDatum<BusNode>>(
        links
          .filter(([a, b]) => nodes.has(a) && nodes.has(b))
          .map(([source, target]) => ({ source, target })),
      )
        .id((n) => n.id)
        // After initialisation d3 has replaced the ids by the nodes themselves.
        .distance((l) => (l.source as BusNode).radius + (l.target as BusNode).radius),
    )
    .force("charge", forceManyBody<BusNode>().strength(-spacing).theta(1.2))
    .stop();
  simulation.tick(ticks);
  // A few steps of collision at the end spread the crowded centre; removeOverlaps finishes.
  simulation
    .force(
      "collide",
      forceCollide<BusNode>((n) => n.radius),
    )
    .alpha(0.05)
    .tick(COLLIDE_TICKS);

  // Boxes (bar, label, symbols above and below) around each bar's centre; none may overlap.
  const boxes = new Map<BusNode, Rect>(
    list.map((n) => [
      n,
      {
        x: (n.x ?? 0) - n.width / 2,
        y: (n.y ?? 0) - BUS_BOX_HEIGHT / 2,
        width: n.width,
        height: BUS_BOX_HEIGHT,
      },
    ]),
  );
  const pinned = new Set([...nodes.values()].filter((n) => n.fx !== undefined).map((n) => boxes.get(n)));
  if (pinned.size === 0) spreadOut([...boxes.values()]);
  removeOverlaps([...boxes.values()], (r) => pinned.has(r));
  const placed = new Map<string, Point>();
  for (const n of free) {
    const box = boxes.get(n) as Rect;
    placed.set(n.id, {
      x: Math.round(box.x),
      y: Math.round(box.y + BUS_BOX_HEIGHT / 2 - BUS_HEIGHT / 2),
    });
  }
  return placed;
}

/**
 * Many-body repulsion packs a large network's centre tighter than its boxes need; scaling the
 * drawing about its centre until the boxes cover at most MAX_DENSITY of its bounding area leaves
 * removeOverlaps a few local moves instead of long searches for free space.
 */
const MAX_DENSITY = 0.2;

function spreadOut(boxes: Rect[]): void {
  if (boxes.length < 2) return;
  const xs = boxes.map((b) => b.x + b.width / 2);
  const ys = boxes.map((b) => b.y + b.height / 2);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const area = Math.max(1, (maxX - minX) * (maxY - minY));
  const covered = boxes.reduce((s, b) => s + b.width * b.height, 0);
  const scale = Math.sqrt(covered / area / MAX_DENSITY);
  if (scale <= 1) return;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  boxes.forEach((b, i) => {
    b.x = cx + ((xs[i] as number) - cx) * scale - b.width / 2;
    b.y = cy + ((ys[i] as number) - cy) * scale - b.height / 2;
  });
}

/** The document with every bus placed (unchanged when all already have a position). */
export function withForceLayout(doc: EditorDocument): EditorDocument {
  const placed = forceLayout(doc);
  if (placed.size === 0) return doc;
  return { ...doc, buses: doc.buses.map((b) => (placed.has(b.id) ? { ...b, geo: placed.get(b.id) } : b)) };
}
