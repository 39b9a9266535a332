// An arc-flash label as a standalone SVG document: the label layout's shapes written as SVG
// elements. Pure string building, so it runs in the browser and in Node alike; importing it as
// `@ampflux/reports/svg` keeps pdf-lib (1 MB) out of a bundle that only shows labels.

import type { ArcFlashLabel } from "@ampflux/contracts";
import { LABEL_HEIGHT_MM, LABEL_WIDTH_MM, layoutArcFlashLabel } from "./layout/label-layout.ts";
import type { Shape } from "./layout/shapes.ts";
import { escapeXml } from "./xml.ts";

export interface SvgLabelOptions {
  /** Printed width in millimetres (default 152.4, 6 in); the height keeps the 3:2 shape. */
  size?: number;
}

/** The font the layout measured with first; viewers without it fall back to a similar sans. */
const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

const n = (value: number) => Number(value.toFixed(3)).toString();

function element(shape: Shape): string {
  switch (shape.kind) {
    case "rect":
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}"${paint(shape)}/>`;
    case "path":
      return `<path d="${escapeXml(shape.d)}"${paint(shape)}/>`;
    case "text": {
      const weight = shape.bold ? ' font-weight="bold"' : "";
      const anchor = shape.anchor === "start" ? "" : ` text-anchor="${shape.anchor}"`;
      return (
        `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.size)}"${weight}${anchor} ` +
        `fill="${shape.fill}">${escapeXml(shape.text)}</text>`
      );
    }
  }
}

function paint(shape: { fill?: string; stroke?: string; strokeWidth?: number }): string {
  const fill = ` fill="${shape.fill ?? "none"}"`;
  const stroke = shape.stroke
    ? ` stroke="${shape.stroke}" stroke-width="${n(shape.strokeWidth ?? 0.25)}"`
    : "";
  return fill + stroke;
}

/** One label as an SVG document, in millimetres (viewBox) at the printed size. */
export function renderArcFlashLabelSvg(label: ArcFlashLabel, options: SvgLabelOptions = {}): string {
  const drawing = layoutArcFlashLabel(label);
  const width = options.size ?? LABEL_WIDTH_MM;
  if (!(width > 0) || !Number.isFinite(width)) {
    throw new RangeError(`size: ${width} is not a positive width in millimetres`);
  }
  const height = (width * LABEL_HEIGHT_MM) / LABEL_WIDTH_MM;
  const title = escapeXml(`${label.header}: ${label.title}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}mm" height="${n(height)}mm" ` +
      `viewBox="0 0 ${n(drawing.width)} ${n(drawing.height)}" font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title>${title}</title>`,
    ...drawing.shapes.map(element),
    "</svg>",
    "",
  ].join("\n");
}
