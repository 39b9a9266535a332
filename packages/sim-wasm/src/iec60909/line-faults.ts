// Faults along a line without editing the network (as commercial tools and pandapower's
// calc_sc_on_line offer): the line is cut at the fault point by a new bus, its two parts keep
// the per-km data (series impedance is linear in length, IEC 60909-0 §6.3), and the bus fault
// at the new bus is the line fault. Each line fault is one study of its own split network.

import type {
  BranchFaultResult,
  LineFaultResult,
  ShortCircuitOptions,
  ShortCircuitResult,
} from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { UNFED } from "./bus-fault-results.ts";
import { ShortCircuitStudies } from "./short-circuit-studies.ts";
import type { ValidatedNetwork } from "./validated-network.ts";

/** `base`, or `base` with the fewest "~" appended that no element of the document uses. */
function unusedId(used: Set<string>, base: string): string {
  let id = base;
  while (used.has(id)) id += "~";
  used.add(id);
  return id;
}

function elementIds(network: ValidatedNetwork): Set<string> {
  const doc = network.document;
  const ids = new Set<string>();
  for (const value of Object.values(doc)) {
    if (Array.isArray(value)) for (const element of value) ids.add((element as { id: string }).id);
  }
  return ids;
}

/**
 * One result per `options.line_faults` entry: the fault point's I''k, ip, Ib, Ith… and, with
 * `options.branches`, the branch-end currents, the line's parts reported under its own id.
 */
export function lineFaultResults(
  sim: SimExports,
  network: ValidatedNetwork,
  options: ShortCircuitOptions,
): { results: LineFaultResult[]; timings: Record<string, number> } {
  const { fault, case: studyCase, line_faults: lineFaults = [], ...common } = options;
  const timings: Record<string, number> = {};
  // The document's ids, read once; each fault's new ids join them, so they stay unique.
  const used = elementIds(network);
  const results = lineFaults.map(({ line, position }) => {
    const point = unusedId(used, `${line}@${position}`);
    const parts: [string, string] = [unusedId(used, `${line}~from`), unusedId(used, `${line}~to`)];
    const split = network.withLineSplit(line, position, point, parts);
    const plan = {
      ...common,
      buses: [point],
      duty: false,
      arc_flash: false,
      faults: [fault],
      cases: [studyCase],
    };
    const studies = new ShortCircuitStudies(sim, split, plan);
    let result: ShortCircuitResult;
    try {
      result = studies.run(fault, studyCase);
    } finally {
      studies.dispose();
    }
    for (const [phase, ms] of Object.entries(result.timings))
      timings[`line faults ${phase}`] = (timings[`line faults ${phase}`] ?? 0) + ms;
    const length = network.document.lines.find((l) => l.id === line)?.length_km ?? 0;
    const { bus: _point, ...atPoint } = result.buses[0] ?? { bus: point, ...UNFED };
    const branches = result.branches.map(
      (b): BranchFaultResult => ({
        ...b,
        fault_bus: point,
        branch: parts.includes(b.branch) ? line : b.branch,
      }),
    );
    return { line, position, distance_km: length * position, ...atPoint, branches };
  });
  return { results, timings };
}
