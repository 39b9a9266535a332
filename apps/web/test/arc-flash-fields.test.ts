import {
  NETWORK_SCHEMA_ID,
  PROTECTION_FIELDS,
  switchProtectionSchema,
  validateNetwork,
} from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { normalizeDocument } from "../src/editor/model/document.ts";
import { arcFlashUnsetTexts } from "../src/editor/properties/arc-flash-fields.ts";
import { changeAt, nestedIssues, valueAt, withValueAt } from "../src/editor/properties/nested.ts";
import { formatCurvePoints, parseCurvePoints } from "../src/editor/properties/protection-fields.ts";

// The properties panel's arc-flash and protection fields: typical values shown for what is left
// empty, nested values edited by dotted keys, and the curve points' text form.

describe("a bus's empty arc-flash fields", () => {
  it("show IEEE 1584-2018's typical values for 480 V switchgear (Table 8 gap 32 mm, Table 10 distance 609.6 mm)", () => {
    const { unset, hints } = arcFlashUnsetTexts(undefined, 0.48);
    expect(unset.get("arc_flash.equipment")).toBe("switchgear (default)");
    expect(unset.get("arc_flash.config")).toBe("VCB (default)");
    expect(unset.get("arc_flash.gap_mm")).toBe("32 (default)");
    expect(unset.get("arc_flash.distance_mm")).toBe("609.6 (default)");
    expect(unset.get("arc_flash.height_mm")).toBe("508 (default)");
    expect(hints.get("arc_flash.gap_mm")).toBe("defaulted: 32 mm, IEEE 1584-2018 Table 8 (LV switchgear)");
    expect(hints.get("arc_flash.distance_mm")).toBe(
      "defaulted: 609.6 mm, IEEE 1584-2018 Table 10 (LV switchgear)",
    );
  });

  it("follow the equipment and voltage typed: a 4.16 kV MCC has a 104 mm gap (Table 8, 5 kV class)", () => {
    const { unset } = arcFlashUnsetTexts({ equipment: "mcc", gap_mm: 90 }, 4.16);
    // A value the engineer gave is no default: the field shows it, not a placeholder.
    expect(unset.has("arc_flash.gap_mm")).toBe(false);
    expect(unset.get("arc_flash.width_mm")).toBe("660.4 (default)");
  });

  it("say when a value has no typical one, and that open air has no enclosure", () => {
    const air = arcFlashUnsetTexts({ equipment: "open_air" }, 13.8);
    expect(air.unset.get("arc_flash.config")).toBe("VOA (default)");
    expect(air.unset.get("arc_flash.gap_mm")).toBe("no typical value");
    expect(air.hints.get("arc_flash.gap_mm")).toBe("no typical value for open air at 13.8 kV: enter it");
    expect(air.unset.get("arc_flash.depth_mm")).toBe("not used in open air");
  });

  it("read a refused value as unset (its message shows beside it) and ask for Un first", () => {
    expect(arcFlashUnsetTexts({ gap_mm: -3 }, 0.48).unset.get("arc_flash.gap_mm")).toBe("32 (default)");
    expect(arcFlashUnsetTexts(undefined, undefined).unset.get("arc_flash.gap_mm")).toBe("needs the bus's Un");
  });
});

describe("nested fields", () => {
  const q1 = { id: "Q1", protection: { inverse: { curve: "IEC_SI", pickup_ka: 1.2, tms: 0.1 } } };

  it("reads and writes by dotted key", () => {
    expect(valueAt(q1, "protection.inverse.tms")).toBe(0.1);
    expect(valueAt(q1, "protection.definite.delay_ms")).toBeUndefined();
    expect(changeAt(q1, "protection.instantaneous.pickup_ka", 8)).toEqual({
      field: "protection",
      value: { inverse: q1.protection.inverse, instantaneous: { pickup_ka: 8 } },
    });
    // The element is not changed in place (undo keeps the old one).
    expect(q1.protection).not.toHaveProperty("instantaneous");
  });

  it("removes a stage whose last field is cleared, and the protection with its last stage", () => {
    const one = { definite: { pickup_ka: 2 } };
    expect(withValueAt(one, ["definite", "pickup_ka"], undefined)).toBeUndefined();
    expect(changeAt({ id: "B1", arc_flash: { gap_mm: 25 } }, "arc_flash.gap_mm", undefined)).toEqual({
      field: "arc_flash",
      value: undefined,
    });
  });

  it("sorts validation messages to the fields they name, a point's to the points", () => {
    const doc = normalizeDocument({
      schema: NETWORK_SCHEMA_ID,
      name: "n",
      frequency_hz: 50,
      buses: [
        { id: "B1", vn_kv: 0.48 },
        { id: "B2", vn_kv: 0.48 },
      ],
      switches: [
        {
          id: "Q1",
          bus: "B1",
          element: "B2",
          element_type: "bus",
          protection: { inverse: { curve: "IEC_SI", tms: -1 } },
        },
        { id: "Q2", bus: "B1", element: "B2", element_type: "bus", protection: {} },
        {
          id: "Q3",
          bus: "B1",
          element: "B2",
          element_type: "bus",
          protection: {
            points: [
              [1, 100],
              [0.5, 50],
            ],
          },
        },
      ],
    });
    const validation = validateNetwork(doc);
    const keys = PROTECTION_FIELDS.filter((s) => s.kind !== "section").map((s) => s.key);
    const all = [...keys, "protection.points"];
    const q1Issues = nestedIssues(validation, "switches", 0, "protection", all);
    expect([...q1Issues.errors.keys()].sort()).toEqual([
      "protection.inverse.pickup_ka",
      "protection.inverse.tms",
    ]);
    const q3Issues = nestedIssues(validation, "switches", 2, "protection", all);
    // The second point's current (path points.1.0) goes to the points' text area.
    expect(q3Issues.errors.get("protection.points")).toEqual(["currents must increase"]);
    const q2Issues = nestedIssues(validation, "switches", 1, "protection", keys);
    expect(q2Issues.general).toEqual([
      "needs clearing_time_ms, a relay stage (inverse, definite, instantaneous) or curve points",
    ]);
  });
});

describe("curve points as text", () => {
  it('reads "kA ms" per line, skipping blank lines, with spaces, commas or semicolons', () => {
    const parsed = parseCurvePoints("2 1000\n\n 5, 200\n10;40\n");
    expect(parsed).toEqual({
      points: [
        [2, 1000],
        [5, 200],
        [10, 40],
      ],
    });
    if (!("points" in parsed) || !parsed.points) throw new Error("no points");
    expect(switchProtectionSchema.safeParse({ points: parsed.points }).success).toBe(true);
    expect(formatCurvePoints(parsed.points)).toBe("2 1000\n5 200\n10 40");
  });

  it("names a line that is not two numbers, and reads an empty text as no points", () => {
    expect(parseCurvePoints("2 1000\n5 ms")).toEqual({
      problem: 'line 2: enter a current in kA and a time in ms, e.g. "10 200"',
    });
    expect(parseCurvePoints("1 2 3")).toHaveProperty("problem");
    expect(parseCurvePoints("  \n")).toEqual({ points: undefined });
  });
});
