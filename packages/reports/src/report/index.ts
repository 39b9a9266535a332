export { buildReportModel, type ReportSources } from "./build-model.ts";
export { DIAGRAM_LABEL_LIMIT, type DiagramGeometry, diagramGeometry } from "./diagram-layout.ts";
export { type HtmlReportOptions, renderReportHtml } from "./html.ts";
export { type PdfReportOptions, renderReportPdf } from "./pdf.ts";
export { reportSections, type Section, type Table } from "./tables.ts";
