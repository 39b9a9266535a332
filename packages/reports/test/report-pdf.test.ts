// The report PDF read back with poppler: sections in issue 20's order, the engine's numbers
// (I''k, a duty percentage, an arc-flash energy) in their tables, the approval block, the footer
// with page numbers on every page, paper sizes, embedded fonts, and tables that paginate with
// their header repeated. The model comes from a real sim-wasm study (report-model.ts).

import { REPORT_SECTIONS, type StudyReportModel } from "@ampflux/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalories } from "../src/layout/numbers.ts";
import { type LabelFonts, loadLabelFont } from "../src/node.ts";
import { renderReportPdf } from "../src/report/pdf.ts";
import { pdfFile, pdfFonts, pdfImageRows, pdfInfo, pdfText } from "./poppler.ts";
import { plantModel } from "./report-model.ts";

let fonts: LabelFonts;
let model: StudyReportModel;
let file: string;
let text: string;
beforeAll(async () => {
  fonts = await loadLabelFont();
  model = plantModel();
  file = pdfFile(await renderReportPdf(model, { paper: "A4", ...fonts }));
  text = pdfText(file);
});

/** The text line that starts with `first` (a table row), squeezed to single spaces. */
function row(all: string, first: string): string {
  const line = all.split("\n").find((l) => l.trim().startsWith(`${first} `));
  if (!line) throw new Error(`no row starting with ${first}`);
  return line.trim().replace(/\s+/g, " ");
}

describe("renderReportPdf", () => {
  it("has every section of the study in issue 20's order, the labels appendix last", () => {
    const titles = REPORT_SECTIONS.filter((s) => s.id !== "branch_results" && s.id !== "labels").map(
      (s) => s.title,
    );
    const positions = titles.map((t) => text.search(new RegExp(`^\\f?${t}$`, "m")));
    expect(
      positions.every((p) => p >= 0),
      titles.join(", "),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.lastIndexOf("Appendix: arc-flash labels (6)")).toBeGreaterThan(text.search(/^\f?Approval$/m));
  });

  it("prints the engine's I''k at a bus, in kA to 2 decimals", () => {
    const swbd = model.bus_results.find((r) => r.bus === "swbd");
    const ikss = swbd?.ikss_ka ?? Number.NaN;
    expect(ikss).toBeGreaterThan(1);
    expect(row(text, "swbd")).toContain(`Switchgear 480 V 0.480 ${ikss.toFixed(2)}`);
  });

  it("lists duty violations first with their percentage", () => {
    const worst = model.duty?.[0];
    expect(worst?.status).toBe("overdutied");
    const duty = text.slice(text.search(/^\f?Equipment duty$/m), text.search(/^\f?Arc flash$/m));
    const firstRow = duty.split("\n").find((l) => /^\s*Q\d /.test(l)) ?? "";
    expect(firstRow).toContain(`${worst?.percent?.toFixed(1)} %`);
    expect(firstRow).toContain("overdutied");
    expect(duty).toMatch(/3 overdutied, 0 warning \(> 90 %\), 4 ok, 10 missing rating/);
  });

  it("prints each bus's arc-flash energy in cal/cm² and J/cm² as the labels do", () => {
    const mcc = model.arc_flash?.results.find((r) => r.bus === "mcc");
    const arc = text.slice(text.search(/^\f?Arc flash$/m), text.search(/^\f?Warnings$/m));
    const line = row(arc, "mcc");
    expect(line).toContain(formatCalories(mcc?.energy_cal_cm2 ?? Number.NaN));
    expect(line).toContain((mcc?.energy_j_cm2 ?? Number.NaN).toFixed(1));
  });

  it("prints the approval block: signed roles with name, email and time, the rest pending", () => {
    const block = text.slice(text.search(/^\f?Approval$/m));
    expect(row(block, "prepared")).toBe("prepared Ada Lovelace ada@example.com 2026-12-02 09:40 UTC");
    expect(row(block, "checked")).toBe("checked Grace Hopper grace@example.com 2026-12-02 10:05 UTC");
    expect(row(block, "approved")).toBe("approved pending pending");
  });

  it("puts the footer with project, version, content hash and page N of M on every page", () => {
    const { pages } = pdfInfo(file);
    expect(pages).toBeGreaterThan(5);
    for (let page = 1; page <= pages; page++) {
      const pageText = pdfText(file, page);
      expect(pageText).toContain(`page ${page} of ${pages}`);
      expect(pageText).toContain("Plant A · Arc-flash plant v7 · report sha256:3f2a9c1b7e");
    }
  });

  it("prints the revision history from the version diff and the methods' clauses", () => {
    expect(text).toContain("Changes since version 5");
    expect(text).toMatch(/switches: 2 changed \(Q1 \(breaking_ka, making_ka, short_time_ka\), Q3/);
    expect(text).toContain("IEEE 1584-2018 §6.9.1");
    expect(text).toContain("IEC 62271-100 §4.103");
  });

  it("embeds DejaVu Sans and DejaVu Sans Bold and draws everything as vectors", () => {
    const rows = pdfFonts(file);
    // Embedded (emb yes) as subsets with a ToUnicode map, so pdftotext reads the text back.
    expect(rows).toMatch(/DejaVuSans-\d+\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes/);
    expect(rows).toMatch(/DejaVuSans-Bold-\d+\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes/);
    expect(pdfImageRows(file)).toEqual([]);
  });

  it("prints on A4 or Letter, the label sheets in landscape", async () => {
    const a4 = pdfInfo(file);
    expect(a4.sizes[0]).toBe("595.276 x 841.89");
    expect(a4.sizes.at(-1)).toBe("841.89 x 595.276");
    const letter = pdfInfo(pdfFile(await renderReportPdf(model, { paper: "Letter", ...fonts })));
    expect(letter.sizes[0]).toBe("612 x 792");
    expect(letter.sizes.at(-1)).toBe("792 x 612");
  });

  it("paginates a long table, repeating its header on every page", async () => {
    const template = model.bus_results[0];
    if (!template) throw new Error("no bus row");
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...template,
      bus: `B${i + 1}`,
      name: `Bus ${i + 1}`,
    }));
    const big = pdfFile(await renderReportPdf({ ...model, bus_results: many }, { paper: "A4", ...fonts }));
    const pages = Array.from({ length: pdfInfo(big).pages }, (_, i) => pdfText(big, i + 1));
    const withRows = pages.filter((p) => /^\s*B\d+\s+Bus \d+/m.test(p));
    expect(withRows.length).toBeGreaterThan(5);
    for (const page of withRows) expect(page).toMatch(/bus\s+name\s+Un kV\s+I''k kA/);
    const printed = pages.flatMap((p) => [...p.matchAll(/^\s*(B\d+)\s+Bus \d+/gm)].map((m) => m[1]));
    expect(printed).toEqual(many.map((r) => r.bus));
  });

  it("refuses a model of another version, naming the field", async () => {
    await expect(
      renderReportPdf({ ...model, model_version: 2 as 1 }, { paper: "A4", ...fonts }),
    ).rejects.toThrow(/^model_version: this renderer draws version 1 reports, got 2$/);
  });
});
