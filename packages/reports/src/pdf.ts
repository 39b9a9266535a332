// Arc-flash labels as a PDF: the label layout's shapes drawn as PDF vector graphics (pdf-lib) with
// DejaVu Sans embedded as a subset, so the text prints in the font the layout measured and stays
// searchable. No file access here: the caller brings the font bytes (./node.ts or ./font-url.ts).

import type { ArcFlashLabel } from "@ampflux/contracts";
import fontkit from "@pdf-lib/fontkit";
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { layoutArcFlashLabel } from "./layout/label-layout.ts";
import { printable } from "./layout/measure.ts";
import { type Layout, type Paper, type Placement, pageGrid } from "./layout/paper.ts";
import type { Shape } from "./layout/shapes.ts";

export interface PdfLabelOptions {
  /** page: one label per page at its printed size (6 × 4 in); sheet: four per landscape sheet. */
  layout: Layout;
  paper: Paper;
  /** DejaVu Sans (TrueType bytes); boldFont: DejaVu Sans Bold, else bold text uses font. */
  font: Uint8Array;
  boldFont?: Uint8Array;
}

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

function colour(hex: string): Color {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

/** One shape of a label layout at a placement; the report's labels appendix draws with it too. */
export function drawLabelShape(page: PDFPage, shape: Shape, at: Placement, fonts: Fonts): void {
  const { x, top, scale } = at;
  switch (shape.kind) {
    case "rect":
      page.drawRectangle({
        x: x + shape.x * scale,
        y: top - (shape.y + shape.height) * scale,
        width: shape.width * scale,
        height: shape.height * scale,
        ...(shape.fill ? { color: colour(shape.fill) } : {}),
        ...(shape.stroke
          ? { borderColor: colour(shape.stroke), borderWidth: (shape.strokeWidth ?? 0.25) * scale }
          : {}),
      });
      return;
    case "path":
      // drawSvgPath takes SVG's y-down path and flips it about (x, y); its scale applies to the
      // border width too, so that stays in millimetres.
      page.drawSvgPath(shape.d, {
        x,
        y: top,
        scale,
        ...(shape.fill ? { color: colour(shape.fill) } : {}),
        ...(shape.stroke
          ? { borderColor: colour(shape.stroke), borderWidth: shape.strokeWidth ?? 0.25 }
          : {}),
      });
      return;
    case "text": {
      const font = shape.bold ? fonts.bold : fonts.regular;
      const size = shape.size * scale;
      const width = font.widthOfTextAtSize(shape.text, size);
      const shift = shape.anchor === "middle" ? width / 2 : shape.anchor === "end" ? width : 0;
      page.drawText(shape.text, {
        x: x + shape.x * scale - shift,
        y: top - shape.y * scale,
        size,
        font,
        color: colour(shape.fill),
      });
      return;
    }
  }
}

/** The labels in order, one per page or four per sheet. */
export async function arcFlashLabelsPdf(
  labels: ArcFlashLabel[],
  options: PdfLabelOptions,
): Promise<Uint8Array> {
  if (labels.length === 0) throw new RangeError("labels: there is no label to print");
  const grid = pageGrid(options.layout, options.paper);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(options.font, { subset: true });
  const bold = options.boldFont ? await pdf.embedFont(options.boldFont, { subset: true }) : regular;
  const first = labels[0]?.study;
  pdf.setTitle(printable(`Arc-flash labels${first ? ` — ${first.project}, ${first.network}` : ""}`));
  pdf.setCreator("AmpFlux");
  pdf.setProducer("AmpFlux (pdf-lib)");
  let page: PDFPage | undefined;
  labels.forEach((label, i) => {
    const slot = i % grid.places.length;
    if (slot === 0) page = pdf.addPage([grid.width, grid.height]);
    const at = grid.places[slot];
    if (!page || !at) return;
    for (const shape of layoutArcFlashLabel(label).shapes) drawLabelShape(page, shape, at, { regular, bold });
  });
  return pdf.save();
}
