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
 * I''k at switchboard "mv" by hand, IEC 60909-0:2016: grid §6.2 eq. (10) Z_Q = c·Un²/S''kQ
 * referred to 20 kV, R/X 0.1; transformer §6.3.1 eq. (7) Z_T = uk·UrT²/SrT, R_T = ukr·UrT²/SrT,
 * corrected by eq. (12a) K_T = 0.95·c_max/(1 + 0.6·x_T); eq. (29) I''k = c·Un/(√3·|Z_k|).
 */
function handIkssAtMv(transformers: number): number {
  const c = 1.1;
  const zQ = (c * 110 ** 2) / 5000 / (110 / 20) ** 2;
  const xQ = zQ / Math.sqrt(1 + 0.1 ** 2);
  const zT = (0.12 * 20 ** 2) / 63;
  const rT = (0.003 * 20 ** 2) / 63;
  const xT = Math.sqrt(zT ** 2 - rT ** 2);
  const kT = (0.95 * c) / (1 + 0.6 * (xT / (20 ** 2 / 63)));
  const r = 0.1 * xQ + (kT * rT) / transformers;
  const x = xQ + (kT * xT) / transformers;
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

    // Q1's symmetrical breaking duty: far from generators Ib = I''k (IEC 60909-0:2016 §4.5.1),
    // the total at its bus "mv". Both transformers in (the base case): ≈ 27.7 kA on 16 kA.
    const q1 = find(sweep.duty, "Q1", "breaking_sym");
    expect(q1).toMatchObject({ outage: null, case: "max", rating: 16, status: "overdutied" });
    expect(q1?.value).toBeCloseTo(handIkssAtMv(2), 1);
    expect(q1?.percent).toBeCloseTo((100 * handIkssAtMv(2)) / 16, 0);
    // The contingency T2 alone would have given ≈ 15.3 kA, 95.6 %: a warning, not the worst.
    const t2Out = find(
      single.find((s) => s.outage === "T2" && s.fault === "3ph")?.duty,
      "Q1",
      "breaking_sym",
    );
    expect(t2Out?.value).toBeCloseTo(handIkssAtMv(1), 1);
    expect(t2Out?.status).toBe("warning");
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
