import { describe, expect, it } from "vitest";
import { EXPECTED_ABI_VERSION, loadSimCore } from "../src/index.ts";

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

  it("rejects odd-length input and frees memory across many calls", async () => {
    const core = await loadSimCore();
    expect(() => core.complexAbs(new Float64Array(3))).toThrow(/interleaved/);
    const big = new Float64Array(200_000).fill(1);
    for (let i = 0; i < 2_000; i++) core.complexAbs(big);
  });
});
