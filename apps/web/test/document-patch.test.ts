import { describe, expect, it } from "vitest";
import { type EditorDocument, emptyDocument } from "../src/editor/model/document.ts";
import { applyDocumentPatch, documentPatch } from "../src/results/document-patch.ts";

// The engine worker is sent what changed since the document it holds (results/document-patch.ts):
// whatever the edit, the worker's copy must equal the editor's document.

function network(buses: number): EditorDocument {
  const doc = emptyDocument("grid");
  doc.buses = Array.from({ length: buses }, (_, i) => ({ id: `B${i}`, vn_kv: 20 }));
  doc.lines = Array.from({ length: buses - 1 }, (_, i) => ({
    id: `L${i}`,
    from_bus: `B${i}`,
    to_bus: `B${i + 1}`,
    length_km: 1,
  }));
  doc.external_grids = [{ id: "G1", bus: "B0", s_sc_max_mva: 500, rx_max: 0.1 }];
  return doc;
}

/** Sends `docs` one after another, as the worker hook does, and returns the patches. */
function send(docs: EditorDocument[]) {
  let sent: EditorDocument | null = null;
  let held: EditorDocument | null = null;
  const patches = docs.map((doc) => {
    const patch = documentPatch(sent, doc);
    // Across the structured clone, as postMessage copies it.
    held = applyDocumentPatch(held, structuredClone(patch));
    sent = doc;
    expect(held).toEqual(doc);
    return patch;
  });
  return { patches, held };
}

describe("document patches to the engine worker", () => {
  it("sends the first document whole, then one edited element alone", () => {
    const doc = network(50);
    const edited = { ...doc, external_grids: [{ ...doc.external_grids[0], s_sc_max_mva: 2500 }] };
    const line = {
      ...(edited as EditorDocument),
      lines: doc.lines.map((l, i) => (i === 7 ? { ...l, length_km: 3 } : l)),
    };
    const { patches } = send([doc, edited as EditorDocument, line]);
    expect(patches[0]?.incremental).toBe(false);
    expect(patches[1]).toEqual({
      incremental: true,
      fields: {},
      removed: [],
      elements: [["external_grids", 0, { id: "G1", bus: "B0", s_sc_max_mva: 2500, rx_max: 0.1 }]],
    });
    expect(patches[2]?.elements.map(([c, i]) => [c, i])).toEqual([["lines", 7]]);
  });

  it("sends a collection that grew, shrank or mostly changed whole, and the changed fields", () => {
    const doc = network(20);
    const added = { ...doc, buses: [...doc.buses, { id: "B99", vn_kv: 0.4 }] };
    const removed = { ...added, lines: added.lines.slice(1) };
    const renamed = { ...removed, name: "renamed", buses: removed.buses.map((b) => ({ ...b, vn_kv: 10 })) };
    const { diagram: _none, ...withoutDiagram } = {
      ...renamed,
      diagram: { offsets: { G1: { x: 1, y: 2 } } },
    };
    const drawn = { ...renamed, diagram: { offsets: { G1: { x: 1, y: 2 } } } };
    const { patches } = send([doc, added, removed, renamed, drawn, withoutDiagram as EditorDocument]);
    expect(Object.keys(patches[1]?.fields ?? {})).toEqual(["buses"]);
    expect(Object.keys(patches[2]?.fields ?? {})).toEqual(["lines"]);
    expect(Object.keys(patches[3]?.fields ?? {}).sort()).toEqual(["buses", "name"]);
    expect(patches[3]?.elements).toEqual([]);
    expect(Object.keys(patches[4]?.fields ?? {})).toEqual(["diagram"]);
    expect(patches[5]?.removed).toEqual(["diagram"]);
  });

  it("leaves the worker's previous document as it was", () => {
    const doc = network(5);
    const first = applyDocumentPatch(null, documentPatch(null, doc));
    const edited = { ...doc, lines: doc.lines.map((l, i) => (i === 0 ? { ...l, length_km: 9 } : l)) };
    const second = applyDocumentPatch(first, documentPatch(doc, edited));
    expect(first.lines[0]?.length_km).toBe(1);
    expect(second.lines[0]?.length_km).toBe(9);
    expect(() => applyDocumentPatch(null, documentPatch(doc, edited))).toThrow(/without a previous/);
  });
});
