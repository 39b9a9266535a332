// A flowing document on pdf-lib pages: headings, paragraphs and tables fill a page top-down and
// continue on the next, a table repeating its header there; page numbers and the footer are
// drawn last, when the page count is known. Text is measured with DejaVu's own advance widths
// (layout/measure.ts), the font the PDF embeds, so wrapping and right alignment are exact.

import { type Color, type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { printable, textWidth, wrap } from "../layout/measure.ts";
import { POINTS_PER_MM } from "../layout/paper.ts";
import type { Table } from "./tables.ts";

export const INK = rgb(0.1, 0.1, 0.1);
export const MUTED = rgb(0.38, 0.38, 0.38);
const RULE = rgb(0.75, 0.75, 0.75);
const HEADER_FILL = rgb(0.9, 0.91, 0.93);
const STRIPE_FILL = rgb(0.965, 0.965, 0.97);

const MARGIN = 16 * POINTS_PER_MM;
const BOTTOM = 20 * POINTS_PER_MM;
const BODY = 9;
const CELL = 7.5;
const CELL_LINE = 9.2;
const CELL_PAD = 2.2;

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export function hexColour(hex: string): Color {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

/** The text cut with "…" to fit width at size (a cell keeps one line when it must). */
function clip(text: string, width: number, size: number, bold: boolean): string {
  if (textWidth(text, size, bold) <= width) return text;
  let chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join("")}…`, size, bold) > width) chars = chars.slice(0, -1);
  return `${chars.join("")}…`;
}

export class PdfFlow {
  readonly pages: PDFPage[] = [];
  #page: PDFPage | undefined;
  /** Distance of the next line's top from the page's top (pt). */
  #y = 0;

  readonly pdf: PDFDocument;
  readonly fonts: PdfFonts;
  readonly size: [number, number];

  constructor(pdf: PDFDocument, fonts: PdfFonts, size: [number, number]) {
    this.pdf = pdf;
    this.fonts = fonts;
    this.size = size;
  }

  get contentWidth(): number {
    return this.size[0] - 2 * MARGIN;
  }

  /** Room left on the current page (pt). */
  get room(): number {
    return this.#page ? this.size[1] - BOTTOM - this.#y : 0;
  }

  get page(): PDFPage {
    return this.#page ?? this.newPage();
  }

  get top(): number {
    return this.#y;
  }

  newPage(size: [number, number] = this.size): PDFPage {
    this.#page = this.pdf.addPage(size);
    this.pages.push(this.#page);
    this.#y = MARGIN;
    return this.#page;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (!this.#page || this.room < height) this.newPage();
  }

  advance(height: number): void {
    this.#y += height;
  }

  text(text: string, x: number, size: number, options: { bold?: boolean; colour?: Color } = {}): void {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    this.page.drawText(printable(text), {
      x,
      y: this.size[1] - this.#y - size,
      size,
      font,
      color: options.colour ?? INK,
    });
  }

  heading(text: string, size = 14): void {
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(size * 1.6 + 5 * CELL_LINE);
    if (this.#y > MARGIN) this.advance(size * 0.6);
    this.text(text, MARGIN, size, { bold: true });
    this.advance(size * 1.5);
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; colour?: Color } = {}): void {
    const size = options.size ?? BODY;
    const lineHeight = size * 1.3;
    for (const line of wrap(printable(text), this.contentWidth, size, options.bold ?? false)) {
      this.ensure(lineHeight);
      this.text(line, MARGIN, size, options);
      this.advance(lineHeight);
    }
    this.advance(size * 0.4);
  }

  /** A table across the text width; rows wrap within their cells and never split across pages. */
  table(table: Table, options: { header?: boolean } = {}): void {
    const showHeader = options.header ?? table.columns.some((c) => c.title);
    if (table.title) {
      this.ensure(BODY * 1.5 + 4 * CELL_LINE);
      this.advance(3);
      this.text(table.title, MARGIN, BODY + 1, { bold: true });
      this.advance((BODY + 1) * 1.5);
    }
    if (table.rows.length === 0) {
      if (table.empty) this.paragraph(table.empty, { colour: MUTED });
      return;
    }
    const total = table.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = table.columns.map((c) => (c.width / total) * this.contentWidth);
    const lefts = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const header = () => {
      const height = CELL_LINE + 2 * CELL_PAD;
      this.page.drawRectangle({
        x: MARGIN,
        y: this.size[1] - this.#y - height,
        width: this.contentWidth,
        height,
        color: HEADER_FILL,
      });
      table.columns.forEach((c, i) => {
        const width = widths[i] ?? 0;
        this.cell(clip(c.title, width - 2 * CELL_PAD, CELL, true), lefts[i] ?? 0, width, c.align, true);
      });
      this.advance(height);
    };
    const headerHeight = showHeader ? CELL_LINE + 2 * CELL_PAD : 0;
    let onThisPage = 0;
    table.rows.forEach((row, r) => {
      const lines = row.map((text, i) => {
        const width = (widths[i] ?? 0) - 2 * CELL_PAD;
        const wrapped = wrap(printable(text), width, CELL, false);
        return table.columns[i]?.align === "right"
          ? [clip(printable(text), width, CELL, false)]
          : wrapped.length
            ? wrapped
            : [""];
      });
      const height = Math.max(...lines.map((l) => l.length)) * CELL_LINE + 2 * CELL_PAD;
      if (!this.#page || this.room < height + (onThisPage === 0 ? headerHeight : 0)) {
        this.newPage();
        onThisPage = 0;
      }
      if (onThisPage === 0 && showHeader) header();
      if (r % 2 === 1)
        this.page.drawRectangle({
          x: MARGIN,
          y: this.size[1] - this.#y - height,
          width: this.contentWidth,
          height,
          color: STRIPE_FILL,
        });
      lines.forEach((cellLines, i) => {
        cellLines.forEach((line, l) => {
          const saved = this.#y;
          this.#y += l * CELL_LINE;
          this.cell(line, lefts[i] ?? 0, widths[i] ?? 0, table.columns[i]?.align, false);
          this.#y = saved;
        });
      });
      this.advance(height);
      onThisPage++;
    });
    this.page.drawLine({
      start: { x: MARGIN, y: this.size[1] - this.#y },
      end: { x: MARGIN + this.contentWidth, y: this.size[1] - this.#y },
      thickness: 0.4,
      color: RULE,
    });
    this.advance(BODY * 0.8);
  }

  private cell(
    text: string,
    left: number,
    width: number,
    align: "left" | "right" | undefined,
    bold: boolean,
  ): void {
    if (!text) return;
    const x = align === "right" ? left + width - CELL_PAD - textWidth(text, CELL, bold) : left + CELL_PAD;
    const saved = this.#y;
    this.#y += CELL_PAD + (CELL_LINE - CELL) / 2;
    this.text(text, x, CELL, { bold });
    this.#y = saved;
  }

  /** "left text … page N of M" at the bottom of every page. */
  footer(left: string): void {
    const size = 7;
    this.pages.forEach((page, i) => {
      const { width } = page.getSize();
      const right = `page ${i + 1} of ${this.pages.length}`;
      const y = 9 * POINTS_PER_MM;
      const rightWidth = textWidth(right, size, false);
      page.drawLine({
        start: { x: MARGIN, y: y + size + 3 },
        end: { x: width - MARGIN, y: y + size + 3 },
        thickness: 0.4,
        color: RULE,
      });
      page.drawText(printable(clip(left, width - 2 * MARGIN - rightWidth - 12, size, false)), {
        x: MARGIN,
        y,
        size,
        font: this.fonts.regular,
        color: MUTED,
      });
      page.drawText(right, {
        x: width - MARGIN - rightWidth,
        y,
        size,
        font: this.fonts.regular,
        color: MUTED,
      });
    });
  }
}

export const PAGE_MARGIN = MARGIN;
