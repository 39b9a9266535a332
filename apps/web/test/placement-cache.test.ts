import { describe, expect, it } from "vitest";
import { noDecorations, toFlow } from "../src/editor/canvas/to-flow.ts";
import type { Decorations } from "../src/editor/canvas/types.ts";
import { type EditorDocument, emptyDocument, updateElement } from "../src/editor/model/document.ts";
import { busConnections, elementPositions } from "../src/editor/model/layout.ts";

// Element positions and bus connection counts are derived from where things are placed; an edit
// of a value (Sk''max, a name) keeps the placement, so the previous document's positions are
// handed on instead of computed again (27,000 elements on case13659pegase), while a reconnection
// or a moved bus computes them anew.

function network(): EditorDocument {
  const doc = emptyDocument("placement");
  doc.buses = [
    { id: "B1", vn_kv: 20, geo: { x: 0, y: 0 } },
    { id: "B2", vn_kv: 20, geo: { x: 600, y: 400 } },
  ];
  doc.external_grids = [{ id: "G1", bus: "B1", s_sc_max_mva: 500, rx_max: 0.1 }];
  doc.loads = [{ id: "L1", bus: "B1", p_mw: 1 }];
  return doc;
}

describe("positions of a document placed like the previous one", () => {
  it("are the previous ones after an edit of a value", () => {
    const layout = {};
    const before = network();
    const positions = elementPositions(before, layout);
    const counts = busConnections(before);
    const edited = updateElement(before, "G1", { s_sc_max_mva: 2500 });
    expect(edited).not.toBe(before);
    expect(elementPositions(edited, layout)).toBe(positions);
    expect(busConnections(edited)).toBe(counts);
  });

  it("are computed again when an element is connected elsewhere or a bus moves", () => {
    const layout = {};
    const before = network();
    const positions = elementPositions(before, layout);
    const reconnected = updateElement(before, "L1", { bus: "B2" });
    const after = elementPositions(reconnected, layout);
    expect(after).not.toBe(positions);
    // The load now hangs below B2, 400 further down than below B1.
    expect((after.get("L1")?.y ?? 0) - (positions.get("L1")?.y ?? 0)).toBe(400);
    expect(busConnections(reconnected).get("B2")).toBe(1);

    const moved = updateElement(before, "B1", { geo: { x: 100, y: 0 } });
    elementPositions(reconnected, layout);
    expect(elementPositions(moved, layout).get("G1")?.x).toBe((positions.get("G1")?.x ?? 0) + 100);
  });

  it("are per layout: a moved symbol's offset is applied", () => {
    const doc = network();
    const plain = elementPositions(doc, {});
    const offset = elementPositions(doc, { L1: { x: 0, y: 0 } });
    expect(offset).not.toBe(plain);
    expect(offset.get("G1")).toEqual(plain.get("G1"));
  });
});

/** Decorations with the given Ik'' per bus (a new badge object per call, as diagramDecorations makes). */
function decorations(ikss: Record<string, number>): Decorations {
  return {
    ...noDecorations(),
    results: new Map(Object.entries(ikss).map(([bus, ka]) => [bus, { ikssKa: ka, colour: "#000" }])),
  };
}

describe("the diagram's nodes after an edit or new results", () => {
  it("are the previous node objects where nothing they show changed", () => {
    const layout = {};
    const doc = network();
    const first = toFlow(doc, layout, decorations({ B1: 10, B2: 5 }));
    // New results, equal at B1: only B2's node is new; the grid, the load and the wires stay.
    const second = toFlow(doc, layout, decorations({ B1: 10, B2: 6 }));
    const byId = (flow: typeof first) => new Map(flow.nodes.map((n) => [n.id, n]));
    expect(byId(second).get("B1")).toBe(byId(first).get("B1"));
    expect(byId(second).get("B2")).not.toBe(byId(first).get("B2"));
    expect(byId(second).get("B2")?.data).toMatchObject({ result: { ikssKa: 6 } });
    expect(byId(second).get("G1")).toBe(byId(first).get("G1"));
    expect(second.edges).toEqual(first.edges);
    expect(second.edges[0]).toBe(first.edges[0]);
    // An edited grid is a new element object: its node is built again, with the new rating.
    const edited = updateElement(doc, "G1", { s_sc_max_mva: 2500 });
    const third = toFlow(edited, layout, decorations({ B1: 10, B2: 6 }));
    expect(byId(third).get("G1")).not.toBe(byId(second).get("G1"));
    expect(byId(third).get("G1")?.data).toMatchObject({ rating: "2500 MVA" });
    expect(byId(third).get("L1")).toBe(byId(second).get("L1"));
  });
});
