// The per-unit solution in physical units, keyed by document ids. Sign conventions: bus p_mw /
// q_mvar are what the bus's loads and motors draw minus what its sources feed (the consumer
// sign of the document's loads); branch-end p/q flow from that bus into the branch; source
// p/q are generation.

import type {
  LoadFlowBranchResult,
  LoadFlowBusResult,
  LoadFlowSourceResult,
  NetworkDocument,
} from "@ampflux/contracts";
import type { LoadFlowModel } from "./build-model.ts";
import type { PerUnitSolution } from "./newton-raphson.ts";

const DEG = 180 / Math.PI;

export function busResults(
  doc: NetworkDocument,
  model: LoadFlowModel,
  sol: PerUnitSolution,
): LoadFlowBusResult[] {
  const base = model.baseMva;
  return doc.buses.map((bus) => {
    const node = model.nodeOfBus.get(bus.id);
    if (node === undefined)
      return {
        bus: bus.id,
        type: "out-of-service",
        island: null,
        vm_pu: null,
        va_degree: null,
        p_mw: null,
        q_mvar: null,
      };
    const type = sol.kind[node] ?? "unsupplied";
    const island = sol.island[node] ?? 0;
    if (type === "unsupplied")
      return { bus: bus.id, type, island, vm_pu: null, va_degree: null, p_mw: null, q_mvar: null };
    return {
      bus: bus.id,
      type,
      island,
      vm_pu: sol.vm[node] ?? 0,
      va_degree: (sol.va[node] ?? 0) * DEG,
      p_mw: -(sol.p[node] ?? 0) * base,
      q_mvar: -(sol.q[node] ?? 0) * base,
    };
  });
}

export function branchResults(model: LoadFlowModel, sol: PerUnitSolution): LoadFlowBranchResult[] {
  const base = model.baseMva;
  const flows = sol.flows;
  const kaPerPu = (node: number | undefined) => base / (Math.sqrt(3) * (model.baseKv[node ?? 0] ?? 1));
  // A plain loop without per-branch arrays or closures: tens of thousands of branches.
  const results: LoadFlowBranchResult[] = new Array(model.branchRefs.length);
  for (let k = 0; k < model.branchRefs.length; k++) {
    const ref = model.branchRefs[k] as LoadFlowModel["branchRefs"][number];
    const br = model.branches[k];
    const at = k * 6;
    const pFrom = flows[at] ?? 0;
    const qFrom = flows[at + 1] ?? 0;
    const iFromPu = flows[at + 2] ?? 0;
    const pTo = flows[at + 3] ?? 0;
    const qTo = flows[at + 4] ?? 0;
    const iToPu = flows[at + 5] ?? 0;
    const iFrom = iFromPu * kaPerPu(br?.from);
    const iTo = iToPu * kaPerPu(br?.to);
    // Loading: the larger of the two ends' current over its rating, where the end has one.
    const loadFrom = ref.ratedFromKa === undefined ? Number.NEGATIVE_INFINITY : iFrom / ref.ratedFromKa;
    const loadTo = ref.ratedToKa === undefined ? Number.NEGATIVE_INFINITY : iTo / ref.ratedToKa;
    const loading = Math.max(loadFrom, loadTo);
    results[k] = {
      id: ref.id,
      kind: ref.kind,
      from_bus: ref.fromBus,
      to_bus: ref.toBus,
      p_from_mw: pFrom * base,
      q_from_mvar: qFrom * base,
      i_from_ka: iFrom,
      p_to_mw: pTo * base,
      q_to_mvar: qTo * base,
      i_to_ka: iTo,
      pl_mw: (pFrom + pTo) * base,
      ql_mvar: (qFrom + qTo) * base,
      loading_percent: loading === Number.NEGATIVE_INFINITY ? null : 100 * loading,
    };
  }
  return results;
}

/**
 * Each node's generation (its net injection plus what its loads and motors draw) shared among
 * its sources: generators keep their p_mw set-point and external grids share the rest equally;
 * every source at the node takes an equal share of its reactive generation.
 */
export function sourceResults(
  doc: NetworkDocument,
  model: LoadFlowModel,
  sol: PerUnitSolution,
): LoadFlowSourceResult[] {
  const base = model.baseMva;
  const supplied = (bus: string) => {
    const node = model.nodeOfBus.get(bus);
    return node !== undefined && sol.kind[node] !== "unsupplied" ? node : undefined;
  };
  const grids = doc.external_grids.filter((g) => g.in_service && supplied(g.bus) !== undefined);
  const gens = doc.generators.filter((g) => g.in_service && supplied(g.bus) !== undefined);
  const count = new Map<number, { sources: number; grids: number; genP: number }>();
  for (const s of [...grids, ...gens]) {
    const node = supplied(s.bus) as number;
    const c = count.get(node) ?? { sources: 0, grids: 0, genP: 0 };
    c.sources++;
    if ("s_sc_max_mva" in s) c.grids++;
    else c.genP += s.p_mw ?? 0;
    count.set(node, c);
  }
  const generation = (node: number) => {
    const d = model.drawnMw[node] ?? { p: 0, q: 0 };
    return { p: (sol.p[node] ?? 0) * base + d.p, q: (sol.q[node] ?? 0) * base + d.q };
  };
  const share = (bus: string) => {
    const node = supplied(bus) as number;
    return { g: generation(node), c: count.get(node) ?? { sources: 1, grids: 1, genP: 0 } };
  };
  return [
    ...grids.map((grid) => {
      const { g, c } = share(grid.bus);
      return {
        id: grid.id,
        kind: "external_grid" as const,
        bus: grid.bus,
        p_mw: (g.p - c.genP) / c.grids,
        q_mvar: g.q / c.sources,
      };
    }),
    ...gens.map((gen) => {
      const { g, c } = share(gen.bus);
      return {
        id: gen.id,
        kind: "generator" as const,
        bus: gen.bus,
        p_mw: gen.p_mw ?? 0,
        q_mvar: g.q / c.sources,
      };
    }),
  ];
}
