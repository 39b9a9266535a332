// Duty in stored studies: the simulate task stores the engine's checks, and a batch keeps per
// element and check the worst duty over its max-case steps with the step that produced it.

import {
  batchStudyOptionsSchema,
  type DutyCheck,
  type FaultType,
  type NetworkDocument,
  networkDocumentSchema,
} from "@ampflux/contracts";
import {
  batchStudyResultOf,
  ratedSwitchboard,
  shortCircuitResultOf,
  withParallelTransformer,
} from "@ampflux/contracts/testing";
import { createDb } from "@ampflux/db";
import { loadSimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { worstCases } from "../src/tasks/batch-study.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { finished, queueStudy, waitForSimulation } from "./fixtures.ts";

const core = await loadSimCore();
const parallel = networkDocumentSchema.parse(withParallelTransformer(ratedSwitchboard));

/**
 * I''k at switchboard "mv" by hand, IEC 60909-0:2016: grid eq. (10) Z_Q = c·Un²/S''kQ referred
 * to 20 kV, R/X 0.1; transformer eq. (7)–(9) Z_T = uk·UrT²/SrT, R_T = uR·UrT²/SrT (the fixture's
 * vk and vkr), corrected by eq. (12a) K_T = 0.95·c_max/(1 + 0.6·x_T); eq. (29) I''k = c·Un/(√3·|Z_k|).
 */
function handIkssAtMv(transformers: number): number {
  const c = 1.1;
  const t1 = ratedSwitchboard.transformers[0] as (typeof ratedSwitchboard.transformers)[number];
  const uk = t1.vk_percent / 100;
  const ur = t1.vkr_percent / 100;
  const xQ = (c * 20 ** 2) / 5000 / Math.sqrt(1 + 0.1 ** 2);
  const zBase = 20 ** 2 / t1.sn_mva;
  const xT = Math.sqrt(uk ** 2 - ur ** 2);
  const kT = (0.95 * c) / (1 + 0.6 * xT);
  const r = 0.1 * xQ + (kT * ur * zBase) / transformers;
  const x = xQ + (kT * xT * zBase) / transformers;
  return (c * 20) / (Math.sqrt(3) * Math.hypot(r, x));
}

const find = (checks: readonly DutyCheck[] | undefined, element: string, check: string) =>
  checks?.find((c) => c.element === element && c.check === check);

describe("batch duty", () => {
  const faults: FaultType[] = ["3ph", "1ph"];
  const options = batchStudyOptionsSchema.parse({
    faults,
    cases: ["max", "min"],
    contingencies: ["T2"],
    duty: true,
  });
  const variants: Array<[string | null, NetworkDocument]> = [
    [null, parallel],
    [
      "T2",
      { ...parallel, transformers: parallel.transformers.map((t) => ({ ...t, in_service: t.id !== "T2" })) },
    ],
  ];

  it("keeps per element and check the worst duty over the max-case steps, with that step", async () => {
    const sweep = await worstCases(core, ValidatedNetwork.check(parallel), options, async () => true);
    const single = variants.flatMap(([outage, doc]) =>
      faults.map((fault) => ({
        outage,
        fault,
        duty: core.shortCircuit(doc, { fault, case: "max", duty: true }).duty ?? [],
      })),
    );
    expect(sweep.duty?.length).toBeGreaterThan(0);
    expect(sweep.duty).toHaveLength(
      new Set(single.flatMap((s) => s.duty.map((c) => `${c.element}/${c.check}`))).size,
    );
    for (const kept of sweep.duty ?? []) {
      expect(kept.case).toBe("max");
      // The value is the highest of every step's, and the step named gave exactly it.
      const values = single.map((s) => find(s.duty, kept.element, kept.check)?.value ?? -1);
      expect(kept.value ?? -1).toBe(Math.max(...values));
      const named = single.find((s) => s.outage === kept.outage && s.fault === kept.fault);
      expect(find(named?.duty, kept.element, kept.check)).toMatchObject({
        value: kept.value,
        percent: kept.percent,
      });
    }
    // Worst first, as the Duty tab lists them.
    const percents = (sweep.duty ?? []).map((c) => c.percent ?? -1);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));

    // Q1's symmetrical breaking duty is the total current at its bus "mv". With both
    // transformers in (the base case) a 3ph fault gives ≈ 27.6 kA on 16 kA, by hand: far from
    // generators Ib = I''k (IEC 60909-0:2016 eq. (74)). The kept worst is the base case's, from
    // the higher fault type there: 1ph, through the default Dyn5 transformers' zero-sequence path.
    const step = (outage: string | null, fault: FaultType) =>
      find(single.find((s) => s.outage === outage && s.fault === fault)?.duty, "Q1", "breaking_sym");
    const base3ph = step(null, "3ph");
    expect(base3ph?.value).toBeCloseTo(handIkssAtMv(2), 1);
    const q1 = find(sweep.duty, "Q1", "breaking_sym");
    expect(q1).toMatchObject({ outage: null, fault: "1ph", case: "max", rating: 16, status: "overdutied" });
    expect(q1?.value).toBe(Math.max(base3ph?.value ?? 0, step(null, "1ph")?.value ?? 0));
    // The contingency T2 alone gives ≈ 15.3 kA (3ph), 95.6 %: a warning, lower than the base case.
    const t2Out = step("T2", "3ph");
    expect(t2Out?.value).toBeCloseTo(handIkssAtMv(1), 1);
    expect(t2Out?.status).toBe("warning");
    console.info(
      `batch duty: Q1 breaking_sym kept ${q1?.value?.toFixed(2)} kA (${q1?.fault}, outage ${q1?.outage}); 3ph base ${base3ph?.value?.toFixed(2)} kA, hand ${handIkssAtMv(2).toFixed(2)} kA; T2 out ${t2Out?.value?.toFixed(2)} kA`,
    );
  });

  it("has no duty without the option, and refuses duty without the max case", async () => {
    const plain = await worstCases(
      core,
      ValidatedNetwork.check(parallel),
      { ...options, duty: false },
      async () => true,
    );
    expect(plain.duty).toBeUndefined();
    await expect(
      worstCases(core, ValidatedNetwork.check(parallel), { ...options, cases: ["min"] }, async () => true),
    ).rejects.toMatchObject({ details: [{ path: ["cases"] }] });
  });
});

