// `pnpm bench -- --only n1-short-circuit`: N-1 screening of I''k (issue 25) on one worker.
// Per case and fault, in a fresh child process: every in-service line and transformer out in
// turn (`core.outageScreening`, rank-1 updates of one factorization), its wall time, its own
// phase timings and the process's peak resident memory; beside it, the naive way measured in the
// same process: a full study of the network with the branch out of service, on a sample of
// outages, extrapolated to all of them. Nothing is asserted (docs/performance.md, "N-1").

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FaultType, NetworkDocument } from "@ampflux/contracts";
import { matpowerNetwork } from "../networks.ts";
import { table } from "../report.ts";

export interface ScreeningRow {
  network: string;
  buses: number;
  fault: FaultType;
  outages: number;
  notScreened: number;
  screeningMs: number;
  phases: Record<string, number>;
  /** Median of the full re-solves of the sample, and the sample's size. */
  resolveMedianMs: number;
  resolveSample: number;
  /** resolveMedianMs × outages: the naive way's time for the whole set. */
  naiveEstimateMs: number;
  peakRssMiB: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;

function without(doc: NetworkDocument, id: string): NetworkDocument {
  const off = <T extends { id: string; in_service: boolean }>(list: T[]) =>
    list.map((b) => (b.id === id ? { ...b, in_service: false } : b));
  return { ...doc, lines: off(doc.lines), transformers: off(doc.transformers) };
}

/** In the child process: one case and fault. */
async function measureOne(network: string, fault: FaultType, sample: number): Promise<ScreeningRow> {
  const { loadSimCore, ValidatedNetwork } = await import("@ampflux/sim-wasm");
  const core = await loadSimCore();
  const { document } = await matpowerNetwork(network);
  const validated = ValidatedNetwork.check(document);
  const t0 = performance.now();
  const result = core.outageScreening(validated, { fault });
  const screeningMs = performance.now() - t0;
  const ids = result.outages.map((o) => o.outage);
  const resolves: number[] = [];
  for (let k = 0; k < sample; k++) {
    const id = ids[Math.floor((k * ids.length) / sample)] ?? "";
    const t = performance.now();
    core.shortCircuit(without(validated.document, id), { fault });
    resolves.push(performance.now() - t);
  }
  return {
    network,
    buses: document.buses.length,
    fault,
    outages: ids.length,
    notScreened: result.not_screened.length,
    screeningMs,
    phases: result.timings,
    resolveMedianMs: median(resolves),
    resolveSample: sample,
    naiveEstimateMs: median(resolves) * ids.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

export async function benchOutageScreening(quick: boolean): Promise<ScreeningRow[]> {
  const runs: [string, FaultType][] = quick
    ? [["case1354pegase", "3ph"]]
    : [
        ["case9241pegase", "3ph"],
        ["case9241pegase", "1ph"],
        ["case13659pegase", "3ph"],
      ];
  const rows: ScreeningRow[] = [];
  for (const [network, fault] of runs) {
    const out = execFileSync(
      process.execPath,
      [fileURLToPath(import.meta.url), network, fault, quick ? "5" : "20"],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 1 << 20,
      },
    );
    rows.push(JSON.parse(out) as ScreeningRow);
  }
  return rows;
}

export function outageScreeningTable(rows: ScreeningRow[]): string {
  return table(
    [
      "network",
      "buses",
      "fault",
      "outages",
      "not screened",
      "screening ms",
      "of which outages ms",
      "re-solve median ms",
      "naive estimate s",
      "speed-up",
      "peak RSS MiB",
    ],
    rows.map((r) => [
      r.network,
      r.buses,
      r.fault,
      r.outages,
      r.notScreened,
      r.screeningMs,
      r.phases.outages ?? 0,
      r.resolveMedianMs,
      r.naiveEstimateMs / 1000,
      r.naiveEstimateMs / r.screeningMs,
      r.peakRssMiB,
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [network = "case9241pegase", fault = "3ph", sample = "20"] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await measureOne(network, fault as FaultType, Number(sample))));
}
