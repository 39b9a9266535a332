// Several studies of one network (ShortCircuitStudies) against independent single studies, the
// shared work counted, and validation done once: by the caller, not again by the engine.

import { readFile } from "node:fs/promises";
import {
  type BusFaultResult,
  FAULT_TYPES,
  type NetworkDocumentInput,
  type ShortCircuitResult,
  validateNetwork,
} from "@ampflux/contracts";
import { importMatpower } from "@ampflux/contracts/importers";
import { describe, expect, it } from "vitest";
import { loadSimCore, ShortCircuitInputError, type SimCore, ValidatedNetwork } from "../src/index.ts";
import { tr60909_4_hv } from "./networks/tr60909-4-hv.ts";

const core = await loadSimCore();
const CASES = ["max", "min"] as const;

/** TR 60909-4's HV network plus a converter source, so both cases differ in every way they can. */
const withConverter: NetworkDocumentInput = {
  ...tr60909_4_hv,
  static_generators: [{ id: "PV", bus: "F6", sn_mva: 20, k: 1.2 }],
};

async function matpower(name: string) {
  const text = await readFile(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");
  return importMatpower(text).document;
}

const NUMBERS = [
  "ikss_ka",
  "skss_mva",
  "rk_ohm",
  "xk_ohm",
  "r0_ohm",
  "x0_ohm",
  "kappa",
  "ip_ka",
  "ib_ka",
  "ith_ka",
  "ike_ka",
] as const satisfies (keyof BusFaultResult)[];

/** Same buses, options and warnings; every number within `tolerance` relative (null = null). */
function expectSameResult(actual: ShortCircuitResult, expected: ShortCircuitResult, tolerance: number) {
  expect(actual.options).toEqual(expected.options);
  expect(actual.warnings).toEqual(expected.warnings);
  expect(actual.buses.map((b) => [b.bus, b.fed])).toEqual(expected.buses.map((b) => [b.bus, b.fed]));
  let worst = 0;
  actual.buses.forEach((bus, i) => {
    const reference = expected.buses[i] as BusFaultResult;
    for (const key of NUMBERS) {
      const [a, e] = [bus[key], reference[key]];
      if (a === null || e === null) {
        expect(a, `${bus.bus} ${key}`).toBe(e);
        continue;
      }
      worst = Math.max(worst, Math.abs(a - e) / Math.max(Math.abs(e), Number.MIN_VALUE));
    }
  });
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe("the studies of one network share its models and factorizations", () => {
  it("every fault type and case equals an independent single study, to 1e-12 relative", async () => {
    const case118 = ValidatedNetwork.check(await matpower("case118"));
    const networks = [
      ValidatedNetwork.check(withConverter),
      case118,
      case118.withOutOfService(case118.document.lines[6]?.id ?? ""),
    ];
    for (const network of networks) {
      using studies = core.shortCircuitStudies(network, { faults: FAULT_TYPES, cases: CASES });
      for (const fault of FAULT_TYPES) {
        for (const studyCase of CASES) {
          const single = core.shortCircuit(network.document, { fault, case: studyCase });
          expectSameResult(studies.run(fault, studyCase), single, 1e-12);
        }
      }
    }
  });

  it("builds the model and factorizes each sequence network once per case, analyses it once", async () => {
    const network = ValidatedNetwork.check(withConverter);
    // A fresh WASM instance: no analysis left by the other tests' studies of this network.
    const fresh = await loadSimCore();
    using studies = fresh.shortCircuitStudies(network, {
      faults: FAULT_TYPES,
      cases: CASES,
      kappa_method: "B",
    });
    for (const studyCase of CASES) for (const fault of FAULT_TYPES) studies.run(fault, studyCase);
    for (const fault of FAULT_TYPES) studies.run(fault, "max");
    // Per case: Y(1), its peak-current network and Y(0); one analysis each for Y(1) and Y(0),
    // shared by the peak network and by both cases (same branches, same pattern). The first
    // assembly of each is compressed, and so is the min case's Y(1): it leaves the motors out
    // (§10: 89 triplets, not 92), so its triplets differ while its pattern does not. The other
    // three are summed through the triplet slots kept by the assembly before them.
    expect(studies.work).toEqual({
      modelBuilds: 2,
      analyses: 2,
      reusedAnalyses: 0,
      factorizations: 6,
      slotAssemblies: 3,
    });
  });

  it("factorizes no zero-sequence network when the plan has no earth fault", async () => {
    const fresh = await loadSimCore();
    using studies = fresh.shortCircuitStudies(ValidatedNetwork.check(withConverter), {
      faults: ["3ph", "2ph"],
      cases: ["max"],
    });
    studies.run("3ph", "max");
    studies.run("2ph", "max");
    expect(studies.work).toEqual({
      modelBuilds: 1,
      analyses: 1,
      reusedAnalyses: 0,
      factorizations: 2,
      slotAssemblies: 1,
    });
    expect(() => studies.run("1ph", "max")).toThrow(RangeError);
  });

  it("later studies of the same network take over its analyses, with bit-identical results", async () => {
    const case118 = ValidatedNetwork.check(await matpower("case118"));
    const plan = { faults: FAULT_TYPES, cases: CASES };
    // Everything but the timings, which differ from run to run.
    const runAll = (studies: ReturnType<SimCore["shortCircuitStudies"]>) =>
      CASES.flatMap((studyCase) =>
        FAULT_TYPES.map((fault) => ({ ...studies.run(fault, studyCase), timings: {} })),
      );
    const fresh = await loadSimCore();
    // The reference: a fresh instance's first studies, each analysis done here.
    const first = fresh.shortCircuitStudies(case118, plan);
    const reference = runAll(first);
    expect(first.work).toMatchObject({ analyses: 2, reusedAnalyses: 0 });
    first.dispose();
    // Two at once: the first takes the analyses first left, the second cannot share them.
    using again = fresh.shortCircuitStudies(case118, plan);
    using beside = fresh.shortCircuitStudies(case118, plan);
    const [taken, own] = [runAll(again), runAll(beside)];
    expect(again.work).toMatchObject({ analyses: 0, reusedAnalyses: 2 });
    expect(beside.work).toMatchObject({ analyses: 2, reusedAnalyses: 0 });
    // Taken over with their triplet slots: no assembly of `again` is compressed again, and the
    // results are the reference's bit for bit (toEqual compares every number exactly).
    expect(again.work.slotAssemblies).toBe(again.work.factorizations);
    expect(beside.work.slotAssemblies).toBe(beside.work.factorizations - 2);
    expect(taken).toEqual(reference);
    expect(own).toEqual(reference);
    // Another pattern (a line out) analyses its own: its results are an independent study's.
    const line = case118.document.lines[6]?.id ?? "";
    using outage = fresh.shortCircuitStudies(case118.withOutOfService(line), plan);
    const outageResults = runAll(outage);
    // Its triplets have another structure: no spare's slots sum them.
    expect(outage.work).toMatchObject({ analyses: 2, reusedAnalyses: 0 });
    expect(outage.work.slotAssemblies).toBe(outage.work.factorizations - 2);
    const independent = (await loadSimCore()).shortCircuitStudies(case118.withOutOfService(line), plan);
    expect(outageResults).toEqual(runAll(independent));
    independent.dispose();
  });

  it("checks every planned study's options up front, and refuses to run once disposed", () => {
    const network = ValidatedNetwork.check(withConverter);
    expect(() => core.shortCircuitStudies(network, { faults: ["3ph"], cases: CASES, buses: ["F9"] })).toThrow(
      ShortCircuitInputError,
    );
    const studies = core.shortCircuitStudies(network, { faults: ["3ph"], cases: ["min"] });
    studies.dispose();
    expect(() => studies.run("3ph", "min")).toThrow(/disposed/);
  });
});

describe("a validated network is validated once", () => {
  it("the engine uses the caller's validation as it is", () => {
    const validation = validateNetwork(withConverter);
    const said = { path: ["name"], message: "the caller's validation said so" };
    const network = ValidatedNetwork.fromValidation({ ...validation, warnings: [said] });
    expect(core.shortCircuit(network, { fault: "3ph" }).warnings[0]).toEqual(said);
    expect(core.shortCircuit(withConverter, { fault: "3ph" }).warnings[0]).not.toEqual(said);
  });

  it("refuses a failed validation with its issues", () => {
    const broken = { ...withConverter, lines: [{ id: "L1" }] };
    expect(() => ValidatedNetwork.fromValidation(validateNetwork(broken))).toThrow(ShortCircuitInputError);
    expect(ValidatedNetwork.is(withConverter)).toBe(false);
    expect(ValidatedNetwork.is(ValidatedNetwork.check(withConverter))).toBe(true);
  });

  it("a contingency variant is what validating the changed document gives", () => {
    const network = ValidatedNetwork.check(withConverter);
    for (const [collection, id] of [
      ["lines", "L4"],
      ["transformers", "T1"],
      ["transformers3w", "T3"],
    ] as const) {
      const variant = network.withOutOfService(id);
      const changed = {
        ...withConverter,
        [collection]: (withConverter[collection] ?? []).map((b) =>
          b.id === id ? { ...b, in_service: false } : b,
        ),
      };
      const validation = validateNetwork(changed);
      expect(variant.document).toEqual(validation.document);
      expect(variant.warnings).toEqual(validation.warnings);
      expect(network.document[collection].find((b) => b.id === id)?.in_service).toBe(true);
    }
  });
});
