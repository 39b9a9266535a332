import { describe, expect, it } from "vitest";
import {
  approachBoundaries,
  arcFlashInputs,
  arcFlashLabel,
  arcFlashVoltageClass,
  ppeLevel,
  switchProtectionSchema,
  toCalPerCm2,
  validateNetwork,
} from "../src/index.ts";
import { annexD2Result, mvFeeder } from "../src/testing/index.ts";

describe("arcFlashInputs: IEEE 1584-2018 Tables 8 and 10 fill what a bus leaves out", () => {
  it("defaults an LV bus without data to LV switchgear, VCB, 32 mm gap, 609.6 mm distance, 508 mm cube", () => {
    const inputs = arcFlashInputs(undefined, 0.48);
    expect(inputs).toMatchObject({
      equipment: "switchgear",
      config: "VCB",
      gap_mm: 32,
      distance_mm: 609.6,
      height_mm: 508,
      width_mm: 508,
      depth_mm: 508,
      missing: [],
    });
    expect(inputs.defaulted).toHaveLength(7);
    expect(inputs.defaulted).toContain("distance_mm: 609.6 mm, IEEE 1584-2018 Table 10 (LV switchgear)");
    expect(inputs.defaulted).toContain("gap_mm: 32 mm, IEEE 1584-2018 Table 8 (LV switchgear)");
  });

  it("keeps given values and defaults only the rest", () => {
    const inputs = arcFlashInputs({ equipment: "mcc", gap_mm: 104, width_mm: 700 }, 4.16);
    expect(inputs).toMatchObject({ gap_mm: 104, width_mm: 700, height_mm: 660.4, distance_mm: 914.4 });
    expect(inputs.defaulted.some((d) => d.startsWith("gap_mm"))).toBe(false);
    expect(inputs.defaulted.some((d) => d.startsWith("equipment"))).toBe(false);
    expect(inputs.defaulted).toContain("height_mm: 660.4 mm, IEEE 1584-2018 Table 8 (5 kV mcc)");
  });

  it("uses 15 kV switchgear's 1143 × 762 × 762 mm enclosure and 152 mm gap at 13.8 kV", () => {
    expect(arcFlashInputs({}, 13.8)).toMatchObject({
      gap_mm: 152,
      height_mm: 1143,
      width_mm: 762,
      depth_mm: 762,
    });
  });

  it("asks for the gap and distance in open air, which Table 8 has no typical values for, and no enclosure", () => {
    const inputs = arcFlashInputs({ equipment: "open_air" }, 13.8);
    expect(inputs).toMatchObject({ config: "VOA", height_mm: null, width_mm: null, depth_mm: null });
    expect(inputs.missing).toEqual(["gap_mm", "distance_mm"]);
  });

  it("reports as missing what has no typical value (a panelboard at 4.16 kV)", () => {
    expect(arcFlashInputs({ equipment: "panelboard", gap_mm: 50 }, 4.16).missing).toEqual([
      "distance_mm",
      "height_mm",
      "width_mm",
      "depth_mm",
    ]);
  });

  it("classes voltages as Tables 8 and 10 do", () => {
    expect([0.208, 0.6, 0.601, 5, 5.01, 13.8].map(arcFlashVoltageClass)).toEqual([
      "lv",
      "lv",
      "5kv",
      "5kv",
      "15kv",
      "15kv",
    ]);
  });
});

describe("ppeLevel: NFPA 70E-2021 Table 130.7(C)(15)(c) minimum arc ratings 4 / 8 / 25 / 40 cal/cm²", () => {
  it.each([
    [1.19, null],
    [1.2, 1],
    [4, 1],
    [4.01, 2],
    [8, 2],
    [8.5, 3],
    [25, 3],
    [39.9, 4],
    [40, 4],
    [40.01, null],
  ])("%f cal/cm² → category %s", (energy, category) => {
    expect(ppeLevel(energy).category).toBe(category);
  });

  it("says why there is no category", () => {
    expect(ppeLevel(0.5).text).toMatch(/not required/);
    expect(ppeLevel(41).text).toMatch(/de-energize/);
  });

  it("converts J/cm² with the thermochemical calorie: 5.0 J/cm² ≈ 1.2 cal/cm² (IEEE 1584-2018 §3.1)", () => {
    expect(toCalPerCm2(5.0)).toBeCloseTo(1.195, 3);
  });
});

