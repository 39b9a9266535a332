// Dense complex reference for tests only (exported as "@ampflux/sim-wasm/testing", never from
// the production entry): Gaussian elimination with partial pivoting, O(n³) time, O(n²) memory.

import type { SparseMatrix } from "../sparse.ts";

/** Dense n×n complex matrix, row-major, interleaved: entry (i, j) at 2(i·n + j). */
export interface DenseMatrix {
  n: number;
  data: Float64Array;
}

export function toDense(m: SparseMatrix): DenseMatrix {
  const { n } = m;
  const data = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++) {
    for (let p = m.colPtr[j] ?? 0; p < (m.colPtr[j + 1] ?? 0); p++) {
      const at = 2 * ((m.rowIdx[p] ?? 0) * n + j);
      data[at] = (data[at] ?? 0) + (m.values[2 * p] ?? 0);
      data[at + 1] = (data[at + 1] ?? 0) + (m.values[2 * p + 1] ?? 0);
    }
  }
  return { n, data };
}

/** In-place LU with partial pivoting of a dense matrix; returns the row permutation. */
export interface DenseLu {
  n: number;
  lu: Float64Array;
  perm: Int32Array;
}

export function denseLu(a: DenseMatrix): DenseLu {
  const { n } = a;
  const lu = a.data.slice();
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const at = (i: number, j: number) => 2 * (i * n + j);
  for (let k = 0; k < n; k++) {
    let piv = k;
    let best = -1;
    for (let i = k; i < n; i++) {
      const m = Math.hypot(lu[at(i, k)] as number, lu[at(i, k) + 1] as number);
      if (m > best) [best, piv] = [m, i];
    }
    if (best === 0) throw new Error(`dense reference: singular at column ${k}`);
    if (piv !== k) {
      const rowK = lu.slice(at(k, 0), at(k + 1, 0));
      lu.copyWithin(at(k, 0), at(piv, 0), at(piv + 1, 0));
      lu.set(rowK, at(piv, 0));
      [perm[k], perm[piv]] = [perm[piv] as number, perm[k] as number];
    }
    const pr = lu[at(k, k)] as number;
    const pi = lu[at(k, k) + 1] as number;
    const d = pr * pr + pi * pi;
    for (let i = k + 1; i < n; i++) {
      const ar = lu[at(i, k)] as number;
      const ai = lu[at(i, k) + 1] as number;
      if (ar === 0 && ai === 0) continue;
      const lr = (ar * pr + ai * pi) / d;
      const li = (ai * pr - ar * pi) / d;
      lu[at(i, k)] = lr;
      lu[at(i, k) + 1] = li;
      const ri = at(i, 0);
      const rk = at(k, 0);
      for (let j = k + 1; j < n; j++) {
        const ur = lu[rk + 2 * j] as number;
        const ui = lu[rk + 2 * j + 1] as number;
        lu[ri + 2 * j] = (lu[ri + 2 * j] as number) - (lr * ur - li * ui);
        lu[ri + 2 * j + 1] = (lu[ri + 2 * j + 1] as number) - (lr * ui + li * ur);
      }
    }
  }
  return { n, lu, perm };
}

/** A⁻¹ b for one interleaved right-hand side. */
export function denseSolve(f: DenseLu, b: Float64Array): Float64Array {
  const { n, lu, perm } = f;
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const src = perm[i] as number;
    x[2 * i] = b[2 * src] as number;
    x[2 * i + 1] = b[2 * src + 1] as number;
  }
  for (let i = 0; i < n; i++) {
    let sr = x[2 * i] as number;
    let si = x[2 * i + 1] as number;
    for (let j = 0; j < i; j++) {
      const lr = lu[2 * (i * n + j)] as number;
      const li = lu[2 * (i * n + j) + 1] as number;
      sr -= lr * (x[2 * j] as number) - li * (x[2 * j + 1] as number);
      si -= lr * (x[2 * j + 1] as number) + li * (x[2 * j] as number);
    }
    x[2 * i] = sr;
    x[2 * i + 1] = si;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sr = x[2 * i] as number;
    let si = x[2 * i + 1] as number;
    for (let j = i + 1; j < n; j++) {
      const ur = lu[2 * (i * n + j)] as number;
      const ui = lu[2 * (i * n + j) + 1] as number;
      sr -= ur * (x[2 * j] as number) - ui * (x[2 * j + 1] as number);
      si -= ur * (x[2 * j + 1] as number) + ui * (x[2 * j] as number);
    }
    const dr = lu[2 * (i * n + i)] as number;
    const di = lu[2 * (i * n + i) + 1] as number;
    const d = dr * dr + di * di;
    x[2 * i] = (sr * dr + si * di) / d;
    x[2 * i + 1] = (si * dr - sr * di) / d;
  }
  return x;
}

/** Column j of A⁻¹. */
export function denseInverseColumn(f: DenseLu, j: number): Float64Array {
  const e = new Float64Array(2 * f.n);
  e[2 * j] = 1;
  return denseSolve(f, e);
}
