import { EQUIPMENT_TYPE_KINDS, FIELD_SPECS, networkDocumentSchema, TYPE_FIELDS } from "@ampflux/contracts";
import { ratedSwitchboard } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { typeFields } from "../src/admin/type-fields.ts";
import { missingRatings } from "../src/editor/properties/missing-ratings.ts";

// The properties panel offers every field of every element: a field added to a contract schema
// without a panel entry fails here, naming it.

/** Shown elsewhere: the id in the panel's header, the type in the type picker, a bus's geo as its place. */
const NOT_FIELDS = new Set(["id", "type", "geo"]);

describe("properties panel fields", () => {
  for (const [collection, specs] of Object.entries(FIELD_SPECS)) {
    it(`offers every ${collection} field of the contract`, () => {
      const array = networkDocumentSchema.shape[collection as keyof typeof FIELD_SPECS];
      const element = array.unwrap().element;
      const schemaFields = Object.keys(element.shape).filter((f) => !NOT_FIELDS.has(f));
      const offered = specs.filter((s) => s.kind !== "section").map((s) => s.key);
      expect(schemaFields.filter((f) => !offered.includes(f))).toEqual([]);
      // …and nothing the schema would reject as an unknown field.
      expect(offered.filter((f) => !schemaFields.includes(f))).toEqual([]);
    });
  }

  it("names each field once per collection", () => {
    for (const specs of Object.values(FIELD_SPECS)) {
      const keys = specs.map((s) => s.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe("type library fields", () => {
  for (const kind of EQUIPMENT_TYPE_KINDS) {
    it(`edits every ${kind} type field with the properties panel's spec, each optional`, () => {
      const fields = typeFields(kind);
      expect(fields.map((f) => f.spec.key).sort()).toEqual([...TYPE_FIELDS[kind]].sort());
      for (const { spec } of fields) expect("optional" in spec && spec.optional).toBe(true);
    });
  }

  it("offers a transformer type's on-load tap changer as true, false or unset", () => {
    const oltc = typeFields("transformer").find((f) => f.spec.key === "oltc");
    expect(oltc?.boolean).toBe(true);
    expect(oltc?.spec).toMatchObject({ kind: "enum", options: ["true", "false"], optional: true });
  });
});

describe("missing ratings in the properties panel", () => {
  const [q1] = ratedSwitchboard.switches;
  const [l1] = ratedSwitchboard.lines;
  it("finds none on the rated switchboard's breaker and cable", () => {
    expect(missingRatings("switches", { id: "Q1", ...q1 })).toEqual(new Set());
    expect(missingRatings("lines", { id: "L1", ...l1 })).toEqual(new Set());
  });

  it("asks a switch by its kind (DUTY_CHECKS_BY_KIND): a breaker all three, a fuse breaking only", () => {
    const bare = { id: "Q9", bus: "mv", element: "L1", element_type: "line" };
    expect(missingRatings("switches", bare)).toEqual(new Set(["breaking_ka", "making_ka", "short_time_ka"]));
    expect(missingRatings("switches", { ...bare, kind: "fuse" })).toEqual(new Set(["breaking_ka"]));
    expect(missingRatings("switches", { ...bare, kind: "disconnector" })).toEqual(
      new Set(["making_ka", "short_time_ka"]),
    );
  });

  it("leaves unrated buses, lines and transformers alone until they have a type or a rating", () => {
    expect(missingRatings("buses", { id: "f1", vn_kv: 20 })).toEqual(new Set());
    expect(missingRatings("buses", { id: "f1", vn_kv: 20, short_time_ka: 25 })).toEqual(
      new Set(["peak_withstand_ka"]),
    );
    expect(missingRatings("transformers", { id: "T1", type: "25 MVA 110/20 kV" })).toEqual(
      new Set(["through_fault_ka"]),
    );
    // k comes from conductor and insulation (IEC 60364-4-43 Table 43A) or is given directly.
    expect(missingRatings("lines", { id: "L", conductor: "cu" })).toEqual(
      new Set(["cross_section_mm2", "k_a_s05_mm2", "insulation"]),
    );
    expect(missingRatings("lines", { id: "L", k_a_s05_mm2: 143, cross_section_mm2: 95 })).toEqual(new Set());
  });
});
