import { diffDocuments, validateNetwork } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { searchElements, voltageLevels } from "../src/editor/canvas/DiagramSearch.tsx";
import { type EditorDocument, emptyDocument, sameDocument } from "../src/editor/model/document.ts";
import { documentLayout, withLayout } from "../src/editor/model/layout.ts";
import { editorReducer, initialState } from "../src/editor/model/reducer.ts";

// Positions are part of the network document: the offsets of non-bus symbols live in
// `diagram.offsets`, which the contract validates (limits from NETWORK_RANGES.diagram_position),
// a move changes the document (unsaved, and a version diff shows it), and documents from before
// keep loading. Plus the search and voltage-level helpers of the diagram's find box.

function twoBusNetwork(): EditorDocument {
  const doc = emptyDocument("two buses");
  doc.buses = [
    { id: "B1", name: "Main", vn_kv: 20, geo: { x: 0, y: 0 } },
    { id: "B2", name: "Feeder", vn_kv: 0.4, geo: { x: 400, y: 300 } },
  ];
  doc.external_grids = [{ id: "G1", bus: "B1", s_sc_max_mva: 500, rx_max: 0.1 }];
  return doc;
}

describe("diagram offsets in the document", () => {
  it("are validated by the contract: finite positions within NETWORK_RANGES, strict keys", () => {
    const diagramErrors = (doc: unknown) =>
      validateNetwork(doc)
        .errors.map((e) => e.path.join("."))
        .filter((path) => path.startsWith("diagram"));
    const ok = withLayout(twoBusNetwork(), { G1: { x: 10, y: -104 } });
    expect(diagramErrors(ok)).toEqual([]);
    // 2e9 lies beyond diagram_position's ±1e9.
    expect(diagramErrors({ ...ok, diagram: { offsets: { G1: { x: 2e9, y: 0 } } } })).toEqual([
      "diagram.offsets.G1.x",
    ]);
    expect(diagramErrors({ ...ok, diagram: { offsets: { G1: { x: 1, y: 2, z: 3 } } } })).toEqual([
      "diagram.offsets.G1",
    ]);
  });

  it("makes a move a change: the edit is unsaved and the version diff names the diagram", () => {
    const doc = twoBusNetwork();
    const state = initialState(doc, {}, 1);
    const moved = editorReducer(state, {
      type: "edit",
      update: ({ doc: d, layout }) => ({ doc: d, layout: { ...layout, G1: { x: 40, y: -80 } } }),
    });
    const present = moved.history.present;
    expect(documentLayout(present.doc)).toEqual({ G1: { x: 40, y: -80 } });
    expect(sameDocument(present.doc, moved.savedDoc)).toBe(false);
    expect(diffDocuments(doc, present.doc).properties).toContain("diagram");
    // Undo brings the old drawing back, and with it the saved document.
    const undone = editorReducer(moved, { type: "undo" });
    expect(sameDocument(undone.history.present.doc, moved.savedDoc)).toBe(true);
  });

  it("loads a document without offsets, migrating a layout kept by this browser before", () => {
    const doc = twoBusNetwork();
    expect(documentLayout(doc)).toBeUndefined();
    const state = initialState(doc, { G1: { x: 5, y: 6 } }, 3);
    expect(documentLayout(state.history.present.doc)).toEqual({ G1: { x: 5, y: 6 } });
    // An empty layout adds nothing: documents without moved symbols stay as they were.
    expect(withLayout(doc, {})).toEqual(doc);
  });
});

describe("find box", () => {
  const elements = [
    { id: "1248", name: "", kind: "Bus" },
    { id: "124", name: "North 220", kind: "Bus" },
    { id: "br124", name: "", kind: "Line / cable" },
    { id: "7", name: "Substation 124A", kind: "Bus" },
    { id: "9", name: "Other", kind: "Bus" },
  ];
  it("ranks the exact id first, then ids and names starting with the query, then containing it", () => {
    expect(searchElements(elements, "124").map((m) => m.id)).toEqual(["124", "1248", "7", "br124"]);
    expect(searchElements(elements, "north").map((m) => m.id)).toEqual(["124"]);
    expect(searchElements(elements, "  ")).toEqual([]);
  });
  it("lists the voltage levels highest first, once each", () => {
    expect(voltageLevels([{ vn_kv: 0.4 }, { vn_kv: 220 }, { vn_kv: 0.4 }, { vn_kv: "x" }])).toEqual([
      220, 0.4,
    ]);
  });

  it("tells unsaved changes by content, whatever objects hold it (sameDocument)", () => {
    const doc = twoBusNetwork();
    expect(sameDocument(doc, doc)).toBe(true);
    // A copy parsed from JSON (a kept draft) shares no object with the document.
    expect(sameDocument(JSON.parse(JSON.stringify(doc)) as EditorDocument, doc)).toBe(true);
    const edited = { ...doc, external_grids: [{ ...doc.external_grids[0], s_sc_max_mva: 600 }] };
    expect(sameDocument(edited as EditorDocument, doc)).toBe(false);
    // Typed back to the saved value: a new object, the same content.
    const back = { ...edited, external_grids: [{ ...edited.external_grids[0], s_sc_max_mva: 500 }] };
    expect(sameDocument(back as EditorDocument, doc)).toBe(true);
    expect(sameDocument({ ...doc, buses: doc.buses.slice(0, 1) }, doc)).toBe(false);
    expect(sameDocument({ ...doc, name: "renamed" }, doc)).toBe(false);
    expect(sameDocument({ ...doc, diagram: { offsets: { G1: { x: 1, y: 2 } } } }, doc)).toBe(false);
  });
});
