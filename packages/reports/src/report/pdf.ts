// The study report as a PDF (pdf-lib, DejaVu Sans embedded as subsets): the sections of
// tables.ts flowed over A4 or Letter pages, the one-line diagram as vector drawing, the arc-flash
// labels four to a landscape sheet drawn by the label renderer, and on every page a footer with
// project, network version, content hash and "page N of M". docs/reports.md says why pdf-lib.

import type { StudyReportModel } from "@ampflux/contracts";
import { STUDY_REPORT_MODEL_VERSION } from "@ampflux/contracts";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";
import { layoutArcFlashLabel } from "../layout/label-layout.ts";
import { printable, textWidth } from "../layout/measure.ts";
import { PAPER_POINTS, type Paper, POINTS_PER_MM, pageGrid } from "../layout/paper.ts";
import { drawLabelShape } from "../pdf.ts";
import { type DiagramGeometry, diagramGeometry } from "./diagram-layout.ts";
import { hexColour, MUTED, PAGE_MARGIN, PdfFlow } from "./pdf-flow.ts";
import { reportSections } from "./tables.ts";

export interface PdfReportOptions {
  paper: Paper;
  /** DejaVu Sans and DejaVu Sans Bold (TrueType bytes), e.g. from loadLabelFont() of ./node. */
  font: Uint8Array;
  fontBold?: Uint8Array;
  /** The same as fontBold, so `{ paper, ...(await loadLabelFont()) }` works. */
  boldFont?: Uint8Array;
}

/**
 * OpenType features off: a report sets tens of thousands of short strings, and fontkit's shaping
 * of each (GSUB/GPOS lookups) took most of the render time. DejaVu's Latin and Greek need no
 * shaping, and layout/measure.ts measures plain advance widths, so unkerned text is also the
 * text the layout measured.
 */
const NO_SHAPING = Object.fromEntries(
  ["ccmp", "locl", "rlig", "mark", "mkmk", "calt", "clig", "liga", "rclt", "curs", "kern", "dlig"].map(
    (f) => [f, false],
  ),
);

export function checkModelVersion(model: StudyReportModel): void {
  if (model?.model_version !== STUDY_REPORT_MODEL_VERSION)
    throw new RangeError(
      `model_version: this renderer draws version ${STUDY_REPORT_MODEL_VERSION} reports, got ${String(model?.model_version)}`,
    );
}

export const footerText = (model: StudyReportModel) =>
  `${model.cover.project} · ${model.cover.network.name} v${model.cover.network.version_number} · report ${model.content_hash}`;

const BRANCH_COLOURS = {
  line: "#455a64",
  transformer: "#1565c0",
  transformer3w: "#1565c0",
  impedance: "#6a1b9a",
  switch: "#000000",
} as const;

function drawDiagram(flow: PdfFlow, geometry: DiagramGeometry): void {
  const page = flow.page;
  const height = page.getSize().height;
  const x0 = PAGE_MARGIN;
  const y0 = height - flow.top;
  const at = (x: number, y: number) => ({ x: x0 + x * POINTS_PER_MM, y: y0 - y * POINTS_PER_MM });
  page.drawRectangle({
    x: x0,
    y: y0 - geometry.height * POINTS_PER_MM,
    width: geometry.width * POINTS_PER_MM,
    height: geometry.height * POINTS_PER_MM,
    borderColor: rgb(0.8, 0.8, 0.8),
    borderWidth: 0.4,
  });
  const thickness = geometry.buses.length > 200 ? 0.3 : 0.6;
  for (const b of geometry.branches) {
    page.drawLine({
      start: at(b.x1, b.y1),
      end: at(b.x2, b.y2),
      thickness,
      color: hexColour(BRANCH_COLOURS[b.kind]),
      ...(b.in_service ? {} : { dashArray: [2, 2] }),
    });
  }
  for (const bus of geometry.buses) {
    page.drawCircle({
      ...at(bus.x, bus.y),
      size: bus.r * POINTS_PER_MM,
      color: hexColour(bus.colour),
      borderColor: rgb(0.2, 0.2, 0.2),
      borderWidth: 0.2,
    });
    if (bus.label) {
      const p = at(bus.x + bus.r * 0.7, bus.y - bus.r * 0.7);
      page.drawText(printable(bus.label), {
        x: p.x,
        y: p.y + 0.5,
        size: 5.5,
        font: flow.fonts.regular,
        color: rgb(0.1, 0.1, 0.1),
      });
    }
  }
  flow.advance(geometry.height * POINTS_PER_MM + 6);
}

