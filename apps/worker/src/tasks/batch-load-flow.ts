// N-1 load flow of a batch study: one load flow per network state (the base network and each
// contingency, the same variants as the short-circuit sweep: one validated document, the outage
// set out of service). Per bus the lowest and highest Vm, per branch the highest loading, each
// with its outage; per state the outcome. A state that does not converge is reported in its row
// and left out of the worst values; it never fails the batch.

import {
  type BatchStudyOptions,
  branchViolation,
  busViolation,
  engineLoadFlowOptions,
  type LoadFlowContingency,
  type LoadFlowResult,
  type LoadFlowStudyOptions,
  type LoadFlowWorst,
  type LoadFlowWorstBranch,
  type LoadFlowWorstBus,
} from "@ampflux/contracts";
import { LoadFlowInputError, type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import type { Variant } from "./batch-study.ts";
import { PermanentStudyError } from "./study.ts";

/**
 * Is `candidate` above `current` by more than what the convergence tolerance leaves? A load flow
 * stops with mismatches up to tolerance_pu, so two states' values closer than that (times 10,
 * relative) are the same operating point; a tie keeps the earlier state, so an outage that
 * changes nothing is not blamed (e.g. in another island, solved again from another start).
 */
const above = (candidate: number, current: number, tolerance: number) =>
  candidate > current + 10 * tolerance * Math.max(1, Math.abs(current));

/** Folds the load flows of the states in, one at a time, in the order they run. */
export class LoadFlowWorstCollector {
  readonly #options: LoadFlowStudyOptions;
  readonly #contingencies: LoadFlowContingency[] = [];
  readonly #buses = new Map<string, LoadFlowWorstBus>();
  readonly #branches = new Map<string, LoadFlowWorstBranch>();
  /** Where the contingencies' load flows start (see #warmStart). */
  #start: ValidatedNetwork | undefined;
  /** Milliseconds spent in run(): the load flows and folding them in. */
  elapsedMs = 0;

  constructor(options: LoadFlowStudyOptions) {
    this.#options = options;
  }

  /**
   * Runs the load flow of one state (the base network first) and folds it in. Options the engine
   * refuses fail the batch at the base network, before any contingency, naming the field under
   * load_flow.
   */
  run(core: SimCore, variant: Variant): LoadFlowResult {
    const started = performance.now();
    const network =
      this.#start && variant.outage !== null && variant.collection !== null
        ? this.#start.withOutOfService(variant.outage)
        : variant.network;
    const result = this.#solve(core, network);
    if (variant.outage === null) this.#warmStart(variant.network, result);
    this.add(result, variant.outage);
    this.elapsedMs += performance.now() - started;
    return result;
  }

  #solve(core: SimCore, network: ValidatedNetwork): LoadFlowResult {
    try {
      return core.loadFlow(network, engineLoadFlowOptions(this.#options));
    } catch (error) {
      if (!(error instanceof LoadFlowInputError)) throw error;
      const issues = error.issues.map((issue) => ({ ...issue, path: ["load_flow", ...issue.path] }));
      throw new PermanentStudyError(
        issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
        issues,
      );
    }
  }

  /**
   * Unless a flat start was asked for, each contingency starts from the base case's solution
   * (the buses' stored vm_pu/va_degree, which a load flow starts from): an outage moves the
   * operating point little, so Newton's method needs fewer steps than from the document's own
   * values (pandapower's init="results", the usual start in contingency analysis). Validated once
   * for all contingencies; a base case that did not converge leaves the document's start.
   */
  #warmStart(base: ValidatedNetwork, result: LoadFlowResult): void {
    if (this.#options.flat_start || !result.converged) return;
    const solved = new Map(result.buses.map((b) => [b.bus, b]));
    const document = base.document;
    this.#start = ValidatedNetwork.check({
      ...document,
      buses: document.buses.map((bus) => {
        const b = solved.get(bus.id);
        return b?.vm_pu == null || b.va_degree === null
          ? bus
          : { ...bus, vm_pu: b.vm_pu, va_degree: b.va_degree };
      }),
    });
  }

  add(result: LoadFlowResult, outage: string | null): void {
    const { limits } = this.#options;
    const tolerance = result.tolerance_pu;
    const converged = result.converged;
    this.#contingencies.push({
      outage,
      converged,
      outcome: result.outcome,
      iterations: result.iterations,
      islands: result.islands,
      unsupplied_buses: result.buses.filter((b) => b.type === "unsupplied").length,
      voltage_violations: converged ? result.buses.filter((b) => busViolation(b, limits)).length : 0,
      overloads: converged ? result.branches.filter((b) => branchViolation(b, limits)).length : 0,
    });
    // A state that did not converge has no solution to compare (its iterate is not one).
    if (!converged) return;
    for (const b of result.buses) {
      let worst = this.#buses.get(b.bus);
      if (!worst) {
        worst = {
          bus: b.bus,
          vm_min_pu: null,
          vm_min_outage: null,
          vm_max_pu: null,
          vm_max_outage: null,
          unsupplied_cases: 0,
          unsupplied_outage: null,
        };
        this.#buses.set(b.bus, worst);
      }
      if (b.type === "unsupplied") {
        if (worst.unsupplied_cases++ === 0) worst.unsupplied_outage = outage;
      }
      if (b.vm_pu === null) continue;
      if (worst.vm_min_pu === null || above(worst.vm_min_pu, b.vm_pu, tolerance)) {
        worst.vm_min_pu = b.vm_pu;
        worst.vm_min_outage = outage;
      }
      if (worst.vm_max_pu === null || above(b.vm_pu, worst.vm_max_pu, tolerance)) {
        worst.vm_max_pu = b.vm_pu;
        worst.vm_max_outage = outage;
      }
    }
    for (const br of result.branches) {
      // A three-winding transformer has a row per winding, each from its own bus.
      const key = `${br.kind}\n${br.id}\n${br.from_bus}`;
      const i_ka = Math.max(br.i_from_ka, br.i_to_ka);
      const worst = this.#branches.get(key);
      const worse =
        !worst ||
        (br.loading_percent !== null && worst.loading_percent !== null
          ? above(br.loading_percent, worst.loading_percent, tolerance)
          : above(i_ka, worst.i_ka, tolerance));
      if (worse)
        this.#branches.set(key, {
          id: br.id,
          kind: br.kind,
          from_bus: br.from_bus,
          to_bus: br.to_bus,
          loading_percent: br.loading_percent,
          i_ka,
          outage,
        });
    }
  }

  /** Buses in the document's order; branches most loaded first (unrated ones last). */
  result(): LoadFlowWorst {
    return {
      limits: this.#options.limits,
      steps: this.#contingencies.length,
      contingencies: this.#contingencies,
      buses: [...this.#buses.values()],
      branches: [...this.#branches.values()].sort(
        (a, b) => (b.loading_percent ?? -1) - (a.loading_percent ?? -1),
      ),
    };
  }
}

/** The collector of a batch asked for load flows; undefined otherwise. */
export const loadFlowCollector = (options: BatchStudyOptions) =>
  options.load_flow ? new LoadFlowWorstCollector(options.load_flow) : undefined;
