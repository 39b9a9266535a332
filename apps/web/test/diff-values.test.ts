import { type BusFaultResult, diffDocuments } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { emptyDocument } from "../src/editor/model/document.ts";
import {
  affectedBuses,
  fieldChanges,
  resultChanges,
  shownValue,
} from "../src/editor/versions/diff-values.ts";

// The version diff in the user's words: each changed field old → new with the panel's label and
// unit, and the fault current at the buses the change touches, before → now.

const version1 = () => {
  const doc = emptyDocument("Plant");
  doc.buses = [
    { id: "B1", vn_kv: 20 },
    { id: "B2", vn_kv: 0.4 },
    { id: "B3", vn_kv: 0.4 },
  ];
  doc.motors = [{ id: "M1", bus: "B2", pn_mech_mw: 0.2 }];
  doc.loads = [{ id: "LD1", bus: "B3", p_mw: 0.1 }];
  return doc;
};

const version2 = () => {
  const doc = version1();
  doc.motors = [{ id: "M1", bus: "B2", pn_mech_mw: 0.4, name: "Pump" }];
  doc.loads = [];
  return doc;
};

const result = (bus: string, ikss: number | null) => ({ bus, ikss_ka: ikss }) as BusFaultResult;

describe("fieldChanges", () => {
  it("gives each changed field old → new with the properties panel's label and unit", () => {
    const changes = fieldChanges(version1(), version2(), "M1", ["name", "pn_mech_mw"]);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ field: "name", before: "–", after: "Pump" });
    expect(changes[1]).toMatchObject({ field: "pn_mech_mw", before: "0.2", after: "0.4" });
    expect(changes[1]?.label).toMatch(/\(MW\)$/);
  });

  it("shows unset as – and nested values as JSON", () => {
    expect(shownValue(undefined)).toBe("–");
    expect(shownValue("")).toBe("–");
    expect(shownValue(0)).toBe("0");
    expect(shownValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe("affectedBuses", () => {
  it("collects the buses of changed, added and removed elements", () => {
    const [before, after] = [version1(), version2()];
    const buses = affectedBuses(diffDocuments(before, after), before, after);
    // M1 changed on B2; LD1 was removed from B3; B1 is untouched.
    expect(buses.sort()).toEqual(["B2", "B3"]);
  });

  it("includes a changed bus itself", () => {
    const after = version1();
    after.buses[0] = { id: "B1", vn_kv: 10 };
    expect(affectedBuses(diffDocuments(version1(), after), version1(), after)).toEqual(["B1"]);
  });
});

describe("resultChanges", () => {
  it("says before → now with the signed change, and – where a bus was not fed", () => {
    const changes = resultChanges(
      ["B2", "B3", "B4"],
      [result("B2", 18.21), result("B3", 5), result("B4", null)],
      [result("B2", 20.5), result("B3", 5), result("B4", 3.2)],
    );
    expect(changes.map((c) => c.text)).toEqual(["18.21 → 20.50 kA (+2.29)", "5.00 → 5.00 kA", "– → 3.20 kA"]);
    expect(resultChanges(["B2"], [result("B2", 9)], [result("B2", 7.5)])[0]?.text).toBe(
      "9.00 → 7.50 kA (−1.50)",
    );
  });
});
