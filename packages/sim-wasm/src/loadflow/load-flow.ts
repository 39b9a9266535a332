// core.loadFlow: validate (unless handed a ValidatedNetwork), build the per-unit model, run
// Newton–Raphson in WASM, report in physical units. Non-convergence is a result
// (converged: false with the mismatch per iteration), never an exception.

import { type LoadFlowResult, validateNetwork } from "@ampflux/contracts";
import { ValidatedNetwork } from "../iec60909/validated-network.ts";
import type { SimExports } from "../loader.ts";
import { buildLoadFlowModel } from "./build-model.ts";
import { LoadFlowInputError } from "./errors.ts";
import { solvePerUnit } from "./newton-raphson.ts";
import { type LoadFlowOptions, resolveLoadFlowOptions } from "./options.ts";
import { branchResults, busResults, sourceResults } from "./results.ts";

function documentOf(network: ValidatedNetwork | unknown) {
  if (ValidatedNetwork.is(network)) return { document: network.document, warnings: network.warnings };
  const validation = validateNetwork(network);
  if (!validation.ok || !validation.document)
    throw new LoadFlowInputError("invalid network", validation.errors);
  return { document: validation.document, warnings: validation.warnings };
}

export function loadFlow(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  options?: LoadFlowOptions,
): LoadFlowResult {
  const resolved = resolveLoadFlowOptions(options);
  const { document, warnings } = documentOf(network);
  const t0 = performance.now();
  const model = buildLoadFlowModel(document);
  const t1 = performance.now();
  const sol = solvePerUnit(sim, model, resolved);
  const t2 = performance.now();
  const buses = busResults(document, model, sol);
  const branches = branchResults(model, sol);
  const unsupplied = buses.filter((b) => b.type === "unsupplied").map((b) => b.bus);
  const notes = [...warnings.map((w) => `${w.path.join(".")}: ${w.message}`), ...model.warnings];
  if (unsupplied.length > 0)
    notes.push(
      `${unsupplied.length} buses in islands without an external grid are unsupplied: ${unsupplied.slice(0, 10).join(", ")}${unsupplied.length > 10 ? ", …" : ""}`,
    );
  if (sol.outcome !== "converged") notes.push(`load flow did not converge (${sol.outcome})`);
  return {
    algorithm: resolved.algorithm,
    converged: sol.outcome === "converged",
    outcome: sol.outcome,
    iterations: sol.iterations,
    mismatch_pu: sol.history,
    tolerance_pu: resolved.tolerance_pu,
    base_mva: model.baseMva,
    islands: sol.islandCount,
    buses,
    branches,
    sources: sourceResults(document, model, sol),
    losses: {
      p_mw: branches.reduce((s, b) => s + b.pl_mw, 0),
      q_mvar: branches.reduce((s, b) => s + b.ql_mvar, 0),
    },
    warnings: notes,
    timing_ms: { model: t1 - t0, solve: t2 - t1 },
  };
}
