// The pandapower importer keeps the load-flow set-points (ext_grid vm_pu/va_degree, gen p_mw,
// vm_pu and Q limits, sgen p_mw/q_mvar, loads, with pandapower's scaling) and the stored
// solution res_bus, so an imported network load-flows like pandapower's runpp and its
// short circuit can start from those voltages. The file: bench/anchors/pandapower-prefault-
// setpoints.py (pandapower 3.3.2 runpp, Newton–Raphson to 1e-10 MVA, then to_json).

import { readFile } from "node:fs/promises";
import { importPandapower } from "@ampflux/contracts/importers";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();
const file = new URL("../../../bench/anchors/results/pandapower-prefault-setpoints.json", import.meta.url);
const imported = importPandapower(await readFile(file, "utf8"));
const doc = imported.document;

describe("pandapower set-points through the importer", () => {
  it("keeps every set-point and the stored solution", () => {
    expect(doc.external_grids[0]).toMatchObject({ vm_pu: 1.02, va_degree: 5 });
    expect(doc.generators[0]).toMatchObject({ p_mw: 6, vm_pu: 1.01, q_min_mvar: -5, q_max_mvar: 5 });
    // sgen scaling 0.5: 2 MW + 0.4 Mvar as runpp uses them.
    expect(doc.static_generators[0]).toMatchObject({ p_mw: 1, q_mvar: 0.2 });
    expect(doc.loads.map((l) => [l.p_mw, l.q_mvar])).toEqual([
      [9, 3],
      [7 * 0.8, expect.closeTo(2 * 0.8, 12)],
    ]);
    expect(doc.buses.every((b) => b.vm_pu !== undefined && b.va_degree !== undefined)).toBe(true);
    const mapped = JSON.stringify(imported.report);
    expect(mapped).toContain("res_bus vm_pu, va_degree");
    expect(mapped).toContain("sgen p_mw, q_mvar");
  });

  it("load-flows to runpp's voltages (the stored res_bus) from a flat start", () => {
    const lf = core.loadFlow(doc, { flat_start: true, tolerance_pu: 1e-10 });
    expect(lf.converged).toBe(true);
    for (const bus of doc.buses) {
      const ours = lf.buses.find((b) => b.bus === bus.id);
      expect(ours?.vm_pu, bus.id).toBeCloseTo(bus.vm_pu ?? Number.NaN, 8);
      expect(ours?.va_degree, bus.id).toBeCloseTo(bus.va_degree ?? Number.NaN, 6);
    }
  });

  it("a short circuit with pre-fault voltages from that load flow", () => {
    const r = core.shortCircuit(doc, { fault: "3ph", prefault_voltage: "load_flow" });
    expect(r.buses.every((b) => b.fed && (b.ikss_ka ?? 0) > 0)).toBe(true);
    expect(r.warnings.some((w) => w.path[0] === "prefault_voltage")).toBe(true);
  });
});
