// The MATPOWER importer on the shared cases: text in, validated-ready document out. Measured
// here, not asserted by a test (a test's time limit fails on a busy machine, not on a slow importer).

import { readFile } from "node:fs/promises";
import { importMatpower } from "@ampflux/contracts/importers";
import { MATPOWER_CASES, MATPOWER_DIR } from "./networks.ts";

export interface ImportRow {
  network: string;
  buses: number;
  /** Best wall time of importMatpower() over the repeats. */
  ms: number;
}

export async function benchImport(quick: boolean): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for (const name of quick ? MATPOWER_CASES.slice(0, 4) : MATPOWER_CASES) {
    const text = await readFile(new URL(`${name}.m`, MATPOWER_DIR), "utf8");
    let best = Number.POSITIVE_INFINITY;
    let buses = 0;
    for (let k = 0; k < (quick ? 1 : 3); k++) {
      const started = performance.now();
      buses = importMatpower(text).document.buses.length;
      best = Math.min(best, performance.now() - started);
    }
    rows.push({ network: name, buses, ms: Number(best.toFixed(2)) });
  }
  return rows;
}
