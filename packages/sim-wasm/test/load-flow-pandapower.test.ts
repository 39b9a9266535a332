// Newton–Raphson on MATPOWER cases against pandapower 2.14.11's runpp on the same data
// (bench/anchors/results/pandapower-loadflow-<case>.json, written by hand with
// bench/anchors/pandapower-loadflow.py where pandapower is installed; pandapower is BSD-3-Clause,
// © the pandapower developers, and only its results are committed). pandapower ran Newton–Raphson
// from a flat start without Q limits, trafo_model "pi", on a net whose Ybus equals MATPOWER's
// makeYbus of the file's rows (the fixture records max |ΔY|). Compared here, bus by bus, Vm and
// Va − Va(slack):
// 1. the file's own rows (test/matpower-load-flow.ts, MATPOWER's branch model) — must agree to
//    1e-6 pu and 1e-4°, the anchor, with the measured agreement asserted tighter;
// 2. the network document from importMatpower, which is what `ampflux loadflow <case>.m` solves:
//    the same bounds. The importer keeps every branch's data a load flow needs — transformer-row
//    and negative line charging as shunts at the branch ends, negative r of reduction equivalents
//    as given — so the document solves the file's own equations (until 2026-12-03 it dropped
//    those, and case118, case300, case9241pegase and case13659pegase differed by 1.7e-3 to
//    1.1e-2 pu).

import { readFile } from "node:fs/promises";
import { importMatpower } from "@ampflux/contracts/importers";
import { describe, expect, it } from "vitest";
import { loadSimCore, type SimCore } from "../src/index.ts";
import { MATPOWER_DIR, readMatpower } from "./matpower.ts";
import { matpowerModel } from "./matpower-load-flow.ts";

const core: SimCore = await loadSimCore();
const DEG = 180 / Math.PI;
const RESULTS = new URL("../../../bench/anchors/results/", import.meta.url);

interface PandapowerResult {
  case: string;
  pandapower_version: string;
  converged: boolean;
  ybus_max_abs_diff_pu: number;
  slack_bus: number;
  bus: number[];
  vm_pu: number[];
  va_degree_from_slack: number[];
}

async function anchor(name: string): Promise<PandapowerResult> {
  return JSON.parse(await readFile(new URL(`pandapower-loadflow-${name}.json`, RESULTS), "utf8"));
}

/**
 * An angle difference brought into [−180°, 180°]: a phasor's angle is defined modulo 360°, and on
 * case13659pegase the two solutions' angles of the same voltages differ by multiples of 360° at
 * some buses (pandapower starts from a DC solution there, ours from the flat start's phase shifts).
 */
function wrap(deg: number): number {
  return deg - 360 * Math.round(deg / 360);
}

/** max |ΔVm| (pu) and |ΔVa| (°, each relative to its slack) over the anchor's buses. */
function distance(
  pp: PandapowerResult,
  ours: Map<number, { vm: number; vaDeg: number }>,
  slack: number,
): { vm: number; va: number } {
  const slackVa = ours.get(slack)?.vaDeg ?? Number.NaN;
  let [vm, va] = [0, 0];
  // A bus missing from our result, or a NaN anywhere, makes the distance NaN (Math.max keeps
  // it), which fails every bound.
  pp.bus.forEach((number, i) => {
    const b = ours.get(number);
    vm = Math.max(vm, Math.abs((b?.vm ?? Number.NaN) - (pp.vm_pu[i] ?? Number.NaN)));
    va = Math.max(
      va,
      Math.abs(wrap((b?.vaDeg ?? Number.NaN) - slackVa - (pp.va_degree_from_slack[i] ?? Number.NaN))),
    );
  });
  return { vm, va };
}

/**
 * Measured distance from pandapower of both routes, rounded up: ≤ 2.7e-12 pu and ≤ 3.3e-10° on
 * every case (the document route ≤ 9.6e-13 pu and 3.3e-10° on 2026-12-03) (case13659pegase: pandapower from a DC start, see its fixture), a few times the fixture's own rounding (Vm to 12 decimals, Va to 10).
 * Both solve the same equations to a 1e-8 pu mismatch and Newton's last step leaves ~1e-12.
 */
const AGREEMENT: Record<string, { vm: number; va: number }> = {
  case9: { vm: 3e-12, va: 5e-10 },
  case14: { vm: 3e-12, va: 5e-10 },
  case30: { vm: 3e-12, va: 5e-10 },
  case118: { vm: 3e-12, va: 5e-10 },
  case300: { vm: 3e-12, va: 5e-10 },
  case1354pegase: { vm: 3e-12, va: 5e-10 },
  case2869pegase: { vm: 3e-12, va: 5e-10 },
  case9241pegase: { vm: 3e-12, va: 5e-10 },
  case13659pegase: { vm: 3e-12, va: 5e-10 },
};

// Every listed case's fixture must be there: a missing one fails (readFile), never skips.
const CASES = Object.keys(AGREEMENT);

describe.each(CASES)("%s against pandapower 2.14.11", (name) => {
  it("the file's own rows solve to pandapower's voltages within 1e-6 pu and 1e-4°", async () => {
    const pp = await anchor(name);
    expect(pp.converged).toBe(true);
    // pandapower's net had MATPOWER's Ybus: the anchor is the same equations.
    expect(pp.ybus_max_abs_diff_pu).toBeLessThan(1e-9);
    const c = matpowerModel(await readMatpower(name));
    const sol = core.loadFlowPerUnit(c.model, { flat_start: true, max_iterations: 20 });
    expect(sol.outcome).toBe("converged");
    const ours = new Map(
      c.busNumbers.map((n, i) => [
        n,
        { vm: sol.vm[i] ?? Number.NaN, vaDeg: (sol.va[i] ?? Number.NaN) * DEG },
      ]),
    );
    expect(pp.bus.length).toBe(c.busNumbers.length);
    const d = distance(pp, ours, c.busNumbers[c.slack] ?? -1);
    console.info(
      `${name} (file rows): max |ΔVm| ${d.vm.toExponential(2)} pu, max |ΔVa| ${d.va.toExponential(2)}°`,
    );
    const bound = AGREEMENT[name] ?? { vm: 0, va: 0 };
    expect(bound.vm).toBeLessThanOrEqual(1e-6);
    expect(bound.va).toBeLessThanOrEqual(1e-4);
    expect(d.vm).toBeLessThanOrEqual(bound.vm);
    expect(d.va).toBeLessThanOrEqual(bound.va);
  });

  it("the imported network document (ampflux loadflow --flat) solves to the same voltages within 1e-6 pu and 1e-4°", async () => {
    const pp = await anchor(name);
    const text = await readFile(new URL(`${name}.m`, MATPOWER_DIR), "utf8");
    const doc = importMatpower(text).document;
    const result = core.loadFlow(doc, { flat_start: true, max_iterations: 20 });
    expect(result.converged).toBe(true);
    const ours = new Map(
      result.buses.map((b) => [
        Number(b.bus),
        { vm: b.vm_pu ?? Number.NaN, vaDeg: b.va_degree ?? Number.NaN },
      ]),
    );
    const d = distance(pp, ours, pp.slack_bus);
    console.info(
      `${name} (document): max |ΔVm| ${d.vm.toExponential(2)} pu, max |ΔVa| ${d.va.toExponential(2)}°`,
    );
    const bound = AGREEMENT[name] ?? { vm: 0, va: 0 };
    expect(d.vm).toBeLessThanOrEqual(bound.vm);
    expect(d.va).toBeLessThanOrEqual(bound.va);
  });
});
