// The PDF labels, read back by poppler (pdftotext, pdfinfo, pdffonts, pdfimages): the label's
// content as text in the embedded DejaVu fonts, vector only, page counts and paper sizes per layout.

import { statSync } from "node:fs";
import type { ArcFlashLabel } from "@ampflux/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { type LabelFonts, loadLabelFont } from "../src/node.ts";
import { arcFlashLabelsPdf, type PdfLabelOptions } from "../src/pdf.ts";
import { dangerLabel, labelFor, markupLabel, warningLabel } from "./labels.ts";
import { pdfFile, pdfFonts, pdfImageRows, pdfInfo, pdfText } from "./poppler.ts";

let fonts: LabelFonts;
beforeAll(async () => {
  fonts = await loadLabelFont();
});

const render = async (labels: ArcFlashLabel[], options: Partial<PdfLabelOptions> = {}) =>
  pdfFile(await arcFlashLabelsPdf(labels, { layout: "page", paper: "A4", ...fonts, ...options }));

/** Five labels: B1 … B5. */
const five = [1, 2, 3, 4, 5].map((i) => labelFor(`B${i}`, 10 * i, `Panel ${i}`));

// ISO 216 A4 is 210 × 297 mm = 595.276 × 841.89 pt; US Letter 8.5 × 11 in = 612 × 792 pt.
const A4 = "595.276 x 841.89";
const A4_LANDSCAPE = "841.89 x 595.276";
const LETTER = "612 x 792";
const LETTER_LANDSCAPE = "792 x 612";

describe("arcFlashLabelsPdf", () => {
  it("prints every part of the label as text in the embedded DejaVu fonts", async () => {
    const file = await render([warningLabel]);
    const text = pdfText(file);
    for (const part of [
      "WARNING",
      "Arc flash and shock hazard",
      "Main switchboard MSB-1 (B12)",
      "Incident energy at 457 mm working distance",
      "8.29 cal/cm²",
      "34.7 J/cm²",
      "Arc-flash boundary",
      "1234 mm",
      "PPE category 3 (arc rating ≥ 25 cal/cm²)",
      "480 V",
      "1000 mm",
      "300 mm",
      "Equipment: panelboard, VCB, gap 25 mm",
      "Basis: reduced arcing current, cleared by Q1 in 319 ms",
      "Plant A · Main site v12 · study of 2026-11-30",
    ]) {
      expect(text).toContain(part);
    }
    // Embedded (emb yes) with a ToUnicode map (uni yes); pdf-lib names its subsets "-<number>".
    const fontRows = pdfFonts(file);
    expect(fontRows).toMatch(/DejaVuSans-\d+\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes/);
    expect(fontRows).toMatch(/DejaVuSans-Bold-\d+\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes/);
    // Subsets: DejaVuSans.ttf alone is 757 kB.
    expect(statSync(file).size).toBeLessThan(100_000);
    // Vector drawing: no raster image anywhere.
    expect(pdfImageRows(file)).toEqual([]);
  });

  it("prints a DANGER label and names with markup as they are", async () => {
    const text = pdfText(await render([dangerLabel, markupLabel]));
    expect(text).toContain("DANGER");
    expect(text).toContain("59.8 cal/cm²");
    expect(text).toContain("250.3 J/cm²");
    expect(text).toContain("no PPE category");
    expect(text).toContain("<A&B> (B9)");
  });

  it("puts one label on each page at its printed size, in order", async () => {
    const file = await render(five, { layout: "page", paper: "A4" });
    expect(pdfInfo(file)).toEqual({ pages: 5, sizes: Array(5).fill(A4) });
    for (const i of [1, 2, 3, 4, 5]) {
      const page = pdfText(file, i);
      expect(page).toContain(`Panel ${i} (B${i})`);
      expect(page.match(/\(B\d\)/g)).toEqual([`(B${i})`]);
    }
  });

  it("puts four labels on each landscape sheet", async () => {
    const file = await render(five, { layout: "sheet", paper: "A4" });
    expect(pdfInfo(file)).toEqual({ pages: 2, sizes: [A4_LANDSCAPE, A4_LANDSCAPE] });
    expect(
      pdfText(file, 1)
        .match(/\(B\d\)/g)
        ?.sort(),
    ).toEqual(["(B1)", "(B2)", "(B3)", "(B4)"]);
    expect(pdfText(file, 2).match(/\(B\d\)/g)).toEqual(["(B5)"]);
  });

  it("uses US Letter paper when asked", async () => {
    expect(pdfInfo(await render(five.slice(0, 2), { paper: "Letter" }))).toEqual({
      pages: 2,
      sizes: [LETTER, LETTER],
    });
    expect(pdfInfo(await render(five, { layout: "sheet", paper: "Letter" }))).toEqual({
      pages: 2,
      sizes: [LETTER_LANDSCAPE, LETTER_LANDSCAPE],
    });
  });

  it("draws bold text with the regular font when no bold font is given", async () => {
    const { boldFont: _bold, ...regularOnly } = fonts;
    const file = pdfFile(
      await arcFlashLabelsPdf([warningLabel], { layout: "page", paper: "A4", ...regularOnly }),
    );
    expect(pdfText(file)).toContain("8.29 cal/cm²");
    expect(pdfFonts(file)).not.toContain("DejaVuSans-Bold");
  });

  it("refuses an empty list of labels", async () => {
    await expect(arcFlashLabelsPdf([], { layout: "page", paper: "A4", ...fonts })).rejects.toThrow(
      "labels: there is no label to print",
    );
  });
});
