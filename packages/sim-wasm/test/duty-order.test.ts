// sortWorstFirst (the duty study's fast sort) against the contract's own compareDuty on checks
// with ties, missing percents, mixed-case and non-ASCII element ids.

import { compareDuty, DUTY_CHECKS, type DutyCheck, dutyStatus } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { sortWorstFirst } from "../src/duty/worst-first.ts";

/** A deterministic pseudo-random sequence (LCG), so a failure can be reproduced. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const IDS = [
  "Q1",
  "q1",
  "Q10",
  "Q2",
  "CB 7 0",
  "CB 7 1",
  "Ölschalter",
  "oelschalter",
  "T-1",
  "T 1",
  "feeder",
];
const PERCENTS = [null, 0, 12.5, 90, 90.000_000_000_1, 100, 100, 170.3, -0, 1e-300];

function checks(count: number, next: () => number): DutyCheck[] {
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, () => {
    const percent = pick(PERCENTS);
    return {
      element: pick(IDS),
      element_type: "switch",
      check: pick(DUTY_CHECKS),
      bus: "b",
      value: 1,
      rating: percent === null ? null : 1,
      unit: "kA",
      percent,
      status: dutyStatus(percent),
      notes: [],
    };
  });
}

describe("sortWorstFirst", () => {
  it("orders exactly as sort(compareDuty), ties and missing percents included", () => {
    for (const seed of [1, 2, 3, 42]) {
      const input = checks(2_000, random(seed));
      const expected = [...input].sort(compareDuty);
      expect(sortWorstFirst([...input])).toEqual(expected);
    }
  });

  it("puts missing ratings last and the largest percent first", () => {
    const sorted = sortWorstFirst(checks(500, random(7)));
    expect(sorted[0]?.percent).toBe(170.3);
    expect(sorted.at(-1)?.percent).toBeNull();
  });
});
