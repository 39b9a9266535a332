// The short-circuit studies of one network — the fault types and cases of a plan — sharing the
// work that does not depend on them:
// - The model and the sequence networks' factors do not depend on the fault type: it enters
//   only where the sequence networks are connected at the fault (IEC 60909-0 §4.2–4.3), i.e.
//   in the per-bus formulas. Z(0) is only needed, and only computed, for earth faults.
// - They do depend on the case: c_max/c_min (Table 1) scales the feeders' Z_Q = c·U²/S''kQ,
//   the minimum case takes S''kQmin, line resistances at the end temperature (eq. 31) and
//   leaves motors out (§10). So each case builds its model and factorizes its matrices once.
// - Both cases have the same branches, hence the same Ybus patterns: the ordering and
//   symbolic analysis of each sequence network is done once and reused (SequenceFactorization
//   checks the pattern, and analyses again if it ever differs), and left to later studies of
//   the same network when these are disposed.

import type {
  FaultType,
  ShortCircuitOptions,
  ShortCircuitOptionsInput,
  ShortCircuitResult,
} from "@ampflux/contracts";
import { evaluateArcFlash } from "../arcflash/evaluate-arc-flash.ts";
import { evaluateDuty } from "../duty/evaluate-duty.ts";
import { perInstance } from "../instance-state.ts";
import type { SimExports } from "../loader.ts";
import { type ArrayAllocator, BufferPool, ScratchArrays } from "../scratch-arrays.ts";
import { energizedNodes } from "./admittance.ts";
import { branchResults } from "./branch-results.ts";
import { buildModel } from "./build-model.ts";
import { busFaultResults, busWarnings } from "./bus-fault-results.ts";
import { ShortCircuitInputError } from "./errors.ts";
import { busResults, type CorrectionFactors, correctionFactors } from "./kernels.ts";
import { namingBuses } from "./matrix-errors.ts";
import { baseImpedanceOhm, hasNegativeSequenceData, type ShortCircuitModel } from "./model.ts";
import {
  missingPrefaultVoltages,
  type PrefaultState,
  prefaultLoadFlow,
  superpositionModel,
} from "./prefault.ts";
import { SequenceFactorization } from "./sequence-factorization.ts";
import {
  gather,
  negativeSequenceImpedances,
  type PositiveSequence,
  positiveSequence,
  zeroSequence,
} from "./sequence-impedances.ts";
import { negativeSequenceWarning } from "./star-points.ts";
import { Stopwatch } from "./stopwatch.ts";
import { parseStudyOptions } from "./study-options.ts";
import type { ValidatedNetwork } from "./validated-network.ts";

export type StudyCase = ShortCircuitOptions["case"];

/** Which studies will be asked for, with the options they share. */
export interface StudyPlan extends Omit<ShortCircuitOptionsInput, "fault" | "case"> {
  faults: readonly FaultType[];
  cases: readonly StudyCase[];
}

/** The shared work done so far: what proves it is done once per case, not once per study. */
export interface StudyWork {
  modelBuilds: number;
  /** Ordering + symbolic analyses done over all sequence networks. */
  analyses: number;
  /**
   * Analyses taken over from earlier studies of the same patterns on this WASM instance instead
   * (sequence-factorization.ts); analyses + reusedAnalyses is what these studies used.
   */
  reusedAnalyses: number;
  /** Numeric factorizations over all sequence networks (Y(1), its peak network, Y(0)). */
  factorizations: number;
  /**
   * Of the assemblies before them, those summed through the triplet slots an analysis kept from
   * an earlier assembly of the same structure, not compressed again (sequence-factorization.ts).
   */
  slotAssemblies: number;
}

/** No work yet: the start of a sum of StudyWork (a batch adds up its states' studies). */
export function noStudyWork(): StudyWork {
  return { modelBuilds: 0, analyses: 0, reusedAnalyses: 0, factorizations: 0, slotAssemblies: 0 };
}

/** Adds `more` to `total`, counter by counter. */
export function addStudyWork(total: StudyWork, more: StudyWork): void {
  for (const counter of Object.keys(total) as Array<keyof StudyWork>) total[counter] += more[counter];
}

export interface CaseNetworks {
  model: ShortCircuitModel;
  positive: PositiveSequence;
  /** diag Z(2) when the plan has unbalanced faults and a generator's X(2)G differs; else Z(2) = Z(1). */
  z2: Float64Array | undefined;
  /** diag Z(0) when the plan has earth faults. */
  z0: Float64Array | undefined;
}

const isEarthFault = (fault: FaultType) => fault === "1ph" || fault === "2ph_earth";

/** Per WASM instance, as its studies run one after the other on it. */
const bufferPoolOf = perInstance(() => new BufferPool());

