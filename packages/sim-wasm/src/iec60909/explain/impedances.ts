// The sequence impedances at the fault (Thevenin impedances of §4.2, in ohm at the bus's
// voltage), the fault impedance and the formula of the fault type with its equation.

import type { BusResultExplanation, FaultType, ShortCircuitOptions } from "@ampflux/contracts";

type Impedance = NonNullable<BusResultExplanation["impedances"]["z0"]>;

export const impedance = (r: number, x: number): Impedance => ({
  r_ohm: r,
  x_ohm: x,
  r_over_x: x === 0 ? null : r / Math.abs(x),
});

/**
 * The formulas the bus-result kernel evaluates (rust/src/iec60909/fault.rs). Z(2) = Z(1) unless a
 * generator's X(2)G is given (§6.6.1); the explanation lists the Z(2) it used.
 */
const FORMULAS: Record<FaultType, { bolted: string; withZf: string; clause: string }> = {
  "3ph": {
    bolted: "I''k3 = c·Un / (√3·|Z(1)|)",
    withZf: "I''k3 = c·Un / (√3·|Z(1) + Z_f|)",
    clause: "IEC 60909-0:2016 eq. (29)",
  },
  "2ph": {
    bolted: "I''k2 = c·Un / |Z(1) + Z(2)|",
    withZf: "I''k2 = c·Un / |Z(1) + Z(2) + Z_f|",
    clause: "IEC 60909-0:2016 eq. (44)",
  },
  "1ph": {
    bolted: "I''k1 = √3·c·Un / |Z(1) + Z(2) + Z(0)|",
    withZf: "I''k1 = √3·c·Un / |Z(1) + Z(2) + Z(0) + 3·Z_f|",
    clause: "IEC 60909-0:2016 eq. (52)",
  },
  "2ph_earth": {
    bolted:
      "I''kE2E = √3·c·Un·|Z(2)| / |Z(1)·Z(2) + Z(1)·Z(0) + Z(2)·Z(0)| to earth; I''k = the larger line current of the sequence currents I(1) = E/(Z(1) + Z(2)∥Z(0)), I(2), I(0)",
    withZf:
      "as the bolted fault with Z(0) + 3·Z_f in place of Z(0) (the joined phases reach earth through Z_f)",
    clause:
      "IEC 60909-0:2016, earth current of the line-to-line fault with earth connection (eq. (56) is its form for Z(2) = Z(1)); line currents from the sequence currents, §4.3",
  },
};

export function explainFormula(
  options: ShortCircuitOptions,
  converters: boolean,
): BusResultExplanation["formula"] {
  const f = FORMULAS[options.fault];
  const zf = options.r_fault_ohm !== 0 || options.x_fault_ohm !== 0;
  const text = `${zf ? f.withZf : f.bolted}${
    converters
      ? "; converter sources add Σ|Z(1)fj|·I_j to the source voltage c·Un/√3 (2016 edition, eq. 41)"
      : ""
  }`;
  return {
    text,
    clause: `${f.clause}${zf ? "; fault impedance: Grainger & Stevenson §12.2–12.4 (docs/short-circuit.md)" : ""}`,
  };
}
