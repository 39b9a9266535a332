// Requests per second and latency of the api under load: autocannon against a real api on
// loopback, next to a bare Hono route served by the same Node in the same process, so the ratios
// (issue 18: auth.me ≥ 25 %, projects.list ≥ 15 % of bare at 10 connections) compare like with
// like on a shared, noisy machine. The 10-connection figures are the median of three runs taken
// in rounds (bare, auth.me, projects.list, circuits.get…, then again), 1 and 100 connections one run.
// The servers (api and bare route) share the bench process; autocannon fires GETs from a worker
// thread, so the load generator does not share their event loop (it does share the 2 cores).

import { setTimeout as sleep } from "node:timers/promises";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import { matpowerNetwork } from "./networks.ts";
import { type BenchService, startBenchService } from "./service.ts";
import { syntheticDocument } from "./synthetic.ts";

export interface LoadRow {
  procedure: string;
  connections: number;
  /** How many runs the figures are the median of. */
  runs: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /**
   * CPU time of the servers' thread per request sent, µs (`process.threadCpuUsage()` from the start
   * of the run until every request is answered): what a request costs the api, much less
   * sensitive to other processes' load than req/s. null when autocannon ran on that thread too
   * (simulations.run's per-request bodies).
   */
  cpuUsPerRequest: number | null;
}

export interface ApiLoad {
  rows: LoadRow[];
  /** req/s of each procedure at 10 connections over the bare Hono route's, same run. */
  ratiosToBare: Record<string, number>;
  /**
   * The bare route's server CPU per request over each procedure's, at 10 connections: the share
   * of bare's throughput the procedure would reach if the servers' thread were the bound, read
   * from CPU time instead of req/s (steadier on a shared machine).
   */
  cpuSharesOfBare: Record<string, number>;
}

export const BARE = "bare Hono route";

/**
 * simulations.run is heavy work: with the product's limits (docs/limits.md: 2 at once and 60 a
 * minute per user) every connection past the second, and every request past the 60th of a
 * minute, is refused 429, so its rows measured refusals. The bench's own api is configured
 * with limits no run reaches (as an operator may set them; the defaults are unchanged and
 * tested in apps/api/test/limits.test.ts): its rows measure studies.
 */
const BENCH_HEAVY_LIMITS = {
  HEAVY_MAX_CONCURRENT_PER_USER: "1000",
  HEAVY_MAX_CONCURRENT_PER_COMPANY: "1000",
  HEAVY_MAX_PER_USER_PER_MINUTE: "10000000",
  HEAVY_MAX_PER_COMPANY_PER_MINUTE: "10000000",
};
const ROUNDS = 3;

interface Target {
  procedure: string;
  method: "GET" | "POST";
  url: string;
  /** A body per request; new options each time defeat the result cache. */
  body?: () => string;
  /** Measured three times at 10 connections (the issue's goals). */
  ratio?: boolean;
}

