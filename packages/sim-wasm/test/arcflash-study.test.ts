// The arc-flash study inside the 3ph short-circuit study (docs/arc-flash.md): IEEE 1584-2018
// Annex D.1 and D.2 reproduced end to end through a network whose I''k is the Annex's Ibf and
// whose relays clear in the Annex's times; the results against the model kernels called
// directly with the same Ibf and durations; relay, fuse and trip-unit times by hand from their
// curve formulas; which device clears each bus and the share of the arcing current it carries,
// against the study's own branch currents; set devices, several paths, the cap, and the rows
// that get no number.

import type {
  ArcFlashResult,
  NetworkDocumentInput,
  ShortCircuitOptionsInput,
  ShortCircuitResult,
} from "@ampflux/contracts";
import { ELECTRODE_CONFIGS, toCalPerCm2 } from "@ampflux/contracts";
import { annexD1Enclosure, annexD2Enclosure, arcFlashPlant } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { arcingCurrents, incidentEnergies } from "../src/arcflash/kernels.ts";
import { loadSimCore, ShortCircuitInputError, ValidatedNetwork } from "../src/index.ts";
import { instantiateSim } from "../src/loader.ts";

const core = await loadSimCore();
const sim = await instantiateSim();

function expectClose(actual: number | null | undefined, expected: number, relative = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  const error = Math.abs((actual ?? Number.NaN) - expected) / Math.max(Math.abs(expected), 1e-12);
  expect(error, `${actual} vs ${expected}`).toBeLessThan(relative);
}

function study(doc: unknown, options: ShortCircuitOptionsInput = {}): ShortCircuitResult {
  return core.shortCircuit(doc, { fault: "3ph", arc_flash: true, ...options });
}

function rowOf(result: ShortCircuitResult, bus: string): ArcFlashResult {
  const row = result.arc_flash?.find((r) => r.bus === bus);
  if (!row) throw new Error(`no arc-flash row for ${bus}`);
  return row;
}

/** The study's own branch-end current (kA) of `branch` at `bus` for a 3ph fault at `faultBus`. */
function branchCurrent(doc: unknown, faultBus: string, branch: string, bus: string): number {
  const result = core.shortCircuit(doc, { fault: "3ph", buses: [faultBus], branches: true });
  const end = result.branches.find((b) => b.branch === branch && b.bus === bus);
  if (!end) throw new Error(`no current of ${branch} at ${bus}`);
  return end.ikss_ka;
}

/**
 * A 3ph fault fed through a line from a grid at `vnKv`: with the grid's and the line's R/X both
 * 0.1 their impedances add in magnitude, so Ibf = c·Un/(√3·(|Z_Q| + |Z_L|)) (IEC 60909-0 eq. 29,
 * Z_Q = c·Un²/S''kQ eq. 1) is the Annex's value exactly when |Z_L| = c·Un/(√3·Ibf) − c·Un²/S''kQ.
 */
function feeder(prefix: string, vnKv: number, ibfKa: number, sscMva: number) {
  const c = 1.1; // the study's c_max, set explicitly below
  const zl = (c * vnKv) / (Math.sqrt(3) * ibfKa) - (c * vnKv ** 2) / sscMva;
  const x = zl / Math.sqrt(1 + 0.1 ** 2);
  return {
    grid: {
      id: `${prefix}grid`,
      bus: `${prefix}src`,
      s_sc_max_mva: sscMva,
      s_sc_min_mva: sscMva,
      rx_max: 0.1,
      rx_min: 0.1,
    },
    line: {
      id: `${prefix}L`,
      from_bus: `${prefix}src`,
      to_bus: prefix,
      length_km: 1,
      r_ohm_per_km: 0.1 * x,
      x_ohm_per_km: x,
      c_nf_per_km: 0,
    },
  };
}