/** The options' fault impedance (ohm) in per unit of each fed bus's base impedance, interleaved. */
function faultImpedancePerUnit(
  options: ShortCircuitOptions,
  index: Int32Array,
  n: number,
  baseKv: readonly number[],
  arrays: ArrayAllocator,
): Float64Array {
  const zf = arrays.f64(2 * n);
  if (options.r_fault_ohm === 0 && options.x_fault_ohm === 0) return zf;
  index.forEach((k, node) => {
    if (k < 0) return;
    const zBase = baseImpedanceOhm(baseKv[node] ?? 1);
    zf[2 * k] = options.r_fault_ohm / zBase;
    zf[2 * k + 1] = options.x_fault_ohm / zBase;
  });
  return zf;
}

export class ShortCircuitStudies implements Disposable {
  #sim: SimExports;
  #network: ValidatedNetwork;
  #factors: CorrectionFactors;
  #options = new Map<string, ShortCircuitOptions>();
  #breakingDecay: boolean;
  #earthFaults: boolean;
  #unbalancedFaults: boolean;
  #positive: SequenceFactorization;
  #negative: SequenceFactorization;
  #zero: SequenceFactorization;
  #cases = new Map<StudyCase, CaseNetworks>();
  /** The load flow of the superposition method: one pre-fault state serves every case. */
  #prefault: PrefaultState | undefined;
  #modelBuilds = 0;
  #disposed = false;
  /**
   * The typed arrays these studies work in, given back to the WASM instance's pool for its next
   * studies: fresh ones cost a page fault per 4 kB (scratch-arrays.ts). Nothing of them is in a
   * result. The cases' models and diag Z go back on dispose(); a run's own arrays (the kernel's
   * output among them) when the next run starts, so a plan of many runs holds one run's.
   */
  #arrays: ScratchArrays;
  #runArrays: ScratchArrays;
  /** The bus-result kernel's output of the last run (BUS_RESULT_STRIDE per bus): explanations read it. */
  lastBusOutput: Float64Array | undefined;

  /** Checks the options of every planned study; throws ShortCircuitInputError if one is invalid. */
  constructor(sim: SimExports, network: ValidatedNetwork, plan: StudyPlan) {
    const { faults, cases, ...common } = plan;
    // A plan that asks for arc flash but no 3ph study would silently give none.
    if (common.arc_flash && !faults.includes("3ph"))
      throw new ShortCircuitInputError("invalid options", [
        {
          path: ["faults"],
          message: 'arc flash needs the "3ph" fault among faults (IEEE 1584-2018 models three-phase arcs)',
        },
      ]);
    for (const studyCase of cases) {
      for (const fault of faults) {
        const options = parseStudyOptions(network, { ...common, fault, case: studyCase });
        this.#options.set(`${fault}/${studyCase}`, options);
      }
    }
    this.#arrays = new ScratchArrays(bufferPoolOf(sim));
    this.#runArrays = new ScratchArrays(bufferPoolOf(sim));
    this.#sim = sim;
    this.#network = network;
    this.#factors = correctionFactors(sim);
    this.#breakingDecay = faults.includes("3ph");
    this.#earthFaults = faults.some(isEarthFault);
    this.#unbalancedFaults = faults.some((fault) => fault !== "3ph");
    this.#positive = new SequenceFactorization(sim);
    this.#negative = new SequenceFactorization(sim);
    this.#zero = new SequenceFactorization(sim);
  }

  get work(): StudyWork {
    return {
      modelBuilds: this.#modelBuilds,
      analyses: this.#positive.analyses + this.#negative.analyses + this.#zero.analyses,
      reusedAnalyses:
        this.#positive.reusedAnalyses + this.#negative.reusedAnalyses + this.#zero.reusedAnalyses,
      factorizations:
        this.#positive.factorizations + this.#negative.factorizations + this.#zero.factorizations,
      slotAssemblies:
        this.#positive.slotAssemblies + this.#negative.slotAssemblies + this.#zero.slotAssemblies,
    };
  }