const query = (procedure: string, input?: unknown) =>
  `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;

function targets(bareUrl: string, apiUrl: string, projectId: string, bigProjectId: string): Target[] {
  const run = (tmin: () => number) => () =>
    JSON.stringify({
      json: { projectId, version: 1, study: { kind: "short_circuit", options: { tmin_s: tmin() } } },
    });
  let k = 0;
  return [
    { procedure: BARE, method: "GET", url: `${bareUrl}/bare`, ratio: true },
    { procedure: "auth.me", method: "GET", url: apiUrl + query("auth.me"), ratio: true },
    { procedure: "projects.list", method: "GET", url: apiUrl + query("projects.list", {}), ratio: true },
    {
      procedure: "circuits.get (100 buses)",
      method: "GET",
      url: apiUrl + query("circuits.get", { projectId }),
    },
    {
      procedure: "circuits.get (1354 buses)",
      method: "GET",
      url: apiUrl + query("circuits.get", { projectId: bigProjectId }),
      ratio: true,
    },
    {
      procedure: "simulations.run (cached)",
      method: "POST",
      url: `${apiUrl}/trpc/simulations.run`,
      body: run(() => 0.1),
    },
    {
      procedure: "simulations.run (computed)",
      method: "POST",
      url: `${apiUrl}/trpc/simulations.run`,
      body: run(() => 0.02 + ++k * 1e-7),
    },
  ];
}

type Run = Omit<LoadRow, "runs">;

/** How long to wait, at most, for the api to finish the requests a run left in flight. */
const DRAIN_TIMEOUT_MS = 60_000;

/**
 * autocannon stops at the deadline without waiting for answers in flight: the next run starts (or
 * the database closes) only once the api has answered every request sent, so they neither count
 * against the next run nor meet a closing database (a study takes a while: 100 in flight are
 * seconds of work). The bare route answers at once: a fixed pause is enough there.
 */
async function drain(service: BenchService | undefined, answeredBefore: number, sent: number) {
  if (!service) return sleep(1_000);
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while ((await service.answered()) - answeredBefore < sent && Date.now() < deadline) await sleep(100);
}

async function load(
  apiKey: string,
  target: Target,
  connections: number,
  seconds: number,
  service?: BenchService,
): Promise<Run> {
  const answeredBefore = (await service?.answered()) ?? 0;
  const cpuBefore = process.threadCpuUsage();
  const result = await autocannon({
    url: target.url,
    method: target.method,
    connections,
    duration: seconds,
    // Requests without a body function come from a worker thread, off the servers' event loop;
    // simulations.run's per-request bodies need the main thread (a function cannot cross).
    ...(!target.body && { workers: 1 }),
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    ...(target.body && {
      requests: [{ setupRequest: (req) => ({ ...req, body: target.body?.() }) }],
    }),
  });
  await drain(service, answeredBefore, result.requests.sent);
  const cpu = process.threadCpuUsage(cpuBefore);
  return {
    procedure: target.procedure,
    connections,
    requests: result.requests.total,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuUsPerRequest:
      target.body || result.requests.sent === 0
        ? null
        : Math.round(((cpu.user + cpu.system) / result.requests.sent) * 10) / 10,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Per-figure medians of several runs of one target (each figure's own median). */
function medianRow(runs: Run[]): LoadRow {
  const [first] = runs;
  if (!first) throw new Error("no runs to take the median of");
  return {
    procedure: first.procedure,
    connections: first.connections,
    runs: runs.length,
    requests: median(runs.map((r) => r.requests)),
    rps: median(runs.map((r) => r.rps)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    non2xx: Math.max(...runs.map((r) => r.non2xx)),
    cpuUsPerRequest: first.cpuUsPerRequest === null ? null : median(runs.map((r) => r.cpuUsPerRequest ?? 0)),
  };
}

/** The bare baseline: the smallest JSON answer Hono can give, on the same Node. */
async function startBareHono() {
  const app = new Hono().get("/bare", (c) => c.json({ ok: true }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Loads each procedure (100-bus network; circuits.get also on case1354pegase); `seconds` bounds every run. */
export async function benchApiLoad(seconds: number): Promise<ApiLoad> {
  const service = await startBenchService(syntheticDocument(100).document, {
    LOGIN_MAX_PER_IP: "1000000",
    ...BENCH_HEAVY_LIMITS,
  });
  const bare = await startBareHono();
  try {
    const big = await service.addProject(
      "case1354pegase",
      (await matpowerNetwork("case1354pegase")).document,
    );
    const all = targets(bare.url, service.url, service.projectId, big);
    const rows: LoadRow[] = [];
    // Warm-up: the first study loads the WASM core and the first queries fill the caches.
    const measure = (target: Target, connections: number, runSeconds: number) =>
      load(service.apiKey, target, connections, runSeconds, target.procedure === BARE ? undefined : service);
    for (const target of all) await measure(target, 1, 1);
    const ratioRuns = new Map<string, Run[]>();
    for (let round = 0; round < ROUNDS; round++)
      for (const target of all.filter((t) => t.ratio)) {
        const runs = ratioRuns.get(target.procedure) ?? [];
        ratioRuns.set(target.procedure, [...runs, await measure(target, 10, seconds)]);
      }
    for (const target of all) {
      rows.push(medianRow([await measure(target, 1, seconds)]));
      const runs = ratioRuns.get(target.procedure) ?? [await measure(target, 10, seconds)];
      rows.push(medianRow(runs));
      rows.push(medianRow([await measure(target, 100, seconds)]));
    }
    const bareRps = rows.find((r) => r.procedure === BARE && r.connections === 10)?.rps ?? Number.NaN;
    const ratiosToBare = Object.fromEntries(
      rows
        .filter((r) => r.connections === 10 && r.procedure !== BARE)
        .map((r) => [r.procedure, Math.round((r.rps / bareRps) * 1000) / 1000]),
    );
    const bareCpu = rows.find((r) => r.procedure === BARE && r.connections === 10)?.cpuUsPerRequest;
    const cpuSharesOfBare = Object.fromEntries(
      rows
        .filter((r) => r.connections === 10 && r.procedure !== BARE && r.cpuUsPerRequest && bareCpu)
        .map((r) => [r.procedure, Math.round(((bareCpu ?? 0) / (r.cpuUsPerRequest ?? 1)) * 1000) / 1000]),
    );
    return { rows, ratiosToBare, cpuSharesOfBare };
  } finally {
    await bare.close();
    await service.stop();
  }
}
