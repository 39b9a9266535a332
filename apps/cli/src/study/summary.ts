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
 * One line per warning; the same message on the same field of many elements (e.g. every line
 * without zero-sequence data) becomes one line with a count. JSON output keeps them all.
 */
export function warningLines(result: ShortCircuitResult): string[] {
  const groups = new Map<string, { pattern: string; message: string; paths: string[] }>();
  for (const { path, message } of result.warnings) {
    const at = jsonPath(path);
    const pattern = at.replace(/\[\d+\]/g, "[*]");
    const key = JSON.stringify([pattern, message]);
    const group = groups.get(key) ?? groups.set(key, { pattern, message, paths: [] }).get(key);
    group?.paths.push(at);
  }
  return [...groups.values()].map(({ pattern, message, paths }) => {
    if (paths.length === 1) return `warning: ${paths[0]}: ${message}`;
    // The element part of each path ("lines[3]"): the field is in the pattern already.
    const shown = paths.slice(0, SHOWN_PATHS).map((p) => p.replace(/\]\..*$/, "]"));
    if (paths.length > SHOWN_PATHS) shown.push("…");
    return `warning: ${pattern}: ${message} (${paths.length}×: ${shown.join(", ")})`;
  });
}
