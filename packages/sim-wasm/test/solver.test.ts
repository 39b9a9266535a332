import { describe, expect, it } from "vitest";
import { SequenceFactorization } from "../src/iec60909/sequence-factorization.ts";
import { loadSimCore, type SimCore, SimError, type SparseMatrix } from "../src/index.ts";
import { instantiateSim } from "../src/loader.ts";
import { denseInverseColumn, denseLu, toDense } from "../src/testing/dense.ts";
import { memoryAcrossCalls } from "./memory-growth.ts";

const core: SimCore = await loadSimCore();

/** Matrix from (row, col, re, im) entries. */
function matrix(n: number, entries: [number, number, number, number][]): SparseMatrix {
  return core.fromTriplets(
    n,
    Int32Array.from(entries.map((e) => e[0])),
    Int32Array.from(entries.map((e) => e[1])),
    Float64Array.from(entries.flatMap((e) => [e[2], e[3]])),
  );
}

/** Largest |a − b| over interleaved complex arrays, relative to max |b|. */
function relError(a: Float64Array, b: Float64Array): number {
  let err = 0;
  let scale = 0;
  for (let k = 0; k < b.length; k += 2) {
    err = Math.max(err, Math.hypot((a[k] ?? 0) - (b[k] ?? 0), (a[k + 1] ?? 0) - (b[k + 1] ?? 0)));
    scale = Math.max(scale, Math.hypot(b[k] ?? 0, b[k + 1] ?? 0));
  }
  return err / scale;
}

function expectSimError(body: () => unknown, code: SimError["code"], column?: number): SimError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(SimError);
    const e = error as SimError;
    expect(e.code).toBe(code);
    if (column !== undefined) expect(e.column).toBe(column);
    return e;
  }
  throw new Error(`expected a SimError ${code}`);
}

// A 4-bus ring with a phase shifter (unsymmetric values) and a source at bus 0.
const ring = matrix(4, [
  [0, 0, 1, -15],
  [1, 1, 2, -20],
  [2, 2, 1.5, -18],
  [3, 3, 1, -12],
  [0, 1, -0.5, 5],
  [1, 0, -0.5, 5.2],
  [1, 2, -1, 8],
  [2, 1, -1, 8],
  [2, 3, -0.4, 4],
  [3, 2, -0.4, 4],
  [3, 0, -0.6, 6],
  [0, 3, -0.6, 6.1],
]);

