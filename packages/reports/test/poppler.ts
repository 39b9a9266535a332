// Reading a generated PDF back with Debian's poppler-utils: its text, page sizes and fonts.

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "ampflux-reports-"));
let count = 0;

/** Writes the PDF to a temporary file and returns its path. */
export function pdfFile(bytes: Uint8Array): string {
  const file = path.join(dir, `labels-${++count}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: "utf8" });

/** The text of one page (1-based) or of all pages, in reading order with lines kept apart. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  return run("pdftotext", ["-layout", ...range, file, "-"]);
}

export interface PdfInfo {
  pages: number;
  /** Each page's size in points, "595.276 x 841.89". */
  sizes: string[];
}

export function pdfInfo(file: string): PdfInfo {
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run("pdfinfo", [file]))?.[1]);
  const sizes = [
    ...run("pdfinfo", ["-f", "1", "-l", String(pages), file]).matchAll(
      /^Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/gm,
    ),
  ].map((m) => m[1] ?? "");
  return { pages, sizes };
}

/** pdffonts' rows: font name, type, embedded, subset. */
export const pdfFonts = (file: string) => run("pdffonts", [file]);

/** pdfimages -list: a header of two lines, then one row per raster image. */
export const pdfImageRows = (file: string) => run("pdfimages", ["-list", file]).trim().split("\n").slice(2);