/**
 * IEEE 1584-2018 Annex D.1 (bus "d1": 4.16 kV VCB, Ibf 15 kA, G 104 mm, D 914.4 mm,
 * 1143 × 762 × 508 mm, arc durations 197 ms full / 223 ms reduced) and D.2 (bus "d2": 0.48 kV
 * VCB, 45 kA, G 32 mm, D 609.6 mm, 610 × 610 × 254 mm, 61.3 / 319 ms). Each bus is fed by a grid
 * through a line whose far-end relay has an instantaneous stage picking up between the Annex's
 * reduced and full arcing currents (12.675 / 12.979 kA; 25.244 / 28.793 kA) and a definite-time
 * stage below both: it clears the full current in the instantaneous delay + opening time and
 * the reduced one in the definite delay + opening time, i.e. in the Annex's two durations.
 */
const d1 = feeder("d1", 4.16, 15, 200);
const d2 = feeder("d2", 0.48, 45, 60);
const annexD = {
  schema: "ampflux/network@1",
  name: "IEEE 1584-2018 Annex D",
  frequency_hz: 60,
  buses: [
    { id: "d1src", vn_kv: 4.16 },
    {
      id: "d1",
      vn_kv: 4.16,
      arc_flash: annexD1Enclosure,
    },
    { id: "d2src", vn_kv: 0.48 },
    {
      id: "d2",
      vn_kv: 0.48,
      arc_flash: annexD2Enclosure,
    },
  ],
  external_grids: [d1.grid, d2.grid],
  lines: [d1.line, d2.line],
  switches: [
    {
      id: "R1",
      bus: "d1src",
      element: "d1L",
      element_type: "line",
      opening_time_ms: 50,
      protection: {
        instantaneous: { pickup_ka: 12.8, delay_ms: 197 - 50 },
        definite: { pickup_ka: 1, delay_ms: 223 - 50 },
      },
    },
    {
      id: "R2",
      bus: "d2src",
      element: "d2L",
      element_type: "line",
      opening_time_ms: 10,
      protection: {
        instantaneous: { pickup_ka: 27, delay_ms: 61.3 - 10 },
        definite: { pickup_ka: 1, delay_ms: 319 - 10 },
      },
    },
  ],
} satisfies NetworkDocumentInput;

