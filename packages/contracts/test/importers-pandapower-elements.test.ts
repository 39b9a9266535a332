// pandapower's impedance table and the neutral-earthing columns through the importer and the
// exporter: pandapower's impedance is per unit on sn_mva and the from bus's voltage
// (pandapower/build_branch.py, _calc_impedance_parameters_from_dataframe: r_ohm = r_pu·U²/S),
// so the ohm and reactor forms come back in that form with the same ohm values.

import { describe, expect, it } from "vitest";
import { exportPandapower, importPandapower } from "../src/importers/index.ts";
import { type NetworkDocumentInput, networkDocumentSchema, seriesImpedance } from "../src/index.ts";

const doc = networkDocumentSchema.parse({
  schema: "ampflux/network@1",
  name: "elements",
  frequency_hz: 50,
  buses: [
    { id: "bus0", vn_kv: 110 },
    { id: "bus1", vn_kv: 20 },
    { id: "bus2", vn_kv: 20 },
    { id: "bus3", vn_kv: 20 },
  ],
  external_grids: [
    { id: "ext_grid0", bus: "bus0", s_sc_max_mva: 500, s_sc_min_mva: 400, rx_max: 0.1, rx_min: 0.1 },
  ],
  transformers: [
    {
      id: "trafo0",
      hv_bus: "bus0",
      lv_bus: "bus1",
      sn_mva: 40,
      vn_hv_kv: 110,
      vn_lv_kv: 20,
      vk_percent: 12,
      vkr_percent: 0.5,
      vector_group: "YNzn11",
      shift_degree: 330,
      rn_ohm: 2,
      xn_ohm: 5,
    },
  ],
  impedances: [
    { id: "impedance0", from_bus: "bus1", to_bus: "bus2", ir_ka: 1, uk_percent: 6 },
    { id: "impedance1", from_bus: "bus2", to_bus: "bus3", r_ohm: 0.1, x_ohm: 2, r0_ohm: 0.3, x0_ohm: 6 },
    { id: "impedance2", from_bus: "bus1", to_bus: "bus3", sn_mva: 10, rft_pu: 0.001, xft_pu: 0.02 },
  ],
  earthing_transformers: [{ id: "earthing_transformer0", bus: "bus3", r0_ohm: 0.5, x0_ohm: 11.5, rn_ohm: 1 }],
  generators: [
    {
      id: "gen0",
      bus: "bus2",
      sn_mva: 10,
      vn_kv: 20,
      xdss_pu: 0.2,
      rdss_ohm: 0.5,
      cos_phi: 0.8,
      x0_pu: 0.08,
      r0_ohm: 0.4,
      rn_ohm: 20,
      xn_ohm: 1,
    },
  ],
} satisfies NetworkDocumentInput);

describe("pandapower impedance and neutral earthing columns", () => {
  const { document: back, report } = importPandapower(exportPandapower(doc));

  it("maps the impedance rows in pandapower's per-unit form, with the same ohm values", () => {
    expect(back.impedances.map((i) => i.id)).toEqual(["impedance0", "impedance1", "impedance2"]);
    for (const [k, original] of doc.impedances.entries()) {
      const imported = back.impedances[k];
      if (!imported) throw new Error(`impedance ${k} missing`);
      expect(imported.sn_mva).toBeDefined();
      const ohm = (z: ReturnType<typeof seriesImpedance>, sn: number) =>
        z.unit === "ohm"
          ? z
          : { r1: (z.r1 * 400) / sn, x1: (z.x1 * 400) / sn, r0: (z.r0 * 400) / sn, x0: (z.x0 * 400) / sn };
      const a = ohm(seriesImpedance(original, 20), original.sn_mva ?? 1);
      const b = ohm(seriesImpedance(imported, 20), imported.sn_mva ?? 1);
      for (const key of ["r1", "x1", "r0", "x0"] as const) expect(b[key]).toBeCloseTo(a[key], 12);
    }
    // The reactor: X_R = 0.06 · 20 kV / (√3 · 1 kA) on 100 MVA and 20 kV.
    expect(back.impedances[0]?.xft_pu).toBeCloseTo(((0.06 * 20) / Math.sqrt(3)) * (100 / 400), 12);
    expect(report.mapped).toContainEqual({ from: "impedance", to: "impedances", count: 3 });
  });

  it("keeps earthing transformers and the transformers' and generators' neutral data", () => {
    expect(back.earthing_transformers).toEqual(doc.earthing_transformers);
    expect(back.transformers[0]).toMatchObject({ rn_ohm: 2, xn_ohm: 5, vector_group: "YNzn11" });
    expect(back.generators[0]).toMatchObject({ x0_pu: 0.08, r0_ohm: 0.4, rn_ohm: 20, xn_ohm: 1 });
    expect(report.mapped).toContainEqual({
      from: "earthing_transformer",
      to: "earthing_transformers",
      count: 1,
    });
  });

  it("reports the impedance's shunt parts as dropped, and refuses non-reciprocal rows by field", () => {
    const net = JSON.parse(exportPandapower(doc));
    const frame = JSON.parse(net._object.impedance._object);
    const gf = frame.columns.indexOf("gf_pu");
    frame.data[0][gf] = 0.01;
    const xtf = frame.columns.indexOf("xtf_pu");
    net._object.impedance._object = JSON.stringify(frame);
    const { report: dropped } = importPandapower(JSON.stringify(net));
    expect(dropped.dropped).toContainEqual(
      expect.objectContaining({ item: "impedance.gf_pu / bf_pu / gt_pu / bt_pu", count: 1 }),
    );
    frame.data[1][xtf] = 0.7;
    net._object.impedance._object = JSON.stringify(frame);
    expect(() => importPandapower(JSON.stringify(net))).toThrow(/xtf_pu.*non-reciprocal|non-reciprocal/);
  });
});
