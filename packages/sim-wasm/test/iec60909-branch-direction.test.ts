// Which way the fault's contribution runs through each branch end (BranchFaultResult.toward_fault),
// on networks where the answer is known without the engine: a radial path from each source to
// the fault carries the source's current toward it, so at every branch end on that path the
// current flows into the branch at the end farther from the fault and out of it at the nearer one.
// The cases put sources on both sides of the fault (a rule "away from the grid" would fail) and a
// Dyn5 transformer (150° shift, which turns an angle rule around) in the path.

import type { NetworkDocumentInput, ShortCircuitOptions } from "@ampflux/contracts";
import { lvFeeder, mvFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();

/** "branch@bus" → toward_fault, for a fault at `bus`. */
function directions(doc: NetworkDocumentInput, bus: string, fault: ShortCircuitOptions["fault"] = "3ph") {
  const result = core.shortCircuit(doc, { fault, buses: [bus], branches: true });
  return Object.fromEntries(result.branches.map((b) => [`${b.branch}@${b.bus}`, b.toward_fault]));
}

/** mvFeeder with a second 20 kV grid at the line's far end "end": the line feeds "mv" from there. */
const fedFromBothEnds = {
  ...mvFeeder,
  external_grids: [
    ...mvFeeder.external_grids,
    { id: "far grid", bus: "end", s_sc_max_mva: 200, s_sc_min_mva: 150, rx_max: 0.1, rx_min: 0.1 },
  ],
} satisfies NetworkDocumentInput;

/** lvFeeder with a 0.4 kV source on its LV bus, which feeds an MV fault through the Dyn5 transformer. */
const lvSource = {
  ...lvFeeder,
  external_grids: [
    ...lvFeeder.external_grids,
    { id: "lv grid", bus: "lv", s_sc_max_mva: 20, s_sc_min_mva: 15, rx_max: 0.1, rx_min: 0.1 },
  ],
} satisfies NetworkDocumentInput;

describe("direction of branch-end currents toward the fault", () => {
  it("radial feeder, fault at the end: into each branch on the grid's side, out at the fault's", () => {
    expect(directions(mvFeeder, "end")).toEqual({
      "T@hv": true,
      "T@mv": false,
      "L@mv": true,
      "L@end": false,
    });
  });

  it("sources on both sides of the fault: each branch points at the fault, not away from the grid", () => {
    expect(directions(fedFromBothEnds, "mv")).toEqual({
      "T@hv": true,
      "T@mv": false,
      "L@end": true,
      "L@mv": false,
    });
    // The same fault as a 2-phase fault: the negative sequence runs the same way.
    expect(directions(fedFromBothEnds, "mv", "2ph")).toEqual(directions(fedFromBothEnds, "mv"));
  });

  it("through a Dyn5 transformer in either direction, and for an earth fault on its star side", () => {
    expect(directions(lvFeeder, "lv")).toEqual({ "t1@mv": true, "t1@lv": false });
    expect(directions(lvSource, "mv")).toEqual({ "t1@lv": true, "t1@mv": false });
    // 1ph at "lv": the zero-sequence current comes from the transformer's earthed star point,
    // so the transformer feeds the fault from its LV terminal.
    expect(directions(lvFeeder, "lv", "1ph")).toEqual({ "t1@mv": true, "t1@lv": false });
  });
});
