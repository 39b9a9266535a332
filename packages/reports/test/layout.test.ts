// The layout: DejaVu widths taken from the font itself, text fitted into its box, and every line
// of every label inside the label whatever the names' lengths.

import { readFileSync } from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { LABEL_HEIGHT_MM, LABEL_WIDTH_MM, layoutArcFlashLabel } from "../src/layout/label-layout.ts";
import { fitText, printable, textWidth } from "../src/layout/measure.ts";
import type { TextShape } from "../src/layout/shapes.ts";
import { LABEL_FONT_FILES } from "../src/node.ts";
import { dangerLabel, labelFor, markupLabel, warningLabel } from "./labels.ts";

describe("textWidth", () => {
  it("agrees with the advance widths in the font files (fontkit, no kerning nor ligatures)", () => {
    const sample = "Main switchboard MSB-1 (B12): 8.29 cal/cm² ≥ 25 — Ångström Łódź";
    for (const [file, bold] of [
      [LABEL_FONT_FILES.regular, false],
      [LABEL_FONT_FILES.bold, true],
    ] as const) {
      const font = fontkit.create(readFileSync(file));
      const run = font.layout(sample, { kern: false, liga: false });
      expect(textWidth(sample, 10, bold)).toBeCloseTo((run.advanceWidth / font.unitsPerEm) * 10, 6);
    }
  });

  it("measures characters outside its table no narrower than a capital M", () => {
    expect(textWidth("配電盤", 10, false)).toBe(30);
    expect(textWidth("\u{1F50C}", 10, false)).toBeCloseTo(textWidth("M", 10, false));
  });
});

describe("fitText", () => {
  const request = { maxWidth: 50, size: 4, minSize: 2, bold: false, maxLines: 2 };

  it("keeps short text on one line at the preferred size", () => {
    expect(fitText("Bus 1", request)).toEqual({ lines: ["Bus 1"], size: 4, cut: false });
  });

  it("wraps, then shrinks, and only cuts at the smallest size", () => {
    const wrapped = fitText("reduced arcing current, cleared by Q1 in 319 ms", request);
    expect(wrapped.size).toBe(4);
    expect(wrapped.lines.length).toBe(2);
    const shrunk = fitText("reduced arcing current, cleared by Q1, Q2, Q3 and Q4 in 319 ms", request);
    expect(shrunk.size).toBeLessThan(4);
    expect(shrunk.cut).toBe(false);
    expect(shrunk.lines.join(" ")).toBe("reduced arcing current, cleared by Q1, Q2, Q3 and Q4 in 319 ms");
    const cut = fitText("x".repeat(400), request);
    expect(cut).toMatchObject({ size: 2, cut: true });
    expect(cut.lines.at(-1)?.endsWith("…")).toBe(true);
    for (const { lines, size } of [wrapped, shrunk, cut]) {
      for (const line of lines) expect(textWidth(line, size, false)).toBeLessThanOrEqual(50);
    }
  });
});

describe("printable", () => {
  it("turns line breaks into spaces and control characters into U+FFFD", () => {
    // U+0085 (NEL) is a C1 control, not JavaScript white space.
    expect(printable("  Bus\n 1\u0000\u0085x\t")).toBe("Bus 1\ufffd\ufffdx");
  });
});

describe("layoutArcFlashLabel", () => {
  const long = "Switchboard of the north compressor house, feeder section 3, incomer from transformer T-14";
  const labels = {
    warning: warningLabel,
    danger: dangerLabel,
    markup: markupLabel,
    "long name": labelFor("B-north-3", 60, long),
    "unbroken name": labelFor("B1", 60, "X".repeat(300)),
  };

  it.each(Object.entries(labels))("keeps every line of the %s label inside the label", (_, label) => {
    const texts = layoutArcFlashLabel(label).shapes.filter((s): s is TextShape => s.kind === "text");
    for (const t of texts) {
      const width = textWidth(t.text, t.size, t.bold);
      const left = t.anchor === "start" ? t.x : t.anchor === "middle" ? t.x - width / 2 : t.x - width;
      expect(left, t.text).toBeGreaterThanOrEqual(2);
      expect(left + width, t.text).toBeLessThanOrEqual(LABEL_WIDTH_MM - 2);
      expect(t.y, t.text).toBeLessThanOrEqual(LABEL_HEIGHT_MM - 2);
    }
  });

  const titleLines = (label: (typeof labels)[keyof typeof labels]) =>
    layoutArcFlashLabel(label).shapes.filter(
      (s): s is TextShape => s.kind === "text" && s.bold && s.y > 29 && s.y < 38.6,
    );

  it("puts a long bus name on two smaller lines instead of leaving part of it out", () => {
    const lines = titleLines(labels["long name"]);
    expect(lines.map((l) => l.text).join(" ")).toBe(`${long} (B-north-3)`);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.size).toBeLessThan(4.8);
  });

  it("cuts a name too long for two lines before the bus id, which stays", () => {
    const lines = titleLines(labels["unbroken name"]);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.text.endsWith("X… (B1)")).toBe(true);
  });
});
