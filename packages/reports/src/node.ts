// Node-only: the label fonts read from disk. Kept out of the main entry so the web bundle
// imports no node:fs.

import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { LABEL_FONT_PACKAGE_FILES, type LabelFonts } from "./fonts.ts";

export type { LabelFonts } from "./fonts.ts";

/** Absolute paths of DejaVu Sans and DejaVu Sans Bold. */
export const LABEL_FONT_FILES = {
  regular: fileURLToPath(import.meta.resolve(LABEL_FONT_PACKAGE_FILES.regular)),
  bold: fileURLToPath(import.meta.resolve(LABEL_FONT_PACKAGE_FILES.bold)),
};

/** The fonts for arcFlashLabelsPdf: `arcFlashLabelsPdf(labels, { layout, paper, ...(await loadLabelFont()) })`. */
export async function loadLabelFont(): Promise<LabelFonts> {
  const [font, boldFont] = await Promise.all([
    readFile(LABEL_FONT_FILES.regular),
    readFile(LABEL_FONT_FILES.bold),
  ]);
  return { font: new Uint8Array(font), boldFont: new Uint8Array(boldFont) };
}
