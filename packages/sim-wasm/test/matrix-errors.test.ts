// A network the schema accepts can still give a singular admittance matrix: two lines whose
// reactances cancel (+X and −X, R = 0, a series-compensation equivalent) leave the far bus with
// no admittance at all. The error must name that bus and its lines, not "column 2".

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { LoadFlowInputError, loadSimCore, ShortCircuitInputError } from "../src/index.ts";

const core = await loadSimCore();

const cancelling = {
  ...mvFeeder,
  buses: mvFeeder.buses.map((b) => (b.id === "end" ? { ...b, name: "Far end" } : b)),
  lines: [
    {
      id: "Lplus",
      from_bus: "mv",
      to_bus: "end",
      length_km: 2,
      r_ohm_per_km: 0,
      x_ohm_per_km: 0.3,
      c_nf_per_km: 0,
    },
    {
      id: "Lminus",
      from_bus: "mv",
      to_bus: "end",
      length_km: 2,
      r_ohm_per_km: 0,
      x_ohm_per_km: -0.3,
      c_nf_per_km: 0,
    },
  ],
} satisfies NetworkDocumentInput;

function inputError(run: () => unknown): ShortCircuitInputError | LoadFlowInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShortCircuitInputError || error instanceof LoadFlowInputError) return error;
    throw error;
  }
  throw new Error("expected a ShortCircuitInputError or LoadFlowInputError");
}

/**
 * A reactance the schema accepts (finite, within ±1e6 Ω/km) but whose admittance overflows: 1e-310
 * Ω/km is a subnormal number, 1/x is beyond the largest double.
 */
const overflowing = {
  ...mvFeeder,
  lines: mvFeeder.lines.map((l) => ({ ...l, r_ohm_per_km: 0, x_ohm_per_km: 1e-310 })),
} satisfies NetworkDocumentInput;

describe("matrix errors name the bus", () => {
  it.each(["3ph", "1ph"] as const)("a singular Ybus (%s) is reported at the bus with its lines", (fault) => {
    const error = inputError(() => core.shortCircuit(cancelling, { fault }));
    expect(error.issues).toHaveLength(1);
    const [issue] = error.issues;
    expect(issue?.path).toEqual(["buses", 2]);
    expect(issue?.message).toMatch(/singular .* at bus end 'Far end': check line Lplus, line Lminus/);
    expect(error.message).not.toMatch(/column \d/);
  });

  it("studies the same network once the reactances no longer cancel", () => {
    const fixed = { ...cancelling, lines: [cancelling.lines[0]] };
    const result = core.shortCircuit(fixed, { fault: "3ph" });
    expect(result.buses.find((b) => b.bus === "end")?.ikss_ka).toBeGreaterThan(0);
  });

  it("a non-finite admittance is reported at the bus in the short circuit, at the line in the load flow", () => {
    const sc = inputError(() => core.shortCircuit(overflowing, { fault: "3ph" }));
    expect(sc).toBeInstanceOf(ShortCircuitInputError);
    expect(sc.issues[0]?.message).toMatch(/not finite .* at bus (mv|end): check line L/);
    const lf = inputError(() => core.loadFlow(overflowing));
    expect(lf).toBeInstanceOf(LoadFlowInputError);
    expect(lf.issues).toEqual([
      {
        path: ["lines", 0],
        message:
          "line L: its per-unit admittance is not finite (impedance too small for its voltage and the 100 MVA base)",
      },
    ]);
  });
});
