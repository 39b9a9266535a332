// The alternatives to Newton–Raphson on MATPOWER cases, fed the file's own rows
// (test/matpower-load-flow.ts):
// 1. fast-decoupled XB and BX (Stott & Alsaç 1974; van Amerongen 1989) iterate on the exact AC
//    mismatch, so they must reach Newton's solution: to ≤ 1e-8 pu in |V| and ≤ 1e-8 rad in the
//    angle when both run to a 1e-10 pu mismatch. Their iteration counts are recorded (linear
//    rate: more than Newton's), with an upper bound so that a slower method fails the test.
// 2. DC: checked against an independent test-side build of MATPOWER's documented DC model
//    (User's Manual §3.7, makeBdc: b = 1/(x·τ) per in-service branch, B_bus, P_f,inj = −b·θ_shift,
//    P_bus = (P_g − P_d − G_s)/baseMVA − C_ftᵀ P_f,inj) from the .m rows themselves: the engine's
//    angles must satisfy B_bus θ = P_bus at every non-slack bus and give P_f = b(θ_f − θ_t) +
//    P_f,inj on every branch; on the small cases also a dense Gaussian elimination of the same
//    system must give the same angles.

import { describe, expect, it } from "vitest";
import { loadSimCore, type SimCore } from "../src/index.ts";
import { type MatpowerCase, readMatpower } from "./matpower.ts";
import { matpowerModel } from "./matpower-load-flow.ts";

const core: SimCore = await loadSimCore();

const CASES = ["case9", "case14", "case30", "case118", "case300", "case1354pegase", "case2869pegase"];

/**
 * Fast-decoupled iterations to a 1e-10 pu mismatch from a flat start, as measured with this
 * engine (XB, BX): the test allows 25 % more, so a slower method (or a lost half iteration) fails.
 */
const FD_ITERATIONS: Record<string, [xb: number, bx: number]> = {
  case9: [8, 8],
  case14: [10, 13],
  case30: [14, 9],
  case118: [13, 11],
  case300: [19, 19],
  case1354pegase: [13, 17],
  case2869pegase: [14, 17],
};

describe.each(CASES)("fast-decoupled load flow of %s", (name) => {
  it("reaches Newton's solution by both the XB and the BX version", async () => {
    const { model } = matpowerModel(await readMatpower(name));
    const options = { flat_start: true, tolerance_pu: 1e-10, max_iterations: 100 } as const;
    const nr = core.loadFlowPerUnit(model, options);
    expect(nr.outcome).toBe("converged");
    const counts: number[] = [];
    for (const [k, algorithm] of (["fdxb", "fdbx"] as const).entries()) {
      const fd = core.loadFlowPerUnit(model, { ...options, algorithm });
      expect(fd.outcome, algorithm).toBe("converged");
      expect(fd.history).toHaveLength(fd.iterations + 1);
      expect(fd.history.at(-1)).toBeLessThanOrEqual(1e-10);
      let dvm = 0;
      let dva = 0;
      for (let i = 0; i < model.buses.length; i++) {
        dvm = Math.max(dvm, Math.abs((fd.vm[i] ?? 0) - (nr.vm[i] ?? 0)));
        dva = Math.max(dva, Math.abs((fd.va[i] ?? 0) - (nr.va[i] ?? 0)));
      }
      expect(dvm, `${algorithm} |V|`).toBeLessThanOrEqual(1e-8);
      expect(dva, `${algorithm} angle (rad)`).toBeLessThanOrEqual(1e-8);
      expect(fd.iterations).toBeGreaterThan(nr.iterations);
      expect(fd.iterations).toBeLessThanOrEqual(Math.ceil(1.25 * (FD_ITERATIONS[name]?.[k] ?? 0)));
      counts.push(fd.iterations);
      console.log(
        `${name} ${algorithm}: ${fd.iterations} iterations (NR ${nr.iterations}), max |ΔVm| ${dvm.toExponential(1)} pu, max |ΔVa| ${dva.toExponential(1)} rad`,
      );
    }
  });
});

describe.each(["case118", "case300"])("fast-decoupled load flow of %s with reactive limits", (name) => {
  it("switches the same generators to PQ as Newton's method and reaches its solution", async () => {
    const { model } = matpowerModel(await readMatpower(name));
    const options = { flat_start: true, tolerance_pu: 1e-10, max_iterations: 200, q_limits: true } as const;
    const nr = core.loadFlowPerUnit(model, options);
    expect(nr.outcome).toBe("converged");
    const switched = nr.kind.filter((k, i) => k === "pq" && model.buses[i]?.kind === "pv").length;
    expect(switched).toBeGreaterThan(0);
    for (const algorithm of ["fdxb", "fdbx"] as const) {
      const fd = core.loadFlowPerUnit(model, { ...options, algorithm });
      expect(fd.outcome, algorithm).toBe("converged");
      expect(fd.kind).toEqual(nr.kind);
      let worst = 0;
      for (let i = 0; i < model.buses.length; i++)
        worst = Math.max(
          worst,
          Math.abs((fd.vm[i] ?? 0) - (nr.vm[i] ?? 0)),
          Math.abs((fd.va[i] ?? 0) - (nr.va[i] ?? 0)),
        );
      expect(worst, algorithm).toBeLessThanOrEqual(1e-8);
      console.log(
        `${name} ${algorithm} with Q limits: ${switched} generator buses at a limit, ${fd.iterations} iterations (NR ${nr.iterations}), max |Δ| ${worst.toExponential(1)}`,
      );
    }
  });
});

const RAD = Math.PI / 180;

