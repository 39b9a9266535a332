// Clearing times of protective devices through the TS kernel and the WASM build, against
// published operating-time tables: IEC 60255-151 curves from the LS Industrial Systems GIPAM
// user manual ("operating characteristic", TD = 1) and IEEE C37.112 curves from the GE Multilin
// M60 instruction manual (table "IEEE curve trip times", TDM = 1), both printed to 3 decimals;
// then stage selection, breaker opening time, curve points and the cases that never trip.

import { type SwitchProtectionInput, switchProtectionSchema } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { type TripDevice, tripTimes } from "../src/arcflash/kernels.ts";
import { instantiateSim } from "../src/loader.ts";

const sim = await instantiateSim();

const device = (protection: SwitchProtectionInput, openingMs = 0): TripDevice => ({
  protection: switchProtectionSchema.parse(protection),
  openingMs,
});

/** Times (ms) of each device at its current (kA). */
const times = (rows: [TripDevice, number][]) =>
  Array.from(
    tripTimes(
      sim,
      rows.map(([d]) => d),
      Float64Array.from(rows, ([, i]) => i),
    ),
  );

/** Printed to 3 decimals in seconds. */
function printedSeconds(ms: number | undefined, seconds: number): void {
  expect(Math.abs((ms ?? Number.NaN) / 1000 - seconds)).toBeLessThan(0.0005);
}

describe("inverse-time curves against published tables", () => {
  it("IEC 60255-151 SI, VI, EI, LTI at 2, 10 and 20 times the setting, TMS 1", () => {
    const table = [
      ["IEC_SI", [10.029, 2.971, 2.267]],
      ["IEC_VI", [13.5, 1.5, 0.711]],
      ["IEC_EI", [26.667, 0.808, 0.201]],
      ["IEC_LTI", [120, 13.333, 6.316]],
    ] as const;
    for (const [curve, expected] of table) {
      const relay = device({ inverse: { curve, pickup_ka: 0.4, tms: 1 } });
      const got = times([2, 10, 20].map((m) => [relay, 0.4 * m]));
      expected.forEach((seconds, i) => {
        printedSeconds(got[i], seconds);
      });
    }
  });

  it("IEEE C37.112 MI and VI at 1.5, 2, 4 and 10 times the pickup, time dial 1", () => {
    const table = [
      ["IEEE_MI", [6.439, 3.803, 1.946, 1.207]],
      ["IEEE_VI", [16.179, 7.028, 1.798, 0.689]],
    ] as const;
    for (const [curve, expected] of table) {
      const relay = device({ inverse: { curve, pickup_ka: 2, tms: 1 } });
      const got = times([1.5, 2, 4, 10].map((m) => [relay, 2 * m]));
      expected.forEach((seconds, i) => {
        printedSeconds(got[i], seconds);
      });
    }
    // IEEE EI by the C37.112 formula at M = 10: 28.2/99 + 0.1217 s.
    const ei = device({ inverse: { curve: "IEEE_EI", pickup_ka: 1, tms: 0.5 } });
    expect(times([[ei, 10]])[0]).toBeCloseTo(500 * (28.2 / 99 + 0.1217), 9);
  });

  it("does not trip at the pickup (IEEE) or below 1.1 × the setting (IEC), and holds IEC at 20 ×", () => {
    const ieee = device({ inverse: { curve: "IEEE_VI", pickup_ka: 1, tms: 1 } });
    const iec = device({ inverse: { curve: "IEC_EI", pickup_ka: 1, tms: 1 } });
    const [atPickup, iecBelow, iecAt20, iecAt40] = times([
      [ieee, 1],
      [iec, 1.09],
      [iec, 20],
      [iec, 40],
    ]);
    expect(atPickup).toBe(Number.POSITIVE_INFINITY);
    expect(iecBelow).toBe(Number.POSITIVE_INFINITY);
    expect(iecAt40).toBe(iecAt20);
  });
});

describe("a device's clearing time", () => {
  const relay = device(
    {
      inverse: { curve: "IEC_SI", pickup_ka: 1, tms: 0.1 },
      definite: { pickup_ka: 4, delay_ms: 400 },
      instantaneous: { pickup_ka: 12 },
    },
    50,
  );

  it("is the fastest stage that picks up plus the breaker's opening time", () => {
    const [below, inverseOnly, definite, inverseFaster, instantaneous] = times([
      [relay, 0.5],
      [relay, 2],
      [relay, 5],
      [relay, 10],
      [relay, 15],
    ]);
    expect(below).toBe(Number.POSITIVE_INFINITY);
    // SI at 2·Is, TMS 0.1: 1.0029 s (GIPAM table 10.029 s at TMS 1), + 50 ms.
    expect(Math.abs((inverseOnly ?? 0) - 1052.9)).toBeLessThan(0.05);
    // 5 kA: definite 400 ms beats SI (0.1 · 4.280 s).
    expect(definite).toBe(450);
    // 10 kA: SI 297.1 ms beats the definite 400 ms.
    expect(Math.abs((inverseFaster ?? 0) - 347.1)).toBeLessThan(0.05);
    // 15 kA: instantaneous (delay defaults to 0) + opening.
    expect(instantaneous).toBe(50);
  });

  it("interpolates a fuse's points log–log, no trip below the first, last time above the last", () => {
    const fuse = device({
      points: [
        [1, 10_000],
        [10, 100],
        [100, 10],
      ],
    });
    const [below, first, between, last, above] = times([
      [fuse, 0.9],
      [fuse, 1],
      [fuse, Math.sqrt(10)],
      [fuse, 100],
      [fuse, 500],
    ]);
    expect(below).toBe(Number.POSITIVE_INFINITY);
    expect(first).toBe(10_000);
    // Half-way on lg I between (1 kA, 10 s) and (10 kA, 100 ms): lg t = 3, 1 s.
    expect(between).toBeCloseTo(1000, 9);
    expect(last).toBe(10);
    expect(above).toBe(10);
  });

  it("takes a fixed clearing time as it is, without the opening time", () => {
    expect(times([[device({ clearing_time_ms: 83 }, 50), 0.2]])).toEqual([83]);
  });
});
