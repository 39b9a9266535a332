// Text width and line fitting with DejaVu Sans' own advance widths (dejavu-metrics.ts): the SVG
// has no font to measure with, and the PDF embeds this font, so wrapping agrees in both.

import { isXmlChar } from "../xml.ts";
import { DEJAVU_SANS, DEJAVU_SANS_BOLD, type FontMetrics } from "./dejavu-metrics.ts";

type WidthTable = Map<number, number>;

function table(metrics: FontMetrics): WidthTable {
  const widths: WidthTable = new Map();
  for (const [first, advances] of metrics.ranges) {
    advances.forEach((advance, i) => {
      widths.set(first + i, advance / metrics.unitsPerEm);
    });
  }
  for (const [codePoint, advance] of metrics.extra) widths.set(codePoint, advance / metrics.unitsPerEm);
  return widths;
}

const REGULAR = table(DEJAVU_SANS);
const BOLD = table(DEJAVU_SANS_BOLD);

/**
 * A character outside the table: East Asian wide characters take a full em, anything else the
 * width of "M" (wider than most), so text is never measured shorter than it prints.
 */
function fallbackWidth(codePoint: number, widths: WidthTable): number {
  if (codePoint >= 0x1100 && (codePoint <= 0x115f || (codePoint >= 0x2e80 && codePoint <= 0xffdc))) return 1;
  return widths.get(0x4d) ?? 0.9;
}

/** Width of a line of text at a font size, in the size's unit. */
export function textWidth(text: string, size: number, bold: boolean): number {
  const widths = bold ? BOLD : REGULAR;
  let em = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    em += widths.get(codePoint) ?? fallbackWidth(codePoint, widths);
  }
  return em * size;
}

/**
 * Control characters, lone surrogates and the like cannot be drawn nor written in XML: each
 * becomes U+FFFD, so a damaged name still shows where it was damaged. Runs of white space
 * (line breaks included) become one space.
 */
export function printable(text: string): string {
  let out = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const control = codePoint >= 0x7f && codePoint <= 0x9f;
    out += /\s/.test(char) ? " " : isXmlChar(codePoint) && !control ? char : "\ufffd";
  }
  return out.replace(/ +/g, " ").trim();
}

export interface FitRequest {
  maxWidth: number;
  /** Preferred and smallest font size (mm). */
  size: number;
  minSize: number;
  bold: boolean;
  maxLines: number;
  /** Kept at the end of text that has to be cut, e.g. the bus id after a long name. */
  keepEnd?: string;
}

export interface FittedText {
  lines: string[];
  size: number;
  /** True when even the smallest size could not hold the whole text and the end was cut (…). */
  cut: boolean;
}

/** Greedy word wrap; a word longer than a line is split between characters. */
export function wrap(text: string, maxWidth: number, size: number, bold: boolean): string[] {
  const lines: string[] = [];
  let line = "";
  const fits = (candidate: string) => textWidth(candidate, size, bold) <= maxWidth;
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    for (const char of word) {
      if (line && !fits(line + char)) {
        lines.push(line);
        line = "";
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The text in at most maxLines lines of maxWidth: at the preferred size if it fits, else at
 * the largest smaller size (steps of 8 %) that does; at minSize the end is cut with an ellipsis.
 */
export function fitText(text: string, request: FitRequest): FittedText {
  const { maxWidth, minSize, bold, maxLines } = request;
  for (let size = request.size; size > minSize; size *= 0.92) {
    const lines = wrap(text, maxWidth, size, bold);
    if (lines.length <= maxLines) return { lines, size, cut: false };
  }
  const lines = wrap(text, maxWidth, minSize, bold);
  if (lines.length <= maxLines) return { lines, size: minSize, cut: false };
  return { lines: cutLines(lines, request), size: minSize, cut: true };
}

/** The first maxLines lines, the last ending in "…" (and in keepEnd, where it still fits). */
function cutLines(lines: string[], { maxWidth, minSize, bold, maxLines, keepEnd }: FitRequest): string[] {
  const kept = lines.slice(0, maxLines);
  const fits = (line: string) => textWidth(line, minSize, bold) <= maxWidth;
  for (const end of keepEnd ? [`… ${keepEnd}`, "…"] : ["…"]) {
    let chars = [...(kept[maxLines - 1] ?? "")];
    while (chars.length > 0 && !fits(chars.join("") + end)) chars = chars.slice(0, -1);
    const line = chars.join("").trimEnd() + end;
    if (fits(line)) {
      kept[maxLines - 1] = line;
      return kept;
    }
  }
  kept[maxLines - 1] = "…";
  return kept;
}
