// Synthetic grid-like 110 kV networks of any size for the scaling benchmarks (built by
// @ampflux/sim-wasm's synthetic-network.ts, browser-safe).

import type { NetworkDocument } from "@ampflux/contracts";
import { syntheticNetwork } from "@ampflux/sim-wasm/synthetic-network";

export interface BenchNetwork {
  name: string;
  document: NetworkDocument;
}

/** The n-bus synthetic grid (see syntheticNetwork), named for the tables. */
export function syntheticDocument(n: number, seed = 1): BenchNetwork {
  return { name: `synthetic ${n / 1000}k`, document: syntheticNetwork(n, seed) };
}
