// The PSS/E RAW importer on synthetic cases of 10k to 80k buses (our RAW v33 export of the
// synthetic 110 kV grid, with its sequence data after Q): parse and map time per size. Linear
// parsing shows as a constant time per bus; quadratic behaviour as a time per bus that doubles
// with each doubling of the size. Measured here, not asserted by a test.

import { exportPsse, importPsse } from "@ampflux/contracts/importers";
import { syntheticDocument } from "./synthetic.ts";

export interface PsseImportRow {
  buses: number;
  megabytes: number;
  /** Best wall time of importPsse() over the repeats. */
  ms: number;
  /** ms / buses × 1000: flat for a linear importer. */
  us_per_bus: number;
}

export function benchPsseImport(quick: boolean): PsseImportRow[] {
  const rows: PsseImportRow[] = [];
  for (const n of quick ? [10_000, 20_000] : [10_000, 20_000, 40_000, 80_000]) {
    const text = exportPsse(syntheticDocument(n).document);
    let best = Number.POSITIVE_INFINITY;
    let buses = 0;
    for (let k = 0; k < (quick ? 1 : 3); k++) {
      const started = performance.now();
      buses = importPsse(text).document.buses.length;
      best = Math.min(best, performance.now() - started);
    }
    rows.push({
      buses,
      megabytes: Number((text.length / 1e6).toFixed(1)),
      ms: Number(best.toFixed(0)),
      us_per_bus: Number(((best / buses) * 1000).toFixed(2)),
    });
  }
  return rows;
}