describe("IEEE 1584-2018 Annex D through the study", () => {
  const result = study(annexD, { c_max: 1.1 });

  it("D.1: 4.16 kV VCB at 15 kA, 197/223 ms (eq. D.17, D.22, D.32, D.42, D.51, D.62, D.72)", () => {
    const row = rowOf(result, "d1");
    expectClose(row.ibf_ka, 15, 1e-12);
    expect(row).toMatchObject({
      status: "ok",
      enclosure: "typical",
      governing: "reduced",
      defaulted: ["equipment: switchgear (no equipment class given)"],
    });
    // Printed precision of Annex D: currents and energies to 0.001, boundaries to 1 mm.
    expect(row.iarc_ka).toBeCloseTo(12.979, 3); // D.17
    expect(row.cf).toBeCloseTo(1.284, 3); // D.22
    expect(row.time_ms).toBeCloseTo(197, 9);
    expect(row.e_j_cm2).toBeCloseTo(12.152, 3); // D.32
    expect(row.afb_mm).toBeCloseTo(1606, 0); // D.42
    expect(row.iarc_min_ka).toBeCloseTo(12.675, 3); // D.51
    expect(row.time_min_ms).toBeCloseTo(223, 9);
    expect(row.e_min_j_cm2).toBeCloseTo(13.343, 3); // D.62
    expect(row.afb_min_mm).toBeCloseTo(1704, 0); // D.72
    expect(row.energy_j_cm2).toBe(row.e_min_j_cm2);
    expect(row.boundary_mm).toBe(row.afb_min_mm);
    // 13.343 J/cm² = 3.189 cal/cm²: category 1 (≤ 4 cal/cm², NFPA 70E Table 130.7(C)(15)(c)).
    expectClose(row.energy_cal_cm2, (row.e_min_j_cm2 ?? 0) / 4.184);
    expect(row).toMatchObject({ ppe_category: 1, hazard: "warning" });
    // NFPA 70E Table 130.4(E)(a), 751 V–15 kV: limited 1.5 m (fixed part), restricted 0.7 m.
    expect(row).toMatchObject({ limited_approach_mm: 1500, restricted_approach_mm: 700 });
    expect(row.devices).toEqual([
      expect.objectContaining({ switch: "R1", via: "found", time_ms: 197, time_min_ms: 223 }),
    ]);
  });

  it("D.2: 0.48 kV VCB at 45 kA, 61.3/319 ms (eq. D.84, D.89, D.91, D.95, D.99, D.103, D.106)", () => {
    const row = rowOf(result, "d2");
    expectClose(row.ibf_ka, 45, 1e-12);
    expect(row).toMatchObject({ status: "ok", enclosure: "typical", governing: "reduced" });
    expect(row.iarc_ka).toBeCloseTo(28.793, 3); // D.84
    expect(row.cf).toBeCloseTo(1.085, 3); // D.89
    expect(row.e_j_cm2).toBeCloseTo(11.585, 3); // D.91
    expect(row.afb_mm).toBeCloseTo(1029, 0); // D.95
    expect(row.iarc_min_ka).toBeCloseTo(25.244, 3); // D.99
    expect(row.e_min_j_cm2).toBeCloseTo(53.156, 3); // D.103
    expect(row.afb_min_mm).toBeCloseTo(2669, 0); // D.106
    // 53.156 J/cm² = 12.70 cal/cm²: category 3 (8 < E ≤ 25 cal/cm²).
    expect(row).toMatchObject({
      ppe_category: 3,
      hazard: "warning",
      limited_approach_mm: 1000,
      restricted_approach_mm: 300,
    });
    expect(row.devices.map((d) => [d.switch, d.time_ms, d.time_min_ms])).toEqual([["R2", 61.3, 319]]);
  });

  it("caps the grid buses (no device between grid and bus) and says so once", () => {
    for (const bus of ["d1src", "d2src"]) {
      const row = rowOf(result, bus);
      expect(row).toMatchObject({ status: "ok", time_ms: 2000, time_min_ms: 2000, devices: [] });
      expect(row.notes).toEqual([
        `current from the source at ${bus} reaches the arc through no protective device: arc duration = the 2.00 s cap (arc_flash_max_duration_s, IEEE 1584-2018 §6.9.1)`,
      ]);
    }
    expect(result.warnings.filter((w) => w.message.includes("set by the cap"))).toEqual([
      {
        path: ["arc_flash"],
        message: "2 bus(es) with an arc duration set by the cap: d1src, d2src",
      },
    ]);
  });
});

describe("the arc-flash plant against the model kernels (same Ibf and durations)", () => {
  const result = study(arcFlashPlant);
  const rows = result.arc_flash ?? [];

  it("has one row per bus in bus order, Ibf the study's I''k", () => {
    expect(rows.map((r) => r.bus)).toEqual(arcFlashPlant.buses.map((b) => b.id));
    for (const row of rows) {
      expect(row.status).toBe("ok");
      expect(row.ibf_ka).toBe(result.buses.find((b) => b.bus === row.bus)?.ikss_ka);
    }
  });

  it("gives each bus the kernels' currents, energies and boundaries for its Ibf and durations", () => {
    const input = {
      vocKv: Float64Array.from(rows, (r) => r.voc_kv),
      ibfKa: Float64Array.from(rows, (r) => r.ibf_ka ?? Number.NaN),
      config: Int32Array.from(rows, (r) => ELECTRODE_CONFIGS.indexOf(r.config)),
      gapMm: Float64Array.from(rows, (r) => r.gap_mm ?? Number.NaN),
      distanceMm: Float64Array.from(rows, (r) => r.distance_mm ?? Number.NaN),
      heightMm: Float64Array.from(rows, (r) => r.height_mm ?? Number.NaN),
      widthMm: Float64Array.from(rows, (r) => r.width_mm ?? Number.NaN),
      depthMm: Float64Array.from(rows, (r) => r.depth_mm ?? Number.NaN),
    };
    const currents = arcingCurrents(sim, input);
    const energies = incidentEnergies(
      sim,
      input,
      currents,
      Float64Array.from(rows, (r) => r.time_ms ?? Number.NaN),
      Float64Array.from(rows, (r) => r.time_min_ms ?? Number.NaN),
    );
    rows.forEach((row, k) => {
      expect(row.iarc_ka).toBe(currents.iarcKa[k]);
      expect(row.iarc_min_ka).toBe(currents.iarcMinKa[k]);
      expect(row.e_j_cm2).toBe(energies.eJcm2[k]);
      expect(row.e_min_j_cm2).toBe(energies.eMinJcm2[k]);
      expect(row.afb_mm).toBe(energies.afbMm[k]);
      expect(row.afb_min_mm).toBe(energies.afbMinMm[k]);
      expect(row.cf).toBe(energies.cf[k]);
      const governing = Math.max(energies.eJcm2[k] ?? 0, energies.eMinJcm2[k] ?? 0);
      expect(row.energy_j_cm2).toBe(governing);
      expect(row.energy_cal_cm2).toBe(toCalPerCm2(governing));
    });
  });
});