  /** One study of the plan; its timings include the shared work it happened to do first. */
  run(fault: FaultType, studyCase: StudyCase): ShortCircuitResult {
    const options = this.#options.get(`${fault}/${studyCase}`);
    if (!options) throw new RangeError(`${fault} ${studyCase} is not in the plan of these studies`);
    if (this.#disposed) throw new Error("these short-circuit studies have been disposed");
    const clock = new Stopwatch();
    const { model, positive: pos, z2: negativeZ2, z0: earthZ0 } = this.#caseNetworks(options, clock);
    const doc = this.#network.document;
    const earth = isEarthFault(fault);
    this.lastBusOutput = undefined;
    this.#runArrays.release();
    const arrays = this.#runArrays;
    const z0 = (earth && earthZ0) || arrays.f64(2 * pos.n).fill(Number.POSITIVE_INFINITY);
    const raw = busResults(
      this.#sim,
      {
        fault,
        kappaMethod: options.kappa_method,
        fHz: doc.frequency_hz,
        tkS: options.tk_s,
        allBranchesRxBelow03: model.allBranchesRxBelow03,
        z1: pos.z1,
        z2: (fault !== "3ph" && negativeZ2) || pos.z1,
        z0,
        zPeak: pos.zPeak,
        c: pos.c,
        sourceVoltage: pos.sourceVoltage,
        lowVoltage: gather(pos.index, pos.n, (node) => ((model.baseKv[node] ?? 1) <= 1 ? 1 : 0), arrays),
        decay: (fault === "3ph" && pos.decay) || arrays.f64(pos.n),
        zf: faultImpedancePerUnit(options, pos.index, pos.n, model.baseKv, arrays),
      },
      arrays,
    );
    this.lastBusOutput = raw;
    const buses = busFaultResults({ doc, model, options, index: pos.index, z1: pos.z1, z0, raw });
    clock.lap("results");
    const branches = options.branches ? branchResults(this.#sim, model, pos.index, raw, options) : [];
    clock.lap("branches");
    // Duty uses the maximum currents (IEC 60909-0 §2.3): the minimum case of a plan has none.
    const duty =
      options.duty && studyCase === "max"
        ? evaluateDuty({ sim: this.#sim, doc, model, options, index: pos.index, raw })
        : undefined;
    if (duty) clock.lap("duty");
    // Arc flash uses the 3ph bolted fault current (IEEE 1584-2018 §4.2: three-phase arcs), either case.
    const arcFlash =
      options.arc_flash && fault === "3ph"
        ? evaluateArcFlash({
            sim: this.#sim,
            doc,
            model,
            options,
            index: pos.index,
            raw,
            factors: this.#positive,
          })
        : undefined;
    if (arcFlash) clock.lap("arc flash");
    return {
      standard: "IEC 60909-0:2016",
      options,
      buses,
      branches,
      ...(duty && { duty: duty.checks }),
      ...(arcFlash && { arc_flash: arcFlash.results }),
      warnings: [
        ...this.#network.warnings,
        ...(model.prefault && this.#prefault
          ? [{ path: ["prefault_voltage"], message: this.#prefault.summary }]
          : []),
        ...(earth ? model.earthFaultWarnings : []),
        ...(fault === "3ph" ? [] : negativeSequenceWarning(doc)),
        ...busWarnings(buses, earth),
        ...(duty?.warnings ?? []),
        ...(arcFlash?.warnings ?? []),
      ],
      timings: clock.timings,
    };
  }

  /** The case's model and bus impedances, built and factorized on first use. */
  #caseNetworks(options: ShortCircuitOptions, clock: Stopwatch): CaseNetworks {
    const cached = this.#cases.get(options.case);
    if (cached) return cached;
    const doc = this.#network.document;
    let model: ShortCircuitModel;
    if (options.prefault_voltage === "load_flow") {
      this.#prefault ??= prefaultLoadFlow(this.#sim, doc, options.load_flow);
      clock.lap("load flow");
      model = superpositionModel(doc, options, this.#factors, this.#prefault, {
        zeroSequence: this.#earthFaults,
      });
    } else {
      model = buildModel(doc, options, this.#factors, {
        zeroSequence: this.#earthFaults,
        arrays: this.#arrays,
      });
    }
    this.#modelBuilds++;
    clock.lap("model");
    if (model.prefault) {
      const missing = missingPrefaultVoltages(model, energizedNodes(model.positive, model.nodeCount, true));
      if (missing.length > 0) throw new ShortCircuitInputError("no pre-fault voltages", missing);
    }
    const needs = {
      breakingDecay: this.#breakingDecay,
      kappaMethod: options.kappa_method,
      tminS: options.tmin_s,
    };
    const positive = namingBuses(doc, model, "positive", () =>
      positiveSequence(this.#sim, this.#positive, model, needs, clock, this.#arrays),
    );
    const z2 =
      this.#unbalancedFaults && hasNegativeSequenceData(model.positive)
        ? namingBuses(doc, model, "negative", () =>
            negativeSequenceImpedances(this.#negative, model, positive, this.#arrays),
          )
        : undefined;
    if (z2) clock.lap("negative sequence");
    const z0 = this.#earthFaults
      ? namingBuses(doc, model, "zero", () => zeroSequence(this.#zero, model, positive, this.#arrays))
      : undefined;
    clock.lap("zero sequence");
    const networks = { model, positive, z2, z0 };
    this.#cases.set(options.case, networks);
    return networks;
  }

  /** The model and sequence impedances a case's studies ran on; undefined before its first run. */
  caseNetworks(studyCase: StudyCase): CaseNetworks | undefined {
    return this.#cases.get(studyCase);
  }

  /** Frees the factors; the studies cannot run afterwards. */
  dispose(): void {
    this.#disposed = true;
    this.#positive.dispose();
    this.#negative.dispose();
    this.#zero.dispose();
    this.#cases.clear();
    this.lastBusOutput = undefined;
    this.#arrays.release();
    this.#runArrays.release();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
