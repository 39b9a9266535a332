// N-1 load flow of a batch study on case1354pegase: 200 line outages (every k-th line), each
// solved as the worker does (one validated document, the outage set out of service, the load
// flow folded into the worst values) and, as the baseline in the same run, as independent
// single load flows on documents outaged by hand and validated again. Medians per contingency.

import { loadFlowStudyOptionsSchema } from "@ampflux/contracts";
import { loadSimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { contingencyVariants, LoadFlowWorstCollector } from "@ampflux/worker";
import { median } from "./median.ts";
import { matpowerNetwork } from "./networks.ts";

export interface N1LoadFlowFigures {
  network: string;
  buses: number;
  contingencies: number;
  notConverged: number;
  medianIterations: number;
  /** The worker's route: median ms per contingency, and all of them with the base case. */
  batchMedianMs: number;
  batchTotalMs: number;
  /** The same variants started from the document's stored voltages instead of the base solution. */
  documentStartMedianIterations: number;
  documentStartMedianMs: number;
  /** Independent single load flows (validation each time): median ms per contingency. */
  singleMedianMs: number;
}

export async function benchN1LoadFlow(quick: boolean): Promise<N1LoadFlowFigures> {
  const core = await loadSimCore();
  const { name, document } = await matpowerNetwork("case1354pegase");
  const lines = document.lines ?? [];
  const count = quick ? 20 : 200;
  const outages = Array.from(
    { length: count },
    (_, k) => lines[Math.floor((k * lines.length) / count)]?.id ?? "",
  );

  // The three routes interleaved per contingency, so that load from other work on the machine
  // falls on all of them alike. Batch: the worker's (apps/worker/src/tasks/batch-load-flow.ts:
  // one validated document, each contingency warm-started from the base solution). Document
  // start: the same variants solved from the document's stored voltages. Single: a document of
  // its own per contingency, validated and solved from scratch.
  const t0 = performance.now();
  const network = ValidatedNetwork.check(document);
  const collector = new LoadFlowWorstCollector(loadFlowStudyOptionsSchema.parse({}));
  const [base, ...variants] = contingencyVariants(network, outages);
  if (base) collector.run(core, base);
  let batchTotalMs = performance.now() - t0;
  const batchMs: number[] = [];
  const documentStartMs: number[] = [];
  const documentStartIterations: number[] = [];
  const singleMs: number[] = [];
  for (const variant of variants) {
    let t = performance.now();
    collector.run(core, variant);
    batchMs.push(performance.now() - t);
    batchTotalMs += performance.now() - t;
    t = performance.now();
    documentStartIterations.push(core.loadFlow(variant.network).iterations);
    documentStartMs.push(performance.now() - t);
    t = performance.now();
    core.loadFlow({
      ...document,
      lines: lines.map((l) => (l.id === variant.outage ? { ...l, in_service: false } : l)),
    });
    singleMs.push(performance.now() - t);
  }
  const worst = collector.result();
  const states = worst.contingencies.slice(1);
  return {
    network: name,
    buses: document.buses.length,
    contingencies: count,
    notConverged: states.filter((s) => !s.converged).length,
    medianIterations: median(states.map((s) => s.iterations)),
    documentStartMedianIterations: median(documentStartIterations),
    documentStartMedianMs: median(documentStartMs),
    batchMedianMs: median(batchMs),
    batchTotalMs,
    singleMedianMs: median(singleMs),
  };
}