function drawLegend(flow: PdfFlow, model: StudyReportModel): void {
  const d = model.diagram;
  const entries = [
    ...d.key.map((b) => ({ colour: b.colour, label: b.label })),
    { colour: d.no_value_colour, label: "no value" },
  ];
  flow.ensure(24);
  flow.text(d.label, PAGE_MARGIN, 8, { bold: true });
  flow.advance(12);
  let x = PAGE_MARGIN;
  const y = flow.page.getSize().height - flow.top;
  for (const entry of entries) {
    const width = 10 + textWidth(entry.label, 7.5, false) + 10;
    if (x + width > PAGE_MARGIN + flow.contentWidth) break;
    flow.page.drawRectangle({
      x,
      y: y - 7,
      width: 7,
      height: 7,
      color: hexColour(entry.colour),
      borderColor: rgb(0.2, 0.2, 0.2),
      borderWidth: 0.2,
    });
    flow.page.drawText(printable(entry.label), {
      x: x + 10,
      y: y - 6.5,
      size: 7.5,
      font: flow.fonts.regular,
    });
    x += width;
  }
  flow.advance(14);
}

function drawLabels(flow: PdfFlow, model: StudyReportModel, paper: Paper): void {
  const labels = model.arc_flash?.labels ?? [];
  if (labels.length === 0) return;
  const grid = pageGrid("sheet", paper);
  const fonts = flow.fonts;
  labels.forEach((label, i) => {
    const slot = i % grid.places.length;
    if (slot === 0) {
      const page = flow.newPage([grid.width, grid.height]);
      const title = `Appendix: arc-flash labels (${labels.length})${i > 0 ? ", continued" : ""}`;
      page.drawText(title, {
        x: PAGE_MARGIN,
        y: grid.height - 7 * POINTS_PER_MM,
        size: 9,
        font: fonts.bold,
        color: MUTED,
      });
    }
    const at = grid.places[slot];
    if (!at) return;
    for (const shape of layoutArcFlashLabel(label).shapes) drawLabelShape(flow.page, shape, at, fonts);
  });
}

export async function renderReportPdf(
  model: StudyReportModel,
  options: PdfReportOptions,
): Promise<Uint8Array> {
  checkModelVersion(model);
  const size = PAPER_POINTS[options.paper];
  if (!size) throw new RangeError(`paper: must be A4 or Letter, got ${String(options.paper)}`);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(options.font, { subset: true, features: NO_SHAPING });
  const boldBytes = options.fontBold ?? options.boldFont;
  const bold = boldBytes ? await pdf.embedFont(boldBytes, { subset: true, features: NO_SHAPING }) : regular;
  pdf.setTitle(printable(`${model.title} — ${model.cover.project}`));
  pdf.setSubject(
    `Network ${model.cover.network.name} v${model.cover.network.version_number}; content hash ${model.content_hash}`,
  );
  pdf.setAuthor(printable(model.cover.author.name));
  pdf.setCreator("AmpFlux");
  pdf.setProducer("AmpFlux (pdf-lib)");
  pdf.setCreationDate(new Date(model.generated_at));
  pdf.setModificationDate(new Date(model.generated_at));

  const flow = new PdfFlow(pdf, { regular, bold }, [size[0], size[1]]);
  flow.newPage();
  flow.paragraph(model.title, { size: 18, bold: true });
  flow.paragraph(
    `${model.cover.project} · ${model.cover.network.name} version ${model.cover.network.version_number}`,
    { size: 11, colour: MUTED },
  );
  for (const section of reportSections(model)) {
    if (section.id === "inputs" || section.id === "diagram") flow.newPage();
    flow.heading(section.title);
    for (const text of section.text) flow.paragraph(text);
    if (section.id === "diagram") {
      const legend = 40;
      const heightMm = Math.min(
        (flow.room - legend) / POINTS_PER_MM,
        (flow.contentWidth / POINTS_PER_MM) * 1.4,
      );
      const geometry = diagramGeometry(model.diagram, flow.contentWidth / POINTS_PER_MM, heightMm);
      drawDiagram(flow, geometry);
      drawLegend(flow, model);
      flow.paragraph(
        `Positions: ${geometry.positions}.${geometry.buses.length > 200 ? " Names are left out above 200 buses; the tables list every bus." : ""}`,
        { size: 7.5, colour: MUTED },
      );
      flow.newPage();
    }
    for (const table of section.tables)
      flow.table(table, section.id === "cover" && !table.title ? { header: false } : {});
  }
  drawLabels(flow, model, options.paper);
  flow.footer(footerText(model));
  return pdf.save();
}
