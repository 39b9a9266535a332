// `ampflux study` and `ampflux loadflow` as a user runs them: a fresh Node process per run, whole wall time including
// Node's start-up, the bundled CLI (apps/cli/bin/ampflux.js → dist/) against the TypeScript
// sources (node apps/cli/src/main.ts) and a bare `node -e 0` measured in the same run. The first
// run of each is the cold figure (nothing of ours in the OS file cache's favour beyond what the
// previous command left); the median of the rest is the steady one-shot figure.

import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MATPOWER_DIR } from "../networks.ts";

export interface CliColdRow {
  network: string;
  /** `study --fault <fault>`, or `loadflow` (fault "–"). */
  command: "study" | "loadflow";
  fault: string;
  entry: "bundle" | "sources";
  runs: number;
  firstMs: number;
  medianMs: number;
  /** Median wall time minus the median bare Node start-up of the same run. */
  beyondStartupMs: number;
  /**
   * The engine's own timing (sum of its phases) in the median run, from the JSON output
   * (`timings` of a study, `timing_ms` of a load flow).
   */
  engineMs: number;
}

export interface CliCold {
  nodeStartupMs: number;
  /**
   * Median wall time of `ampflux --help`: Node's start-up and loading the bundle's entry, the
   * least any command costs (issue 18's "beyond start-up" budget is measured from bare Node).
   */
  helpMs: number;
  rows: CliColdRow[];
}

const root = fileURLToPath(new URL("../../../", import.meta.url));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

function timed(args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

export function benchCliCold(quick: boolean): CliCold {
  // The bin runs the bundle only once it is built.
  execFileSync(process.execPath, ["apps/cli/scripts/build.ts"], { cwd: root, stdio: "inherit" });
  const runs = quick ? 3 : 5;
  const startup = Array.from({ length: runs }, () => timed(["-e", "0"]).ms);
  const nodeStartupMs = median(startup);
  const helpMs = median(Array.from({ length: runs }, () => timed(["apps/cli/bin/ampflux.js", "--help"]).ms));
  const rows: CliColdRow[] = [];
  const cases = quick ? ["case9", "case2869pegase"] : ["case9", "case2869pegase", "case9241pegase"];
  for (const network of cases) {
    const file = fileURLToPath(new URL(`${network}.m`, MATPOWER_DIR));
    const commands = [
      { command: "study", fault: "3ph", args: ["study", file, "--fault", "3ph"] },
      { command: "study", fault: "1ph", args: ["study", file, "--fault", "1ph"] },
      { command: "loadflow", fault: "–", args: ["loadflow", file] },
    ] as const;
    for (const { command, fault, args } of commands) {
      for (const entry of ["bundle", "sources"] as const) {
        const main = entry === "bundle" ? "apps/cli/bin/ampflux.js" : "apps/cli/src/main.ts";
        const samples = Array.from({ length: runs }, () => timed([main, ...args, "--format", "json"]));
        const ms = samples.map((s) => s.ms);
        const mid = samples.find((s) => s.ms === median(ms)) ?? samples[0];
        const output = JSON.parse(mid?.stdout ?? "{}") as {
          timings?: Record<string, number>;
          timing_ms?: Record<string, number>;
        };
        const timings = output.timings ?? output.timing_ms ?? {};
        rows.push({
          network,
          command,
          fault,
          entry,
          runs,
          firstMs: round(ms[0] ?? Number.NaN),
          medianMs: round(median(ms)),
          beyondStartupMs: round(median(ms) - nodeStartupMs),
          engineMs: round(Object.values(timings).reduce((a, b) => a + b, 0)),
        });
      }
    }
  }
  return { nodeStartupMs: round(nodeStartupMs), helpMs: round(helpMs), rows };
}
