import { describe, expect, it } from "vitest";
import { countElements, diffDocuments } from "../src/versions.ts";

const before = {
  schema: "ampflux/network@1",
  name: "Plant",
  buses: [
    { id: "b1", vn_kv: 20 },
    { id: "b2", vn_kv: 0.4 },
  ],
  lines: [{ id: "l1", from_bus: "b1", to_bus: "b2", length_km: 1.2 }],
  transformers: [],
};

describe("diffDocuments", () => {
  it("finds added, removed and changed elements by id, with the changed fields", () => {
    const after = {
      ...before,
      name: "Plant B",
      buses: [
        { id: "b1", vn_kv: 20 },
        { id: "b3", vn_kv: 0.4 },
      ],
      lines: [{ to_bus: "b2", from_bus: "b1", id: "l1", length_km: 1.5 }],
    };
    expect(diffDocuments(before, after)).toEqual({
      added: [{ collection: "buses", id: "b3" }],
      removed: [{ collection: "buses", id: "b2" }],
      changed: [{ collection: "lines", id: "l1", fields: ["length_km"] }],
      properties: ["name"],
    });
  });

  it("ignores key order and reports nothing for equal documents", () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : typeof value === "object" && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value;
    const reordered = reverseKeys(before) as typeof before;
    expect(Object.keys(reordered)[0]).toBe("transformers");
    expect(diffDocuments(before, reordered)).toEqual({ added: [], removed: [], changed: [], properties: [] });
  });

  it("treats a collection missing on one side as empty", () => {
    const { lines: _lines, ...withoutLines } = before;
    expect(diffDocuments(withoutLines, before).added).toEqual([{ collection: "lines", id: "l1" }]);
  });
});

describe("countElements", () => {
  it("counts every collection of elements", () => {
    expect(countElements(before)).toEqual({ buses: 2, lines: 1, transformers: 0 });
  });
});