describe("duty in queued studies", () => {
  const databaseUrl = inject("databaseUrl");
  const client = createDb(databaseUrl);
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker(loadWorkerSettings({ DATABASE_URL: databaseUrl, LOG_LEVEL: "error" }));
  });
  afterAll(async () => {
    await worker?.stop();
    await client.close();
  });

  it("stores a short-circuit study's duty checks", async () => {
    const sim = await queueStudy(client, ratedSwitchboard, {
      kind: "short_circuit",
      options: { duty: true },
    });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row.status).toBe("succeeded");
    const q1 = find(shortCircuitResultOf(row.result).duty, "Q1", "breaking_sym");
    // One transformer: ≈ 15.3 kA on 16 kA, a warning (90–100 %).
    expect(q1).toMatchObject({
      element_type: "switch",
      kind: "circuit_breaker",
      bus: "mv",
      status: "warning",
    });
    expect(q1?.value).toBeCloseTo(handIkssAtMv(1), 1);
  });

  it("stores a batch study's worst duty with the step that produced it", async () => {
    const sim = await queueStudy(client, withParallelTransformer(ratedSwitchboard), {
      kind: "batch_study",
      options: { faults: ["3ph"], cases: ["max"], contingencies: ["T2"], duty: true },
    });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row.status).toBe("succeeded");
    const result = batchStudyResultOf(row.result);
    expect(find(result.duty, "Q1", "breaking_sym")).toMatchObject({
      fault: "3ph",
      case: "max",
      outage: null,
      status: "overdutied",
    });
    // ith_ka is kept per bus now, at its own worst.
    expect(result.worst.find((w) => w.bus === "mv")?.ith_ka).toBeGreaterThan(0);
  });

  it("runs a stored document whose elements reference a company type the worker has no library for", async () => {
    // As the api stores it: resolved on save, the company type's uuid kept as the reference.
    const typed = {
      ...ratedSwitchboard,
      switches: ratedSwitchboard.switches.map((s) => ({
        ...s,
        type: "3b2f7c7e-8a53-4f3e-9d51-0d6a2c1f4e11",
      })),
    };
    const sim = await queueStudy(client, typed, { kind: "short_circuit", options: {} });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row).toMatchObject({ status: "succeeded", error: null });
  });
});
