import { readFileSync } from "node:fs";
import { importNetworkFile } from "@ampflux/contracts/importers";
import { describe, expect, it } from "vitest";
import { OVERVIEW_MAX_ZOOM, OVERVIEW_MIN_NODES } from "../src/editor/canvas/level-of-detail.ts";
import { noDecorations, toFlow } from "../src/editor/canvas/to-flow.ts";
import type { Decorations } from "../src/editor/canvas/types.ts";
import {
  boundsOf,
  nextWindow,
  nodeRect,
  nodesInWindow,
  type Rect,
  visibleRect,
} from "../src/editor/canvas/visible-window.ts";
import { withBusPositions } from "../src/editor/model/auto-layout.ts";
import { normalizeDocument } from "../src/editor/model/document.ts";

// What xyflow is given of a large network (PEGASE case1354pegase from ../shared/data/matpower,
// 5,359 diagram nodes): the nodes near the view and both ends of every wire it
// draws; nothing when zoomed out to the overview canvas. The window follows the view only when the
// view leaves it or zooms far into it, so a pan does not hand xyflow new arrays at every frame.

const text = readFileSync(
  new URL("../../../../shared/data/matpower/case1354pegase.m", import.meta.url),
  "utf8",
);
const doc = withBusPositions(
  normalizeDocument(
    importNetworkFile("case1354pegase.m", text, "matpower").document as Record<string, unknown>,
  ),
);
const none: Decorations = noDecorations();
const flow = toFlow(doc, {}, none);
const pane = { width: 1440, height: 900 };

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("the part of a large diagram xyflow is given", () => {
  it("is a large network", () => {
    expect(flow.nodes.length).toBeGreaterThanOrEqual(OVERVIEW_MIN_NODES);
  });

  it("is nothing when zoomed out to the overview", () => {
    expect(nextWindow(null, { x: 0, y: 0, zoom: OVERVIEW_MAX_ZOOM / 2 }, pane)).toBeNull();
    expect(nodesInWindow(flow.nodes, flow.edges, null)).toEqual({ nodes: [], edges: [] });
  });

  it("holds every node in the view, the ends of every wire drawn, and not the rest", () => {
    const bus = flow.nodes.find((n) => n.type === "bus") as (typeof flow.nodes)[number];
    // Centred on the first bus at zoom 1.
    const viewport = { x: pane.width / 2 - bus.position.x, y: pane.height / 2 - bus.position.y, zoom: 1 };
    const window = nextWindow(null, viewport, pane) as Rect;
    const visible = visibleRect(viewport, pane);
    expect(window.x).toBeLessThan(visible.x);
    expect(window.x + window.width).toBeGreaterThan(visible.x + visible.width);
    const shown = nodesInWindow(flow.nodes, flow.edges, window);
    const ids = new Set(shown.nodes.map((n) => n.id));
    for (const node of flow.nodes) if (overlaps(visible, nodeRect(node))) expect(ids.has(node.id)).toBe(true);
    for (const edge of shown.edges) {
      expect(ids.has(edge.source)).toBe(true);
      expect(ids.has(edge.target)).toBe(true);
    }
    // Every wire of a node in the view is drawn.
    const inView = new Set(flow.nodes.filter((n) => overlaps(visible, nodeRect(n))).map((n) => n.id));
    const wired = flow.edges.filter((e) => inView.has(e.source) || inView.has(e.target));
    expect(shown.edges.length).toBeGreaterThanOrEqual(wired.length);
    expect(shown.nodes.length).toBeGreaterThan(0);
    expect(shown.nodes.length).toBeLessThan(flow.nodes.length / 4);
  });

  it("keeps its window during a short pan and moves it when the view leaves it", () => {
    const viewport = { x: 0, y: 0, zoom: 1 };
    const window = nextWindow(null, viewport, pane) as Rect;
    expect(nextWindow(window, { x: -100, y: 80, zoom: 1 }, pane)).toBe(window);
    const far = nextWindow(window, { x: -3 * pane.width, y: 0, zoom: 1 }, pane) as Rect;
    expect(far).not.toBe(window);
    expect(far.x).toBeGreaterThan(window.x);
    // Zoomed out past the window: a larger one; zoomed far in: a smaller one.
    const wider = nextWindow(window, { x: 0, y: 0, zoom: 0.6 }, pane) as Rect;
    expect(wider.width).toBeGreaterThan(window.width);
    const closer = nextWindow(window, { x: 0, y: 0, zoom: 3 }, pane) as Rect;
    expect(closer.width).toBeLessThan(window.width);
  });

  it("fits the whole network from every node, whatever xyflow holds", () => {
    const bounds = boundsOf(flow.nodes) as Rect;
    for (const node of flow.nodes) {
      const r = nodeRect(node);
      expect(r.x).toBeGreaterThanOrEqual(bounds.x);
      expect(r.y + r.height).toBeLessThanOrEqual(bounds.y + bounds.height);
    }
    expect(boundsOf([])).toBeNull();
  });
});