describe("clearing devices and times on the arc-flash plant", () => {
  const result = study(arcFlashPlant);
  const ratio = (row: ArcFlashResult) => ({
    full: (row.iarc_ka ?? 0) / (row.ibf_ka ?? 1),
    reduced: (row.iarc_min_ka ?? 0) / (row.ibf_ka ?? 1),
  });

  it("swgr: incomer Q1 carries all of Iarc; IEEE C37.112 very inverse, TD 1, + 83 ms opening", () => {
    const row = rowOf(result, "swgr");
    const [q1] = row.devices;
    expect(row.devices).toHaveLength(1);
    expect(q1).toMatchObject({ switch: "Q1", via: "found" });
    // Q1 is on T1's 4.16 kV end: its current is T1's branch current there (all of I''k) × Iarc/Ibf.
    const t1 = branchCurrent(arcFlashPlant, "swgr", "T1", "swgr");
    expectClose(q1?.current_ka, t1 * ratio(row).full, 1e-9);
    expectClose(q1?.current_min_ka, t1 * ratio(row).reduced, 1e-9);
    // IEEE C37.112-2018 very inverse: t = TD·(19.61/(M² − 1) + 0.491) s, M = I/Is, Is 1.5 kA.
    const relay = (ka: number) => 1000 * (19.61 / ((ka / 1.5) ** 2 - 1) + 0.491) + 83;
    expectClose(q1?.time_ms, relay(q1?.current_ka ?? 0), 1e-9);
    expectClose(q1?.time_min_ms, relay(q1?.current_min_ka ?? 0), 1e-9);
    expect(row.time_ms).toBe(q1?.time_ms);
    expect(row.time_min_ms).toBe(q1?.time_min_ms);
    expect(row.notes).toEqual([]);
  });

  it("t2hv: feeder breaker Q2 trips instantaneously; its opening time defaults to 5 cycles at 60 Hz", () => {
    const row = rowOf(result, "t2hv");
    const [q2] = row.devices;
    expect(q2).toMatchObject({ switch: "Q2", via: "found" });
    expectClose(q2?.current_ka, branchCurrent(arcFlashPlant, "t2hv", "F1", "swgr") * ratio(row).full, 1e-9);
    // Both currents are above the 4 kA instantaneous pickup; IEC 60255-151 SI (0.14/((I/Is)^0.02 − 1))
    // at TMS 0.1 would take longer. Opening: IEEE 1584-2002 Table 1, 1–35 kV: 5 cycles = 83.33 ms.
    expect(q2?.current_min_ka).toBeGreaterThan(4);
    const inverse = 1000 * 0.1 * (0.14 / (((q2?.current_ka ?? 0) / 0.4) ** 0.02 - 1));
    expect(inverse).toBeGreaterThan(5000 / 60);
    expectClose(q2?.time_ms, 5000 / 60, 1e-12);
    expectClose(q2?.time_min_ms, 5000 / 60, 1e-12);
    expect(row.notes).toEqual([
      "Q2: opening time not given, 5 cycles (83.3 ms) at 4.16 kV (IEEE 1584-2002 Table 1)",
    ]);
    expect(result.warnings).toContainEqual({
      path: ["arc_flash"],
      message: "1 switch(es) without opening_time_ms use IEEE 1584-2002 Table 1's breaker times: Q2",
    });
  });

  it("swbd: the transformer's primary fuse F2 sees the 4.16 kV share; its curve interpolated log–log", () => {
    const row = rowOf(result, "swbd");
    const [f2] = row.devices;
    expect(f2).toMatchObject({ switch: "F2", via: "found" });
    const hv = branchCurrent(arcFlashPlant, "swbd", "T2", "t2hv");
    expectClose(f2?.current_ka, hv * ratio(row).full, 1e-9);
    // Between the neighbouring curve points (I1, t1), (I2, t2): log t linear in log I.
    const points = [
      [0.6, 100_000],
      [1, 10_000],
      [2, 800],
      [4, 80],
      [10, 15],
    ] as const;
    const fuse = (ka: number) => {
      const k = points.findIndex(([i]) => i >= ka);
      const [i1, t1] = points[k - 1] ?? [Number.NaN, Number.NaN];
      const [i2, t2] = points[k] ?? [Number.NaN, Number.NaN];
      return t1 * (ka / i1) ** (Math.log(t2 / t1) / Math.log(i2 / i1));
    };
    // The two currents fall on different segments: 1–2 kA (reduced) and 2–4 kA (full).
    expect(f2?.current_min_ka).toBeLessThan(2);
    expect(f2?.current_ka).toBeGreaterThan(2);
    expect(f2?.current_ka).toBeLessThan(4);
    expectClose(f2?.time_ms, fuse(f2?.current_ka ?? 0), 1e-9);
    expectClose(f2?.time_min_ms, fuse(f2?.current_min_ka ?? 0), 1e-9);
  });

  it("panel: Q3's instantaneous stage (8 kA) + 50 ms opening; mcc: the engineer's F2, not Q4", () => {
    const panel = rowOf(result, "panel");
    const [q3] = panel.devices;
    expect(q3).toMatchObject({ switch: "Q3", via: "found" });
    expect(q3?.current_min_ka).toBeGreaterThan(8);
    expect([q3?.time_ms, q3?.time_min_ms]).toEqual([50, 50]);
    const mcc = rowOf(result, "mcc");
    expect(mcc.devices.map((d) => [d.switch, d.via])).toEqual([["F2", "set"]]);
    const hv = branchCurrent(arcFlashPlant, "mcc", "T2", "t2hv");
    expectClose(mcc.devices[0]?.current_ka, hv * ratio(mcc).full, 1e-9);
  });
});