describe("sparse complex solver", () => {
  it("assembles triplets with duplicate summation", () => {
    const m = matrix(2, [
      [1, 0, 1, 0],
      [0, 0, 2, 1],
      [1, 0, 3, 0],
      [1, 1, 1, 1],
    ]);
    expect(Array.from(m.colPtr)).toEqual([0, 2, 3]);
    expect(Array.from(m.rowIdx)).toEqual([0, 1, 1]);
    expect(Array.from(m.values)).toEqual([2, 1, 4, 0, 1, 1]);
  });

  it("matches the dense reference for solve, diagInverse, inverseColumn and Z on the pattern", () => {
    const ref = denseLu(toDense(ring));
    const columns = [0, 1, 2, 3].map((j) => denseInverseColumn(ref, j));
    using lu = core.factorize(ring);
    expect(lu.stats()).toEqual({ n: 4, nnzA: 12, nnzLU: expect.any(Number), pivoting: "diagonal" });
    const diag = lu.diagInverse();
    const refDiag = Float64Array.from(columns.flatMap((c, j) => [c[2 * j] ?? 0, c[2 * j + 1] ?? 0]));
    expect(relError(diag, refDiag)).toBeLessThan(1e-13);
    for (const j of [0, 3])
      expect(relError(lu.inverseColumn(j), columns[j] as Float64Array)).toBeLessThan(1e-13);
    const { onPattern } = lu.selectedInverse();
    for (let j = 0; j < 4; j++) {
      for (let p = ring.colPtr[j] ?? 0; p < (ring.colPtr[j + 1] ?? 0); p++) {
        const i = ring.rowIdx[p] ?? 0;
        const expected = (columns[j] as Float64Array).subarray(2 * i, 2 * i + 2);
        expect(relError(onPattern.subarray(2 * p, 2 * p + 2), expected)).toBeLessThan(1e-12);
      }
    }
    // Two right-hand sides at once: [e0, e3] gives columns 0 and 3 of Z.
    const b = new Float64Array(16);
    b[0] = 1;
    b[8 + 6] = 1;
    const x = lu.solve(b);
    expect(relError(x.subarray(0, 8), columns[0] as Float64Array)).toBeLessThan(1e-13);
    expect(relError(x.subarray(8), columns[3] as Float64Array)).toBeLessThan(1e-13);
  });

  it("falls back to partial pivoting when a diagonal pivot is too small, still exact", () => {
    // [[0, 1, 0], [2, 1e-3, 1], [0, 1, 3]]: a zero and a tiny diagonal.
    const m = matrix(3, [
      [0, 0, 0, 0],
      [1, 0, 2, 0],
      [0, 1, 1, 0],
      [1, 1, 1e-3, 0],
      [2, 1, 1, 0],
      [1, 2, 1, 1],
      [2, 2, 3, 0],
    ]);
    const ref = denseLu(toDense(m));
    using lu = core.factorize(m);
    expect(lu.stats().pivoting).toBe("partial");
    for (let j = 0; j < 3; j++) {
      const zj = denseInverseColumn(ref, j);
      expect(relError(lu.inverseColumn(j), zj)).toBeLessThan(1e-14);
      expect(Math.hypot((lu.diagInverse()[2 * j] ?? 0) - (zj[2 * j] ?? 0))).toBeLessThan(1e-14);
    }
  });

  it("re-factorizes new values on the same analysis", () => {
    using lu = core.analyze(ring);
    expectSimError(() => lu.diagInverse(), "not-factorized");
    for (const scale of [1, 2, 10]) {
      const values = ring.values.map((v) => v * scale);
      lu.factorize(values);
      const expected = core.diagInverse({ ...ring, values });
      expect(relError(lu.diagInverse(), expected)).toBeLessThan(1e-15);
      expect(
        relError(
          lu.diagInverse().map((v) => v * scale),
          core.diagInverse(ring),
        ),
      ).toBeLessThan(1e-14);
    }
  });

  it("frees the factors and keeps the analysis: solves refused until factorized again", () => {
    using lu = core.analyze(ring);
    lu.factorize(ring.values);
    const before = lu.diagInverse();
    lu.releaseFactors();
    expectSimError(() => lu.diagInverse(), "not-factorized");
    expectSimError(() => lu.solve(new Float64Array(2 * ring.n)), "not-factorized");
    lu.factorize(ring.values);
    expect(lu.diagInverse()).toEqual(before);
  });

  it("hands a disposed factorization's analysis on, and its old reference fails", async () => {
    const sim = await instantiateSim();
    const factors = new SequenceFactorization(sim);
    const lu = factors.factorize(ring);
    const before = lu.diagInverse();
    factors.dispose();
    expectSimError(() => lu.diagInverse(), "invalid-handle");
    using next = new SequenceFactorization(sim);
    const taken = next.factorize({ ...ring, values: ring.values.map((v) => 2 * v) });
    expect(next).toMatchObject({ analyses: 0, reusedAnalyses: 1 });
    // Another owner's factors are not reachable through the old reference.
    expectSimError(() => lu.diagInverse(), "invalid-handle");
    expect(taken.diagInverse().map((v) => 2 * v)).toEqual(before);
  });

  it("reports an isolated bus as structurally singular, with its column", () => {
    // Bus 1 has no branch and no shunt: column 1 is empty.
    const m = {
      n: 3,
      colPtr: Int32Array.of(0, 2, 2, 4),
      rowIdx: Int32Array.of(0, 2, 0, 2),
      values: new Float64Array(8).fill(1),
    };
    const e = expectSimError(() => core.factorize(m), "structurally-singular", 1);
    expect(e.message).toMatch(/isolated bus/);
  });

  it("reports a numerically singular 2x2 with its column", () => {
    const m = matrix(2, [
      [0, 0, 1, 1],
      [1, 0, 1, 1],
      [0, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expectSimError(() => core.diagInverse(m), "numerically-singular", 1);
  });

  it("rejects NaN/Inf values and right-hand sides, naming the column", () => {
    const values = ring.values.slice();
    values[2 * 5 + 1] = Number.NaN; // entry 5 lies in column 1
    expectSimError(() => core.factorize({ ...ring, values }), "non-finite", 1);
    using lu = core.factorize(ring);
    const b = new Float64Array(8);
    b[4] = Number.POSITIVE_INFINITY;
    expectSimError(() => lu.solve(b), "non-finite", 2);
    expectSimError(
      () =>
        core.fromTriplets(2, Int32Array.of(0, 1), Int32Array.of(0, 1), Float64Array.of(1, 0, Infinity, 0)),
      "non-finite",
      1,
    );
  });

  it("rejects out-of-range indices, malformed pointers and wrong lengths", () => {
    const bad = (patch: Partial<SparseMatrix>) => () => core.factorize({ ...ring, ...patch });
    expectSimError(bad({ rowIdx: ring.rowIdx.map((i) => (i === 3 ? 7 : i)) }), "invalid-input");
    expectSimError(bad({ rowIdx: ring.rowIdx.map((i) => (i === 3 ? -1 : i)) }), "invalid-input");
    expectSimError(bad({ colPtr: Int32Array.of(0, 3, 2, 9, 12) }), "invalid-input");
    expectSimError(bad({ colPtr: ring.colPtr.subarray(0, 4) }), "invalid-input");
    expectSimError(bad({ values: ring.values.subarray(0, 20) }), "invalid-input");
    expect(bad({ values: ring.values.subarray(0, 23) })).toThrow(RangeError);
    expectSimError(() => core.factorize(ring, { pivotTolerance: 2 }), "invalid-input");
    expectSimError(() => core.inverseColumn(ring, 4), "invalid-input");
    expectSimError(() => core.inverseColumn(ring, -1), "invalid-input");
    expectSimError(() => core.solve(ring, new Float64Array(6)), "invalid-input");
    expectSimError(
      () => core.fromTriplets(2, Int32Array.of(0, 2), Int32Array.of(0, 1), Float64Array.of(1, 0, 1, 0)),
      "invalid-input",
    );
    expect(() => core.fromTriplets(-1, new Int32Array(), new Int32Array(), new Float64Array())).toThrow(
      RangeError,
    );
  });

  it("refuses a disposed factorization and frees every handle and buffer of every call", () => {
    const lu = core.factorize(ring);
    lu.dispose();
    lu.dispose();
    expectSimError(() => lu.diagInverse(), "invalid-handle");
    // A ring of n buses: every allocation of a call (input copies, solver slot with its
    // analysis and factors, outputs) is O(n) bytes, the smallest the 4(n + 1)-byte column
    // pointers, so a leak of any of them grows memory within heap / 4(n + 1) calls.
    const n = 500;
    const entries: [number, number, number, number][] = [];
    for (let i = 0; i < n; i++) {
      const next = (i + 1) % n;
      entries.push([i, i, 2.1, -21], [i, next, -1, 10], [next, i, -1, 10.5]);
    }
    const big = matrix(n, entries);
    const poisoned = { ...big, values: big.values.map(() => Number.NaN) };
    const { before, after, calls } = memoryAcrossCalls(core, 4 * (n + 1), (k) => {
      core.diagInverse(big);
      core.inverseColumn(big, (k * 997) % n);
      expect(() => core.factorize(poisoned)).toThrow(SimError);
    });
    expect(calls).toBeGreaterThan(10);
    expect(after).toBe(before);
  });
});
