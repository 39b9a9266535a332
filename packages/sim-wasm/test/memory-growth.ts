// Whether repeated calls leak WASM linear memory, decided with a bounded number of calls.
//
// After a warm-up the allocator holds less free space than its heap H (linear memory above the
// static data and stack, core.heapBytes()). If every call leaked at least `leastBytesPerCall`,
// then after more than H / leastBytesPerCall calls the leaked blocks could not fit any more and
// memory.grow would have run. So constant memory over that many calls proves that no
// allocation of at least that size leaks — deterministically, without thousands of iterations.

import type { SimCore } from "../src/index.ts";

export interface MemoryAcrossCalls {
  /** Linear memory size after the warm-up. */
  before: number;
  after: number;
  calls: number;
}

export function memoryAcrossCalls(
  core: SimCore,
  leastBytesPerCall: number,
  call: (k: number) => void,
): MemoryAcrossCalls {
  // Two calls: the first sizes the heap, the second shows it is reused.
  call(0);
  call(1);
  const before = core.memoryBytes();
  const calls = Math.floor(core.heapBytes() / leastBytesPerCall) + 1;
  for (let k = 0; k < calls; k++) call(k);
  return { before, after: core.memoryBytes(), calls };
}
