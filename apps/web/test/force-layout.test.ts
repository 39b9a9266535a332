import { readFileSync } from "node:fs";
import { importNetworkFile } from "@ampflux/contracts/importers";
import { describe, expect, it } from "vitest";
import { BUS_BOX_HEIGHT, busLinks, forceLayout, withForceLayout } from "../src/editor/layout/force-layout.ts";
import { type EditorDocument, normalizeDocument } from "../src/editor/model/document.ts";
import { BUS_HEIGHT, widthsOf } from "../src/editor/model/layout.ts";

// The automatic layout of imported networks (d3-force in the editor's layout worker), run here in
// Node on the shared MATPOWER cases (../shared/data/matpower, MATPOWER 7's case118 and the PEGASE
// case1354pegase): every bus gets a position, and no two buses' boxes (the bar, its label and the
// symbols drawn above and below it) overlap, so labels do not overlap at normal zoom.

const matpower = (name: string): EditorDocument => {
  const text = readFileSync(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");
  return normalizeDocument(
    importNetworkFile(`${name}.m`, text, "matpower").document as Record<string, unknown>,
  );
};

interface Box {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The boxes' pairs that overlap, by a sweep along x (n log n; case1354 has 1,354 boxes). */
function overlaps(boxes: Box[]): Array<[string, string]> {
  const sorted = [...boxes].sort((a, b) => a.left - b.left);
  const found: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Box;
    for (let j = i + 1; j < sorted.length && (sorted[j] as Box).left < a.right; j++) {
      const b = sorted[j] as Box;
      if (b.top < a.bottom && a.top < b.bottom) found.push([a.id, b.id]);
    }
  }
  return found;
}

function busBoxes(doc: EditorDocument): Box[] {
  const widths = widthsOf(doc);
  // The box is centred on the bar vertically: symbols hang above and below it.
  const above = (BUS_BOX_HEIGHT - BUS_HEIGHT) / 2;
  return doc.buses.map((b) => {
    const geo = b.geo as { x: number; y: number };
    return {
      id: b.id,
      left: geo.x,
      top: geo.y - above,
      right: geo.x + (widths.get(b.id) ?? 0),
      bottom: geo.y - above + BUS_BOX_HEIGHT,
    };
  });
}

describe("forceLayout", () => {
  for (const name of ["case118", "case1354pegase"]) {
    it(`places every bus of ${name} with no two bus boxes overlapping`, () => {
      const laid = withForceLayout(matpower(name));
      for (const b of laid.buses) expect(b.geo, b.id).toBeDefined();
      expect(overlaps(busBoxes(laid))).toEqual([]);
    }, 120_000);
  }

  it("keeps buses that have a position where they are and places the rest near their neighbours", () => {
    const doc = matpower("case118");
    const fixed = { x: 5_000, y: -3_000 };
    const first = doc.buses[0]?.id as string;
    const pinned = { ...doc, buses: doc.buses.map((b) => (b.id === first ? { ...b, geo: fixed } : b)) };
    const placed = forceLayout(pinned);
    expect(placed.has(first)).toBe(false);
    expect(placed.size).toBe(doc.buses.length - 1);
    // Connected buses end up closer than the drawing's diameter: the springs pull them together.
    const xs = [...placed.values()].map((p) => p.x);
    const diameter = Math.max(...xs) - Math.min(...xs);
    const neighbour = busLinks(pinned).find(([a]) => a === first)?.[1] as string;
    const at = placed.get(neighbour) as { x: number; y: number };
    expect(Math.hypot(at.x - fixed.x, at.y - fixed.y)).toBeLessThan(diameter / 2);
  }, 120_000);

  it("returns nothing to place when every bus already has a position", () => {
    const laid = withForceLayout(matpower("case9"));
    expect(forceLayout(laid).size).toBe(0);
    expect(withForceLayout(laid)).toBe(laid);
  });
});
