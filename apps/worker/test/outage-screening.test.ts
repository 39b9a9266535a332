// The outage_screening task: a queued N-1 screening runs in parts (progress, cancellation between
// them) and stores one merged result, equal to the engine's screening of the whole set at once;
// it is queued behind single studies (priority), and a set that selects nothing fails at once.

import type { OutageScreeningPart, OutageScreeningResult } from "@ampflux/contracts";
import { createDb, simulationParts, storeSimulationPart } from "@ampflux/db";
import { interleavedSlice, loadSimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { screeningPartCount, screeningParts } from "../src/tasks/outage-screening.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { finished, matpowerDocument, queueStudy, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorker(
    loadWorkerSettings({
      DATABASE_URL: databaseUrl,
      WORKER_CONCURRENCY: "1",
      LOG_LEVEL: "error",
      // case1354pegase's screening (1,991 branches × 1,354 buses: 2.7 million pairs) in 4 parts.
      SCREENING_PAIRS_PER_PART: "700000",
    }),
  );
});
afterAll(async () => {
  await worker?.stop();
  await client.close();
});

describe("outage_screening task", () => {
  it("splits a set by its work into an even number of parts, at most 10", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, k) => `b${k}`);
    const pairs = 40_000_000;
    // case1354pegase (2.7 million pairs) in one part; case9241pegase (148 million) in 4;
    // case13659pegase (280 million) in 8; a 200,000-bus network's at most 10.
    expect(screeningPartCount(1_991, 1_354, pairs)).toBe(1);
    expect(screeningPartCount(16_049, 9_241, pairs)).toBe(4);
    expect(screeningPartCount(20_467, 13_659, pairs)).toBe(8);
    expect(screeningPartCount(270_000, 200_000, pairs)).toBe(10);
    expect(screeningPartCount(1_991, 1_354, 700_000)).toBe(4);
    expect(screeningParts(ids(300), 9_241, pairs)).toHaveLength(1);
    const listed = screeningParts(ids(16_049), 9_241, pairs);
    expect(listed.map((p) => p.slice(0, 2))).toEqual([
      ["b0", "b4"],
      ["b1", "b5"],
      ["b2", "b6"],
      ["b3", "b7"],
    ]);
    // Interleaved slices cover the set once, sizes differing by at most one, even when they
    // outnumber it.
    for (const [n, of] of [
      [16_049, 10],
      [1_000, 4],
      [3, 4],
      [0, 2],
    ] as const) {
      const slices = Array.from({ length: of }, (_, k) => interleavedSlice(ids(n), k, of));
      expect(slices.flat().sort()).toEqual(ids(n).sort());
      const sizes = slices.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("spreads every branch of case1354pegase over part jobs and stores the same result as one screening", async () => {
    const document = await matpowerDocument("case1354pegase");
    const sim = await queueStudy(client, document, {
      kind: "outage_screening",
      options: { fault: "1ph", case: "min" },
    });
    const row = await waitForSimulation(client, sim.id, finished, 180_000);
    expect(row.error).toBeNull();
    expect(row).toMatchObject({ status: "succeeded", progress: 1 });
    const stored = row.result as OutageScreeningResult;
    const whole = (await loadSimCore()).outageScreening(ValidatedNetwork.check(document), {
      fault: "1ph",
      case: "min",
    });
    expect(stored.options).toEqual(whole.options);
    expect(stored.outages.map((o) => o.outage)).toEqual(whole.outages.map((o) => o.outage));
    expect(stored.outages.length).toBeGreaterThan(500);
    stored.buses.forEach((bus, k) => {
      const expected = whole.buses[k];
      expect(bus.bus).toBe(expected?.bus);
      expect(bus.ikss_ka).toBeCloseTo(expected?.ikss_ka ?? Number.NaN, 9);
      // The same outage, ties included (parallel lines give equal currents: the earlier wins).
      expect(bus.outage).toBe(expected?.outage);
    });
    expect(row.timings).toHaveProperty("outages");
    // Four part jobs, each stored once; a part job run again (a retry after a killed worker)
    // stores nothing new and counts once.
    const parts = await client.db
      .select()
      .from(simulationParts)
      .where(eq(simulationParts.simulationId, sim.id))
      .orderBy(simulationParts.part);
    // "All" is split without reading the document: by the version's 1,991 branches into four
    // slices, which each part takes from the document itself.
    expect(document.lines.length + document.transformers.length).toBe(1_991);
    expect(parts.map((p) => p.input)).toEqual([0, 1, 2, 3].map((slice) => ({ slice, of: 4 })));
    expect(parts.every((p) => p.result !== null)).toBe(true);
    const again = await client.db.transaction((tx) =>
      storeSimulationPart(tx, sim.id, 0, { ...(parts[1]?.result as OutageScreeningPart) }),
    );
    expect(again).toEqual({ done: 4, total: 4 });
    const [part0] = await client.db
      .select()
      .from(simulationParts)
      .where(and(eq(simulationParts.simulationId, sim.id), eq(simulationParts.part, 0)));
    expect(part0?.result).toEqual(parts[0]?.result);
  }, 240_000);

  it("fails at once, naming the option, when the set selects no branch", async () => {
    const document = await matpowerDocument("case9");
    const sim = await queueStudy(client, document, {
      kind: "outage_screening",
      options: { kinds: ["impedance"] },
    });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row.status).toBe("failed");
    expect(row.error?.message).toContain("the outage set is empty");
  });
});
