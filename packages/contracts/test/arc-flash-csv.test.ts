import { describe, expect, it } from "vitest";
import {
  ARC_FLASH_CSV_COLUMNS,
  type ArcFlashResult,
  arcFlashCsvRows,
  arcFlashInputs,
  validateNetwork,
  writeCsv,
} from "../src/index.ts";
import { annexD2Result, arcFlashPlant } from "../src/testing/index.ts";

/** Annex D.2's row with two devices (one that does not trip), defaulted values and a note. */
const row = (over: Partial<ArcFlashResult> = {}): ArcFlashResult => ({
  ...annexD2Result,
  devices: [
    { switch: "F2", via: "set", current_ka: 3.5, current_min_ka: 2.9, time_ms: 61.3, time_min_ms: 319 },
    { switch: "Q9", via: "found", current_ka: 0.2, current_min_ka: 0.1, time_ms: null, time_min_ms: null },
  ],
  defaulted: ["equipment: switchgear (no equipment class given)", "config: VCB (enclosed equipment)"],
  notes: ["duration capped at 2 s"],
  ...over,
});

describe("arc-flash CSV (ARC_FLASH_CSV_COLUMNS, arcFlashCsvRows)", () => {
  it("has one column per scalar result field and joins the lists into one field each", () => {
    const [csvRow] = arcFlashCsvRows([row()]);
    expect(csvRow?.devices).toBe("F2 (set, 3.500 kA, 61.30 ms); Q9 (found, 0.2000 kA, no trip)");
    expect(csvRow?.defaulted).toBe(
      "equipment: switchgear (no equipment class given); config: VCB (enclosed equipment)",
    );
    expect(csvRow?.notes).toBe("duration capped at 2 s");
    // Every field of a result is a column, nothing more.
    expect([...ARC_FLASH_CSV_COLUMNS].sort()).toEqual(Object.keys(row()).sort());
  });

  it("writes quoted fields for commas and empty cells for missing numbers", () => {
    const missing = row({
      status: "missing_data",
      reason: "gap_mm: no value and no typical value for 5 kV cable junction",
      iarc_ka: null,
      devices: [],
      notes: ["a, b"],
    });
    const [header, line] = writeCsv(ARC_FLASH_CSV_COLUMNS, arcFlashCsvRows([missing])).split("\n");
    expect(header).toBe(ARC_FLASH_CSV_COLUMNS.join(","));
    const fields = line?.split(",") ?? [];
    expect(fields[2]).toBe("missing_data");
    expect(fields[ARC_FLASH_CSV_COLUMNS.indexOf("iarc_ka")]).toBe("");
    expect(line?.endsWith('"a, b"')).toBe(true);
  });
});

describe("arcFlashPlant (testing fixture)", () => {
  it("is a valid network whose arc_flash data fills in from the typical tables", () => {
    const result = validateNetwork(arcFlashPlant);
    expect(result.errors).toEqual([]);
    const buses = new Map(result.document?.buses.map((b) => [b.id, b]));
    // The panel has no data: switchgear, VCB and IEEE 1584-2018 Table 8/10 LV switchgear values.
    const panel = arcFlashInputs(buses.get("panel")?.arc_flash, 0.48);
    expect(panel).toMatchObject({ equipment: "switchgear", config: "VCB", gap_mm: 32, distance_mm: 609.6 });
    expect(panel.defaulted).toHaveLength(7);
    // "swgr" carries Annex D.1's geometry in full: nothing defaulted but the class.
    expect(arcFlashInputs(buses.get("swgr")?.arc_flash, 4.16).defaulted).toEqual([]);
    expect(buses.get("mcc")?.arc_flash?.devices).toEqual(["F2"]);
  });
});
