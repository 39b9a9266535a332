// The study report as one standalone HTML page: the same sections and tables as the PDF
// (tables.ts), the diagram as inline SVG from the same geometry, the labels as the label
// renderer's SVG, and print CSS (paper size, repeated table headers, no row split across pages)
// so a browser prints it as the report. No scripts, no external resources.

import type { StudyReportModel } from "@ampflux/contracts";
import type { Paper } from "../layout/paper.ts";
import { renderArcFlashLabelSvg } from "../svg.ts";
import { escapeXml } from "../xml.ts";
import { type DiagramGeometry, diagramGeometry } from "./diagram-layout.ts";
import { checkModelVersion, footerText } from "./pdf.ts";
import { reportSections, type Table } from "./tables.ts";

export interface HtmlReportOptions {
  /** The @page size the print CSS asks for; A4 by default. */
  paper?: Paper;
}

const esc = escapeXml;
const n = (v: number) => Number(v.toFixed(2)).toString();

/** Diagram drawing box in mm: the text width of A4 with the PDF's margins. */
const DIAGRAM_WIDTH_MM = 178;
const DIAGRAM_HEIGHT_MM = 200;

const STYLE = (paper: Paper) => `
@page { size: ${paper === "Letter" ? "letter" : "A4"} portrait; margin: 16mm 16mm 20mm; }
body { font-family: 'DejaVu Sans', Verdana, sans-serif; font-size: 9pt; color: #1a1a1a; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; break-after: avoid; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
.muted { color: #616161; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; font-size: 7.5pt; }
thead { display: table-header-group; }
th { background: #e6e8ec; text-align: left; }
th, td { padding: 0.8mm 1mm; vertical-align: top; }
tbody tr:nth-child(even) { background: #f6f6f7; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.keys td:first-child { font-weight: bold; width: 25%; }
section.page { break-before: page; }
svg.diagram { width: 100%; height: auto; border: 0.3mm solid #ccc; }
.legend span { display: inline-block; margin-right: 4mm; }
.legend i { display: inline-block; width: 3mm; height: 3mm; border: 0.1mm solid #333; margin-right: 1mm; vertical-align: middle; }
/* Labels at their printed size (152.4 × 101.6 mm), two to a portrait page: one page size keeps
   Chromium's repeated footer in place, which it misplaces on pages of another size. */
.labels { display: grid; grid-template-columns: 152.4mm; gap: 6mm; justify-content: center; }
.labels svg { width: 152.4mm; height: auto; break-inside: avoid; }
footer { margin-top: 8mm; border-top: 0.3mm solid #ccc; font-size: 7pt; color: #616161; padding-top: 1mm; }
@media print { footer { position: fixed; bottom: 0; left: 0; right: 0; margin: 0; background: #fff; } body { padding-bottom: 8mm; } }
`;

function table(t: Table, keys = false): string {
  const title = t.title ? `<h3>${esc(t.title)}</h3>` : "";
  if (t.rows.length === 0) return t.empty ? `${title}<p class="muted">${esc(t.empty)}</p>` : title;
  const cls = (i: number) => (t.columns[i]?.align === "right" ? ' class="num"' : "");
  const head = keys
    ? ""
    : `<thead><tr>${t.columns.map((c, i) => `<th${cls(i)}>${esc(c.title)}</th>`).join("")}</tr></thead>`;
  const body = t.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${esc(cell)}</td>`).join("")}</tr>`)
    .join("\n");
  return `${title}<table${keys ? ' class="keys"' : ""}>${head}<tbody>\n${body}\n</tbody></table>`;
}

const BRANCH_COLOURS = {
  line: "#455a64",
  transformer: "#1565c0",
  transformer3w: "#1565c0",
  impedance: "#6a1b9a",
  switch: "#000000",
} as const;

function diagramSvg(g: DiagramGeometry, title: string): string {
  const width = g.buses.length > 200 ? 0.1 : 0.2;
  const lines = g.branches.map(
    (b) =>
      `<line x1="${n(b.x1)}" y1="${n(b.y1)}" x2="${n(b.x2)}" y2="${n(b.y2)}" stroke="${BRANCH_COLOURS[b.kind]}"${b.in_service ? "" : ' stroke-dasharray="0.7 0.7"'}/>`,
  );
  const dots = g.buses.map(
    (b) =>
      `<circle cx="${n(b.x)}" cy="${n(b.y)}" r="${n(b.r)}" fill="${b.colour}" stroke="#333" stroke-width="0.07"><title>${esc(b.id)}</title></circle>` +
      (b.label
        ? `<text x="${n(b.x + b.r * 0.7)}" y="${n(b.y - b.r * 0.7 - 0.2)}" font-size="1.95">${esc(b.label)}</text>`
        : ""),
  );
  return [
    `<svg class="diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(g.width)} ${n(g.height)}" role="img" aria-label="${esc(title)}">`,
    `<g stroke-width="${width}">${lines.join("")}</g>`,
    `<g>${dots.join("")}</g>`,
    "</svg>",
  ].join("\n");
}

function legend(model: StudyReportModel): string {
  const d = model.diagram;
  const entries = [
    ...d.key.map((b) => ({ colour: b.colour, label: b.label })),
    { colour: d.no_value_colour, label: "no value" },
  ];
  return `<p class="legend"><b>${esc(d.label)}</b><br>${entries.map((e) => `<span><i style="background:${e.colour}"></i>${esc(e.label)}</span>`).join("")}</p>`;
}

export function renderReportHtml(model: StudyReportModel, options: HtmlReportOptions = {}): string {
  checkModelVersion(model);
  const paper = options.paper ?? "A4";
  const parts: string[] = [];
  for (const section of reportSections(model)) {
    const newPage = section.id === "inputs" || section.id === "diagram" || section.id === "bus_results";
    parts.push(`<section id="${section.id}"${newPage ? ' class="page"' : ""}>`);
    parts.push(
      section.id === "cover"
        ? `<h1>${esc(model.title)}</h1><p class="muted">${esc(`${model.cover.project} · ${model.cover.network.name} version ${model.cover.network.version_number}`)}</p><h2>${esc(section.title)}</h2>`
        : `<h2>${esc(section.title)}</h2>`,
    );
    for (const text of section.text) parts.push(`<p>${esc(text)}</p>`);
    if (section.id === "diagram") {
      const geometry = diagramGeometry(model.diagram, DIAGRAM_WIDTH_MM, DIAGRAM_HEIGHT_MM);
      parts.push(
        diagramSvg(geometry, `One-line diagram, buses coloured by ${model.diagram.label}`),
        legend(model),
      );
      parts.push(`<p class="muted">Positions: ${esc(geometry.positions)}.</p>`);
    }
    section.tables.forEach((t) => {
      parts.push(table(t, section.id === "cover" && !t.title));
    });
    parts.push("</section>");
  }
  const labels = model.arc_flash?.labels ?? [];
  if (labels.length > 0) {
    parts.push(
      `<section id="labels" class="page"><h2>Appendix: arc-flash labels (${labels.length})</h2><div class="labels">`,
    );
    for (const label of labels) parts.push(renderArcFlashLabelSvg(label).replace(/^<\?xml[^>]*>\n/, ""));
    parts.push("</div></section>");
  }
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${esc(`${model.title} — ${model.cover.project}`)}</title>`,
    `<meta name="report-content-hash" content="${esc(model.content_hash)}">`,
    `<style>${STYLE(paper)}</style>`,
    "</head>",
    "<body>",
    ...parts,
    `<footer>${esc(footerText(model))}</footer>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
