// One engine measurement, shared by the Node and the browser runs: all-bus three-phase and
// single-phase IEC 60909 studies (maximum case, κ method C, with breaking currents) on a fresh
// WASM instance, so its memory size at the end is the peak of this network. The network is
// validated once, timed on its own, and studied as a ValidatedNetwork, as every caller that
// studies a document more than once passes it (the worker, the editor, the api); each fault's
// first study on the instance (its memory grown and first touched on the way; the code is the
// process's, warmed once by warmUpEngine) is reported beside the median of the repeats after
// it. A whole cold process is what `--only cli-cold` times (issue 18: cold and warm figures).

import type { FaultType, NetworkDocument } from "@ampflux/contracts";
import { type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { syntheticNetwork } from "@ampflux/sim-wasm/synthetic-network";
import { median } from "../median.ts";

export interface EngineRow {
  network: string;
  buses: number;
  fault: (typeof FAULTS)[number];
  /** Validating the document once (ms), the same figure on both faults' rows. */
  validateMs: number;
  /** The first study of this fault on the instance (ms). */
  firstMs: number;
  /** Median wall time of shortCircuit() over the repeats after the first (ms). */
  ms: number;
  /** How many repeats the median is of (repeatsFor's minimum, more until WARM_BUDGET_MS). */
  repeats: number;
  usPerBus: number;
  peakWasmMiB: number;
  /** The phases of the repeat nearest the median. */
  phases: Record<string, number>;
}

/** The faults every network is studied for: the largest currents (3ph) and the earth faults (1ph). */
export const FAULTS = ["3ph", "1ph"] as const satisfies readonly FaultType[];

export function measureStudies(
  core: SimCore,
  network: string,
  document: NetworkDocument,
  minRepeats: number,
): EngineRow[] {
  const started = performance.now();
  const validated = ValidatedNetwork.check(document);
  const validateMs = performance.now() - started;
  return FAULTS.map((fault) => {
    const study = () => {
      const t = performance.now();
      const result = core.shortCircuit(validated, { fault });
      return { ms: performance.now() - t, phases: result.timings };
    };
    const first = study();
    const warm = [study()];
    let spent = warm[0]?.ms ?? 0;
    while (warm.length < MAX_REPEATS && (warm.length < minRepeats || spent < WARM_BUDGET_MS)) {
      const next = study();
      warm.push(next);
      spent += next.ms;
    }
    const ms = median(warm.map((w) => w.ms));
    const nearest = warm.reduce((a, b) => (Math.abs(b.ms - ms) < Math.abs(a.ms - ms) ? b : a));
    const buses = document.buses.length;
    return {
      network,
      buses,
      fault,
      validateMs,
      firstMs: first.ms,
      ms,
      repeats: warm.length,
      usPerBus: (ms * 1000) / buses,
      peakWasmMiB: core.memoryBytes() / 2 ** 20,
      phases: nearest.phases,
    };
  });
}

/**
 * Untimed studies before the first measured network, the same in Node and in Chromium: without
 * them the first small networks' "warm" medians were taken while the engine's code was still
 * being tiered up (case118 3ph: 6.5–7.8 ms in a fresh Chromium page, 0.6 ms once its code was
 * optimised; Node tiers up sooner). The first study of each network is still its own cold run
 * (a fresh WASM instance), and `pnpm bench -- --only cli-cold` times whole fresh processes.
 */
export function warmUpEngine(core: SimCore): void {
  const network = ValidatedNetwork.check(syntheticNetwork(WARM_UP_BUSES));
  for (let run = 0; run < WARM_UP_RUNS; run++)
    for (const fault of FAULTS) core.shortCircuit(network, { fault });
}

/** A few hundred buses, studied about 20 times: ~0.2 s once optimised. */
const WARM_UP_BUSES = 500;
const WARM_UP_RUNS = 20;

/**
 * Repeats go on past repeatsFor's minimum until they add up to WARM_BUDGET_MS: a median of 9
 * sub-millisecond studies moved by 1.5–4× between runs of the same page (a GC or a late tier-up
 * in one or two of them), so Node/Chromium ratios of case9–case2869 were read from noise. With
 * the budget case9 and case118 get the 400 repeats, case2869 ~100, case9241pegase ~25–50, and
 * the 50,000- and 200,000-bus networks keep their minimum. It was 250 ms until Chromium was seen
 * to need ~10 studies of a network before its model code ran at full speed again (case9241pegase
 * in one page: model 11–20 ms in the first 5–6 studies, 2–3 ms from then on, Node's 2–3 ms), so
 * the median of its 5–7 repeats was of that transient (docs/performance.md, "Fifteenth session").
 */
const WARM_BUDGET_MS = 1_000;
const MAX_REPEATS = 400;

/**
 * Minimum warm repeats after the first study: fewer for big networks, whose studies are long.
 * Not fewer than 5: in Node the 200,000-bus studies keep getting faster for the first few
 * repeats after the first (1ph: 2,136, 1,705, 1,579, 1,427 ms in one process, as V8's heap
 * limits settle), so a median of 3 was the second-slowest of a transient.
 */
export const repeatsFor = (buses: number): number => (buses > 2_000 ? 5 : 9);
