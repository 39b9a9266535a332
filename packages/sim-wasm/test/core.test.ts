import { describe, expect, it } from "vitest";
import { EXPECTED_ABI_VERSION, loadSimCore } from "../src/index.ts";
import { memoryAcrossCalls } from "./memory-growth.ts";

describe("sim-wasm loader", () => {
  it("instantiates the built module and speaks the expected ABI", async () => {
    const core = await loadSimCore();
    expect(core.abiVersion).toBe(EXPECTED_ABI_VERSION);
  });

  it("computes complex magnitudes through linear memory", async () => {
    const core = await loadSimCore();
    const out = core.complexAbs(new Float64Array([3, 4, -5, 12, 0, 0, 1e300, 1e300]));
    expect(Array.from(out.slice(0, 3))).toEqual([5, 13, 0]);
    expect(out[3]).toBeCloseTo(Math.SQRT2 * 1e300, -290);
  });

  it("rejects odd-length input and frees both buffers of every call", async () => {
    const core = await loadSimCore();
    expect(() => core.complexAbs(new Float64Array(3))).toThrow(/interleaved/);
    // Each call copies 2n doubles in and n doubles out; the smaller buffer is 8n bytes, so a
    // leak of either shows within a handful of calls of 12 MB each.
    const n = 500_000;
    const values = new Float64Array(2 * n).fill(1);
    const { before, after, calls } = memoryAcrossCalls(core, 8 * n, () => core.complexAbs(values));
    expect(calls).toBeGreaterThan(1);
    expect(after).toBe(before);
  });
});
