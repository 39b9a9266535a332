// The solver through the WASM build on bus admittance matrices of real MATPOWER cases, both
// as the power-flow Ybus and as a short-circuit Ybus (source admittance at generator buses).
// Up to 2,000 buses diag(Z) and columns of Z are checked against a dense LU inverse; the
// large PEGASE cases (phase shifters: unsymmetric Y) against the residual of A z = e_j.

import { describe, expect, it } from "vitest";
import { loadSimCore, type SimCore, type SparseMatrix } from "../src/index.ts";
import { denseInverseColumn, denseLu, toDense } from "../src/testing/dense.ts";
import { readMatpower, SOURCE_ADMITTANCE, ybusTriplets } from "./matpower.ts";

const core: SimCore = await loadSimCore();

async function ybus(name: string, withSources: boolean): Promise<SparseMatrix> {
  const t = ybusTriplets(
    await readMatpower(name),
    withSources ? { sourceAdmittance: SOURCE_ADMITTANCE } : {},
  );
  return core.fromTriplets(t.n, t.rows, t.cols, t.values);
}

const abs = (z: Float64Array, k: number) => Math.hypot(z[2 * k] ?? 0, z[2 * k + 1] ?? 0);

/** max_i |a_i − b_i| / max_i |b_i| over interleaved complex vectors. */
function relError(a: Float64Array, b: Float64Array): number {
  let err = 0;
  let scale = 0;
  for (let k = 0; k < b.length / 2; k++) {
    err = Math.max(
      err,
      Math.hypot((a[2 * k] ?? 0) - (b[2 * k] ?? 0), (a[2 * k + 1] ?? 0) - (b[2 * k + 1] ?? 0)),
    );
    scale = Math.max(scale, abs(b, k));
  }
  return err / scale;
}

/** ‖A z − e_j‖∞ / (‖A‖ ‖z‖∞): backward error of one column of Z. */
function residual(m: SparseMatrix, z: Float64Array, j: number): number {
  const r = new Float64Array(2 * m.n);
  r[2 * j] = -1;
  let normA = 0;
  for (let c = 0; c < m.n; c++) {
    const zr = z[2 * c] ?? 0;
    const zi = z[2 * c + 1] ?? 0;
    for (let p = m.colPtr[c] ?? 0; p < (m.colPtr[c + 1] ?? 0); p++) {
      const i = m.rowIdx[p] ?? 0;
      const ar = m.values[2 * p] ?? 0;
      const ai = m.values[2 * p + 1] ?? 0;
      normA = Math.max(normA, Math.hypot(ar, ai));
      r[2 * i] = (r[2 * i] ?? 0) + ar * zr - ai * zi;
      r[2 * i + 1] = (r[2 * i + 1] ?? 0) + ar * zi + ai * zr;
    }
  }
  let rmax = 0;
  let zmax = 0;
  for (let k = 0; k < m.n; k++) {
    rmax = Math.max(rmax, abs(r, k));
    zmax = Math.max(zmax, abs(z, k));
  }
  return rmax / (normA * zmax);
}

/** Every bus for small cases, an evenly spread sample of `samples` buses otherwise. */
function sampleBuses(n: number, samples: number): number[] {
  if (n <= samples) return Array.from({ length: n }, (_, j) => j);
  return Array.from({ length: samples }, (_, k) => Math.floor((k * (n - 1)) / (samples - 1)));
}

describe.each([false, true])("MATPOWER Ybus (generator sources: %s)", (withSources) => {
  it.each(["case9", "case14", "case30", "case118", "case300", "case1354pegase"])(
    "%s: diag(Z) and columns of Z match a dense inverse to 1e-9",
    async (name) => {
      const m = await ybus(name, withSources);
      const ref = denseLu(toDense(m));
      using lu = core.factorize(m);
      const diag = lu.diagInverse();
      let maxDiagError = 0;
      for (const j of sampleBuses(m.n, 120)) {
        const zj = denseInverseColumn(ref, j);
        const zjj = zj.subarray(2 * j, 2 * j + 2);
        maxDiagError = Math.max(maxDiagError, relError(diag.subarray(2 * j, 2 * j + 2), zjj));
        if (j % 7 === 0) expect(relError(lu.inverseColumn(j), zj)).toBeLessThan(1e-9);
      }
      expect(maxDiagError).toBeLessThan(1e-9);
    },
  );

  // τ = 0.1 rejects one diagonal pivot of the PEGASE cases with sources (multiplier 12.8):
  // that runs the partial-pivoting fallback on a real network.
  it.each([
    ["case2869pegase", 0.01],
    ["case9241pegase", 0.01],
    ["case13659pegase", 0.01],
    ["case9241pegase", 0.1],
  ])("%s, pivot tolerance %s: selected inverse agrees with solves, small residuals", async (name, tol) => {
    const m = await ybus(name, withSources);
    using lu = core.factorize(m, { pivotTolerance: tol });
    if (withSources && tol === 0.1) expect(lu.stats().pivoting).toBe("partial");
    const { diagonal, onPattern } = lu.selectedInverse();
    for (const j of sampleBuses(m.n, 12)) {
      const zj = lu.inverseColumn(j);
      expect(residual(m, zj, j)).toBeLessThan(1e-12);
      expect(relError(diagonal.subarray(2 * j, 2 * j + 2), zj.subarray(2 * j, 2 * j + 2))).toBeLessThan(1e-9);
      for (let p = m.colPtr[j] ?? 0; p < (m.colPtr[j + 1] ?? 0); p++) {
        const i = m.rowIdx[p] ?? 0;
        expect(relError(onPattern.subarray(2 * p, 2 * p + 2), zj.subarray(2 * i, 2 * i + 2))).toBeLessThan(
          1e-9,
        );
      }
    }
  });
});
