// The report diagram's branches: every series element joins its two buses, series impedances
// (reactors, pandapower impedances) included, drawn in their own colour.

import { describe, expect, it } from "vitest";
import { diagramBranches } from "../src/report/build-diagram.ts";

describe("diagramBranches", () => {
  it("draws a series impedance between its buses, dashed when out of service", () => {
    const branches = diagramBranches({
      lines: [{ id: "L", from_bus: "a", to_bus: "b" }],
      impedances: [
        { id: "Z1", from_bus: "b", to_bus: "c", ir_ka: 1, uk_percent: 6 },
        { id: "Z2", from_bus: "c", to_bus: "a", x_ohm: 1, in_service: false },
      ],
    });
    expect(branches).toEqual([
      { id: "L", kind: "line", from_bus: "a", to_bus: "b", in_service: true },
      { id: "Z1", kind: "impedance", from_bus: "b", to_bus: "c", in_service: true },
      { id: "Z2", kind: "impedance", from_bus: "c", to_bus: "a", in_service: false },
    ]);
  });
});
