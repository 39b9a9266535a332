// The closing lines every format has: warnings and the engine's timing.

import type { ShortCircuitResult } from "@ampflux/contracts";
import { jsonPath } from "./json-path.ts";

export function totalMs(result: ShortCircuitResult): number {
  return Object.values(result.timings).reduce((sum, ms) => sum + ms, 0);
}

/** "9 buses, engine 4.2 ms (model 0.8, factorize 1.1, …)". */
export function summaryLine(result: ShortCircuitResult): string {
  const phases = Object.entries(result.timings).map(([phase, ms]) => `${phase} ${ms.toFixed(1)}`);
  const count = result.buses.length;
  return `${count} bus${count === 1 ? "" : "es"}, engine ${totalMs(result).toFixed(1)} ms (${phases.join(", ")})`;
}

const SHOWN_PATHS = 3;

/**
 * One line per warning; the same message on the same field of many elements (a validation
 * warning on each of them, or a result stored before the engine said its zero-sequence
 * assumptions once for all elements) becomes one line with a count. JSON output keeps them all.
 */
export function warningLines(result: ShortCircuitResult): string[] {
  // Only the first few paths of a group are written out: a group may name thousands of elements
  // (a 10,000-bus network's 1ph result stored before the engine grouped them had some 16,000).
  const groups = new Map<string, { pattern: string; message: string; count: number; first: Path[] }>();
  for (const { path, message } of result.warnings) {
    const pattern = jsonPath(path, "*");
    const key = `${pattern}\u0000${message}`;
    let group = groups.get(key);
    if (!group) {
      group = { pattern, message, count: 0, first: [] };
      groups.set(key, group);
    }
    group.count++;
    if (group.first.length < SHOWN_PATHS) group.first.push(path);
  }
  return [...groups.values()].map(({ pattern, message, count, first }) => {
    if (count === 1) return `warning: ${jsonPath(first[0] ?? [])}: ${message}`;
    // The element part of each path ("lines[3]"): the field is in the pattern already.
    const shown = first.map((p) => jsonPath(p).replace(/\]\..*$/, "]"));
    if (count > SHOWN_PATHS) shown.push("…");
    return `warning: ${pattern}: ${message} (${count}×: ${shown.join(", ")})`;
  });
}

type Path = readonly (string | number)[];
