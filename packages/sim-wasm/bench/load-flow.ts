// Load-flow timings on MATPOWER cases (figures, not tests): per case the import (importMatpower)
// and three core.loadFlow runs on the imported document from a flat start — the first is cold
// (first use of the WASM instance for that size), the others warm. Run by hand:
//   cd packages/sim-wasm && pnpm exec node bench/load-flow.ts case9 case300 case9241pegase
// docs/performance.md ("Load flow") sets these next to pandapower's runpp
// (bench/anchors/pandapower-loadflow.py --time).

import { readFile } from "node:fs/promises";
import { importMatpower } from "@ampflux/contracts/importers";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();
const names = process.argv.slice(2);
for (const name of names.length > 0 ? names : ["case9", "case300", "case2869pegase"]) {
  const text = await readFile(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");
  const t0 = performance.now();
  const { document } = importMatpower(text);
  const importMs = performance.now() - t0;
  const runs: number[] = [];
  let iterations = 0;
  let converged = false;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const result = core.loadFlow(document, { flat_start: true, max_iterations: 20 });
    runs.push(performance.now() - t);
    ({ iterations, converged } = result);
  }
  console.log(
    `${name}: import ${importMs.toFixed(0)} ms, loadFlow ${runs.map((x) => x.toFixed(0)).join(" / ")} ms ` +
      `(${converged ? "converged" : "not converged"}, ${iterations} iterations)`,
  );
}
