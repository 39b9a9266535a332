import type { Viewport } from "@xyflow/react";
import { OVERVIEW_MAX_ZOOM } from "./level-of-detail.ts";
import type { DiagramNode, WireEdge } from "./types.ts";

/** A rectangle in diagram units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How far beyond the visible pane a window reaches, in panes on each side: a pan of up to that
 * distance needs no new window (each new window mounts the nodes that entered it).
 */
const MARGIN = 0.5;
/** Zoomed in this many times past a window's zoom (area), the window is narrowed again. */
const MAX_AREA_RATIO = 16;

/** The part of the diagram the pane shows at `viewport`. */
export function visibleRect(viewport: Viewport, pane: { width: number; height: number }): Rect {
  const { x, y, zoom } = viewport;
  return { x: -x / zoom, y: -y / zoom, width: pane.width / zoom, height: pane.height / zoom };
}

const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/**
 * The window of the diagram whose nodes xyflow is given, for this viewport: null when zoomed out
 * to the overview (the canvas draws everything, xyflow gets no nodes); the current window while
 * it still covers the pane and is not far larger than it; otherwise the visible part with a margin.
 */
export function nextWindow(
  current: Rect | null,
  viewport: Viewport,
  pane: { width: number; height: number },
): Rect | null {
  if (viewport.zoom < OVERVIEW_MAX_ZOOM || pane.width === 0 || pane.height === 0) return null;
  const visible = visibleRect(viewport, pane);
  if (
    current &&
    contains(current, visible) &&
    current.width * current.height <= MAX_AREA_RATIO * visible.width * visible.height
  )
    return current;
  return {
    x: visible.x - MARGIN * visible.width,
    y: visible.y - MARGIN * visible.height,
    width: visible.width * (1 + 2 * MARGIN),
    height: visible.height * (1 + 2 * MARGIN),
  };
}

/** A node's box: its measured size once rendered, else the size it declared. */
export function nodeRect(node: DiagramNode): Rect {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? node.initialWidth ?? 0,
    height: node.measured?.height ?? node.height ?? node.initialHeight ?? 0,
  };
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * What xyflow is given of a large network: the nodes inside `window` (none without one), the wires
 * touching those, and the nodes at the far ends of these wires (a wire needs both its ends).
 * Keeping xyflow's arrays to a few hundred nodes instead of 40,000 is what makes opening, panning
 * and every update cheap: xyflow and React do work in proportion to the nodes they are given,
 * visible or not. A selection far from the view (a search result, every bus of a voltage level)
 * is the editor's and drawn on the overview canvas; xyflow gets those nodes once the view is there.
 */
export function nodesInWindow(
  nodes: readonly DiagramNode[],
  edges: readonly WireEdge[],
  window: Rect | null,
): { nodes: DiagramNode[]; edges: WireEdge[] } {
  if (!window) return { nodes: [], edges: [] };
  const inside = new Set<string>();
  for (const node of nodes) if (overlaps(window, nodeRect(node))) inside.add(node.id);
  const shownEdges = edges.filter((e) => inside.has(e.source) || inside.has(e.target));
  const shown = new Set(inside);
  for (const e of shownEdges) {
    shown.add(e.source);
    shown.add(e.target);
  }
  return { nodes: nodes.filter((n) => shown.has(n.id)), edges: shownEdges };
}

/** The box around every node (null for none). */
export function boundsOf(nodes: readonly DiagramNode[]): Rect | null {
  if (nodes.length === 0) return null;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const node of nodes) {
    const r = nodeRect(node);
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
