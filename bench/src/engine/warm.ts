// Warm engine timing for issue 18's goals without the whole `pnpm bench -- --only engine` run:
// case9241pegase and the synthetic 200k-bus network, 3ph and 1ph, on one WASM instance each,
// every run's per-phase timings printed (first runs warm the JIT and the allocator).
// Usage: node bench/src/engine/warm.ts [--networks case9241pegase,200000] [--faults 3ph,1ph] [--runs 5]
//        [--validated]: the network validated once before the runs (ValidatedNetwork, as the api's
//        worker, the editor's worker and the CLI pass it), so the runs time the engine alone.
// The hash of the last run's bus results is printed too: an exact change must leave it alone.
// No result is kept from one run to the next, as in the bench's measureStudies.

import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import type { FaultType } from "@ampflux/contracts";
import { loadSimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { matpowerNetwork } from "../networks.ts";
import { syntheticDocument } from "../synthetic.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--")),
  options: {
    networks: { type: "string", default: "case9241pegase,200000" },
    faults: { type: "string", default: "3ph,1ph" },
    runs: { type: "string", default: "5" },
    validated: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const faults = values.faults.split(",") as FaultType[];

const format = (timings: Record<string, number>) =>
  Object.entries(timings)
    .map(([phase, ms]) => `${phase} ${ms.toFixed(1)}`)
    .join(", ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

for (const name of values.networks.split(",")) {
  const { name: label, document } = /^\d+$/.test(name)
    ? syntheticDocument(Number(name))
    : await matpowerNetwork(name);
  const core = await loadSimCore();
  const network = values.validated ? ValidatedNetwork.check(document) : document;
  for (const fault of faults) {
    const times: number[] = [];
    let hash = "";
    for (let k = 0; k < runs; k++) {
      const t = performance.now();
      const result = core.shortCircuit(network, { fault });
      const ms = performance.now() - t;
      times.push(ms);
      console.log(`${label} ${fault} run ${k + 1}: ${ms.toFixed(1)} ms (${format(result.timings)})`);
      // Hashed now, not kept: a result still alive during the next study puts its 200,000 objects
      // in V8's old generation and costs that study page faults (the bench drops them as well).
      hash = createHash("sha256").update(JSON.stringify(result.buses)).digest("hex").slice(0, 16);
    }
    const mib = core.memoryBytes() / 2 ** 20;
    console.log(
      `${label} ${fault}: median ${median(times).toFixed(1)} ms, peak WASM ${mib.toFixed(1)} MiB, buses ${hash}`,
    );
  }
}
