// One call into the Rust load flow (ampflux_lf_solve: Newton–Raphson, fast-decoupled XB/BX or
// DC): packs the per-unit model, unpacks voltages, injections, branch flows and the convergence
// report. Buffers are freed in `finally`.

import { LOAD_FLOW_OUTCOMES, type LoadFlowOutcome } from "@ampflux/contracts";
import { check } from "../errors.ts";
import type { SimExports } from "../loader.ts";
import { allocF64, copyInF64, viewF64, withBuffers } from "../memory.ts";
import type { ResolvedLoadFlowOptions } from "./options.ts";
import { type PerUnitBusKind, type PerUnitModel, packBranches, packBuses } from "./per-unit-model.ts";

const KINDS: (PerUnitBusKind | "unsupplied")[] = ["unsupplied", "pq", "pv", "slack"];

/** rust/src/loadflow/mod.rs: Algorithm. */
const ALGORITHM_CODE = { nr: 0, fdxb: 1, fdbx: 2, dc: 3 } as const;

/** rust/src/ffi_loadflow.rs: LF_BUS_OUT_STRIDE, LF_BRANCH_OUT_STRIDE, LF_SUMMARY_HEAD. */
const BUS_OUT = 6;
const BRANCH_OUT = 6;
const SUMMARY_HEAD = 4;

export interface PerUnitSolution {
  outcome: LoadFlowOutcome;
  iterations: number;
  islandCount: number;
  /** max |mismatch| (pu) before each iteration and at the end (dc: the linear residual). */
  history: number[];
  vm: Float64Array;
  /** Radians. */
  va: Float64Array;
  /** Net injection at each bus (pu). */
  p: Float64Array;
  q: Float64Array;
  island: Int32Array;
  /** Kind at the end: a PV bus held at a reactive limit reports "pq". */
  kind: (PerUnitBusKind | "unsupplied")[];
  /** Per branch: P, Q, |I| at the from end, then at the to end (pu). */
  flows: Float64Array;
}

export function solvePerUnit(
  sim: SimExports,
  model: PerUnitModel,
  options: ResolvedLoadFlowOptions,
): PerUnitSolution {
  const n = model.buses.length;
  const m = model.branches.length;
  const summaryLength = SUMMARY_HEAD + options.max_iterations + 1;
  return withBuffers(sim, (track) => {
    const buses = track(copyInF64(sim, packBuses(model.buses)));
    const branches = track(copyInF64(sim, packBranches(model.branches)));
    const busOut = track(allocF64(sim, n * BUS_OUT));
    const branchOut = track(allocF64(sim, m * BRANCH_OUT));
    const summary = track(allocF64(sim, summaryLength));
    check(
      sim,
      sim.ampflux_lf_solve(
        n,
        m,
        buses.ptr,
        branches.ptr,
        options.tolerance_pu,
        options.max_iterations,
        options.flat_start ? 1 : 0,
        options.q_limits ? 1 : 0,
        ALGORITHM_CODE[options.algorithm],
        busOut.ptr,
        branchOut.ptr,
        summary.ptr,
      ),
    );
    const bus = viewF64(sim, busOut, n * BUS_OUT).slice();
    const head = viewF64(sim, summary, summaryLength).slice();
    const column = (c: number) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = bus[i * BUS_OUT + c] as number;
      return out;
    };
    const historyLength = head[3] ?? 0;
    return {
      outcome: LOAD_FLOW_OUTCOMES[head[0] ?? 0] ?? "diverged",
      iterations: head[1] ?? 0,
      islandCount: head[2] ?? 0,
      history: Array.from(head.subarray(SUMMARY_HEAD, SUMMARY_HEAD + historyLength)),
      vm: column(0),
      va: column(1),
      p: column(2),
      q: column(3),
      island: Int32Array.from(column(4)),
      kind: Array.from(column(5), (k) => KINDS[k + 1] ?? "unsupplied"),
      flows: viewF64(sim, branchOut, m * BRANCH_OUT).slice(),
    };
  });
}
