// Where each part of an arc-flash label goes: the ANSI Z535.4 layout of a safety sign (signal-word
// panel with the safety alert symbol, then the message) holding NFPA 70E 130.5(H)'s label content,
// on a 6 × 4 in (152.4 × 101.6 mm) label, the common size of printed arc-flash labels. The content
// is the contract's ArcFlashLabel; this file only places it.

import type { ArcFlashLabel } from "@ampflux/contracts";
import { fitText, printable, textWidth } from "./measure.ts";
import { formatCalories, formatJoules, formatMm } from "./numbers.ts";
import { safetyAlertSymbol } from "./safety-alert.ts";
import { type LabelDrawing, roundedRectPath, type Shape, type TextShape } from "./shapes.ts";

export const LABEL_WIDTH_MM = 152.4;
export const LABEL_HEIGHT_MM = 101.6;

/**
 * ANSI Z535.1 safety colours as their usual sRGB approximations: safety red (PMS 186 C) and
 * safety orange (PMS 151 C).
 */
export const SAFETY_RED = "#C8102E";
export const SAFETY_ORANGE = "#FF8200";
const BLACK = "#000000";
const WHITE = "#FFFFFF";
const CAPTION = "#333333";
const RULE = "#9A9A9A";
const SHADE = "#EFEFEF";

const MARGIN = 5;
const COLUMN_GAP = 4;
const SHOCK_BOX_WIDTH = 50;

interface Colours {
  panel: string;
  word: string;
  triangle: string;
  mark: string;
}

/** Z535.4: DANGER is white on safety red, WARNING black on safety orange. */
const HAZARD_COLOURS: Record<ArcFlashLabel["hazard"], Colours> = {
  danger: { panel: SAFETY_RED, word: WHITE, triangle: WHITE, mark: SAFETY_RED },
  warning: { panel: SAFETY_ORANGE, word: BLACK, triangle: BLACK, mark: SAFETY_ORANGE },
};

const text = (
  x: number,
  y: number,
  content: string,
  size: number,
  options: Partial<Pick<TextShape, "bold" | "fill" | "anchor">> = {},
): TextShape => ({
  kind: "text",
  x,
  y,
  text: content,
  size,
  bold: options.bold ?? false,
  fill: options.fill ?? BLACK,
  anchor: options.anchor ?? "start",
});

/** Text fitted into a box: wrapped to maxLines, smaller when needed; one shape per line. */
function block(
  x: number,
  baseline: number,
  content: string,
  fit: { maxWidth: number; size: number; minSize: number; maxLines: number; bold?: boolean },
  options: Partial<Pick<TextShape, "fill" | "anchor">> = {},
): TextShape[] {
  const bold = fit.bold ?? false;
  const fitted = fitText(printable(content), { ...fit, bold });
  return fitted.lines.map((line, i) =>
    text(x, baseline + i * fitted.size * 1.18, line, fitted.size, { ...options, bold }),
  );
}

/** "WARNING — Arc flash and shock hazard" → the signal word and the message under it. */
function splitHeader(header: string): { word: string; message: string } {
  const [word = "", ...rest] = printable(header).split(" — ");
  return { word, message: rest.join(" — ") };
}

function signalPanel(label: ArcFlashLabel, word: string): Shape[] {
  const colours = HAZARD_COLOURS[label.hazard];
  const top = 2.2;
  const height = 18.5;
  const inner = LABEL_WIDTH_MM - 2 * top;
  const panel: Shape = {
    kind: "path",
    d: roundedRectPath(top, top, inner, height, 2.2),
    fill: colours.panel,
  };
  // The symbol and the word are centred together; a long word shrinks to fit the panel.
  const symbolHeight = 13;
  const symbolWidth = (2 * symbolHeight) / Math.sqrt(3);
  const gap = 3;
  const fitted = fitText(word, {
    maxWidth: inner - symbolWidth - gap - 8,
    size: 12.5,
    minSize: 5,
    bold: true,
    maxLines: 1,
  });
  const wordText = fitted.lines[0] ?? "";
  const groupWidth = symbolWidth + gap + textWidth(wordText, fitted.size, true);
  const left = (LABEL_WIDTH_MM - groupWidth) / 2;
  const symbolBottom = top + (height + symbolHeight) / 2;
  // DejaVu Sans Bold capitals are 0.729 em tall: centre them in the panel.
  const baseline = top + (height + 0.729 * fitted.size) / 2;
  return [
    panel,
    ...safetyAlertSymbol(left + symbolWidth / 2, symbolBottom, symbolHeight, colours.triangle, colours.mark),
    text(left + symbolWidth + gap, baseline, wordText, fitted.size, { bold: true, fill: colours.word }),
  ];
}

