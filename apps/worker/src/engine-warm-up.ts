// A worker process runs a small N-1 screening of a synthetic network when it starts, before its
// first job. V8 compiles WebAssembly and JavaScript in a quick baseline tier first and optimises
// what runs hot; a screening part's kernel runs in one call per part, and code tiered up during
// that call is used only from the next. So each process's first part ran the kernel (and the
// validation and model building around it) in baseline code: with a screening spread over two
// fresh workers, two of its four parts. Warmed here, the first job runs optimised code.

import type { OutageScreeningOptionsInput } from "@ampflux/contracts";
import { type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { syntheticNetwork } from "@ampflux/sim-wasm/synthetic-network";

/** 1,000 buses × ~1,350 outages: ~1.4 million pairs, tens of milliseconds once optimised. */
const WARM_UP_BUSES = 1_000;

export function warmUpEngine(core: SimCore): void {
  const network = ValidatedNetwork.check(syntheticNetwork(WARM_UP_BUSES));
  const options: OutageScreeningOptionsInput = { fault: "3ph", case: "max" };
  // Twice: the second run's calls go to the code the first one's tiered up.
  core.outageScreening(network, options);
  core.outageScreening(network, { ...options, case: "min" });
}