/** A copy of the plant with `change` applied (the fixture itself is never changed). */
function plant(change: (doc: typeof arcFlashPlant) => void): typeof arcFlashPlant {
  const doc = structuredClone(arcFlashPlant);
  change(doc);
  return doc;
}

describe("device search", () => {
  it("several paths: the last device to clear sets the duration, and the choice is noted", () => {
    // A second cable C3 from swbd to panel with its own breaker Q6 (fixed 30 ms).
    const doc = plant((d) => {
      d.lines.push({ ...d.lines[1], id: "C3" } as (typeof d.lines)[number]);
      d.switches.push({
        id: "Q6",
        bus: "swbd",
        element: "C3",
        element_type: "line",
        protection: { clearing_time_ms: 30 },
      } as (typeof d.switches)[number]);
    });
    const result = study(doc);
    const row = rowOf(result, "panel");
    expect(row.devices.map((d) => d.switch)).toEqual(["Q3", "Q6"]);
    // Q3 now carries half the arcing current, below its 8 kA instantaneous pickup: its
    // definite-time stage clears, 100 ms + 50 ms opening, after Q6's fixed 30 ms.
    expect(row.devices[0]?.current_ka).toBeLessThan(8);
    expect(row.devices.map((d) => d.time_ms)).toEqual([150, 30]);
    expect(row.time_ms).toBe(150);
    // Two equal cables share the current equally: each carries half of I''k × Iarc/Ibf.
    const share = branchCurrent(doc, "panel", "C3", "swbd");
    expectClose(row.devices[1]?.current_ka, share * ((row.iarc_ka ?? 0) / (row.ibf_ka ?? 1)), 1e-9);
    expectClose(share, (row.ibf_ka ?? 0) / 2, 1e-9);
    expect(row.notes).toContain(
      "cleared by the last of Q3, Q6 (several paths feed the arc); set arc_flash.devices to choose",
    );
    expect(result.warnings.some((w) => w.message.startsWith("1 bus(es) fed through several devices"))).toBe(
      true,
    );
  });

  it("walks past unprotected branches to the first protected switch (a full Z column)", () => {
    // Without Q2, an arc at t2hv is fed through F1 and T1: the first protected switch is Q1.
    const doc = plant((d) => {
      d.switches = d.switches.filter((s) => s.id !== "Q2");
    });
    const row = rowOf(study(doc), "t2hv");
    expect(row.devices.map((d) => [d.switch, d.via])).toEqual([["Q1", "found"]]);
    const t1 = branchCurrent(doc, "t2hv", "T1", "swgr");
    expectClose(row.devices[0]?.current_ka, t1 * ((row.iarc_ka ?? 0) / (row.ibf_ka ?? 1)), 1e-9);
  });

  it("counts a motor as a source: its unprotected contribution leaves the arc to the cap", () => {
    const doc = plant((d) => {
      (d as NetworkDocumentInput).motors = [
        {
          id: "M1",
          bus: "panel",
          pn_mech_mw: 0.2,
          cos_phi_n: 0.85,
          efficiency_n_percent: 95,
          lrc_pu: 6,
          rx: 0.3,
          vn_kv: 0.48,
          pole_pairs: 2,
        },
      ];
    });
    const row = rowOf(study(doc), "panel");
    expect(row.time_ms).toBe(2000);
    expect(row.notes[0]).toMatch(
      /^current from the source at panel reaches the arc through no protective device/,
    );
  });

  it("set devices: an open switch and a switch without protection do not clear; a bus coupler takes all", () => {
    const doc = plant((d) => {
      const mcc = d.buses.find((b) => b.id === "mcc");
      if (mcc?.arc_flash) mcc.arc_flash.devices = ["Q4", "F2"];
      const q4 = d.switches.find((s) => s.id === "Q4");
      if (q4) delete (q4 as { protection?: unknown }).protection;
    });
    const row = rowOf(study(doc), "mcc");
    expect(row.devices.map((d) => [d.switch, d.via, d.time_ms])).toEqual([
      ["Q4", "set", null],
      ["F2", "set", row.devices[1]?.time_ms],
    ]);
    expect(row.time_ms).toBe(2000);
    expect(row.notes).toContain("Q4 has no protection: it does not clear the arc");
    expect(row.notes).toContain(
      "Q4 does not trip at the full arcing current: arc duration = the 2.00 s cap (arc_flash_max_duration_s, IEEE 1584-2018 §6.9.1)",
    );
  });

  it("skips the search when no switch has protection: every bus lasts the cap, one warning", () => {
    const doc = plant((d) => {
      for (const s of d.switches) delete (s as { protection?: unknown }).protection;
      for (const b of d.buses) if (b.arc_flash) delete (b.arc_flash as { devices?: unknown }).devices;
    });
    const result = study(doc, { arc_flash_max_duration_s: 0.5 });
    for (const row of result.arc_flash ?? []) {
      expect(row).toMatchObject({ status: "ok", time_ms: 500, time_min_ms: 500, devices: [] });
      expect(row.notes).toEqual([
        "no switch in the network has protection: arc duration = the 500 ms cap (arc_flash_max_duration_s, IEEE 1584-2018 §6.9.1)",
      ]);
    }
    expect(result.warnings).toContainEqual({
      path: ["arc_flash"],
      message: "no switch has protection: every arc lasts the duration cap",
    });
  });
});

