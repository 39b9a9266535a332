// Newton–Raphson on MATPOWER cases, fed the file's own rows (test/matpower-load-flow.ts):
// 1. the solution satisfies the power-flow equations on a Ybus built independently of the Rust
//    core (test/matpower.ts, MATPOWER's makeYbus π model), to the solver's tolerance;
// 2. where the file stores an operating point (VM/VA not flat), the distance of Vm and
//    Va − Va(slack) from it is reported and bounded, and the stored point's own mismatch in the
//    file's equations shows that distance is the data's, not the solver's;
// 3. with reactive limits, generator buses end within them (PV) or at them (switched to PQ).
// The document route (importer → model) is compared with this one in load-flow.test.ts.

import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadSimCore, type SimCore } from "../src/index.ts";
import { MATPOWER_DIR, readMatpower, ybusTriplets } from "./matpower.ts";
import { matpowerModel, printedHalfUnits } from "./matpower-load-flow.ts";

const core: SimCore = await loadSimCore();
const DEG = 180 / Math.PI;

/** max over PQ buses of |ΔP|, |ΔQ| and over PV buses of |ΔP| (pu), with S = V·conj(Y·V). */
function equationResidual(
  name: string,
  mpc: Awaited<ReturnType<typeof readMatpower>>,
  vm: Float64Array,
  va: Float64Array,
) {
  const t = ybusTriplets(mpc);
  const { model } = matpowerModel(mpc);
  const ire = new Float64Array(t.n);
  const iim = new Float64Array(t.n);
  for (let k = 0; k < t.rows.length; k++) {
    const [i = 0, j = 0] = [t.rows[k], t.cols[k]];
    const [yr = 0, yi = 0] = [t.values[2 * k], t.values[2 * k + 1]];
    const [vr, vi] = [(vm[j] ?? 0) * Math.cos(va[j] ?? 0), (vm[j] ?? 0) * Math.sin(va[j] ?? 0)];
    ire[i] = (ire[i] ?? 0) + yr * vr - yi * vi;
    iim[i] = (iim[i] ?? 0) + yr * vi + yi * vr;
  }
  let worst = 0;
  model.buses.forEach((bus, i) => {
    if (bus.kind === "slack") return;
    const [vr, vi] = [(vm[i] ?? 0) * Math.cos(va[i] ?? 0), (vm[i] ?? 0) * Math.sin(va[i] ?? 0)];
    const p = vr * (ire[i] ?? 0) + vi * (iim[i] ?? 0);
    const q = vi * (ire[i] ?? 0) - vr * (iim[i] ?? 0);
    worst = Math.max(worst, Math.abs(p - bus.p));
    if (bus.kind === "pq") worst = Math.max(worst, Math.abs(q - bus.q));
  });
  expect(Number.isFinite(worst), name).toBe(true);
  return worst;
}

const CASES = ["case9", "case14", "case30", "case118", "case300", "case1354pegase", "case2869pegase"];

describe.each(CASES)("load flow of %s from the file's own rows", (name) => {
  it("converges quadratically from a flat start and satisfies the power-flow equations", async () => {
    const mpc = await readMatpower(name);
    const { model } = matpowerModel(mpc);
    const sol = core.loadFlowPerUnit(model, { flat_start: true });
    expect(sol.outcome).toBe("converged");
    expect(sol.iterations).toBeLessThanOrEqual(7);
    expect(sol.history.at(-1)).toBeLessThanOrEqual(1e-8);
    // The last full step took a mismatch of at most ~1e-3 to ≤ 1e-8: Newton's quadratic rate.
    expect(sol.history.at(-2)).toBeLessThan(1e-3);
    // Independent Ybus, 1e-8 tolerance on the mismatch: the equations hold to that level.
    expect(equationResidual(name, mpc, sol.vm, sol.va)).toBeLessThanOrEqual(1e-8);
  });
});

/**
 * Cases whose VM/VA columns hold an operating point (case9 and case30 store a flat one). None of
 * them is a solution of the file's own rows to its printed decimals: at the stored voltages the
 * file's equations miss by far more than rounding can explain (e.g. 927 MW across branch
 * 196–2040 of case300, whose stored angles differ by 10.4° over x = 0.02 pu; 1,300 MW at bus 58
 * of case1354pegase), so the solution cannot agree better than the data does with itself. case14
 * is closest: 1.33e-3 pu (2.7 × the printed ±5e-4) with a stored-point mismatch of 4.2 Mvar,
 * about what 3-decimal rounding of Vm can cause there, so its gap is not attributed either way.
 * Each bound is the measured distance rounded up, so a change in the engine that moves the
 * solution shows here;
 * `storedMismatchMw` is the smallest power mismatch at the stored point that the test requires,
 * which documents that the distance is the data's and not the solver's.
 */
