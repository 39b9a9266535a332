// `pnpm bench`: ordering, factorization and selected-inversion (diag Z) times and peak memory
// of the sparse solver, in WASM (this process, one fresh instance per matrix) and natively
// (`cargo run --release --example bench` on the same matrices, written to a temp dir).
// Matrices: short-circuit Ybus of MATPOWER cases and synthetic grid-like networks.
// Not a test: nothing is asserted.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSimCore, type SparseMatrix } from "../src/index.ts";
import { denseInverseColumn, denseLu, toDense } from "../src/testing/dense.ts";
import { readMatpower, SOURCE_ADMITTANCE, type Triplets, ybusTriplets } from "../test/matpower.ts";
import { syntheticGrid } from "./synthetic.ts";

interface Timing {
  analyzeMs: number;
  factorMs: number;
  selinvMs: number;
  peakBytes: number;
  nnzLU: number;
  pivoted: boolean;
}

const CASES = ["case118", "case300", "case1354pegase", "case2869pegase", "case9241pegase", "case13659pegase"];
const GRIDS = [1_000, 5_000, 20_000, 50_000, 200_000];

function best(repeats: number, f: () => void): number {
  let ms = Number.POSITIVE_INFINITY;
  for (let k = 0; k < repeats; k++) {
    const t = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

/** Fresh WASM instance per matrix, so its final memory size is this matrix's peak. */
async function benchWasm(t: Triplets): Promise<{ matrix: SparseMatrix; timing: Timing }> {
  const core = await loadSimCore();
  const matrix = core.fromTriplets(t.n, t.rows, t.cols, t.values);
  const repeats = t.n > 50_000 ? 1 : 3;
  const analyzeMs = best(repeats, () => core.analyze(matrix).dispose());
  using lu = core.analyze(matrix);
  const factorMs = best(repeats, () => lu.factorize(matrix.values));
  const selinvMs = best(repeats, () => lu.diagInverse());
  const stats = lu.stats();
  const timing: Timing = {
    analyzeMs,
    factorMs,
    selinvMs,
    peakBytes: core.memoryBytes(),
    nnzLU: stats.nnzLU,
    pivoted: stats.pivoting === "partial",
  };
  return { matrix, timing };
}

/** max over sampled buses of |diag Z − dense| / |dense| (networks up to 2,000 buses). */
async function denseError(matrix: SparseMatrix): Promise<number> {
  const core = await loadSimCore();
  const diag = core.diagInverse(matrix);
  const ref = denseLu(toDense(matrix));
  let err = 0;
  const step = Math.max(1, Math.floor(matrix.n / 200));
  for (let j = 0; j < matrix.n; j += step) {
    const z = denseInverseColumn(ref, j);
    const dr = (diag[2 * j] ?? 0) - (z[2 * j] ?? 0);
    const di = (diag[2 * j + 1] ?? 0) - (z[2 * j + 1] ?? 0);
    err = Math.max(err, Math.hypot(dr, di) / Math.hypot(z[2 * j] ?? 0, z[2 * j + 1] ?? 0));
  }
  return err;
}

function writeMatrix(path: string, m: SparseMatrix): void {
  const nnz = m.rowIdx.length;
  const buf = Buffer.alloc(8 + 4 * (m.n + 1) + 4 * nnz + 16 * nnz);
  buf.writeUInt32LE(m.n, 0);
  buf.writeUInt32LE(nnz, 4);
  Buffer.from(m.colPtr.buffer, m.colPtr.byteOffset, m.colPtr.byteLength).copy(buf, 8);
  Buffer.from(m.rowIdx.buffer, m.rowIdx.byteOffset, m.rowIdx.byteLength).copy(buf, 8 + 4 * (m.n + 1));
  Buffer.from(m.values.buffer, m.values.byteOffset, m.values.byteLength).copy(buf, 8 + 4 * (m.n + 1 + nnz));
  writeFileSync(path, buf);
}

const mib = (b: number) => (b / 2 ** 20).toFixed(1);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

const dir = mkdtempSync(join(tmpdir(), "ampflux-bench-"));
try {
  const rows: { name: string; n: number; nnzA: number; wasm: Timing; file: string; error?: number }[] = [];
  const inputs: [string, () => Promise<Triplets>][] = [
    ...CASES.map((c): [string, () => Promise<Triplets>] => [
      c,
      async () => ybusTriplets(await readMatpower(c), { sourceAdmittance: SOURCE_ADMITTANCE }),
    ]),
    ...GRIDS.map((n): [string, () => Promise<Triplets>] => [
      `grid${n / 1000}k`,
      async () => syntheticGrid(n),
    ]),
  ];
  for (const [name, make] of inputs) {
    const { matrix, timing } = await benchWasm(await make());
    const file = join(dir, `${name}.bin`);
    writeMatrix(file, matrix);
    const error = matrix.n <= 2_000 ? await denseError(matrix) : undefined;
    rows.push({ name, n: matrix.n, nnzA: matrix.rowIdx.length, wasm: timing, file, error });
    process.stderr.write(`wasm: ${name} done\n`);
  }
  const out = execFileSync(
    "/usr/bin/cargo",
    ["run", "--quiet", "--offline", "--release", "--example", "bench", "--", ...rows.map((r) => r.file)],
    {
      cwd: new URL("../rust/", import.meta.url),
      env: { ...process.env, RUSTC: "/usr/bin/rustc" },
      encoding: "utf8",
    },
  );
  const native = new Map<string, Timing>();
  for (const line of out.trim().split("\n")) {
    const r = JSON.parse(line) as Timing & { file: string };
    native.set(r.file, r);
  }
  console.log(
    "| matrix | buses | nnz(Y) | nnz(L+U) | pivoting | analyze (AMD+symbolic) ms wasm / native | factorize ms wasm / native | diag(Z) ms wasm / native | total µs/bus wasm / native | peak MiB wasm / native | max rel. err diag(Z) vs dense |",
  );
  console.log("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const nat = native.get(r.file);
    if (!nat) throw new Error(`no native result for ${r.name}`);
    const w = r.wasm;
    const perBus = (t: Timing) => (((t.analyzeMs + t.factorMs + t.selinvMs) * 1000) / r.n).toFixed(2);
    console.log(
      `| ${r.name} | ${r.n} | ${r.nnzA} | ${w.nnzLU} | ${w.pivoted ? "partial" : "diagonal"} | ${ms(w.analyzeMs)} / ${ms(nat.analyzeMs)} | ${ms(w.factorMs)} / ${ms(nat.factorMs)} | ${ms(w.selinvMs)} / ${ms(nat.selinvMs)} | ${perBus(w)} / ${perBus(nat)} | ${mib(w.peakBytes)} / ${mib(nat.peakBytes)} | ${r.error === undefined ? "—" : r.error.toExponential(1)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
