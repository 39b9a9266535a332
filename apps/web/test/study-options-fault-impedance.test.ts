import { loadSimCore } from "@ampflux/sim-wasm";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_STUDY_OPTIONS, loadStudyOptions, optionMessages } from "../src/results/study-options.ts";

// The live study's "Fault R/X" options: unset is IEC 60909's bolted fault; a value reaches the
// engine as r_fault_ohm/x_fault_ohm, is kept per project, and a refusal shows at its field.

const feeder = {
  schema: "ampflux/network@1",
  name: "feeder",
  frequency_hz: 50,
  buses: [{ id: "a", vn_kv: 20 }],
  external_grids: [{ id: "g", bus: "a", s_sc_max_mva: 500, s_sc_min_mva: 400, rx_max: 0.1, rx_min: 0.1 }],
};

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    },
  });
});

describe("fault impedance in the live study options", () => {
  it("is unset by default and lowers I''k as c·Un/(√3|Z_Q + Z_f|) when given", async () => {
    expect(DEFAULT_STUDY_OPTIONS.r_fault_ohm).toBeUndefined();
    const core = await loadSimCore();
    const bolted = core.shortCircuit(feeder, DEFAULT_STUDY_OPTIONS).buses[0];
    const through = core.shortCircuit(feeder, { ...DEFAULT_STUDY_OPTIONS, r_fault_ohm: 1, x_fault_ohm: 0 })
      .buses[0];
    const r = (bolted?.rk_ohm ?? 0) + 1;
    const x = bolted?.xk_ohm ?? 0;
    expect(through?.ikss_ka).toBeCloseTo((1.1 * 20) / (Math.sqrt(3) * Math.hypot(r, x)), 10);
  });

  it("is kept per project, and a negative resistance shows its message at the field", () => {
    store.set("ampflux:study-options:p1", JSON.stringify({ r_fault_ohm: 0.5, x_fault_ohm: "x" }));
    const loaded = loadStudyOptions("p1");
    expect(loaded.r_fault_ohm).toBe(0.5);
    expect(loaded.x_fault_ohm).toBeUndefined();
    const messages = optionMessages({ ...loaded, r_fault_ohm: -1 }, []);
    expect(messages.get("r_fault_ohm")?.join()).toMatch(/>=0|too small/i);
  });
});