/** MATPOWER's DC model of the file's rows (bus numbers → rows of the file's bus order, type 4 out). */
function makeBdc(mpc: MatpowerCase) {
  const rows = mpc.bus.filter((b) => b[1] !== 4);
  const index = new Map(rows.map((b, i) => [b[0] ?? 0, i]));
  const n = rows.length;
  const p = rows.map((b) => (-(b[2] ?? 0) - (b[4] ?? 0)) / mpc.baseMVA);
  for (const g of mpc.gen) {
    const i = index.get(g[0] ?? 0);
    if (i !== undefined && (g[7] ?? 0) > 0) p[i] = (p[i] ?? 0) + (g[1] ?? 0) / mpc.baseMVA;
  }
  const b: { f: number; t: number; b: number; inj: number }[] = [];
  const bBus = Array.from({ length: n }, () => new Map<number, number>());
  const add = (i: number, j: number, v: number) => bBus[i]?.set(j, (bBus[i]?.get(j) ?? 0) + v);
  for (const br of mpc.branch) {
    const [f, t] = [index.get(br[0] ?? 0), index.get(br[1] ?? 0)];
    if (f === undefined || t === undefined || (br[10] ?? 0) <= 0) continue;
    const bk = 1 / ((br[3] ?? 0) * (br[8] || 1));
    const inj = -bk * (br[9] ?? 0) * RAD;
    b.push({ f, t, b: bk, inj });
    add(f, f, bk);
    add(t, t, bk);
    add(f, t, -bk);
    add(t, f, -bk);
    p[f] = (p[f] ?? 0) - inj;
    p[t] = (p[t] ?? 0) + inj;
  }
  const slack = rows.findIndex((r) => r[1] === 3);
  return { n, p, branches: b, bBus, slack, slackAngle: (rows[slack]?.[8] ?? 0) * RAD };
}

/** Dense Gaussian elimination with partial pivoting of B_bus θ = P over the non-slack buses. */
function denseSolve(dc: ReturnType<typeof makeBdc>): number[] {
  const keep = [...Array(dc.n).keys()].filter((i) => i !== dc.slack);
  const m = keep.length;
  const a = keep.map((i) => {
    const row = keep.map((j) => dc.bBus[i]?.get(j) ?? 0);
    row.push((dc.p[i] ?? 0) - (dc.bBus[i]?.get(dc.slack) ?? 0) * dc.slackAngle);
    return row;
  });
  for (let k = 0; k < m; k++) {
    let piv = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(a[i]?.[k] ?? 0) > Math.abs(a[piv]?.[k] ?? 0)) piv = i;
    [a[k], a[piv]] = [a[piv] ?? [], a[k] ?? []];
    const rk = a[k] ?? [];
    for (let i = k + 1; i < m; i++) {
      const ri = a[i] ?? [];
      const l = (ri[k] ?? 0) / (rk[k] ?? 1);
      if (l === 0) continue;
      for (let j = k; j <= m; j++) ri[j] = (ri[j] ?? 0) - l * (rk[j] ?? 0);
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let k = m - 1; k >= 0; k--) {
    const rk = a[k] ?? [];
    let s = rk[m] ?? 0;
    for (let j = k + 1; j < m; j++) s -= (rk[j] ?? 0) * (x[j] ?? 0);
    x[k] = s / (rk[k] ?? 1);
  }
  const theta = new Array<number>(dc.n).fill(dc.slackAngle);
  keep.forEach((i, k) => {
    theta[i] = x[k] ?? 0;
  });
  return theta;
}

describe.each(CASES)("DC load flow of %s", (name) => {
  it("solves MATPOWER's documented DC equations built independently from the file", async () => {
    const mpc = await readMatpower(name);
    const { model } = matpowerModel(mpc);
    const sol = core.loadFlowPerUnit(model, { algorithm: "dc" });
    expect(sol.outcome).toBe("converged");
    expect(sol.iterations).toBe(1);
    const dc = makeBdc(mpc);
    // B_bus θ = P_bus at every non-slack bus (MATPOWER's per-unit P, so 1e-9 pu = 0.1 W on 100 MVA).
    let residual = 0;
    for (let i = 0; i < dc.n; i++) {
      if (i === dc.slack) continue;
      let bt = 0;
      for (const [j, v] of dc.bBus[i] ?? []) bt += v * (sol.va[j] ?? 0);
      residual = Math.max(residual, Math.abs(bt - (dc.p[i] ?? 0)));
    }
    expect(residual).toBeLessThanOrEqual(1e-9);
    // P_f = b(θ_f − θ_t) + P_f,inj, against the engine's from-end P (pu); Q and losses zero.
    const inService = model.branches.map((br, k) => ({ br, k })).filter(({ br }) => br.inService);
    expect(inService).toHaveLength(dc.branches.length);
    let flow = 0;
    inService.forEach(({ k }, m) => {
      const d = dc.branches[m];
      if (!d) return;
      const pf = d.b * ((sol.va[d.f] ?? 0) - (sol.va[d.t] ?? 0)) + d.inj;
      flow = Math.max(flow, Math.abs((sol.flows[6 * k] ?? 0) - pf));
      expect(sol.flows[6 * k + 1]).toBe(0);
      expect(sol.flows[6 * k + 3]).toBe(-(sol.flows[6 * k] ?? 0));
    });
    expect(flow).toBeLessThanOrEqual(1e-9);
    expect(Array.from(sol.vm).every((v) => v === 1)).toBe(true);
    if (dc.n <= 300) {
      const theta = denseSolve(dc);
      const worst = theta.reduce((w, t, i) => Math.max(w, Math.abs(t - (sol.va[i] ?? 0))), 0);
      expect(worst, "angles against dense elimination (rad)").toBeLessThanOrEqual(1e-10);
    }
    console.log(
      `${name} dc: max |B θ − P| ${residual.toExponential(1)} pu, max |ΔP_f| ${flow.toExponential(1)} pu`,
    );
  });
});
