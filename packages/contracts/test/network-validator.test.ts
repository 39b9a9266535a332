// NetworkValidator (src/network/network-validator.ts) checks again only the elements an edit
// changed. It must answer exactly as validateNetwork does on the same document: the same
// document (defaults and type values filled in, keys in order), errors and warnings, in order.
// Here a seeded random walk of editor-like edits on case118 — valid values, refused values,
// unknown buses, duplicate ids, known and unknown types, undo — is validated both ways.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importMatpower } from "../src/importers/index.ts";
import { documentChanges, NetworkValidator, TypeLibrary, validateNetwork } from "../src/index.ts";
import { mulberry32 as random } from "../src/testing/random.ts";

const imported = importMatpower(
  readFileSync(new URL("../../../../shared/data/matpower/case118.m", import.meta.url), "utf8"),
).document;
const case118 = imported as unknown as Record<string, unknown>;

type Doc = Record<string, unknown>;

/** The document with element `index` of `collection` replaced (a new object, as the editor does). */
function edit(doc: Doc, collection: string, index: number, change: Record<string, unknown>): Doc {
  const rows = doc[collection] as Array<Record<string, unknown>>;
  return { ...doc, [collection]: rows.map((row, i) => (i === index ? { ...row, ...change } : row)) };
}

const EDITS: Array<(doc: Doc, pick: (n: number) => number) => Doc> = [
  (doc, pick) => edit(doc, "lines", pick(imported.lines.length), { length_km: 1 + pick(50) }),
  (doc, pick) => edit(doc, "lines", pick(imported.lines.length), { length_km: -1 }),
  (doc, pick) => edit(doc, "buses", pick(imported.buses.length), { vn_kv: 0 }),
  (doc, pick) => edit(doc, "buses", pick(imported.buses.length), { vn_kv: 138 }),
  (doc, pick) => edit(doc, "lines", pick(imported.lines.length), { to_bus: "no such bus" }),
  (doc, pick) => edit(doc, "generators", pick(imported.generators.length), { id: "1" }),
  (doc, pick) => edit(doc, "lines", pick(imported.lines.length), { type: "NA2XS2Y 1x95 RM/25 12/20 kV" }),
  (doc, pick) => edit(doc, "lines", pick(imported.lines.length), { type: "a type nobody has" }),
  (doc, pick) => edit(doc, "transformers", pick(imported.transformers.length), { vn_lv_kv: 50 }),
  (doc, pick) => edit(doc, "loads", pick(imported.loads.length), { p_mw: 12.5 }),
  (doc) => ({ ...doc, name: "renamed" }),
  (doc, pick) => ({
    ...doc,
    buses: (doc.buses as unknown[]).slice(0, (doc.buses as unknown[]).length - pick(2)),
  }),
];

const json = (value: unknown) => JSON.stringify(value);

describe("NetworkValidator", () => {
  it("answers as validateNetwork after every edit of a random walk on case118", () => {
    const validator = new NetworkValidator();
    const library = new TypeLibrary();
    const next = random(118);
    const pick = (n: number) => Math.floor(next() * n);
    const history: Doc[] = [case118];
    let doc: Doc = case118;
    for (let step = 0; step < 120; step++) {
      const r = next();
      // Now and then an undo: back to an earlier document object.
      doc =
        r < 0.15 && history.length > 1
          ? (history[pick(history.length)] as Doc)
          : (EDITS[pick(EDITS.length)] as (typeof EDITS)[number])(doc, pick);
      history.push(doc);
      const answer = validator.validate(doc, library);
      const expected = validateNetwork(doc, library);
      expect(json(answer), `step ${step}`).toBe(json(expected));
    }
  });

  it("refuses unknown types where asked to, as validateNetwork does", () => {
    const validator = new NetworkValidator();
    validator.validate(case118, undefined, { unknownTypes: "error" });
    const typed = edit(case118, "lines", 3, { type: "a type nobody has" });
    const answer = validator.validate(typed, undefined, { unknownTypes: "error" });
    expect(answer.ok).toBe(false);
    expect(json(answer)).toBe(json(validateNetwork(typed, undefined, { unknownTypes: "error" })));
  });

  it("parses only the changed element, leaving the validation it answered before as it was", () => {
    const validator = new NetworkValidator();
    const first = validator.validate(case118);
    const before = json(first);
    const second = validator.validate(edit(case118, "loads", 0, { p_mw: 99 }));
    expect(second.document?.loads[0]?.p_mw).toBe(99);
    // Not parsed again: the unchanged collections are the first answer's own arrays.
    expect(second.document?.buses).toBe(first.document?.buses);
    expect(second.document?.loads[1]).toBe(first.document?.loads[1]);
    expect(json(first)).toBe(before);
  });
});

describe("documentChanges", () => {
  it("finds by identity the replaced elements, the resized collections and the other changed fields", () => {
    const edited = edit(case118, "loads", 2, { p_mw: 1 });
    expect(documentChanges(case118, edited)).toEqual({
      fields: [],
      collections: [],
      elements: [["loads", 2]],
    });
    // An equal copy of an element is still a change: nothing is compared by value.
    const copied = edit(case118, "buses", 0, {});
    expect(documentChanges(case118, copied).elements).toEqual([["buses", 0]]);
    // The name removed, a field added, a collection shortened.
    const { name: _name, ...withoutName } = case118;
    const resized = { ...withoutName, lines: (case118.lines as unknown[]).slice(1), extra: 1 };
    expect(documentChanges(case118, resized)).toEqual({
      fields: ["name", "extra"],
      collections: ["lines"],
      elements: [],
    });
    expect(documentChanges(case118, { ...case118 })).toEqual({ fields: [], collections: [], elements: [] });
  });
});
