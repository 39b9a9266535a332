// The api's, CLI's and web's error messages name a field by the properties panel's label and
// unit — FIELD_SPECS, one definition — never by its JSON key (issue 23).

import { describe, expect, it } from "vitest";
import {
  describeInputIssue,
  ELEMENT_COLLECTIONS,
  ELEMENT_KIND_NAMES,
  FIELD_SPECS,
  fieldLabel,
  NESTED_FIELD_SPECS,
  unitOfField,
} from "../src/index.ts";

describe("field labels in error messages", () => {
  it("words every field the panel lists by its label and unit, wherever the document sits in the input", () => {
    for (const collection of ELEMENT_COLLECTIONS) {
      for (const spec of FIELD_SPECS[collection]) {
        if (spec.kind === "section" || spec.key.includes(".")) continue;
        // The panel's unit, or the one the key's suffix names (lrc_pu → p.u.).
        const unit = (spec.kind === "number" ? spec.unit : undefined) ?? unitOfField(spec.key);
        const label = unit ? `${spec.label} (${unit})` : spec.label;
        const input = { document: { [collection]: [{ id: "E1", name: "Main" }] } };
        const issue = { path: ["document", collection, 0, spec.key], message: "is wrong" };
        expect(describeInputIssue(issue, input)).toBe(
          `${ELEMENT_KIND_NAMES[collection]} E1 'Main': ${label}: is wrong`,
        );
      }
    }
  });

  it("the bus's nominal voltage, a line's length: the labels people read in the panel", () => {
    expect(fieldLabel("buses", ["vn_kv"])).toBe("Nominal voltage Un (kV)");
    expect(fieldLabel("lines", ["length_km"])).toBe("Length (km)");
    const input = { buses: [{ id: "B3", vn_kv: 0 }] };
    expect(describeInputIssue({ path: ["buses", 0, "vn_kv"], message: "must be > 0.001" }, input)).toBe(
      "bus B3: Nominal voltage Un (kV): must be > 0.001",
    );
  });

  it("names a field inside an object field after that field's label and its section", () => {
    expect(fieldLabel("buses", ["arc_flash", "gap_mm"])).toBe(
      "Arc flash (IEEE 1584-2018) › Conductor gap G (mm)",
    );
    expect(fieldLabel("switches", ["protection", "clearing_time_ms"])).toBe(
      "Protection (arc duration) › Fixed clearing time (ms)",
    );
    expect(fieldLabel("switches", ["protection", "definite", "delay_ms"])).toBe(
      "Protection (arc duration) › Definite-time stage › Delay (ms)",
    );
    expect(fieldLabel("switches", ["protection", "instantaneous", "delay_ms"])).toBe(
      "Protection (arc duration) › Instantaneous stage › Delay (ms)",
    );
  });

  it("words every nested field the panel lists", () => {
    for (const [collection, specs] of Object.entries(NESTED_FIELD_SPECS)) {
      for (const spec of specs ?? []) {
        if (spec.kind === "section") continue;
        const label = fieldLabel(collection, spec.key.split("."));
        expect(label).toContain(` › ${spec.label}`);
        expect(label).not.toContain(spec.key);
      }
    }
  });

  it("falls back to the path with its unit where the panel has no label of its own", () => {
    // Curve points (a text area of "kA ms" pairs) and keys outside the schema.
    expect(fieldLabel("switches", ["protection", "points", 2, 1])).toBe("protection.points.2.1");
    expect(fieldLabel("buses", ["colour"])).toBe("colour");
    expect(fieldLabel("buses", ["arc_flash", "nowhere_mm"])).toBe("arc_flash.nowhere_mm (mm)");
    // Not an element: the path as it is.
    expect(describeInputIssue({ path: ["projectId"], message: "Invalid UUID" }, {})).toBe(
      "projectId: Invalid UUID",
    );
  });
});
