// Where the one-line diagram puts each bus, in millimetres inside a box: the bus's geo position
// (editor canvas coordinates, y down) where it has one, else a force-directed layout (d3-force:
// velocity Verlet integration with Barnes–Hut many-body repulsion, links as springs) with the
// geo buses held in place. d3-force seeds and jiggles deterministically, so a report of the same
// model draws the same picture. Both renderers draw this geometry: SVG in HTML, vectors in PDF.

import type { ReportDiagram } from "@ampflux/contracts";
import { forceCollide, forceLink, forceManyBody, forceSimulation, type SimulationNodeDatum } from "d3-force";

/** Above this many buses the diagram draws no names (they would overlap into grey). */
export const DIAGRAM_LABEL_LIMIT = 200;

export interface PlacedBus {
  id: string;
  x: number;
  y: number;
  r: number;
  colour: string;
  /** Name (or id) and value, drawn beside the bus; null above DIAGRAM_LABEL_LIMIT buses. */
  label: string | null;
}

export interface PlacedBranch {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  kind: ReportDiagram["branches"][number]["kind"];
  in_service: boolean;
}

export interface DiagramGeometry {
  width: number;
  height: number;
  buses: PlacedBus[];
  branches: PlacedBranch[];
  /** "geo", "layout" or "geo + layout": how the positions were found, said under the drawing. */
  positions: string;
}

interface Node extends SimulationNodeDatum {
  id: string;
}

/** Above this many buses the layout cools in BIG_LAYOUT_TICKS steps instead of d3's 300. */
const BIG_LAYOUT = 500;
const BIG_LAYOUT_TICKS = 120;

/** Spacing of the layout's natural unit: roughly one link length. */
const LINK = 30;

function layout(diagram: ReportDiagram): Map<string, { x: number; y: number }> {
  const geo = diagram.buses.filter((b) => b.geo);
  const nodes: Node[] = diagram.buses.map((b) => ({ id: b.id }));
  if (geo.length > 0) {
    // Scale geo into the layout's unit so free buses and fixed ones share one spacing.
    const xs = geo.map((b) => b.geo?.x ?? 0);
    const ys = geo.map((b) => b.geo?.y ?? 0);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-9);
    const scale = (Math.sqrt(diagram.buses.length) * LINK) / span;
    diagram.buses.forEach((b, i) => {
      const node = nodes[i];
      if (b.geo && node) {
        node.fx = (b.geo.x - Math.min(...xs)) * scale;
        node.fy = (b.geo.y - Math.min(...ys)) * scale;
      }
    });
  }
  const known = new Set(nodes.map((n) => n.id));
  const links = diagram.branches
    .filter((b) => b.from_bus !== b.to_bus && known.has(b.from_bus) && known.has(b.to_bus))
    .map((b) => ({ source: b.from_bus, target: b.to_bus }));
  const big = nodes.length > BIG_LAYOUT;
  const simulation = forceSimulation(nodes)
    .force(
      "link",
      forceLink<Node, { source: string; target: string }>(links)
        .id((n) => n.id)
        .distance(LINK)
        .strength(0.7),
    )
    .force(
      "charge",
      forceManyBody()
        .strength(-LINK * 2)
        .distanceMax(LINK * 12),
    )
    .stop();
  // Overlap removal matters where names are drawn; a big network's dots are tiny anyway, and
  // there a faster cooling (fewer ticks) settles the layout well enough to read its structure.
  if (!big) simulation.force("collide", forceCollide(LINK / 3));
  else simulation.alphaDecay(1 - simulation.alphaMin() ** (1 / BIG_LAYOUT_TICKS));
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);
  return new Map(nodes.map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
}

function positionsOf(diagram: ReportDiagram): { at: Map<string, { x: number; y: number }>; how: string } {
  const withGeo = diagram.buses.filter((b) => b.geo).length;
  if (withGeo === diagram.buses.length)
    return {
      at: new Map(diagram.buses.map((b) => [b.id, { x: b.geo?.x ?? 0, y: b.geo?.y ?? 0 }])),
      how: "geo positions",
    };
  return {
    at: layout(diagram),
    how:
      withGeo === 0
        ? "force-directed layout (no bus has a geo position)"
        : `geo positions of ${withGeo} buses, layout for the others`,
  };
}

const valueText = (value: number | null, unit: string) =>
  value === null ? "–" : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ${unit}`;

/** The diagram scaled to fit width × height (mm), keeping its aspect ratio, centred. */
export function diagramGeometry(diagram: ReportDiagram, width: number, height: number): DiagramGeometry {
  const { at, how } = positionsOf(diagram);
  const points = [...at.values()];
  const minX = Math.min(...points.map((p) => p.x), 0);
  const minY = Math.min(...points.map((p) => p.y), 0);
  const maxX = Math.max(...points.map((p) => p.x), minX + 1e-9);
  const maxY = Math.max(...points.map((p) => p.y), minY + 1e-9);
  const labelled = diagram.buses.length <= DIAGRAM_LABEL_LIMIT;
  // Room for labels right of the buses, and for the dots themselves at the edges.
  const pad = labelled ? 4 : 2;
  const right = labelled ? 28 : 2;
  const scale = Math.min((width - pad - right) / (maxX - minX || 1), (height - 2 * pad) / (maxY - minY || 1));
  const offsetX = pad + (width - pad - right - (maxX - minX) * scale) / 2;
  // A wide network uses less than the box's height: the drawing ends where its buses do.
  const usedHeight = Math.min(height, (maxY - minY) * scale + 2 * pad + (labelled ? 4 : 0));
  const offsetY = (usedHeight - (maxY - minY) * scale) / 2;
  const place = (p: { x: number; y: number }) => ({
    x: offsetX + (p.x - minX) * scale,
    y: offsetY + (p.y - minY) * scale,
  });
  const r = Math.max(0.6, Math.min(2, 40 / Math.sqrt(diagram.buses.length)));
  const buses = diagram.buses.map((b) => {
    const p = place(at.get(b.id) ?? { x: 0, y: 0 });
    return {
      id: b.id,
      ...p,
      r,
      colour: b.colour,
      label: labelled ? `${b.name ?? b.id} ${valueText(b.value, diagram.unit)}` : null,
    };
  });
  const byId = new Map(buses.map((b) => [b.id, b]));
  const branches = diagram.branches.flatMap((branch) => {
    const a = byId.get(branch.from_bus);
    const b = byId.get(branch.to_bus);
    return a && b
      ? [{ x1: a.x, y1: a.y, x2: b.x, y2: b.y, kind: branch.kind, in_service: branch.in_service }]
      : [];
  });
  return { width, height: usedHeight, buses, branches, positions: how };
}
