// Typed arrays a study needs only while it runs (the model's element fields, diag Z of each
// sequence network, the bus-result kernel's output), kept in buffers its WASM instance's later
// studies reuse.
//
// Why: a fresh ArrayBuffer of a few hundred kB or more is fresh memory, and on our 2-core VMs the
// kernel takes ~10 µs to hand out each 4 kB page of it. Allocated and filled (medians of 60):
// 180 kB took 0.6 ms in Chromium and 0.01 ms in Node, whose allocator reused freed memory, but
// 940 kB took 3.0 ms in Chromium and 2.3 ms in Node. A warm 200,000-bus 1ph study in Node took
// ~8,200 page faults per study; case9241pegase's studies took 0–3,300 each, and the ones with
// 3,300 ran 55 ms against 18 (docs/performance.md, "Fifteenth session"). Buffers kept here are
// touched once and reused; handing one back detaches every view of it (a transfer), so a caller
// still holding a study's arrays after its disposal reads an empty array, never a later study's
// numbers. Small arrays are pooled too: in Chromium a fresh ArrayBuffer of any size cost enough
// that case300's studies took 0.75–0.89 ms against Node's 0.41–0.52 ms; pooled, 0.46–0.62 ms.

/** Where a study's scratch arrays come from; every array is zero-filled, as a new one is. */
export interface ArrayAllocator {
  /** An ArrayBuffer of at least `bytes`, its first `bytes` zero. */
  buffer(bytes: number): ArrayBuffer;
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
}

/** Fresh arrays, for callers that keep what they get. */
export const freshArrays: ArrayAllocator = {
  buffer: (bytes) => new ArrayBuffer(bytes),
  f64: (length) => new Float64Array(length),
  i32: (length) => new Int32Array(length),
};

/** At most this much is kept between studies (a 200,000-bus 1ph study's scratch is ~70 MB)… */
const MAX_POOLED_BYTES = 256 * 2 ** 20;
/** …in at most this many buffers (a study takes ~40), so that finding one stays cheap. */
const MAX_POOLED_BUFFERS = 256;

/**
 * A new ArrayBuffer object owning `buffer`'s memory; `buffer` and every view of it are detached.
 * ArrayBuffer.prototype.transfer (ES2024: Node 22, Chromium 114, Firefox 122, Safari 17.4) moves
 * the memory without copying; structuredClone with a transfer list does the same more slowly.
 */
function detach(buffer: ArrayBuffer): ArrayBuffer {
  const transferable = buffer as ArrayBuffer & { transfer?: () => ArrayBuffer };
  return typeof transferable.transfer === "function"
    ? transferable.transfer()
    : structuredClone(buffer, { transfer: [buffer] });
}

/** Returned buffers of one WASM instance's studies, for the next ones. */
export class BufferPool {
  #free: ArrayBuffer[] = [];
  #freeBytes = 0;

  /** The smallest kept buffer of `bytes` to twice that, else a new one; its first `bytes` zero. */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let k = 0; k < this.#free.length; k++) {
      const size = this.#free[k]?.byteLength ?? 0;
      if (size >= bytes && size <= 2 * bytes && (best < 0 || size < (this.#free[best]?.byteLength ?? 0)))
        best = k;
    }
    const [kept] = best < 0 ? [] : this.#free.splice(best, 1);
    if (!kept) return new ArrayBuffer(bytes);
    this.#freeBytes -= kept.byteLength;
    new Uint8Array(kept, 0, bytes).fill(0);
    return kept;
  }

  /** Keeps `buffer` for a later take(); every view of it made so far is detached. */
  give(buffer: ArrayBuffer): void {
    // A detached buffer has no bytes: given twice, or transferred elsewhere.
    if (buffer.byteLength === 0) return;
    const moved = detach(buffer);
    this.#free.push(moved);
    this.#freeBytes += moved.byteLength;
    while (this.#freeBytes > MAX_POOLED_BYTES || this.#free.length > MAX_POOLED_BUFFERS) {
      const oldest = this.#free.shift();
      this.#freeBytes -= oldest?.byteLength ?? this.#freeBytes;
    }
  }

  /** Bytes kept for reuse. */
  get keptBytes(): number {
    return this.#freeBytes;
  }
}

/** The arrays one holder (a ShortCircuitStudies) takes from a pool, given back all at once. */
export class ScratchArrays implements ArrayAllocator {
  #pool: BufferPool;
  #taken: ArrayBuffer[] = [];

  constructor(pool: BufferPool) {
    this.#pool = pool;
  }

  buffer(bytes: number): ArrayBuffer {
    const buffer = this.#pool.take(bytes);
    this.#taken.push(buffer);
    return buffer;
  }

  f64(length: number): Float64Array {
    return new Float64Array(this.buffer(8 * length), 0, length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.buffer(4 * length), 0, length);
  }

  /** Gives every array taken back to the pool: the holder's views of them are detached. */
  release(): void {
    for (const buffer of this.#taken) this.#pool.give(buffer);
    this.#taken = [];
  }
}
