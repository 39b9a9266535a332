// Test-only: a MATPOWER case's rows as the load flow's per-unit model, the way MATPOWER's runpf
// reads them (bus types from BUS_TYPE, a PV/REF bus held at the first in-service unit's Vg,
// Pg − Pd and Qg − Qd as injections, ΣQmin − Qd .. ΣQmax − Qd as reactive limits, Gs + jBs shunts, branches with TAP∠SHIFT on the from side),
// and the stored solution's precision: half a unit of the last decimal printed in a column.

import type { PerUnitBus, PerUnitModel } from "../src/index.ts";
import type { MatpowerCase } from "./matpower.ts";

const RAD = Math.PI / 180;

export interface MatpowerLoadFlowCase {
  model: PerUnitModel;
  /** Bus numbers (BUS_I) of the model's buses, in the file's order (type 4 left out). */
  busNumbers: number[];
  slack: number;
  storedVm: number[];
  storedVa: number[];
}

export function matpowerModel(mpc: MatpowerCase): MatpowerLoadFlowCase {
  const index = new Map<number, number>();
  const rows = mpc.bus.filter((b) => b[1] !== 4);
  rows.forEach((b, i) => {
    index.set(b[0] ?? 0, i);
  });
  const gens = new Map<number, number[][]>();
  for (const g of mpc.gen) {
    if ((g[7] ?? 0) <= 0) continue;
    const list = gens.get(g[0] ?? 0) ?? [];
    list.push(g);
    gens.set(g[0] ?? 0, list);
  }
  const buses: PerUnitBus[] = rows.map((b) => {
    const units = gens.get(b[0] ?? 0) ?? [];
    const type = b[1] === 3 ? "slack" : b[1] === 2 && units.length > 0 ? "pv" : "pq";
    const pg = units.reduce((s, g) => s + (g[1] ?? 0), 0);
    const qg = units.reduce((s, g) => s + (g[2] ?? 0), 0);
    // The test reader reads "Inf"/"-Inf" (PEGASE: no limit) as NaN.
    const limit = (v: number | undefined, inf: number) => (v === undefined || Number.isNaN(v) ? inf : v);
    const qmax = units.reduce((s, g) => s + limit(g[3], Number.POSITIVE_INFINITY), 0);
    const qmin = units.reduce((s, g) => s + limit(g[4], Number.NEGATIVE_INFINITY), 0);
    return {
      kind: type,
      p: (pg - (b[2] ?? 0)) / mpc.baseMVA,
      q: (qg - (b[3] ?? 0)) / mpc.baseMVA,
      vSet: units[0]?.[5] ?? b[7] ?? 1,
      vaSet: (b[8] ?? 0) * RAD,
      yShunt: { re: (b[4] ?? 0) / mpc.baseMVA, im: (b[5] ?? 0) / mpc.baseMVA },
      // Generator limits net of the bus's load, used when a test asks for q_limits.
      qMin: (qmin - (b[3] ?? 0)) / mpc.baseMVA,
      qMax: (qmax - (b[3] ?? 0)) / mpc.baseMVA,
      vm0: b[7] ?? 1,
      va0: (b[8] ?? 0) * RAD,
    };
  });
  const branches = mpc.branch
    .filter((br) => index.has(br[0] ?? 0) && index.has(br[1] ?? 0))
    .map((br) => {
      const [r = 0, x = 0] = [br[2], br[3]];
      const d = r * r + x * x;
      const ratio = br[8] || 1;
      const shift = (br[9] ?? 0) * RAD;
      return {
        from: index.get(br[0] ?? 0) ?? 0,
        to: index.get(br[1] ?? 0) ?? 0,
        y: { re: r / d, im: -x / d },
        b: br[4] ?? 0,
        tFrom: { re: ratio * Math.cos(shift), im: ratio * Math.sin(shift) },
        tTo: { re: 1, im: 0 },
        inService: (br[10] ?? 0) > 0,
      };
    });
  const slackRow = rows.findIndex((b) => b[1] === 3);
  return {
    model: { baseMva: mpc.baseMVA, buses, branches },
    busNumbers: rows.map((b) => b[0] ?? 0),
    slack: slackRow,
    storedVm: rows.map((b) => b[7] ?? 0),
    storedVa: rows.map((b) => b[8] ?? 0),
  };
}

/**
 * Per bus number: half a unit of the last decimal printed for it in column `column` of mpc.bus,
 * i.e. how far the true value can be from the printed one by rounding alone.
 */
export function printedHalfUnits(text: string, column: number): Map<number, number> {
  const start = text.indexOf("mpc.bus = [");
  const body = text.slice(text.indexOf("[", start) + 1, text.indexOf("];", start));
  const out = new Map<number, number>();
  for (const line of body.split(/[;\n]/)) {
    const tokens = line
      .replace(/%.*$/, "")
      .trim()
      .split(/[\s,]+/);
    const token = tokens[column];
    if (token === undefined || tokens[0] === undefined || tokens[0] === "") continue;
    const [mantissa = "", exponent = "0"] = token.toLowerCase().split("e");
    const dot = mantissa.indexOf(".");
    const decimals = (dot < 0 ? 0 : mantissa.length - dot - 1) - Number(exponent);
    out.set(Number(tokens[0]), 0.5 * 10 ** -decimals);
  }
  return out;
}
