// Requests per second and latency of the api under load: autocannon against a real api on
// loopback, at 1, 10 and 100 concurrent connections, each run bounded in time.

import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { startBenchService } from "./service.ts";
import { syntheticDocument } from "./synthetic.ts";

export interface LoadRow {
  procedure: string;
  connections: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

const CONNECTIONS = [1, 10, 100];

interface Target {
  procedure: string;
  method: "GET" | "POST";
  path: string;
  /** A body per request; new options each time defeat the result cache. */
  body?: () => string;
}

const query = (procedure: string, input?: unknown) =>
  `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;

function targets(projectId: string): Target[] {
  const run = (tmin: () => number) => () =>
    JSON.stringify({
      json: { projectId, version: 1, study: { kind: "short_circuit", options: { tmin_s: tmin() } } },
    });
  let k = 0;
  return [
    { procedure: "auth.me", method: "GET", path: query("auth.me") },
    { procedure: "projects.list", method: "GET", path: query("projects.list", {}) },
    { procedure: "circuits.get", method: "GET", path: query("circuits.get", { projectId }) },
    {
      procedure: "simulations.run (cached)",
      method: "POST",
      path: "/trpc/simulations.run",
      body: run(() => 0.1),
    },
    {
      procedure: "simulations.run (computed)",
      method: "POST",
      path: "/trpc/simulations.run",
      body: run(() => 0.02 + ++k * 1e-7),
    },
  ];
}

async function load(url: string, apiKey: string, target: Target, connections: number, seconds: number) {
  const result = await autocannon({
    url: `${url}${target.path}`,
    method: target.method,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    ...(target.body && {
      requests: [{ setupRequest: (req) => ({ ...req, body: target.body?.() }) }],
    }),
  });
  // autocannon stops at the deadline without waiting for answers in flight: let the api drain them
  // so they neither count against the next run nor meet a closing database.
  await sleep(1_500);
  return {
    procedure: target.procedure,
    connections,
    requests: result.requests.total,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

/** Loads each procedure on a 100-bus network; `seconds` bounds every run. */
export async function benchApiLoad(seconds: number): Promise<LoadRow[]> {
  const service = await startBenchService(syntheticDocument(100).document, {
    LOGIN_MAX_PER_IP: "1000000",
  });
  try {
    const rows: LoadRow[] = [];
    for (const target of targets(service.projectId)) {
      // Warm-up: the first study loads the WASM core and the first queries fill the caches.
      await load(service.url, service.apiKey, target, 1, 1);
      for (const connections of CONNECTIONS)
        rows.push(await load(service.url, service.apiKey, target, connections, seconds));
    }
    return rows;
  } finally {
    await service.stop();
  }
}
