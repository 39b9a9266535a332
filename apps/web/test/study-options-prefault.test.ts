import { loadSimCore } from "@ampflux/sim-wasm";
import { describe, expect, it } from "vitest";
import { DEFAULT_STUDY_OPTIONS, optionMessages } from "../src/results/study-options.ts";

// The "Pre-fault voltages" option of the live study: the engine accepts the editor's options as
// they are, and its refusal (a load flow that does not converge) shows at that field.

const feeder = {
  schema: "ampflux/network@1",
  name: "feeder",
  frequency_hz: 50,
  buses: [
    { id: "a", vn_kv: 20 },
    { id: "b", vn_kv: 20 },
  ],
  external_grids: [{ id: "g", bus: "a", s_sc_max_mva: 500, s_sc_min_mva: 400, rx_max: 0.1, rx_min: 0.1 }],
  lines: [
    {
      id: "L",
      from_bus: "a",
      to_bus: "b",
      length_km: 5,
      r_ohm_per_km: 0.2,
      x_ohm_per_km: 0.35,
      c_nf_per_km: 0,
    },
  ],
  loads: [{ id: "P", bus: "b", p_mw: 8, q_mvar: 4 }],
};

describe("pre-fault voltages in the live study options", () => {
  it("defaults to IEC 60909 and runs either way with the editor's option object", async () => {
    expect(DEFAULT_STUDY_OPTIONS.prefault_voltage).toBe("iec60909");
    const core = await loadSimCore();
    const iec = core.shortCircuit(feeder, DEFAULT_STUDY_OPTIONS);
    const lf = core.shortCircuit(feeder, { ...DEFAULT_STUDY_OPTIONS, prefault_voltage: "load_flow" });
    // The load flow's |V_b| < 1 against c = 1.1: a smaller current at the loaded bus.
    const at = (r: typeof iec) => r.buses.find((b) => b.bus === "b")?.ikss_ka ?? 0;
    expect(at(lf)).toBeLessThan(at(iec));
  });

  it("shows the engine's refusal at the field", () => {
    const messages = optionMessages({ ...DEFAULT_STUDY_OPTIONS, prefault_voltage: "load_flow" }, [
      { path: ["prefault_voltage"], message: "the load flow did not converge" },
    ]);
    expect(messages.get("prefault_voltage")).toEqual(["the load flow did not converge"]);
  });
});
