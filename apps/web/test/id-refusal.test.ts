import { describe, expect, it } from "vitest";
import { emptyDocument } from "../src/editor/model/document.ts";
import { idRefusal } from "../src/editor/properties/id-refusal.ts";

// Renaming an element: an empty or duplicate id is refused with the reason (it used to revert
// silently), naming the element that already has it.

const doc = () => {
  const d = emptyDocument("Plant");
  d.buses = [
    { id: "B1", name: "Main", vn_kv: 20 },
    { id: "B2", vn_kv: 0.4 },
  ];
  d.lines = [{ id: "L1", from_bus: "B1", to_bus: "B2" }];
  return d;
};

describe("idRefusal", () => {
  it("accepts a free id and the unchanged one", () => {
    expect(idRefusal(doc(), "B2", "B3")).toBeNull();
    expect(idRefusal(doc(), "B2", "B2")).toBeNull();
    expect(idRefusal(doc(), "B2", " B2 ")).toBeNull();
  });

  it("refuses an empty id, saying what it was", () => {
    expect(idRefusal(doc(), "B2", "  ")).toBe("an element needs an id: type one (it was B2)");
  });

  it("refuses an id another element has, naming that element with its kind and name", () => {
    expect(idRefusal(doc(), "B2", "B1")).toBe(
      "B1 is already the id of bus B1 'Main': ids are unique in the network",
    );
    // Unique across collections, not only within one.
    expect(idRefusal(doc(), "B2", "L1")).toMatch(/^L1 is already the id of line L1/);
  });

  it("refuses an id longer than the contract's 200 characters", () => {
    expect(idRefusal(doc(), "B2", "x".repeat(201))).toBe(
      "an id has at most 200 characters (this one has 201)",
    );
  });
});
