// The engine in Node: every MATPOWER case and synthetic size, one fresh WASM instance each.

import { loadSimCore } from "@ampflux/sim-wasm";
import { MATPOWER_CASES, matpowerNetwork, SYNTHETIC_SIZES } from "../networks.ts";
import { syntheticDocument } from "../synthetic.ts";
import { type EngineRow, measureStudies, repeatsFor, warmUpEngine } from "./measure.ts";

export async function benchEngineNode(quick: boolean): Promise<EngineRow[]> {
  const rows: EngineRow[] = [];
  warmUpEngine(await loadSimCore());
  const cases = quick ? MATPOWER_CASES.slice(0, 4) : MATPOWER_CASES;
  for (const name of cases) {
    const { document } = await matpowerNetwork(name);
    rows.push(...measureStudies(await loadSimCore(), name, document, repeatsFor(document.buses.length)));
  }
  for (const n of quick ? [] : SYNTHETIC_SIZES) {
    const { name, document } = syntheticDocument(n);
    rows.push(...measureStudies(await loadSimCore(), name, document, repeatsFor(n)));
  }
  return rows;
}
