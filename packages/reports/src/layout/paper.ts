// Where labels go on paper: one at its printed size per page, or a grid of four per landscape
// sheet scaled to fit. Sizes in PDF points (1/72 in).

import { LABEL_HEIGHT_MM, LABEL_WIDTH_MM } from "./label-layout.ts";

export const PAPERS = ["A4", "Letter"] as const;
export type Paper = (typeof PAPERS)[number];
export const LAYOUTS = ["page", "sheet"] as const;
export type Layout = (typeof LAYOUTS)[number];

export const POINTS_PER_MM = 72 / 25.4;

/** Portrait sizes: ISO 216 A4 210 × 297 mm, US Letter 8.5 × 11 in. */
export const PAPER_POINTS: Record<Paper, [number, number]> = {
  A4: [210 * POINTS_PER_MM, 297 * POINTS_PER_MM],
  Letter: [612, 792],
};

const MARGIN = 10 * POINTS_PER_MM;
const GUTTER = 6 * POINTS_PER_MM;

/** A label's place: its top-left corner in PDF points (y upwards) and points per millimetre. */
export interface Placement {
  x: number;
  top: number;
  scale: number;
}

export interface PageGrid {
  width: number;
  height: number;
  /** The places of one page, filled in reading order. */
  places: Placement[];
}

export function pageGrid(layout: Layout, paper: Paper): PageGrid {
  const [short, long] = PAPER_POINTS[paper];
  const labelWidth = LABEL_WIDTH_MM * POINTS_PER_MM;
  const labelHeight = LABEL_HEIGHT_MM * POINTS_PER_MM;
  if (layout === "page") {
    // Printed size, centred across the page, a margin from its top.
    return {
      width: short,
      height: long,
      places: [{ x: (short - labelWidth) / 2, top: long - 1.5 * MARGIN, scale: POINTS_PER_MM }],
    };
  }
  // Two by two on a landscape sheet, all at the one scale that fits (never larger than printed size).
  const scale = Math.min(
    (long - 2 * MARGIN - GUTTER) / 2 / labelWidth,
    (short - 2 * MARGIN - GUTTER) / 2 / labelHeight,
    1,
  );
  const w = labelWidth * scale;
  const h = labelHeight * scale;
  const left = (long - 2 * w - GUTTER) / 2;
  const top = short - (short - 2 * h - GUTTER) / 2;
  const places = [0, 1].flatMap((row) =>
    [0, 1].map((column) => ({
      x: left + column * (w + GUTTER),
      top: top - row * (h + GUTTER),
      scale: scale * POINTS_PER_MM,
    })),
  );
  return { width: long, height: short, places };
}