describe("durations: cap and no cap", () => {
  it("caps a slow device at arc_flash_max_duration_s and notes it", () => {
    const doc = plant((d) => {
      const q1 = d.switches.find((s) => s.id === "Q1");
      if (q1?.protection.inverse) q1.protection.inverse.tms = 5;
    });
    const row = rowOf(study(doc), "swgr");
    expect(row.devices[0]?.time_ms).toBeGreaterThan(2000);
    expect(row.time_ms).toBe(2000);
    expect(row.notes[0]).toMatch(/^full arc: \d\.\d\d s capped at 2\.00 s \(arc_flash_max_duration_s/);
  });

  it("without a cap an unprotected bus has no number (no_device) and a reason; the others keep theirs", () => {
    const capped = study(arcFlashPlant);
    const result = study(arcFlashPlant, { arc_flash_max_duration_s: null });
    const util = rowOf(result, "util");
    expect(util).toMatchObject({
      status: "no_device",
      time_ms: null,
      e_j_cm2: null,
      energy_cal_cm2: null,
      ppe: null,
    });
    expect(util.reason).toBe(
      "current from the source at util reaches the arc through no protective device, and arc_flash_max_duration_s is null (no duration cap)",
    );
    // Its arcing currents are still shown: they do not depend on the duration.
    expect(util.iarc_ka).toBe(rowOf(capped, "util").iarc_ka);
    expect(rowOf(result, "swgr")).toEqual(rowOf(capped, "swgr"));
    expect(result.warnings).toContainEqual({
      path: ["arc_flash"],
      message: "1 bus(es) cleared by no protective device, and no duration cap is set (no result): util",
    });
  });
});

describe("buses without a number", () => {
  const doc = plant((d) => {
    const swbd = d.buses.find((b) => b.id === "swbd");
    if (swbd?.arc_flash && "gap_mm" in swbd.arc_flash) swbd.arc_flash.gap_mm = 80; // LV gaps: 6.35–76.2 mm (§4.2)
    const t2hv = d.buses.find((b) => b.id === "t2hv");
    if (t2hv) (t2hv as { arc_flash?: unknown }).arc_flash = { equipment: "panelboard" }; // Tables 8/10: LV only
    d.buses.push({ id: "spare", name: "Spare", vn_kv: 0.48 } as (typeof d.buses)[number]);
    // In range for the arcing current, but a 30 mm shallow VCBB box makes eq. (15)'s CF non-positive:
    // caught by the energy stage, not the current stage.
    const panel = d.buses.find((b) => b.id === "panel") as { arc_flash?: unknown } | undefined;
    if (panel) panel.arc_flash = { config: "VCBB", gap_mm: 6.35, height_mm: 30, width_mm: 30, depth_mm: 150 };
  });
  const result = study(doc);

  it("out of range at the energy stage: no number, the reason, never an 'ok' row without energy", () => {
    const row = rowOf(result, "panel");
    expect(row).toMatchObject({ status: "out_of_range", energy_cal_cm2: null, ppe: null });
    expect(row.reason).toMatch(/^width_mm: a 30 × 30 mm shallow enclosure is too small/);
  });

  it("out of range: the field and the standard's range, no number", () => {
    const row = rowOf(result, "swbd");
    expect(row).toMatchObject({ status: "out_of_range", iarc_ka: null, energy_cal_cm2: null, devices: [] });
    expect(row.reason).toMatch(/^gap_mm: .*80.*6\.35.*76\.2/);
    expect(result.warnings).toContainEqual({
      path: ["arc_flash"],
      message: "1 bus(es) with a gap outside IEEE 1584-2018's range (§4.2): swbd",
    });
  });

  it("missing data: the fields without a typical value; unfed: no source", () => {
    expect(rowOf(result, "t2hv")).toMatchObject({
      status: "missing_data",
      reason:
        "gap_mm, distance_mm, height_mm, width_mm, depth_mm: not given, and IEEE 1584-2018 Tables 8/10 have no typical value for 5 kV panelboard",
      iarc_ka: null,
    });
    expect(rowOf(result, "spare")).toMatchObject({
      status: "unfed",
      reason: "no source feeds the bus",
      ibf_ka: null,
    });
    // Shock boundaries depend on the voltage only: given for every bus.
    expect(rowOf(result, "spare")).toMatchObject({ limited_approach_mm: 1000, restricted_approach_mm: 300 });
  });

  it("aggregates out-of-range voltages into one warning (no line per bus)", () => {
    // 30 buses at 110 kV, each fed by its own grid.
    const high = plant((d) => {
      for (let k = 0; k < 30; k++) {
        d.buses.push({ id: `hv${k}`, vn_kv: 110 } as (typeof d.buses)[number]);
        d.external_grids.push({
          ...d.external_grids[0],
          id: `g${k}`,
          bus: `hv${k}`,
        } as (typeof d.external_grids)[number]);
      }
    });
    const result = study(high);
    const warnings = result.warnings.filter((w) => w.message.includes("0.208–15 kV"));
    expect(warnings).toEqual([
      {
        path: ["arc_flash"],
        message:
          "30 bus(es) with a voltage outside IEEE 1584-2018's 0.208–15 kV (§4.2): hv0, hv1, hv2, hv3, hv4, hv5, hv6, hv7, hv8, hv9, …",
      },
    ]);
    const hv = (result.arc_flash ?? []).filter((r) => r.bus.startsWith("hv"));
    expect(hv).toHaveLength(30);
    expect(
      hv.every((r) => r.status === "out_of_range" && r.reason?.startsWith("voc_kv: 110 kV is outside")),
    ).toBe(true);
  });
});

describe("options", () => {
  const network = ValidatedNetwork.check(arcFlashPlant);

  it("refuses arc flash with another fault type, naming arc_flash", () => {
    let caught: unknown;
    try {
      core.shortCircuit(network, { fault: "1ph", arc_flash: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ShortCircuitInputError);
    expect((caught as ShortCircuitInputError).issues).toEqual([
      {
        path: ["arc_flash"],
        message:
          'arc flash uses the three-phase bolted fault current (IEEE 1584-2018 §4.2 models three-phase arcs): use fault "3ph", not "1ph"',
      },
    ]);
  });

  it("evaluates it in the 3ph studies of a plan only, in either case; none without the option", () => {
    using studies = core.shortCircuitStudies(network, {
      faults: ["3ph", "1ph"],
      cases: ["max", "min"],
      arc_flash: true,
    });
    const max = studies.run("3ph", "max");
    const min = studies.run("3ph", "min");
    expect(studies.run("1ph", "max").arc_flash).toBeUndefined();
    expect(max.arc_flash).toEqual(study(arcFlashPlant).arc_flash);
    // The minimum case has smaller currents (c_min, S''kQmin): smaller Ibf at every bus.
    const minSwgr = rowOf(min, "swgr");
    expect(minSwgr.ibf_ka).toBe(min.buses.find((b) => b.bus === "swgr")?.ikss_ka);
    expect(minSwgr.ibf_ka ?? 0).toBeLessThan(rowOf(max, "swgr").ibf_ka ?? 0);
    expect(core.shortCircuit(network, { fault: "3ph" }).arc_flash).toBeUndefined();
  });

  it("refuses a plan with arc flash but no 3ph fault, naming faults", () => {
    let caught: unknown;
    try {
      core.shortCircuitStudies(network, { faults: ["1ph"], cases: ["max"], arc_flash: true });
    } catch (error) {
      caught = error;
    }
    expect((caught as ShortCircuitInputError).issues).toEqual([
      {
        path: ["faults"],
        message: 'arc flash needs the "3ph" fault among faults (IEEE 1584-2018 models three-phase arcs)',
      },
    ]);
  });

  it("reports only the buses asked for", () => {
    const result = study(arcFlashPlant, { buses: ["swbd", "swgr"] });
    expect(result.arc_flash?.map((r) => r.bus)).toEqual(["swgr", "swbd"]);
  });
});
