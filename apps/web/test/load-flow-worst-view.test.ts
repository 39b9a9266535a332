import { branchViolation, busViolation, type LoadFlowWorst, loadFlowLimitsSchema } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { worstLoadingCsv, worstVoltagesCsv } from "../src/simulations/load-flow-worst.ts";

// The batch view's N-1 load-flow downloads and highlights; the numbers are the worker's (its
// tests check them against hand calculations and single load flows).

const WORST: LoadFlowWorst = {
  limits: loadFlowLimitsSchema.parse({}),
  steps: 3,
  contingencies: [],
  buses: [
    {
      bus: "b",
      vm_min_pu: 0.9457,
      vm_min_outage: "L1",
      vm_max_pu: 0.974,
      vm_max_outage: null,
      unsupplied_cases: 0,
      unsupplied_outage: null,
    },
    {
      bus: "c, spur",
      vm_min_pu: null,
      vm_min_outage: null,
      vm_max_pu: null,
      vm_max_outage: null,
      unsupplied_cases: 1,
      unsupplied_outage: "L3",
    },
  ],
  branches: [
    {
      id: "L2",
      kind: "line",
      from_bus: "a",
      to_bus: "b",
      loading_percent: 128.5,
      i_ka: 0.3855,
      outage: "L1",
    },
    {
      id: "T1",
      kind: "transformer",
      from_bus: "a",
      to_bus: "c",
      loading_percent: null,
      i_ka: 0.01,
      outage: null,
    },
  ],
};

describe("N-1 load flow of a batch study in the web app", () => {
  it("writes the worst voltages and loadings as CSV with the limits in the comment line", () => {
    expect(worstVoltagesCsv(WORST, "s1").split("\n")).toEqual([
      "# N-1 load flow of batch study s1: 3 load flows, limits 0.95..1.05 pu, 100 %",
      "bus,vm_min_pu,vm_min_outage,vm_max_pu,vm_max_outage,unsupplied_cases,unsupplied_outage",
      "b,0.9457,L1,0.974,,0,",
      '"c, spur",,,,,1,L3',
      "",
    ]);
    expect(worstLoadingCsv(WORST, "s1").split("\n").slice(1)).toEqual([
      "id,kind,from_bus,to_bus,loading_percent,i_ka,outage",
      "L2,line,a,b,128.5,0.3855,L1",
      "T1,transformer,a,c,,0.01,",
      "",
    ]);
  });

  it("highlights what is outside the default limits (0.95..1.05 pu, 100 %) and nothing without a value", () => {
    const limits = WORST.limits;
    expect(busViolation({ vm_pu: 0.9457 }, limits)).toBe("undervoltage");
    expect(busViolation({ vm_pu: 0.974 }, limits)).toBeNull();
    expect(busViolation({ vm_pu: 1.06 }, limits)).toBe("overvoltage");
    expect(busViolation({ vm_pu: null }, limits)).toBeNull();
    expect(branchViolation({ loading_percent: 128.5 }, limits)).toBe("overload");
    expect(branchViolation({ loading_percent: null }, limits)).toBeNull();
  });
});
