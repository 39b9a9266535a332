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

/** The bus bars (x, y, width) and branches (x1, y1, x2, y2, bar centre to bar centre) of a document. */
interface Shape {
  ids: string[];
  bars: Float64Array;
  segments: Path2D;
}

function shapeOf(doc: EditorDocument): Shape {
  const widths = widthsOf(doc);
  const centre = new Map<string, { x: number; y: number }>();
  const ids: string[] = [];
  const bars = new Float64Array(doc.buses.length * 3);
  for (const bus of doc.buses) {
    const geo = busGeo(doc, bus.id);
    if (!geo) continue;
    const width = widths.get(bus.id) ?? 0;
    centre.set(bus.id, { x: geo.x + width / 2, y: geo.y + BAR_Y });
    bars.set([geo.x, geo.y + BAR_Y, width], ids.length * 3);
    ids.push(bus.id);
  }
  // One path for every branch, built once per document: each frame only strokes it.
  const segments = new Path2D();
  for (const [a, b] of busLinks(doc)) {
    const p = centre.get(a);
    const q = centre.get(b);
    if (!p || !q) continue;
    segments.moveTo(p.x, p.y);
    segments.lineTo(q.x, q.y);
  }
  return { ids, bars: bars.subarray(0, ids.length * 3), segments };
}

/** Indexes into the shape's bars by the colour they are painted (selected ones apart). */
interface Colouring {
  byColour: Map<string, number[]>;
  selected: number[];
}

function colouring(shape: Shape, deco: Decorations, selection: readonly string[]): Colouring {
  const chosen = new Set(selection);
  const byColour = new Map<string, number[]>();
  const selected: number[] = [];
  shape.ids.forEach((id, i) => {
    if (chosen.has(id)) selected.push(i);
    const colour =
      deco.arcFlash.get(id)?.colour ??
      deco.duty.get(id)?.colour ??
      deco.results.get(id)?.colour ??
      BAR_COLOUR;
    const group = byColour.get(colour);
    if (group) group.push(i);
    else byColour.set(colour, [i]);
  });
  return { byColour, selected };
}

/** The bars of each colour as one path, at a bar thickness (which follows the zoom). */
function barPaths(shape: Shape, colours: Colouring, thickness: number): Array<[string, Path2D]> {
  return [...colours.byColour].map(([colour, indexes]) => {
    const path = new Path2D();
    for (const i of indexes) {
      const [x, y, width] = [shape.bars[3 * i], shape.bars[3 * i + 1], shape.bars[3 * i + 2]] as number[];
      path.rect(x as number, (y as number) - thickness / 2, width as number, thickness);
    }
    return [colour, path];
  });
}

/** How far the pre-painted picture reaches beyond the pane, in panes on each side. */
const MARGIN = 0.5;
/** After the last zoom step, the picture is painted again at the new zoom (until then, scaled). */
const REPAINT_AFTER_ZOOM_MS = 150;

/** A picture of the network painted at one zoom, around the view it was painted for. */
interface Picture {
  bitmap: HTMLCanvasElement;
  shape: Shape;
  colours: Colouring;
  zoom: number;
  /** Diagram coordinates of the bitmap's top-left corner, and the diagram area it covers. */
  x: number;
  y: number;
  width: number;
  height: number;
}

interface View {
  tx: number;
  ty: number;
  zoom: number;
  width: number;
  height: number;
}

