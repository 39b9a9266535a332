// Pre-fault voltages from a load flow against pandapower's calc_sc(use_pre_fault_voltage=True)
// on a meshed 110/20 kV network with a tapped transformer, an off-nominal rated ratio, line
// charging and loads: bench/anchors/pandapower-prefault.py built the same network in pandapower
// (the document is stored with its results) and ran its load flow and three-phase faults at
// every bus. pandapower 3.3.2 is the anchor; its version and commit are in the result file.

import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();

interface Anchor {
  pandapower_version: string;
  document: unknown;
  load_flow: { bus: string; vm_pu: number; va_degree: number }[];
  faults: { bus: string; ikss_ka: number; branches: { branch: string; bus: string; ikss_ka: number }[] }[];
}

const anchor: Anchor = JSON.parse(
  await readFile(new URL("../../../bench/anchors/results/pandapower-prefault.json", import.meta.url), "utf8"),
);

describe(`superposition method against pandapower ${anchor.pandapower_version} (type C)`, () => {
  it("the load flow gives pandapower's pre-fault voltages", () => {
    const lf = core.loadFlow(anchor.document, { tolerance_pu: 1e-10 });
    for (const expected of anchor.load_flow) {
      const bus = lf.buses.find((b) => b.bus === expected.bus);
      expect(bus?.vm_pu).toBeCloseTo(expected.vm_pu, 9);
      expect(bus?.va_degree).toBeCloseTo(expected.va_degree, 7);
    }
  });

  it.each(anchor.faults.map((f) => [f.bus, f] as const))(
    "3ph fault at %s: I''k and every branch end",
    (_, fault) => {
      const r = core.shortCircuit(anchor.document, {
        fault: "3ph",
        prefault_voltage: "load_flow",
        load_flow: { tolerance_pu: 1e-10 },
        buses: [fault.bus],
        branches: true,
      });
      // Both solve the same linear network from the same load flow: measured 7e-16 (I''k) and
      // 2e-15 (branch ends) relative. A bolted fault at "hv" leaves the 20 kV side without a
      // source, so pandapower's branch currents there are 0 (ours ~1e-16).
      const same = (ours: number | null | undefined, theirs: number, what: string) => {
        if (theirs === 0) expect(Math.abs(ours ?? Number.NaN), what).toBeLessThan(1e-12);
        else expect(Math.abs((ours ?? Number.NaN) / theirs - 1), what).toBeLessThan(1e-9);
      };
      same(r.buses[0]?.ikss_ka, fault.ikss_ka, "I''k");
      for (const end of fault.branches) {
        const ours = r.branches.find((b) => b.branch === end.branch && b.bus === end.bus);
        same(ours?.ikss_ka, end.ikss_ka, `${end.branch} at ${end.bus}`);
      }
    },
  );
});
