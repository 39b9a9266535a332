// The label renderers of @ampflux/reports, loaded on demand (LabelsDialog imports this module
// dynamically): the SVG renderer when labels are first previewed, pdf-lib, fontkit and the DejaVu
// fonts only when a PDF is asked for. None of it is in the editor's main bundle.

import type { ArcFlashLabel } from "@ampflux/contracts";
import type { Layout, Paper } from "@ampflux/reports";
import type { LabelFonts } from "@ampflux/reports/font-url";
import { renderArcFlashLabelSvg } from "@ampflux/reports/svg";

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
  const [{ arcFlashLabelsPdf }, { fetchLabelFont }] = await Promise.all([
    import("@ampflux/reports"),
    import("@ampflux/reports/font-url"),
  ]);
  fonts ??= fetchLabelFont().catch((error: unknown) => {
    fonts = undefined;
    throw error;
  });
  return arcFlashLabelsPdf([...labels], { ...options, ...(await fonts) });
}
