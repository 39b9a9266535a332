// Sorting many checks in compareDuty's order (contracts/duty.ts) fast enough for hundreds of
// thousands of checks: a stable LSD radix sort (bytes) of the check indices on percent (descending,
// missing last), then each run of equal percents (the devices of one bus share their currents)
// ordered by compareDuty itself. The same order as checks.sort(compareDuty), ties included.

import { compareDuty, type DutyCheck } from "@ampflux/contracts";

/**
 * Per check, the IEEE-754 bits of −percent (null → +1, after every real percent ≥ 0; 0 − p, so
 * 0 and −0 get one key, as they tie in compareDuty) mapped
 * so that unsigned integer order is numeric order: negative numbers get every bit flipped,
 * positive ones the sign bit. Returned as 32-bit words, low word first, two per check.
 */
function sortKeys(checks: readonly DutyCheck[]): Uint32Array {
  const value = new Float64Array(checks.length);
  checks.forEach((c, i) => {
    value[i] = c.percent === null ? 1 : 0 - c.percent;
  });
  const words = new Uint32Array(value.buffer);
  for (let i = 0; i < checks.length; i++) {
    const hi = words[2 * i + 1] ?? 0;
    if (hi & 0x8000_0000) {
      words[2 * i] = ~(words[2 * i] ?? 0) >>> 0;
      words[2 * i + 1] = ~hi >>> 0;
    } else {
      words[2 * i + 1] = (hi | 0x8000_0000) >>> 0;
    }
  }
  return words;
}

/**
 * Indices of the checks, stably sorted by their 64-bit keys: one counting pass per byte, low
 * byte first, skipping bytes every key shares (the exponent's high bytes mostly are).
 */
function radixOrder(words: Uint32Array, n: number): Uint32Array {
  const bytes = new Uint8Array(words.buffer, words.byteOffset, 8 * n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(256);
  for (let b = 0; b < 8; b++) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = bytes[8 * i + b] as number;
      count[d] = (count[d] as number) + 1;
    }
    if (n === 0 || count[bytes[b] as number] === n) continue;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const d = bytes[8 * i + b] as number;
      next[count[d] as number] = i;
      count[d] = (count[d] as number) + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Sorts `checks` in place, worst first, exactly as `checks.sort(compareDuty)` would. */
export function sortWorstFirst(checks: DutyCheck[]): DutyCheck[] {
  const n = checks.length;
  const order = radixOrder(sortKeys(checks), n);
  const sorted = Array.from(order, (i) => checks[i] as DutyCheck);
  for (let start = 0; start < n; ) {
    const percent = sorted[start]?.percent;
    let end = start + 1;
    while (end < n && sorted[end]?.percent === percent) end++;
    if (end - start > 1) {
      const run = sorted.slice(start, end).sort(compareDuty);
      for (let k = 0; k < run.length; k++) sorted[start + k] = run[k] as DutyCheck;
    }
    start = end;
  }
  for (let i = 0; i < n; i++) checks[i] = sorted[i] as DutyCheck;
  return checks;
}
