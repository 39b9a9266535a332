// N-1 screening by rank-1 updates against full re-solves: each outage's network studied again
// from scratch (the branch taken out of service, a new model, a new factorization). Exactness
// goal of issue 25: ≤ 1e-9 relative for every bus.

import { readFile } from "node:fs/promises";
import {
  FAULT_TYPES,
  type FaultType,
  type NetworkDocument,
  type OutageScreeningResult,
  type StudyCase,
} from "@ampflux/contracts";
import { importMatpower } from "@ampflux/contracts/importers";
import { describe, expect, it } from "vitest";
import {
  interleavedSlice,
  loadSimCore,
  mergeScreeningParts,
  ShortCircuitInputError,
  screeningPart,
  ValidatedNetwork,
} from "../src/index.ts";
import { threeWindingSplits } from "./networks/three-winding-splits.ts";
import { tr60909_4_hv } from "./networks/tr60909-4-hv.ts";

const core = await loadSimCore();
const TOLERANCE = 1e-9;

async function matpower(name: string): Promise<NetworkDocument> {
  const text = await readFile(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");
  return ValidatedNetwork.check(importMatpower(text).document).document;
}

/** The document with branch `id` out of service. */
function without(doc: NetworkDocument, id: string): NetworkDocument {
  const off = <T extends { id: string; in_service: boolean }>(list: T[]) =>
    list.map((b) => (b.id === id ? { ...b, in_service: false } : b));
  return {
    ...doc,
    lines: off(doc.lines),
    transformers: off(doc.transformers),
    impedances: off(doc.impedances),
    transformers3w: off(doc.transformers3w),
  };
}

/** I''k per bus of a full study (null: unfed). */
function fullStudy(doc: NetworkDocument, fault: FaultType, studyCase: StudyCase): (number | null)[] {
  return core.shortCircuit(doc, { fault, case: studyCase }).buses.map((b) => b.ikss_ka);
}

/** Relative difference; a bus without earth-fault current (no earth path) has 0 on both sides. */
const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/** The worst per bus over the base case and the re-solved outages, as the screening defines it. */
function referenceWorst(base: (number | null)[], outages: Map<string, (number | null)[]>, highest: boolean) {
  return base.map((value, k) => {
    let worst = { ikss: value, outage: null as string | null };
    for (const [id, currents] of outages) {
      const v = currents[k] ?? null;
      if (v === null || worst.ikss === null) continue;
      if (highest ? v > worst.ikss : v < worst.ikss) worst = { ikss: v, outage: id };
    }
    return worst;
  });
}

function expectWorstEqual(
  result: OutageScreeningResult,
  reference: ReturnType<typeof referenceWorst>,
  outages: Map<string, (number | null)[]>,
) {
  let largest = 0;
  result.buses.forEach((bus, k) => {
    const expected = reference[k];
    if (!expected || expected.ikss === null || bus.ikss_ka === null) {
      expect(bus.ikss_ka, bus.bus).toBe(expected?.ikss ?? null);
      return;
    }
    largest = Math.max(largest, relative(bus.ikss_ka, expected.ikss));
    // Parallel branches give the same current to rounding, so the outage named need not be the
    // reference's: its own re-solve must give the worst current (the base case: null).
    const named = bus.outage === null ? bus.base_ikss_ka : (outages.get(bus.outage)?.[k] ?? Number.NaN);
    largest = Math.max(largest, relative(named ?? Number.NaN, expected.ikss));
  });
  expect(largest).toBeLessThanOrEqual(TOLERANCE);
  return largest;
}

describe("N-1 screening of I''k", () => {
  it.each(FAULT_TYPES)(
    "equals a full re-solve for every branch outage of case118, one at a time, both extremes (%s)",
    async (fault) => {
      const doc = await matpower("case118");
      const network = ValidatedNetwork.check(doc);
      const base = fullStudy(doc, fault, "max");
      const branches = [...doc.lines, ...doc.transformers].map((b) => b.id);
      let largest = 0;
      for (const id of branches) {
        const reference = fullStudy(without(doc, id), fault, "max");
        const high = core.outageScreening(network, { fault, outages: [id], worst: "highest" });
        const low = core.outageScreening(network, { fault, outages: [id], worst: "lowest" });
        reference.forEach((expected, k) => {
          const [h, l] = [high.buses[k]?.ikss_ka ?? null, low.buses[k]?.ikss_ka ?? null];
          if (expected === null) {
            // Unfed by the outage: the screening keeps the bus at its base value and counts it.
            expect(relative(h ?? Number.NaN, base[k] ?? Number.NaN)).toBeLessThanOrEqual(TOLERANCE);
            return;
          }
          // The outage's own value is whichever extreme moved away from the base case.
          const moved = (v: number | null) => relative(v ?? Number.NaN, base[k] ?? Number.NaN) > 1e-12;
          const value = moved(h) ? h : l;
          largest = Math.max(largest, relative(value ?? Number.NaN, expected));
        });
        const unfed = reference.filter((v, k) => v === null && base[k] !== null).length;
        expect(high.outages[0]?.unfed_buses, id).toBe(unfed);
      }
      expect(largest).toBeLessThanOrEqual(TOLERANCE);
    },
    120_000,
  );

  it.each(["3ph", "1ph"] as const)(
    "equals full re-solves on 200 random outages of case9241pegase, worst per bus and its outage (%s)",
    async (fault) => {
      const doc = await matpower("case9241pegase");
      const network = ValidatedNetwork.check(doc);
      const all = [...doc.lines, ...doc.transformers].map((b) => b.id);
      // A fixed pseudo-random sample (LCG), so a failure names the same outages every run.
      let seed = 9241;
      const sample = new Set<string>();
      while (sample.size < 200) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        sample.add(all[seed % all.length] ?? "");
      }
      const base = fullStudy(doc, fault, "max");
      const outages = new Map([...sample].map((id) => [id, fullStudy(without(doc, id), fault, "max")]));
      for (const worst of ["highest", "lowest"] as const) {
        const result = core.outageScreening(network, { fault, outages: [...sample], worst });
        expect(result.not_screened).toEqual([]);
        expectWorstEqual(result, referenceWorst(base, outages, worst === "highest"), outages);
      }
    },
    600_000,
  );

  it("merged from interleaved parts equals one screening of the whole set, ties included (case118)", async () => {
    const network = ValidatedNetwork.check(await matpower("case118"));
    for (const options of [{ case: "max" }, { case: "min", fault: "1ph" }] as const) {
      const whole = core.outageScreening(network, options);
      const set = whole.outages.map((o) => o.outage);
      // case118's parallel circuits give equal worst currents (br185 and br186 at some buses, in
      // different parts): the merge must keep the one earlier in the set, as one screening does.
      const screened = [0, 1, 2].map((p) =>
        core.outageScreening(network, { ...options, outages: interleavedSlice(set, p, 3) }),
      );
      // Any part's buses (ids and intact currents) serve: the last one's, as its worker merges.
      const merged = mergeScreeningParts(
        screened.map(screeningPart),
        whole.options,
        screened[2]?.buses ?? [],
      );
      expect(merged.buses).toEqual(whole.buses);
      expect(merged.outages).toEqual(whole.outages);
      expect(merged.not_screened).toEqual(whole.not_screened);
    }
  });

  it("on TR 60909-4's network, both cases and every fault type, equals full re-solves", () => {
    const doc = ValidatedNetwork.check(tr60909_4_hv).document;
    const ids = [...doc.lines, ...doc.transformers, ...doc.transformers3w].map((b) => b.id);
    for (const studyCase of ["max", "min"] as const) {
      for (const fault of FAULT_TYPES) {
        const base = fullStudy(doc, fault, studyCase);
        const outages = new Map(ids.map((id) => [id, fullStudy(without(doc, id), fault, studyCase)]));
        // A unit transformer's outage takes its generator's bus out with the unit (docs: the
        // re-solve would study the generator alone, with K_G instead of K_S): not compared.
        for (const g of doc.generators) {
          const currents = g.power_station_trafo ? outages.get(g.power_station_trafo) : undefined;
          const k = doc.buses.findIndex((b) => b.id === g.bus);
          if (currents) currents[k] = null;
        }
        const result = core.outageScreening(doc, { fault, case: studyCase });
        const screened = new Set(result.outages.map((o) => o.outage));
        for (const skipped of result.not_screened) outages.delete(skipped.element);
        expect([...outages.keys()].every((id) => screened.has(id))).toBe(true);
        expectWorstEqual(result, referenceWorst(base, outages, studyCase === "max"), outages);
      }
    }
  });

  it("gives one outage's own I''k at every bus, equal to a full re-solve (case118, TR 60909-4, all faults)", async () => {
    const networks = [await matpower("case118"), ValidatedNetwork.check(tr60909_4_hv).document];
    let largest = 0;
    let compared = 0;
    for (const doc of networks) {
      const network = ValidatedNetwork.check(doc);
      for (const fault of FAULT_TYPES) {
        const screening = core.outageScreening(network, { fault, case: "min" });
        for (const { outage } of screening.outages) {
          const detail = core.outageDetail(network, { fault, case: "min" }, outage);
          const reference = fullStudy(without(doc, outage), fault, "min");
          const unitGenerator = doc.generators.find((g) => g.power_station_trafo === outage);
          for (const [k, bus] of detail.buses.entries()) {
            const expected = reference[k] ?? null;
            // The generator's bus goes out with its unit transformer (see the TR test above).
            if (unitGenerator?.bus === bus.bus || expected === null) {
              expect(bus.ikss_ka, `${outage} ${bus.bus}`).toBeNull();
              continue;
            }
            largest = Math.max(largest, relative(bus.ikss_ka ?? Number.NaN, expected));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(4 * 186 * 118);
    expect(largest).toBeLessThanOrEqual(TOLERANCE);
  }, 300_000);

  it("screens three-winding transformers exactly: splits, unfed sides, lost earth paths (every fault, both cases)", () => {
    const network = ValidatedNetwork.check(threeWindingSplits);
    const doc = network.document;
    const ids = doc.transformers3w.map((t) => t.id);
    let largest = 0;
    let compared = 0;
    const unfedSeen = new Set<string>();
    for (const studyCase of ["max", "min"] as const) {
      for (const fault of FAULT_TYPES) {
        const base = fullStudy(doc, fault, studyCase);
        const screening = core.outageScreening(network, { fault, case: studyCase, kinds: ["transformer3w"] });
        expect(screening.not_screened).toEqual([]);
        expect(screening.outages.map((o) => o.outage)).toEqual(ids);
        const outages = new Map(ids.map((id) => [id, fullStudy(without(doc, id), fault, studyCase)]));
        for (const id of ids) {
          const reference = outages.get(id) ?? [];
          const detail = core.outageDetail(network, { fault, case: studyCase }, id);
          for (const [k, bus] of detail.buses.entries()) {
            const expected = reference[k] ?? null;
            if (expected === null) {
              expect(bus.ikss_ka, `${id} ${bus.bus}`).toBeNull();
              if (base[k] !== null) unfedSeen.add(`${id} ${bus.bus}`);
              continue;
            }
            largest = Math.max(largest, relative(bus.ikss_ka ?? Number.NaN, expected));
            compared++;
          }
          const unfed = reference.filter((v, k) => v === null && base[k] !== null).length;
          expect(screening.outages.find((o) => o.outage === id)?.unfed_buses, `${id} ${fault}`).toBe(unfed);
        }
        expectWorstEqual(screening, referenceWorst(base, outages, studyCase === "max"), outages);
      }
    }
    // The splits the network is built for: a motor side and a bare side unfed, a side that
    // keeps its own source, a side that loses its only earth path.
    expect([...unfedSeen].sort()).toEqual(["T1 C", "T3 F"]);
    expect(compared).toBeGreaterThan(2 * 4 * 3 * 4);
    expect(largest).toBeLessThanOrEqual(TOLERANCE);
  });

  const variant = (patch: (doc: NetworkDocument) => NetworkDocument) => () =>
    patch(ValidatedNetwork.check(threeWindingSplits).document);
  const winding = (id: string, vector_group: string) => (doc: NetworkDocument) => ({
    ...doc,
    transformers3w: doc.transformers3w.map((t) => (t.id === id ? { ...t, vector_group } : t)),
  });
  it.each([
    ["a zig-zag winding (T1 YNzn11d5)", variant(winding("T1", "YNzn11d5"))],
    ["every winding earthed (T1 YNyn0yn0)", variant(winding("T1", "YNyn0yn0"))],
    ["a delta HV winding (T1 Dyn5yn5)", variant(winding("T1", "Dyn5yn5"))],
    [
      "a winding's bus out of service (C)",
      variant((doc) => ({
        ...doc,
        buses: doc.buses.map((b) => (b.id === "C" ? { ...b, in_service: false } : b)),
      })),
    ],
  ])("three-winding outages with %s equal full re-solves at every bus (every fault)", (_, build) => {
    const doc = ValidatedNetwork.check(build()).document;
    const network = ValidatedNetwork.check(doc);
    let largest = 0;
    for (const fault of FAULT_TYPES) {
      for (const { id } of doc.transformers3w) {
        const reference = fullStudy(without(doc, id), fault, "max");
        const detail = core.outageDetail(network, { fault }, id);
        for (const [k, bus] of detail.buses.entries()) {
          const expected = reference[k] ?? null;
          if (expected === null) expect(bus.ikss_ka, `${id} ${bus.bus}`).toBeNull();
          else largest = Math.max(largest, relative(bus.ikss_ka ?? Number.NaN, expected));
        }
      }
    }
    expect(largest).toBeLessThanOrEqual(TOLERANCE);
  });

  it("names the field and the reason for bad options", () => {
    expect(() => core.outageScreening(tr60909_4_hv, { outages: ["nope"] })).toThrow(ShortCircuitInputError);
    expect(() => core.outageScreening(tr60909_4_hv, { outages: ["nope"] })).toThrow(
      /outages\.0: no branch "nope"/,
    );
    expect(() => core.outageScreening(tr60909_4_hv, { fault: "3ph", case: "mid" as "max" })).toThrow(/case/);
    expect(() => core.outageDetail(tr60909_4_hv, {}, "nope")).toThrow(/no branch "nope"/);
  });
});
