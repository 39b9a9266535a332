// Test/bench-only MATPOWER reader and bus admittance matrix builder (the full importer lives
// elsewhere). Reads baseMVA, bus, gen and branch of a version-2 case file and builds Ybus in
// per unit with MATPOWER's makeYbus π model: tap ratio and phase shift, line charging, bus
// shunts Gs/Bs. Buses of type 4 (isolated) and out-of-service branches are dropped.

import { readFile } from "node:fs/promises";

export const MATPOWER_DIR = new URL("../../../../shared/data/matpower/", import.meta.url);

export interface MatpowerCase {
  name: string;
  baseMVA: number;
  bus: number[][];
  gen: number[][];
  branch: number[][];
}

/** Triplets of a square complex matrix: values interleaved (re, im). */
export interface Triplets {
  n: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

function matrixBlock(text: string, field: string): number[][] {
  const start = text.indexOf(`mpc.${field} = [`);
  if (start < 0) throw new Error(`mpc.${field} not found`);
  const end = text.indexOf("];", start);
  const body = text.slice(text.indexOf("[", start) + 1, end);
  return body
    .split(/[;\n]/)
    .map((line) => line.replace(/%.*$/, "").trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/[\s,]+/).map(Number));
}

export async function readMatpower(name: string): Promise<MatpowerCase> {
  const text = await readFile(new URL(`${name}.m`, MATPOWER_DIR), "utf8");
  const base = /mpc\.baseMVA\s*=\s*([\d.eE+-]+)/.exec(text);
  return {
    name,
    baseMVA: Number(base?.[1] ?? 100),
    bus: matrixBlock(text, "bus"),
    gen: matrixBlock(text, "gen"),
    branch: matrixBlock(text, "branch"),
  };
}

export interface YbusOptions {
  /** Source admittance added at in-service generator buses (pu), e.g. 1/(j·0.2) = −5j. */
  sourceAdmittance?: [re: number, im: number];
}

/** Ybus triplets (duplicates to be summed by the assembly). */
export function ybusTriplets(mpc: MatpowerCase, options: YbusOptions = {}): Triplets {
  const index = new Map<number, number>();
  for (const b of mpc.bus) if (b[1] !== 4) index.set(b[0] as number, index.size);
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  const add = (i: number, j: number, re: number, im: number) => {
    rows.push(i);
    cols.push(j);
    values.push(re, im);
  };
  for (const b of mpc.bus) {
    const i = index.get(b[0] as number);
    if (i === undefined) continue;
    add(i, i, (b[4] ?? 0) / mpc.baseMVA, (b[5] ?? 0) / mpc.baseMVA);
  }
  for (const br of mpc.branch) {
    const [fb = 0, tb = 0, r = 0, x = 0, b = 0] = br;
    const f = index.get(fb);
    const t = index.get(tb);
    if (br[10] === 0 || f === undefined || t === undefined) continue;
    // Ys = 1/(r + jx); tap = ratio·e^{jθ} (ratio 0 means 1).
    const d = r * r + x * x;
    const ysr = r / d;
    const ysi = -x / d;
    const ratio = br[8] || 1;
    const theta = ((br[9] ?? 0) * Math.PI) / 180;
    const tr = ratio * Math.cos(theta);
    const ti = ratio * Math.sin(theta);
    const t2 = ratio * ratio;
    // Ytt = Ys + jB/2; Yff = Ytt/|tap|²; Yft = −Ys/conj(tap); Ytf = −Ys/tap.
    add(t, t, ysr, ysi + b / 2);
    add(f, f, ysr / t2, (ysi + b / 2) / t2);
    add(f, t, -(ysr * tr - ysi * ti) / t2, -(ysi * tr + ysr * ti) / t2);
    add(t, f, -(ysr * tr + ysi * ti) / t2, -(ysi * tr - ysr * ti) / t2);
  }
  if (options.sourceAdmittance) {
    const [gr, gi] = options.sourceAdmittance;
    for (const g of mpc.gen) {
      const i = index.get(g[0] as number);
      if (i !== undefined && g[7] !== 0) add(i, i, gr, gi);
    }
  }
  return {
    n: index.size,
    rows: Int32Array.from(rows),
    cols: Int32Array.from(cols),
    values: Float64Array.from(values),
  };
}

/** 1/(j·0.2): a typical subtransient source admittance, as in a short-circuit Ybus. */
export const SOURCE_ADMITTANCE: [number, number] = [0, -5];
