// Ybus of synthetic grid-like networks (src/testing/synthetic-grid.ts) for the solver benchmark:
// random line impedances with charging and a source admittance 1/(j·0.2) at one bus in ten.

import { gridLikeBranches, prng } from "../src/testing/synthetic-grid.ts";
import type { Triplets } from "../test/matpower.ts";

export function syntheticGrid(n: number, seed = 1): Triplets {
  const random = prng(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  const add = (i: number, j: number, re: number, im: number) => {
    rows.push(i);
    cols.push(j);
    values.push(re, im);
  };
  for (const [f, t] of gridLikeBranches(n, random)) {
    const r = 0.002 + 0.02 * random();
    const x = 10 * r * (0.5 + random());
    const d = r * r + x * x;
    const bc = 0.05 * random();
    add(f, f, r / d, -x / d + bc / 2);
    add(t, t, r / d, -x / d + bc / 2);
    add(f, t, -r / d, x / d);
    add(t, f, -r / d, x / d);
  }
  for (let b = 0; b < n; b += 10) add(b, b, 0, -5);
  return { n, rows: Int32Array.from(rows), cols: Int32Array.from(cols), values: Float64Array.from(values) };
}
