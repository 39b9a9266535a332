// The buffers studies reuse (src/scratch-arrays.ts): what is handed out is zero-filled as a new
// array is, what is given back is detached from its former holders, the pool stays bounded, and
// studies that run on reused buffers give the same numbers bit for bit.

import { describe, expect, it } from "vitest";
import { loadSimCore, ValidatedNetwork } from "../src/index.ts";
import { BufferPool, ScratchArrays } from "../src/scratch-arrays.ts";
import { syntheticNetwork } from "../src/synthetic-network.ts";

const KB = 1024;

describe("BufferPool and ScratchArrays", () => {
  it("hands a given-back buffer out again, zero-filled, and detaches the old holder's views", () => {
    const pool = new BufferPool();
    const scratch = new ScratchArrays(pool);
    const a = scratch.f64(20_000);
    a.fill(7);
    scratch.release();
    // The old view no longer reads the buffer: a later study's numbers cannot show through it.
    expect(a.length).toBe(0);
    expect(a[0]).toBeUndefined();
    expect(pool.keptBytes).toBe(160_000);
    const again = new ScratchArrays(pool).f64(20_000);
    expect(pool.keptBytes).toBe(0);
    expect(again.length).toBe(20_000);
    expect(again.every((x) => x === 0)).toBe(true);
  });

  it("zero-fills only what is asked of a larger kept buffer, and never hands out one over twice the size", () => {
    const pool = new BufferPool();
    const used = new ArrayBuffer(400 * KB);
    new Uint8Array(used).fill(1);
    pool.give(used);
    const small = pool.take(150 * KB);
    expect(small.byteLength).toBe(150 * KB);
    expect(pool.keptBytes).toBe(400 * KB);
    const fits = pool.take(300 * KB);
    expect(fits.byteLength).toBe(400 * KB);
    expect(new Uint8Array(fits, 0, 300 * KB).every((x) => x === 0)).toBe(true);
  });

  it("keeps at most 256 MiB in at most 256 buffers, the newest", () => {
    const pool = new BufferPool();
    for (let k = 0; k < 20; k++) pool.give(new ArrayBuffer(20 * 2 ** 20));
    expect(pool.keptBytes).toBeLessThanOrEqual(256 * 2 ** 20);
    expect(pool.keptBytes).toBeGreaterThan(200 * 2 ** 20);
    const few = new BufferPool();
    for (let k = 1; k <= 300; k++) few.give(new ArrayBuffer(k * 8));
    expect(few.keptBytes).toBe(((45 + 300) * 256 * 8) / 2);
    // The oldest (smallest) went: 8 bytes fits no kept buffer, 2,400 does.
    expect(few.take(8).byteLength).toBe(8);
    expect(few.keptBytes).toBe(((45 + 300) * 256 * 8) / 2);
    expect(few.take(2_400).byteLength).toBe(2_400);
    expect(few.keptBytes).toBe(((45 + 300) * 256 * 8) / 2 - 2_400);
  });

  it("ignores a buffer given twice (the second time it is detached)", () => {
    const pool = new BufferPool();
    const buffer = new ArrayBuffer(100 * KB);
    pool.give(buffer);
    pool.give(buffer);
    expect(pool.keptBytes).toBe(100 * KB);
  });
});

describe("studies on reused buffers", () => {
  it("give the same results bit for bit, and leave no disposed study's arrays readable", async () => {
    const core = await loadSimCore();
    const network = ValidatedNetwork.check(syntheticNetwork(2_000));
    const first = core.shortCircuitStudies(network, { faults: ["1ph", "3ph"], cases: ["max"] });
    const results1 = [first.run("1ph", "max"), first.run("3ph", "max")];
    const held = first.caseNetworks("max");
    expect(held?.positive.z1.length).toBe(2 * 2_000);
    const series = held?.model.positive.series;
    first.dispose();
    expect(held?.positive.z1.length).toBe(0);
    expect(series?.zRe.length).toBe(0);
    for (let k = 0; k < 3; k++) {
      using studies = core.shortCircuitStudies(network, { faults: ["1ph", "3ph"], cases: ["max"] });
      const results = [studies.run("1ph", "max"), studies.run("3ph", "max")];
      expect(results.map((r) => r.buses)).toStrictEqual(results1.map((r) => r.buses));
    }
    expect(core.shortCircuit(network, { fault: "1ph" }).buses).toStrictEqual(results1[0]?.buses);
  });

  it("hold one run's kernel output in a plan of many runs", async () => {
    const core = await loadSimCore();
    const network = ValidatedNetwork.check(syntheticNetwork(500));
    using studies = core.shortCircuitStudies(network, { faults: ["3ph", "1ph"], cases: ["max", "min"] });
    const first = studies.run("3ph", "max");
    const output = studies.lastBusOutput;
    expect(output?.length).toBeGreaterThan(0);
    studies.run("1ph", "min");
    // The first run's output went back to the pool when the second run started.
    expect(output?.length).toBe(0);
    expect(studies.lastBusOutput?.length).toBeGreaterThan(0);
    expect(studies.run("3ph", "max").buses).toStrictEqual(first.buses);
  });
});
