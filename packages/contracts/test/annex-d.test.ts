// contracts/testing's Annex D fixture: its agreement check accepts a value within half a unit of
// the printed value's last digit and names every other field, and its cases are valid calculator
// cases (IEEE 1584-2018 Annex D.1 and D.2).

import { describe, expect, it } from "vitest";
import { arcFlashCaseSchema } from "../src/index.ts";
import { annexD1Case, annexD2Case, printedMismatches } from "../src/testing/index.ts";

describe("Annex D fixture", () => {
  const printed = { iarc_ka: [12.979, 3], afb_mm: [1606, 0] } as const;

  it("agrees within half a unit of the last printed digit", () => {
    expect(printedMismatches({ iarc_ka: 12.9794, afb_mm: 1606.4 }, printed)).toEqual([]);
  });

  it("names each field outside it or missing", () => {
    expect(printedMismatches({ iarc_ka: 12.9796, afb_mm: null }, printed)).toEqual([
      "iarc_ka: 12.9796 vs printed 12.979",
      "afb_mm: null vs printed 1606",
    ]);
  });

  it("holds valid calculator cases", () => {
    expect(arcFlashCaseSchema.parse(annexD1Case)).toEqual(annexD1Case);
    expect(arcFlashCaseSchema.parse(annexD2Case)).toEqual(annexD2Case);
  });
});
