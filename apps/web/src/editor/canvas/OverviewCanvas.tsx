import { useStore } from "@xyflow/react";
import { useEffect, useMemo, useRef } from "react";
import { busLinks } from "../layout/force-layout.ts";
import type { EditorDocument } from "../model/document.ts";
import { busGeo, widthsOf } from "../model/layout.ts";
import type { Decorations } from "./types.ts";

/** Where the bar sits inside a bus node (see .bus-node in styles.css). */
const BAR_Y = 24;
const BRANCH_COLOUR = "#94a3b8";
const BAR_COLOUR = "#0f172a";
const SELECTED_COLOUR = "#2563eb";

interface Geometry {
  /** x, y, width of each bus bar, with its colour and whether selected. */
  bars: Array<{ x: number; y: number; width: number; colour: string; selected: boolean }>;
  /** x1, y1, x2, y2 of each branch, bar centre to bar centre. */
  segments: Float64Array;
}

function geometry(doc: EditorDocument, deco: Decorations, selection: readonly string[]): Geometry {
  const widths = widthsOf(doc);
  const selected = new Set(selection);
  const centre = new Map<string, { x: number; y: number }>();
  const bars: Geometry["bars"] = [];
  for (const bus of doc.buses) {
    const geo = busGeo(doc, bus.id);
    if (!geo) continue;
    const width = widths.get(bus.id) ?? 0;
    centre.set(bus.id, { x: geo.x + width / 2, y: geo.y + BAR_Y });
    const colour =
      deco.arcFlash.get(bus.id)?.colour ?? deco.duty.get(bus.id)?.colour ?? deco.results.get(bus.id)?.colour;
    bars.push({
      x: geo.x,
      y: geo.y + BAR_Y,
      width,
      colour: colour ?? BAR_COLOUR,
      selected: selected.has(bus.id),
    });
  }
  const links = busLinks(doc);
  const segments = new Float64Array(links.length * 4);
  let n = 0;
  for (const [a, b] of links) {
    const p = centre.get(a);
    const q = centre.get(b);
    if (!p || !q) continue;
    segments.set([p.x, p.y, q.x, q.y], n);
    n += 4;
  }
  return { bars, segments: segments.subarray(0, n) };
}

/**
 * The zoomed-out drawing of a large network: branches as thin lines and bus bars coloured as on
 * the full diagram (selected ones highlighted), painted on one canvas at each viewport change.
 * It takes no pointer events: panning and zooming stay xyflow's.
 */
export function OverviewCanvas({
  doc,
  decorations,
  selection,
}: {
  doc: EditorDocument;
  decorations: Decorations;
  selection: readonly string[];
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const shape = useMemo(() => geometry(doc, decorations, selection), [doc, decorations, selection]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext("2d");
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    if (element.width !== Math.round(width * ratio) || element.height !== Math.round(height * ratio)) {
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
    // One path per style: a few draw calls for tens of thousands of shapes.
    ctx.lineWidth = 1 / zoom;
    ctx.strokeStyle = BRANCH_COLOUR;
    ctx.beginPath();
    const s = shape.segments;
    for (let i = 0; i < s.length; i += 4) {
      ctx.moveTo(s[i] as number, s[i + 1] as number);
      ctx.lineTo(s[i + 2] as number, s[i + 3] as number);
    }
    ctx.stroke();
    // Bars at least 2 px thick, so they stay visible at the smallest zoom.
    const thickness = Math.max(5, 2 / zoom);
    const byColour = new Map<string, Geometry["bars"]>();
    for (const bar of shape.bars) {
      const colour = bar.selected ? SELECTED_COLOUR : bar.colour;
      const group = byColour.get(colour);
      if (group) group.push(bar);
      else byColour.set(colour, [bar]);
    }
    for (const [colour, bars] of byColour) {
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (const bar of bars) {
        const grow = bar.selected ? 6 / zoom : 0;
        ctx.rect(bar.x - grow, bar.y - thickness / 2 - grow, bar.width + 2 * grow, thickness + 2 * grow);
      }
      ctx.fill();
    }
  }, [shape, tx, ty, zoom, width, height]);

  return (
    <canvas
      ref={canvas}
      className="diagram-overview"
      data-testid="diagram-overview"
      style={{ width, height }}
      aria-label={`Overview of ${doc.buses.length} buses: zoom in for symbols and labels`}
    />
  );
}
