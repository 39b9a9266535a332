// core.loadFlow on network documents: the document route (importer → model builder) against the
// per-unit route on the same MATPOWER file, power balance at every bus from the reported
// results, islands, and non-convergence reported as a result with its history.

import { readFile } from "node:fs/promises";
import type { NetworkDocumentInput } from "@ampflux/contracts";
import { importMatpower, importPandapower } from "@ampflux/contracts/importers";
import { loadedFeeder, overloadedFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { LoadFlowInputError, loadSimCore, type SimCore } from "../src/index.ts";
import { MATPOWER_DIR, readMatpower } from "./matpower.ts";
import { matpowerModel } from "./matpower-load-flow.ts";

const core: SimCore = await loadSimCore();
const DEG = 180 / Math.PI;

async function imported(name: string) {
  return importMatpower(await readFile(new URL(`${name}.m`, MATPOWER_DIR), "utf8")).document;
}

// The importer keeps what a load flow needs of every branch (charging as shunts where the element
// cannot hold it, negative r as given): the document route is the file's own equations.
describe.each([
  "case9",
  "case14",
  "case30",
  "case118",
  "case300",
  "case1354pegase",
  "case2869pegase",
  "case9241pegase",
])("%s as a network document", (name) => {
  it("solves to the same voltages as the file's own per-unit rows", async () => {
    const result = core.loadFlow(await imported(name));
    const c = matpowerModel(await readMatpower(name));
    const rows = core.loadFlowPerUnit(c.model);
    expect(result.converged).toBe(true);
    const byBus = new Map(result.buses.map((b) => [b.bus, b]));
    c.busNumbers.forEach((number, i) => {
      const bus = byBus.get(String(number));
      expect(bus?.vm_pu).toBeCloseTo(rows.vm[i] ?? 0, 9);
      expect(bus?.va_degree).toBeCloseTo((rows.va[i] ?? 0) * DEG, 7);
    });
    // Buses come back in the file's order.
    expect(result.buses.map((b) => b.bus)).toEqual(c.busNumbers.map(String));
  });
});

describe("results of case30 (taps, shunts, charging)", () => {
  it("balance at every bus: what the bus draws equals what its branch ends and shunts take", async () => {
    const doc = await imported("case30");
    const r = core.loadFlow(doc);
    const leaving = new Map<string, number>();
    for (const b of r.branches) {
      leaving.set(b.from_bus, (leaving.get(b.from_bus) ?? 0) + b.p_from_mw);
      leaving.set(b.to_bus, (leaving.get(b.to_bus) ?? 0) + b.p_to_mw);
    }
    for (const s of doc.shunts) {
      const vm = r.buses.find((b) => b.bus === s.bus)?.vm_pu ?? 0;
      leaving.set(s.bus, (leaving.get(s.bus) ?? 0) + s.p_mw * vm * vm);
    }
    for (const bus of r.buses) expect(-(bus.p_mw ?? 0)).toBeCloseTo(leaving.get(bus.bus) ?? 0, 6);
    // Losses are what the sources feed beyond the loads.
    const fed = r.sources.reduce((s, g) => s + g.p_mw, 0);
    const drawn = doc.loads.reduce((s, l) => s + l.p_mw, 0);
    expect(r.losses.p_mw).toBeCloseTo(fed - drawn, 6);
    expect(r.losses.p_mw).toBeGreaterThan(0);
  });
});

/** Bus "c" is an unsupplied island; the cable has charging and a 0.4 kA rating. */
const FEEDER = loadedFeeder;

describe("a small feeder", () => {
  it("reports an unconnected bus as unsupplied, with a warning, and still solves the rest", () => {
    const r = core.loadFlow(FEEDER);
    expect(r.converged).toBe(true);
    expect(r.buses.find((b) => b.bus === "c")).toMatchObject({ type: "unsupplied", vm_pu: null });
    expect(r.warnings.some((w) => w.includes("unsupplied") && w.includes("c"))).toBe(true);
    const line = r.branches[0];
    // 3 MW at ~20 kV: about 0.09 kA of a 0.4 kA rating.
    expect(line?.i_from_ka).toBeGreaterThan(0.08);
    // Loading is the larger end current over the rating (charging makes the ends differ).
    const larger = Math.max(line?.i_from_ka ?? 0, line?.i_to_ka ?? 0);
    expect(line?.loading_percent).toBeCloseTo((larger / 0.4) * 100, 9);
  });

  it("reports non-convergence as a result with the mismatch of every iteration", () => {
    const r = core.loadFlow(overloadedFeeder, { max_iterations: 6 });
    expect(r.converged).toBe(false);
    expect(r.outcome).not.toBe("converged");
    expect(r.iterations).toBeLessThanOrEqual(6);
    expect(r.mismatch_pu.length).toBe(r.iterations + 1);
    expect(Math.min(...r.mismatch_pu)).toBeGreaterThan(r.tolerance_pu);
    expect(r.warnings.some((w) => w.includes("did not converge"))).toBe(true);
  });

  it("refuses bad options and invalid documents with the path of the problem", () => {
    expect(() => core.loadFlow(FEEDER, { tolerance_pu: 0 })).toThrow(LoadFlowInputError);
    expect(() => core.loadFlow({ ...FEEDER, buses: [{ id: "a", vn_kv: -1 }] })).toThrow(/buses\.0\.vn_kv/);
  });
});

const SUBSTATION: NetworkDocumentInput = {
  schema: "ampflux/network@1",
  name: "substation",
  frequency_hz: 50,
  buses: [
    { id: "hv", vn_kv: 110 },
    { id: "mv", vn_kv: 20 },
    { id: "lv", vn_kv: 10 },
  ],
  external_grids: [{ id: "g", bus: "hv", s_sc_max_mva: 3000, s_sc_min_mva: 2500, rx_max: 0.1, rx_min: 0.1 }],
  transformers3w: [
    {
      id: "t3",
      hv_bus: "hv",
      mv_bus: "mv",
      lv_bus: "lv",
      sn_hv_mva: 40,
      sn_mv_mva: 40,
      sn_lv_mva: 20,
      vn_hv_kv: 110,
      vn_mv_kv: 20,
      vn_lv_kv: 10,
      vk_hv_percent: 12,
      vk_mv_percent: 8,
      vk_lv_percent: 14,
      vkr_hv_percent: 0.4,
      vkr_mv_percent: 0.3,
      vkr_lv_percent: 0.4,
      shift_lv_degree: 150,
    },
  ],
  loads: [
    { id: "m", bus: "mv", p_mw: 20, q_mvar: 6 },
    { id: "l", bus: "lv", p_mw: 8, q_mvar: 3 },
  ],
};

describe("transformers", () => {
  it("a three-winding transformer balances at its star point and shifts the LV angle by 150°", () => {
    const r = core.loadFlow(SUBSTATION);
    expect(r.converged).toBe(true);
    const windings = r.branches.filter((b) => b.id === "t3");
    expect(windings.map((w) => w.from_bus)).toEqual(["hv", "mv", "lv"]);
    expect(windings.reduce((s, w) => s + w.p_to_mw, 0)).toBeCloseTo(0, 9);
    expect(windings.reduce((s, w) => s + w.q_to_mvar, 0)).toBeCloseTo(0, 9);
    const grid = r.sources.find((s) => s.id === "g");
    expect(grid?.p_mw).toBeCloseTo(28 + r.losses.p_mw, 9);
    const lv = r.buses.find((b) => b.bus === "lv");
    // LV lags HV by the 150° shift plus a few degrees of load angle.
    expect(lv?.va_degree).toBeLessThan(-150);
    expect(lv?.va_degree).toBeGreaterThan(-160);
  });

  it("a tap raising the HV winding's turns lowers the LV voltage by about the tap step", () => {
    const doc: NetworkDocumentInput = {
      ...SUBSTATION,
      transformers3w: [],
      buses: [
        { id: "hv", vn_kv: 110 },
        { id: "mv", vn_kv: 20 },
      ],
      loads: [{ id: "m", bus: "mv", p_mw: 1, q_mvar: 0 }],
      transformers: [
        {
          id: "t",
          hv_bus: "hv",
          lv_bus: "mv",
          sn_mva: 40,
          vn_hv_kv: 110,
          vn_lv_kv: 20,
          vk_percent: 12,
          vkr_percent: 0.5,
          tap_side: "hv",
          tap_neutral: 0,
          tap_min: -5,
          tap_max: 5,
          tap_step_percent: 2,
          tap_pos: 2,
        },
      ],
    };
    const vm = core.loadFlow(doc).buses.find((b) => b.bus === "mv")?.vm_pu ?? 0;
    // Ratio 1.04 on the HV side: |V_mv| ≈ 1/1.04 at light load.
    expect(vm).toBeGreaterThan(0.95);
    expect(vm).toBeLessThan(1 / 1.04);
    expect(vm).toBeCloseTo(1 / 1.04, 2);
  });
});

describe("the IEC TR 60909-4 low-voltage example (pandapower fixture), unloaded", () => {
  it("sits at the transformers' no-load ratio: 20/0.41 kV on 0.4 kV buses gives 1.025 pu, 150° behind", async () => {
    const fixture = new URL(
      "../../contracts/test/fixtures/pandapower/IEC60909-4_example.json",
      import.meta.url,
    );
    const { document } = importPandapower(await readFile(fixture, "utf8"));
    // Its two parallel transformers say YNyn4 and Dyn5 but both shift_degree 150: solved with the shift.
    const r = core.loadFlow(document);
    expect(r.converged).toBe(true);
    const ratio = (document.transformers[0]?.vn_lv_kv ?? 0) / (document.buses[1]?.vn_kv ?? 1);
    for (const bus of r.buses.filter((b) => b.bus !== "bus0")) {
      expect(bus.vm_pu).toBeCloseTo(ratio, 9);
      expect(bus.va_degree).toBeCloseTo(-150, 9);
    }
    expect(Math.abs(r.losses.p_mw)).toBeLessThan(1e-9);
  });
});
