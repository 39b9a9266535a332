// Sorting many checks in compareDuty's order (contracts/duty.ts) fast enough for hundreds of
// thousands of checks: a stable LSD radix sort of the check indices on percent (descending,
// missing last), then each run of equal percents (the devices of one bus share their currents)
// ordered by compareDuty itself. The same order as checks.sort(compareDuty), ties included.

import { compareDuty, type DutyCheck } from "@ampflux/contracts";

const RADIX_BITS = 16;
const BUCKETS = 1 << RADIX_BITS;

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

/** Indices of the checks, stably sorted by their 64-bit keys (four 16-bit counting passes). */
function radixOrder(words: Uint32Array, n: number): Uint32Array {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * RADIX_BITS;
    const digit = (i: number) => ((words[2 * i + word] ?? 0) >>> shift) & (BUCKETS - 1);
    count.fill(0);
    for (let i = 0; i < n; i++) count[digit(i)] = (count[digit(i)] ?? 0) + 1;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = count[d] ?? 0;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k] ?? 0;
      const d = digit(i);
      next[count[d] ?? 0] = i;
      count[d] = (count[d] ?? 0) + 1;
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
