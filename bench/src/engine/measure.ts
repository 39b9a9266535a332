// One engine measurement, shared by the Node and the browser runs: all-bus three-phase and
// single-phase IEC 60909 studies (maximum case, κ method C, with breaking currents) on a fresh
// WASM instance, so its memory size at the end is the peak of this network.

import type { FaultType, NetworkDocument } from "@ampflux/contracts";
import type { SimCore } from "@ampflux/sim-wasm";

export interface EngineRow {
  network: string;
  buses: number;
  fault: (typeof FAULTS)[number];
  /** Best wall time of shortCircuit() over the repeats. */
  ms: number;
  usPerBus: number;
  peakWasmMiB: number;
  phases: Record<string, number>;
}

/** The faults every network is studied for: the largest currents (3ph) and the earth faults (1ph). */
export const FAULTS = ["3ph", "1ph"] as const satisfies readonly FaultType[];

export function measureStudies(
  core: SimCore,
  network: string,
  document: NetworkDocument,
  repeats: number,
): EngineRow[] {
  return FAULTS.map((fault) => {
    let best = { ms: Number.POSITIVE_INFINITY, phases: {} as Record<string, number> };
    for (let k = 0; k < repeats; k++) {
      const t = performance.now();
      const result = core.shortCircuit(document, { fault });
      const ms = performance.now() - t;
      if (ms < best.ms) best = { ms, phases: result.timings };
    }
    const buses = document.buses.length;
    return {
      network,
      buses,
      fault,
      ms: best.ms,
      usPerBus: (best.ms * 1000) / buses,
      peakWasmMiB: core.memoryBytes() / 2 ** 20,
      phases: best.phases,
    };
  });
}

/** Fewer repeats for big networks: their times are long enough to be stable. */
export const repeatsFor = (buses: number): number => (buses > 20_000 ? 1 : buses > 2_000 ? 3 : 10);
