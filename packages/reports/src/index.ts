// @ampflux/reports: printable documents made from study results. Runs in the browser and in
// Node; file access lives in ./node.ts, the font's URL for bundlers in ./font-url.ts.

export { LABEL_HEIGHT_MM, LABEL_WIDTH_MM, layoutArcFlashLabel } from "./layout/label-layout.ts";
export { LAYOUTS, type Layout, PAPERS, type Paper } from "./layout/paper.ts";
export type { LabelDrawing, Shape } from "./layout/shapes.ts";
export { arcFlashLabelsPdf, type PdfLabelOptions } from "./pdf.ts";
export {
  buildReportModel,
  type HtmlReportOptions,
  type PdfReportOptions,
  type ReportSources,
  renderReportHtml,
  renderReportPdf,
} from "./report/index.ts";
export { renderArcFlashLabelSvg, type SvgLabelOptions } from "./svg.ts";
export { escapeXml } from "./xml.ts";
