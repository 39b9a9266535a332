// The label renderers of @ampflux/reports, loaded on demand (LabelsDialog imports this module
// dynamically): pdf-lib, fontkit and the DejaVu fonts stay out of the editor's main bundle.

import type { ArcFlashLabel } from "@ampflux/contracts";
import { arcFlashLabelsPdf, type Layout, type Paper, renderArcFlashLabelSvg } from "@ampflux/reports";
import { fetchLabelFont, type LabelFonts } from "@ampflux/reports/font-url";

export type LabelLayout = Layout;
export type LabelPaper = Paper;

/** One label as a standalone SVG document. */
export const labelSvg = (label: ArcFlashLabel): string => renderArcFlashLabelSvg(label);

let fonts: Promise<LabelFonts> | undefined;

/** The labels as a PDF; the fonts are fetched from the bundle's assets once, on the first PDF. */
export async function labelsPdf(
  labels: readonly ArcFlashLabel[],
  options: { layout: LabelLayout; paper: LabelPaper },
): Promise<Uint8Array> {
  fonts ??= fetchLabelFont().catch((error: unknown) => {
    fonts = undefined;
    throw error;
  });
  return arcFlashLabelsPdf([...labels], { ...options, ...(await fonts) });
}
