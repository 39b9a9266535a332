// `pnpm bench --only loadflow`: core.loadFlow (WASM in Node) on imported MATPOWER cases, per
// algorithm (nr, fdxb, fdbx, dc), flat start:
// - cold: the first loadFlow of a fresh process (fresh WASM instance; the import is done before
//   and not counted), one child process per case and algorithm;
// - warm: the median of the next 15 runs in that process, and of their `timing_ms.solve` (the
//   per-unit solve in WASM without building the model and the results);
// - the whole cold `ampflux loadflow <case>.m` process (bin/ampflux.js: node start, import, engine, printing),
//   median of 3 fresh processes;
// - pandapower's runpp (bench/anchors/pandapower-loadflow.py --time) in the same run where it is
//   importable (PYTHONPATH), as the anchor; otherwise recorded as not installed.
// Nothing is asserted: these are measurements (docs/performance.md, "Load flow").

import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LOAD_FLOW_ALGORITHMS, type LoadFlowAlgorithm } from "@ampflux/contracts";
import { median } from "../median.ts";
import { MATPOWER_DIR, matpowerNetwork } from "../networks.ts";
import { table } from "../report.ts";

export const LOAD_FLOW_CASES = ["case1354pegase", "case2869pegase", "case9241pegase"];

export interface LoadFlowRow {
  network: string;
  buses: number;
  algorithm: LoadFlowAlgorithm;
  converged: boolean;
  iterations: number;
  coldMs: number;
  warmMedianMs: number;
  warmSolveMedianMs: number;
  warmRuns: number;
}

export interface CliRow {
  network: string;
  /** Wall time of each fresh `ampflux loadflow <case>.m --format json` process. */
  runsMs: number[];
  medianMs: number;
}

export interface LoadFlowBench {
  engine: LoadFlowRow[];
  cli: CliRow[];
  pandapower: string[] | "not installed";
}

/** In the child process: one case, one algorithm, 1 cold + `warm` warm runs. */
async function measureOne(network: string, algorithm: LoadFlowAlgorithm, warm: number): Promise<LoadFlowRow> {
  const { loadSimCore } = await import("@ampflux/sim-wasm");
  const core = await loadSimCore();
  const { document } = await matpowerNetwork(network);
  const options = { algorithm, flat_start: true, max_iterations: algorithm === "nr" ? 20 : 100 };
  const t0 = performance.now();
  const first = core.loadFlow(document, options);
  const coldMs = performance.now() - t0;
  const walls: number[] = [];
  const solves: number[] = [];
  for (let k = 0; k < warm; k++) {
    const t = performance.now();
    const r = core.loadFlow(document, options);
    walls.push(performance.now() - t);
    solves.push(r.timing_ms.solve);
  }
  return {
    network,
    buses: document.buses.length,
    algorithm,
    converged: first.converged,
    iterations: first.iterations,
    coldMs,
    warmMedianMs: median(walls),
    warmSolveMedianMs: median(solves),
    warmRuns: warm,
  };
}

function cliRuns(network: string, runs: number): CliRow {
  const root = new URL("../../../", import.meta.url);
  // The `ampflux` command as users run it: bin/ampflux.js, which runs the bundle when it is built
  // (`pnpm bench` builds nothing but sim-wasm: cli-cold compares the bundle with the sources).
  const main = fileURLToPath(new URL("apps/cli/bin/ampflux.js", root));
  const file = fileURLToPath(new URL(`${network}.m`, MATPOWER_DIR));
  const runsMs: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const out = spawnSync(process.execPath, [main, "loadflow", file, "--format", "json"], {
      cwd: fileURLToPath(root),
      stdio: ["ignore", "ignore", "ignore"],
    });
    runsMs.push(performance.now() - t);
    if (out.status !== 0) throw new Error(`ampflux loadflow ${network} exited ${out.status}`);
  }
  return { network, runsMs, medianMs: median(runsMs) };
}

function pandapowerAnchor(cases: string[]): string[] | "not installed" {
  const probe = spawnSync("python3", ["-c", "import pandapower"], { stdio: "ignore" });
  if (probe.status !== 0) return "not installed";
  const script = fileURLToPath(new URL("../../anchors/pandapower-loadflow.py", import.meta.url));
  const out = execFileSync("python3", [script, "--time", ...cases], { encoding: "utf8" });
  return out.trim().split("\n");
}

export async function benchLoadFlow(quick: boolean): Promise<LoadFlowBench> {
  const cases = quick ? LOAD_FLOW_CASES.slice(0, 1) : LOAD_FLOW_CASES;
  // Warm is the steady state: the first few calls after the cold one still wait for V8 to
  // optimize the model builder and the WASM tier-up, so 15 calls, of which the median.
  const warm = quick ? 3 : 15;
  const engine: LoadFlowRow[] = [];
  for (const network of cases)
    for (const algorithm of LOAD_FLOW_ALGORITHMS) {
      const out = execFileSync(
        process.execPath,
        [fileURLToPath(import.meta.url), network, algorithm, String(warm)],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
      );
      engine.push(JSON.parse(out) as LoadFlowRow);
    }
  const cli = [cliRuns(cases.at(-1) ?? "case1354pegase", quick ? 1 : 3)];
  return { engine, cli, pandapower: pandapowerAnchor(cases) };
}

export function loadFlowTables(b: LoadFlowBench): string {
  const engine = table(
    ["network", "buses", "algorithm", "iterations", "cold ms", "warm median ms", "warm solve ms"],
    b.engine.map((r) => [
      r.network,
      r.buses,
      r.algorithm,
      r.converged ? r.iterations : `${r.iterations} (not converged)`,
      r.coldMs,
      r.warmMedianMs,
      r.warmSolveMedianMs,
    ]),
  );
  const cli = table(
    ["whole cold process", "median ms", "runs ms"],
    b.cli.map((r) => [
      `ampflux loadflow ${r.network}.m`,
      r.medianMs,
      r.runsMs.map((x) => x.toFixed(0)).join(" / "),
    ]),
  );
  const anchor =
    b.pandapower === "not installed"
      ? "pandapower: not installed (set PYTHONPATH to a pandapower 2.14 checkout to add the anchor)"
      : b.pandapower.join("\n");
  return `${engine}\n\n${cli}\n\n${anchor}`;
}

// Child process: `node load-flow.ts <case> <algorithm> <warm runs>` prints one row as JSON.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [network = "case9", algorithm = "nr", warm = "5"] = process.argv.slice(2);
  const row = await measureOne(network, algorithm as LoadFlowAlgorithm, Number(warm));
  process.stdout.write(JSON.stringify(row));
}
