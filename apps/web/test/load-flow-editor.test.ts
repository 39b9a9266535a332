import type { LoadFlowBranchResult, LoadFlowResult } from "@ampflux/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { branchFlowLines, loadFlowBadges } from "../src/load-flow/decorations.ts";
import {
  colouringLimits,
  DEFAULT_LOAD_FLOW_OPTIONS,
  loadEditorStudy,
  loadFlowOptionMessages,
  loadLoadFlowOptions,
  saveEditorStudy,
  saveLoadFlowOptions,
  validLoadFlowOptions,
} from "../src/load-flow/options.ts";
import { loadFlowSummary } from "../src/load-flow/summary.ts";
import { solvesLive } from "../src/load-flow/useLiveLoadFlow.ts";
import { LIVE_LOAD_FLOW_MAX_BUSES, LOAD_FLOW_COLOURS } from "../src/results/load-flow.ts";

// The editor's load flow without a browser: the options form's storage and messages, the diagram's
// badges and the summary the banner and toolbar show. The e2e test (load-flow-e2e) runs the same
// code in Chromium against the engine.

/** The browser's localStorage as the options use it (get/set of strings), for Node. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}
beforeEach(() => {
  Object.defineProperty(globalThis, "localStorage", { value: new MemoryStorage(), configurable: true });
});

const branch = (patch: Partial<LoadFlowBranchResult>): LoadFlowBranchResult => ({
  id: "L1",
  kind: "line",
  from_bus: "a",
  to_bus: "b",
  p_from_mw: 10,
  q_from_mvar: 2,
  i_from_ka: 0.1,
  p_to_mw: -9.9,
  q_to_mvar: -1.8,
  i_to_ka: 0.1,
  pl_mw: 0.1,
  ql_mvar: 0.2,
  loading_percent: 50,
  ...patch,
});

const RESULT: LoadFlowResult = {
  algorithm: "nr",
  converged: true,
  outcome: "converged",
  iterations: 3,
  mismatch_pu: [1, 1e-3, 1e-10],
  tolerance_pu: 1e-8,
  base_mva: 100,
  islands: 2,
  buses: [
    { bus: "a", type: "slack", island: 0, vm_pu: 1.02, va_degree: 0, p_mw: -20, q_mvar: -4 },
    { bus: "b", type: "pq", island: 0, vm_pu: 0.93, va_degree: -4.2, p_mw: 10, q_mvar: 2 },
    { bus: "c", type: "pq", island: 0, vm_pu: 1.06, va_degree: -1, p_mw: 0, q_mvar: 0 },
    { bus: "d", type: "unsupplied", island: 1, vm_pu: null, va_degree: null, p_mw: null, q_mvar: null },
  ],
  branches: [
    branch({ id: "L1", loading_percent: 50 }),
    branch({ id: "L2", from_bus: "a", to_bus: "c", loading_percent: null }),
    // A three-winding transformer: one row per winding to the star point; the worst one counts.
    branch({ id: "T3", kind: "transformer3w", from_bus: "a", to_bus: "*", loading_percent: 80 }),
    branch({ id: "T3", kind: "transformer3w", from_bus: "b", to_bus: "*", loading_percent: 112 }),
  ],
  sources: [],
  losses: { p_mw: 0.1, q_mvar: 0.2 },
  warnings: [],
  timing_ms: { model: 0, solve: 0 },
};

describe("the load-flow options form", () => {
  it("starts from the contract's defaults and keeps what was saved per project", () => {
    expect(loadLoadFlowOptions("p1")).toEqual(DEFAULT_LOAD_FLOW_OPTIONS);
    expect(DEFAULT_LOAD_FLOW_OPTIONS).toMatchObject({
      algorithm: "nr",
      tolerance_pu: 1e-8,
      flat_start: false,
      q_limits: false,
      limits: { vm_min_pu: 0.95, vm_max_pu: 1.05, loading_max_percent: 100 },
    });
    const mine = {
      ...DEFAULT_LOAD_FLOW_OPTIONS,
      algorithm: "fdxb" as const,
      max_iterations: 40,
      q_limits: true,
      limits: { vm_min_pu: 0.9, vm_max_pu: 1.1, loading_max_percent: 80 },
    };
    saveLoadFlowOptions("p1", mine);
    expect(loadLoadFlowOptions("p1")).toEqual(mine);
    expect(loadLoadFlowOptions("p2")).toEqual(DEFAULT_LOAD_FLOW_OPTIONS);
    expect(loadEditorStudy("p1")).toBe("short_circuit");
    saveEditorStudy("p1", "load_flow");
    expect(loadEditorStudy("p1")).toBe("load_flow");
  });

  it("falls back per field on stored values of the wrong type, keeps out-of-range numbers to show why", () => {
    localStorage.setItem(
      "ampflux:load-flow-options:p1",
      JSON.stringify({
        algorithm: "gauss",
        tolerance_pu: "tiny",
        max_iterations: -1,
        limits: { vm_min_pu: 3 },
      }),
    );
    const options = loadLoadFlowOptions("p1");
    expect(options.algorithm).toBe("nr");
    expect(options.tolerance_pu).toBe(1e-8);
    expect(options.max_iterations).toBe(-1);
    expect(options.limits).toEqual({ vm_min_pu: 3, vm_max_pu: 1.05, loading_max_percent: 100 });
    const messages = loadFlowOptionMessages(options);
    expect([...messages.keys()].sort()).toEqual(["limits.vm_min_pu", "max_iterations"]);
    expect(validLoadFlowOptions(options)).toBeNull();
    // The diagram keeps colouring by the defaults until the limits are valid again.
    expect(colouringLimits(options)).toEqual(DEFAULT_LOAD_FLOW_OPTIONS.limits);
    localStorage.setItem("ampflux:load-flow-options:p1", "{not json");
    expect(loadLoadFlowOptions("p1")).toEqual(DEFAULT_LOAD_FLOW_OPTIONS);
  });

  it("refuses a band whose minimum is not below its maximum, naming the field", () => {
    const options = {
      ...DEFAULT_LOAD_FLOW_OPTIONS,
      limits: { ...DEFAULT_LOAD_FLOW_OPTIONS.limits, vm_min_pu: 1.1 },
    };
    expect(loadFlowOptionMessages(options).get("limits.vm_min_pu")).toEqual([
      "vm_min_pu must be below vm_max_pu",
    ]);
    expect(validLoadFlowOptions(DEFAULT_LOAD_FLOW_OPTIONS)).toEqual(DEFAULT_LOAD_FLOW_OPTIONS);
  });

  it("solves live up to LIVE_LOAD_FLOW_MAX_BUSES buses, on demand above", () => {
    expect(solvesLive(9)).toBe(true);
    expect(solvesLive(LIVE_LOAD_FLOW_MAX_BUSES)).toBe(true);
    expect(solvesLive(LIVE_LOAD_FLOW_MAX_BUSES + 1)).toBe(false);
  });
});

describe("the diagram's load-flow badges", () => {
  const limits = DEFAULT_LOAD_FLOW_OPTIONS.limits;

  it("colours buses by voltage and branches by their worst loading against the limits", () => {
    const { buses, branches } = loadFlowBadges(RESULT, limits);
    expect(buses.get("a")).toMatchObject({ vmPu: 1.02, band: "ok", colour: LOAD_FLOW_COLOURS.ok });
    expect(buses.get("b")).toMatchObject({ band: "undervoltage", colour: LOAD_FLOW_COLOURS.undervoltage });
    expect(buses.get("c")?.band).toBe("overvoltage");
    expect(buses.get("d")).toMatchObject({ vmPu: null, type: "unsupplied", band: "none" });
    expect(branches.get("L1")).toMatchObject({ loadingPercent: 50, band: "ok" });
    expect(branches.get("L2")).toMatchObject({ loadingPercent: null, band: "none" });
    expect(branches.get("T3")).toMatchObject({ loadingPercent: 112, band: "overload" });
    expect(branches.get("T3")?.rows).toHaveLength(2);
    // A wider loading limit: no overload.
    expect(loadFlowBadges(RESULT, { ...limits, loading_max_percent: 120 }).branches.get("T3")?.band).toBe(
      "ok",
    );
  });

  it("keeps a non-converged iterate's figures without violation colours", () => {
    const diverged = { ...RESULT, converged: false, outcome: "max-iterations" as const };
    const { buses, branches } = loadFlowBadges(diverged, limits);
    expect(buses.get("b")).toMatchObject({ vmPu: 0.93, band: "none", colour: LOAD_FLOW_COLOURS.none });
    expect(branches.get("T3")).toMatchObject({ loadingPercent: 112, band: "none" });
  });

  it("writes P and Q at each end of a branch, the star point by name", () => {
    expect(branchFlowLines(RESULT.branches.filter((b) => b.id === "T3"))).toEqual([
      "at a: P 10.00 MW, Q 2.00 Mvar",
      "at the star point: P -9.90 MW, Q -1.80 Mvar",
      "at b: P 10.00 MW, Q 2.00 Mvar",
      "at the star point: P -9.90 MW, Q -1.80 Mvar",
    ]);
  });

  it("sums up violations, unsupplied buses, the voltage band and the final mismatch", () => {
    const s = loadFlowSummary(RESULT, limits);
    expect(s.violations).toEqual({ undervoltage: 1, overvoltage: 1, overload: 1 });
    expect(s.unsupplied).toEqual(["d"]);
    expect([s.vmMin, s.vmMax, s.maxLoading, s.finalMismatch]).toEqual([0.93, 1.06, 112, 1e-10]);
  });
});
