// Series impedance elements against pandapower's calc_sc: bench/anchors/pandapower-elements.py
// built a 20 kV network with two pandapower `impedance` elements (one inductive, one with a
// negative reactance) and lines in pandapower, and stored the document with pandapower's I''k
// for 3ph, 2ph and 1ph faults at every bus, maximum and minimum case. pandapower 3.3.2 is the
// anchor; its version and commit are in the result file.

import { readFile } from "node:fs/promises";
import type { FaultType } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();

interface Anchor {
  pandapower_version: string;
  document: unknown;
  faults: { fault: FaultType; case: "max" | "min"; bus: string; ikss_ka: number }[];
}

const anchor: Anchor = JSON.parse(
  await readFile(new URL("../../../bench/anchors/results/pandapower-elements.json", import.meta.url), "utf8"),
);

describe(`impedance elements against pandapower ${anchor.pandapower_version}`, () => {
  for (const fault of ["3ph", "2ph", "1ph"] as const) {
    for (const studyCase of ["max", "min"] as const) {
      it(`${fault} ${studyCase}: I''k at every bus`, () => {
        const expected = anchor.faults.filter((f) => f.fault === fault && f.case === studyCase);
        expect(expected.length).toBe(4);
        const result = core.shortCircuit(anchor.document, { fault, case: studyCase });
        for (const { bus, ikss_ka } of expected) {
          const got = result.buses.find((b) => b.bus === bus)?.ikss_ka ?? 0;
          expect(Math.abs(got - ikss_ka) / ikss_ka, `${bus}: ${got} vs ${ikss_ka}`).toBeLessThan(1e-9);
        }
      });
    }
  }
});