/** Incident energy, arc-flash boundary and PPE: the left column. */
function arcFlashColumn(label: ArcFlashLabel, x: number, width: number): Shape[] {
  const energy = `${formatCalories(label.energy_cal_cm2)} cal/cm²`;
  const joules = `${formatJoules(label.energy_j_cm2)} J/cm²`;
  // Both on one line: the energy at 8.5 mm unless that line would be wider than the column.
  const perMm = textWidth(energy, 1, true) + 0.45 * textWidth(joules, 1, false);
  const energySize = Math.min(8.5, (width - 2.5) / perMm);
  const energyWidth = textWidth(energy, energySize, true);
  return [
    ...block(
      x,
      46,
      `Incident energy at ${formatMm(label.distance_mm)} working distance`,
      {
        maxWidth: width,
        size: 2.9,
        minSize: 2.2,
        maxLines: 1,
      },
      { fill: CAPTION },
    ),
    text(x, 55, energy, energySize, { bold: true }),
    text(x + energyWidth + 2.5, 55, joules, energySize * 0.45),
    text(x, 61.5, "Arc-flash boundary", 2.9, { fill: CAPTION }),
    text(x, 67.5, formatMm(label.boundary_mm), 5, { bold: true }),
    text(x, 73.5, "Arc-rated PPE", 2.9, { fill: CAPTION }),
    ...block(x, 78, label.ppe, { maxWidth: width, size: 3.6, minSize: 2.4, maxLines: 2, bold: true }),
  ];
}

/** Nominal voltage and the shock approach boundaries: the shaded right column. */
function shockColumn(label: ArcFlashLabel, x: number): Shape[] {
  const inner = x + 3;
  const width = SHOCK_BOX_WIDTH - 6;
  const row = (caption: string, value: string, y: number): Shape[] => [
    text(inner, y, caption, 2.7, { fill: CAPTION }),
    ...block(inner, y + 5.2, value, { maxWidth: width, size: 4.2, minSize: 2.6, maxLines: 1, bold: true }),
  ];
  return [
    { kind: "rect", x, y: 41.5, width: SHOCK_BOX_WIDTH, height: 42, fill: SHADE },
    text(inner, 47, "Shock hazard", 3.4, { bold: true }),
    ...row("Nominal voltage", label.voltage, 53),
    ...row("Limited approach", label.limited_approach ?? "not specified", 64),
    ...row("Restricted approach", label.restricted_approach ?? "not specified", 75),
  ];
}

/** Equipment, the basis of the number and the study it came from. */
function footer(label: ArcFlashLabel): Shape[] {
  const width = LABEL_WIDTH_MM - 2 * MARGIN;
  const { project, network, study_date } = label.study;
  const line = (y: number, content: string, size: number, fill = BLACK) =>
    block(MARGIN, y, content, { maxWidth: width, size, minSize: size * 0.7, maxLines: 1 }, { fill });
  return [
    { kind: "rect", x: MARGIN, y: 85.6, width, height: 0.25, fill: RULE },
    ...line(89.6, `Equipment: ${label.equipment}`, 2.9),
    ...line(93.6, `Basis: ${label.basis}`, 2.9),
    ...line(98, `${project} · ${network} · study of ${study_date}`, 2.5, CAPTION),
  ];
}

/**
 * The bus: one line down to 3.6 mm, else two lines above the rule; a name too long even then is
 * cut before the bus id, which stays.
 */
function titleBlock(label: ArcFlashLabel): TextShape[] {
  const title = printable(label.title);
  const fit = { maxWidth: LABEL_WIDTH_MM - 2 * MARGIN, bold: true, keepEnd: `(${printable(label.bus)})` };
  const one = fitText(title, { ...fit, size: 4.8, minSize: 3.6, maxLines: 1 });
  if (!one.cut) return one.lines.map((line) => text(MARGIN, 36.5, line, one.size, { bold: true }));
  // Two lines sit lower and tighter, clear of the message above and the rule below.
  const two = fitText(title, { ...fit, size: 3.2, minSize: 2.4, maxLines: 2 });
  const step = two.size * 1.15;
  const last = 37.2;
  return two.lines.map((line, i) =>
    text(MARGIN, last - (two.lines.length - 1 - i) * step, line, two.size, { bold: true }),
  );
}

/** The drawing of one label. */
export function layoutArcFlashLabel(label: ArcFlashLabel): LabelDrawing {
  const { word, message } = splitHeader(label.header);
  const columnWidth = LABEL_WIDTH_MM - 2 * MARGIN - COLUMN_GAP - SHOCK_BOX_WIDTH;
  const shapes: Shape[] = [
    {
      kind: "path",
      d: roundedRectPath(0.6, 0.6, LABEL_WIDTH_MM - 1.2, LABEL_HEIGHT_MM - 1.2, 3.2),
      fill: WHITE,
      stroke: BLACK,
      strokeWidth: 0.8,
    },
    ...signalPanel(label, word),
    ...(message
      ? block(
          LABEL_WIDTH_MM / 2,
          28.2,
          message,
          {
            maxWidth: LABEL_WIDTH_MM - 2 * MARGIN,
            size: 5.6,
            minSize: 3.5,
            maxLines: 1,
            bold: true,
          },
          { anchor: "middle" },
        )
      : []),
    ...titleBlock(label),
    { kind: "rect", x: MARGIN, y: 38.6, width: LABEL_WIDTH_MM - 2 * MARGIN, height: 0.25, fill: RULE },
    ...arcFlashColumn(label, MARGIN, columnWidth),
    ...shockColumn(label, MARGIN + columnWidth + COLUMN_GAP),
    ...footer(label),
  ];
  return { width: LABEL_WIDTH_MM, height: LABEL_HEIGHT_MM, shapes };
}