const STORED: Record<string, { vm: number; vaDeg: number; storedMismatchMw: number }> = {
  case14: { vm: 1.4e-3, vaDeg: 0.018, storedMismatchMw: 4 },
  case118: { vm: 1.8e-2, vaDeg: 0.31, storedMismatchMw: 10 },
  case300: { vm: 8.6e-3, vaDeg: 9.8, storedMismatchMw: 500 },
  case1354pegase: { vm: 4e-3, vaDeg: 5.6, storedMismatchMw: 500 },
  case2869pegase: { vm: 9.1e-3, vaDeg: 11.7, storedMismatchMw: 500 },
};

/** max |ΔP|, |ΔQ| (MW, Mvar) over non-slack buses of the file's equations at the given point. */
function pointMismatchMw(
  mpc: Awaited<ReturnType<typeof readMatpower>>,
  vm: ArrayLike<number>,
  vaDeg: ArrayLike<number>,
) {
  const va = Float64Array.from({ length: vaDeg.length }, (_, i) => (vaDeg[i] ?? 0) / DEG);
  return equationResidual(mpc.name, mpc, Float64Array.from(vm), va) * mpc.baseMVA;
}

describe.each(Object.keys(STORED))("%s against the solution stored in the file", (name) => {
  it("is as far from VM and VA − VA(slack) as the stored point is from the file's equations", async () => {
    const text = await readFile(new URL(`${name}.m`, MATPOWER_DIR), "utf8");
    const mpc = await readMatpower(name);
    const c = matpowerModel(mpc);
    const sol = core.loadFlowPerUnit(c.model);
    const vmUnit = printedHalfUnits(text, 7);
    const vaUnit = printedHalfUnits(text, 8);
    let [dvm, dva] = [0, 0];
    const slackVa = (sol.va[c.slack] ?? 0) * DEG;
    const storedSlackVa = c.storedVa[c.slack] ?? 0;
    c.busNumbers.forEach((_, i) => {
      dvm = Math.max(dvm, Math.abs((sol.vm[i] ?? 0) - (c.storedVm[i] ?? 0)));
      dva = Math.max(
        dva,
        Math.abs((sol.va[i] ?? 0) * DEG - slackVa - ((c.storedVa[i] ?? 0) - storedSlackVa)),
      );
    });
    const median = (m: Map<number, number>) => [...m.values()].sort((a, b) => a - b)[m.size >> 1] ?? 0;
    const [roundVm, roundVa] = [median(vmUnit), median(vaUnit)];
    const stored = pointMismatchMw(mpc, c.storedVm, c.storedVa);
    console.info(
      `${name}: max |ΔVm| ${dvm.toExponential(2)} pu, max |ΔVa| ${dva.toExponential(2)}° ` +
        `(printed typically to ±${roundVm.toExponential(0)} pu, ±${roundVa.toExponential(0)}°); ` +
        `stored point misses the equations by ${stored.toFixed(1)} MW/Mvar`,
    );
    const bound = STORED[name] ?? { vm: 0, vaDeg: 0, storedMismatchMw: Number.POSITIVE_INFINITY };
    expect(dvm).toBeLessThanOrEqual(bound.vm);
    expect(dva).toBeLessThanOrEqual(bound.vaDeg);
    expect(stored).toBeGreaterThanOrEqual(bound.storedMismatchMw);
  });
});

describe.each(["case118", "case300"])("%s with generator reactive limits", (name) => {
  it("holds every generator bus within its limits: PV inside, switched PQ buses at the limit", async () => {
    const c = matpowerModel(await readMatpower(name));
    const free = core.loadFlowPerUnit(c.model);
    const limited = core.loadFlowPerUnit(c.model, { q_limits: true });
    expect(limited.outcome).toBe("converged");
    const eps = 1e-7;
    let switched = 0;
    c.model.buses.forEach((bus, i) => {
      if (bus.kind !== "pv") return;
      const q = limited.q[i] ?? 0;
      expect(q).toBeGreaterThanOrEqual(bus.qMin - eps);
      expect(q).toBeLessThanOrEqual(bus.qMax + eps);
      if (limited.kind[i] === "pq") {
        switched++;
        expect(Math.min(Math.abs(q - bus.qMin), Math.abs(q - bus.qMax))).toBeLessThan(eps);
        // It was outside the range without limits, and its voltage left the set-point.
        const q0 = free.q[i] ?? 0;
        expect(q0 < bus.qMin || q0 > bus.qMax).toBe(true);
        expect(Math.abs((limited.vm[i] ?? 0) - bus.vSet)).toBeGreaterThan(1e-6);
      } else {
        expect(limited.vm[i]).toBeCloseTo(bus.vSet, 12);
      }
    });
    console.info(`${name}: ${switched} PV buses held at a reactive limit`);
    expect(switched).toBeGreaterThan(0);
  });
});