/** Paints the whole network at `view.zoom` for the view with a margin around it. */
function paintPicture(shape: Shape, colours: Colouring, view: View, reuse?: HTMLCanvasElement): Picture {
  const ratio = window.devicePixelRatio || 1;
  const { zoom } = view;
  const width = (view.width / zoom) * (1 + 2 * MARGIN);
  const height = (view.height / zoom) * (1 + 2 * MARGIN);
  const x = -view.tx / zoom - MARGIN * (view.width / zoom);
  const y = -view.ty / zoom - MARGIN * (view.height / zoom);
  const bitmap = reuse ?? document.createElement("canvas");
  const [pxWidth, pxHeight] = [Math.round(width * zoom * ratio), Math.round(height * zoom * ratio)];
  if (bitmap.width !== pxWidth || bitmap.height !== pxHeight) {
    bitmap.width = pxWidth;
    bitmap.height = pxHeight;
  }
  const ctx = bitmap.getContext("2d");
  if (ctx) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, pxWidth, pxHeight);
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, -x * ratio * zoom, -y * ratio * zoom);
    // A few draw calls for tens of thousands of shapes: one path per style. Bars at least 2 px
    // thick, so they stay visible at the smallest zoom.
    const thickness = Math.max(5, 2 / zoom);
    ctx.lineWidth = 1 / zoom;
    ctx.strokeStyle = BRANCH_COLOUR;
    ctx.stroke(shape.segments);
    for (const [colour, path] of barPaths(shape, colours, thickness)) {
      ctx.fillStyle = colour;
      ctx.fill(path);
    }
    if (colours.selected.length > 0) {
      const grow = 6 / zoom;
      ctx.fillStyle = SELECTED_COLOUR;
      ctx.beginPath();
      for (const i of colours.selected) {
        const [bx, by, bw] = [shape.bars[3 * i], shape.bars[3 * i + 1], shape.bars[3 * i + 2]] as number[];
        ctx.rect(
          (bx as number) - grow,
          (by as number) - thickness / 2 - grow,
          (bw as number) + 2 * grow,
          thickness + 2 * grow,
        );
      }
      ctx.fill();
    }
  }
  return { bitmap, shape, colours, zoom, x, y, width, height };
}

const covers = (picture: Picture, view: View) => {
  const [left, top] = [-view.tx / view.zoom, -view.ty / view.zoom];
  return (
    left >= picture.x &&
    top >= picture.y &&
    left + view.width / view.zoom <= picture.x + picture.width &&
    top + view.height / view.zoom <= picture.y + picture.height
  );
};

/** Copies the picture onto the pane's canvas where it lies in the view (scaled while zooming). */
function showPicture(element: HTMLCanvasElement, picture: Picture, view: View): void {
  const ctx = element.getContext("2d");
  if (!ctx) return;
  const ratio = window.devicePixelRatio || 1;
  const [pxWidth, pxHeight] = [Math.round(view.width * ratio), Math.round(view.height * ratio)];
  if (element.width !== pxWidth || element.height !== pxHeight) {
    element.width = pxWidth;
    element.height = pxHeight;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, pxWidth, pxHeight);
  const scale = view.zoom / picture.zoom;
  ctx.drawImage(
    picture.bitmap,
    (picture.x * view.zoom + view.tx) * ratio,
    (picture.y * view.zoom + view.ty) * ratio,
    picture.bitmap.width * scale,
    picture.bitmap.height * scale,
  );
}

/**
 * The zoomed-out drawing of a large network: branches as thin lines and bus bars coloured as on
 * the full diagram (selected ones highlighted), on one canvas. It is painted once into a picture
 * larger than the pane; a pan only copies that picture to its new place (painting 13,659 bars and
 * 20,000 lines costs tens of milliseconds in software rendering), and a zoom shows it scaled until
 * the zooming stops and it is painted at the new zoom. It takes no pointer events: panning and
 * zooming stay xyflow's.
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
  const shape = useMemo(() => shapeOf(doc), [doc]);
  const colours = useMemo(() => colouring(shape, decorations, selection), [shape, decorations, selection]);
  const picture = useRef<Picture | null>(null);

  useEffect(() => {
    const element = canvas.current;
    if (!element || width === 0 || height === 0) return;
    const view = { tx, ty, zoom, width, height };
    const current = picture.current;
    const same = current?.shape === shape && current.colours === colours;
    if (same && current.zoom !== zoom) {
      // Zooming: the old picture scaled now, a sharp one once the wheel rests.
      showPicture(element, current, view);
      const timer = setTimeout(() => {
        picture.current = paintPicture(shape, colours, view, current.bitmap);
        showPicture(element, picture.current, view);
      }, REPAINT_AFTER_ZOOM_MS);
      return () => clearTimeout(timer);
    }
    if (!same || !covers(current, view))
      picture.current = paintPicture(shape, colours, view, current?.bitmap);
    showPicture(element, picture.current as Picture, view);
  }, [shape, colours, tx, ty, zoom, width, height]);

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
