// The SVG label: a well-formed document (parsed by a strict XML parser) holding the label's
// content as text, in the Z535.4 colours for its signal word.

import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { SAFETY_ORANGE, SAFETY_RED } from "../src/layout/label-layout.ts";
import { renderArcFlashLabelSvg } from "../src/svg.ts";
import { dangerLabel, markupLabel, warningLabel } from "./labels.ts";

/** Parses strictly: any well-formedness error throws (warnings, e.g. on U+FFFD, do not). */
function parse(svg: string) {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (!root) throw new Error("no root element");
  const texts = Array.from(root.getElementsByTagName("text")).map((t) => t.textContent ?? "");
  return { root, texts, all: texts.join("\n") };
}

describe("renderArcFlashLabelSvg", () => {
  it("writes a well-formed SVG with every part of a WARNING label", () => {
    const { root, texts, all } = parse(renderArcFlashLabelSvg(warningLabel));
    expect(root.tagName).toBe("svg");
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(root.getAttribute("viewBox")).toBe("0 0 152.4 101.6");
    expect(texts).toContain("WARNING");
    expect(texts).toContain("Arc flash and shock hazard");
    expect(texts).toContain("Main switchboard MSB-1 (B12)");
    // 34.7 J/cm² / 4.184 = 8.2935 cal/cm² (fixture), two decimals below 10 cal/cm².
    expect(texts).toContain("8.29 cal/cm²");
    expect(texts).toContain("34.7 J/cm²");
    expect(texts).toContain("Incident energy at 457 mm working distance");
    expect(texts).toContain("1234 mm");
    expect(all).toContain("PPE category 3 (arc rating ≥ 25 cal/cm²)");
    // 480 V: NFPA 70E Table 130.4(E)(a) row 151–750 V, limited 1.0 m (fixed part), restricted 0.3 m.
    expect(texts).toEqual(expect.arrayContaining(["480 V", "1000 mm", "300 mm"]));
    expect(texts).toContain("Equipment: panelboard, VCB, gap 25 mm");
    expect(texts).toContain("Basis: reduced arcing current, cleared by Q1 in 319 ms");
    expect(texts).toContain("Plant A · Main site v12 · study of 2026-11-30");
  });

  it("paints the WARNING panel safety orange with black text and the DANGER panel safety red with white", () => {
    const panel = (svg: string) => {
      const { root } = parse(svg);
      const paths = Array.from(root.getElementsByTagName("path")) as Element[];
      const word = Array.from(root.getElementsByTagName("text")).find((t) =>
        /^(WARNING|DANGER)$/.test(t.textContent ?? ""),
      );
      return {
        fill: paths[1]?.getAttribute("fill"),
        word: word?.textContent,
        ink: word?.getAttribute("fill"),
      };
    };
    expect(panel(renderArcFlashLabelSvg(warningLabel))).toEqual({
      fill: SAFETY_ORANGE,
      word: "WARNING",
      ink: "#000000",
    });
    expect(panel(renderArcFlashLabelSvg(dangerLabel))).toEqual({
      fill: SAFETY_RED,
      word: "DANGER",
      ink: "#FFFFFF",
    });
    const { texts, all } = parse(renderArcFlashLabelSvg(dangerLabel));
    // 250.3 J/cm² / 4.184 = 59.82 cal/cm², one decimal from 10 cal/cm².
    expect(texts).toEqual(
      expect.arrayContaining(["59.8 cal/cm²", "250.3 J/cm²", "9876 mm", "4.16 kV", "1500 mm", "700 mm"]),
    );
    expect(all).toContain("no PPE category");
  });

  it("escapes markup in names and replaces characters XML cannot hold", () => {
    const svg = renderArcFlashLabelSvg(markupLabel);
    expect(svg).toContain("&lt;A&amp;B&gt; (B9)");
    expect(svg).not.toContain("<A&B>");
    expect(svg).not.toContain("\u0007");
    const { texts, root } = parse(svg);
    expect(texts).toContain("<A&B> (B9)");
    expect(texts).toContain(`"Plant" 'A' \ufffd & co · Main site v12 · study of 2026-11-30`);
    expect(root.getElementsByTagName("title")[0]?.textContent).toBe(
      "WARNING — Arc flash and shock hazard: <A&B> (B9)",
    );
  });

  it("is checked by a parser that refuses unescaped markup", () => {
    expect(() => parse('<svg xmlns="http://www.w3.org/2000/svg"><text><A&B></text></svg>')).toThrow();
  });

  it("prints at the requested width, keeping the 3:2 shape", () => {
    const { root } = parse(renderArcFlashLabelSvg(warningLabel, { size: 101.6 }));
    expect(root.getAttribute("width")).toBe("101.6mm");
    expect(Number.parseFloat(root.getAttribute("height") ?? "")).toBeCloseTo(67.733, 3);
    expect(() => renderArcFlashLabelSvg(warningLabel, { size: 0 })).toThrow(
      /size: 0 is not a positive width/,
    );
  });
});