describe("approachBoundaries: NFPA 70E-2021 Table 130.4(E)(a)", () => {
  it("480 V: limited 1.0 m (3 ft 6 in) to a fixed part, restricted 0.3 m (1 ft 0 in)", () => {
    expect(approachBoundaries(0.48)).toMatchObject({
      limited_movable_mm: 3000,
      limited_fixed_mm: 1000,
      restricted_mm: 300,
    });
  });
  it("120 V: restricted is 'avoid contact'", () => {
    expect(approachBoundaries(0.12)?.restricted_mm).toBeNull();
  });
  it("4.16 kV and 13.8 kV are in the 751 V–15 kV row: 1.5 m and 0.7 m", () => {
    expect(approachBoundaries(4.16)?.limited_fixed_mm).toBe(1500);
    expect(approachBoundaries(13.8)?.restricted_mm).toBe(700);
  });
  it("takes the higher row between rows (130 kV → 138–145 kV) and nothing below 50 V or above 800 kV", () => {
    expect(approachBoundaries(130)?.restricted_mm).toBe(1200);
    expect(approachBoundaries(0.048)).toBeUndefined();
    expect(approachBoundaries(1000)).toBeUndefined();
  });
});

describe("switchProtectionSchema", () => {
  it("refuses a protection with no way to clear", () => {
    const parsed = switchProtectionSchema.safeParse({});
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/needs clearing_time_ms/);
  });
  it("names the point whose current does not increase", () => {
    const parsed = switchProtectionSchema.safeParse({
      points: [
        [1, 1000],
        [0.5, 100],
      ],
    });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["points.1.0"]);
  });
  it("defaults an instantaneous stage's delay to 0 ms", () => {
    expect(switchProtectionSchema.parse({ instantaneous: { pickup_ka: 10 } }).instantaneous?.delay_ms).toBe(
      0,
    );
  });
});

describe("validateNetwork: arc-flash references", () => {
  it("names an unknown switch in a bus's arc_flash.devices", () => {
    const doc = structuredClone(mvFeeder);
    const buses = doc.buses.map((bus, i) => (i === 1 ? { ...bus, arc_flash: { devices: ["nope"] } } : bus));
    const { errors } = validateNetwork({ ...doc, buses });
    expect(errors.map((e) => [e.path.join("."), e.message])).toEqual([
      ["buses.1.arc_flash.devices.0", 'unknown switch "nope"'],
    ]);
  });
});

describe("arcFlashLabel", () => {
  const result = annexD2Result;
  const study = { project: "Plant", network: "Plant v3", study_date: "2026-12-02" };

  it("carries IEEE 1584-2018 Annex D.2's governing (reduced) figures and the 480 V shock boundaries", () => {
    expect(arcFlashLabel(result, study, "Main board")).toMatchObject({
      title: "Main board (swbd)",
      header: "WARNING — Arc flash and shock hazard",
      voltage: "480 V",
      boundary_mm: 2669,
      limited_approach: "1000 mm",
      restricted_approach: "300 mm",
      basis: "reduced arcing current, cleared by Q1 in 319 ms",
    });
  });

  it("has no label for a bus without a number", () => {
    expect(arcFlashLabel({ ...result, status: "out_of_range", energy_cal_cm2: null }, study)).toBeUndefined();
  });

  it("prints DANGER above 40 cal/cm²", () => {
    expect(arcFlashLabel({ ...result, hazard: "danger" }, study)?.header).toMatch(/^DANGER/);
  });
});
