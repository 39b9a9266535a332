// The symmetrical breaking current Ib (IEC 60909-0:2016 eq. 75, with phasors as the standard writes
// it): per machine its I''kG = (Z_fi/Z_i)·I''k from the transfer impedance (as
// rust/src/iec60909/transfer.rs computes it), I''kG/I_rG, μ (eq. 70), q for asynchronous motors
// (eq. 73), ΔU''/(c·Un/√3) = jX''·I''kG/c and its term (jX''·I''kG/c)·(1 − μq)·I''kG. Ib is
// |I''k − Σ terms|; each machine's decrement is its term's component along I''k, and `quadrature_ka`
// what the terms' components across I''k give back. Ib = I''k for unbalanced faults and through
// a fault impedance.

import type { BusResultExplanation, ShortCircuitOptions } from "@ampflux/contracts";
import type { SimExports } from "../../loader.ts";
import { abs, add, type Cx, conj, cx, div, mul, scale, sub } from "../complex.ts";
import { baseCurrentKa, type ShortCircuitModel } from "../model.ts";
import { explainExports } from "./exports.ts";

const ZERO = cx(0, 0);

export interface BreakingInputs {
  sim: SimExports;
  model: ShortCircuitModel;
  options: ShortCircuitOptions;
  /** Z(1)_fj per node (undefined: not in the fault's island). */
  transfer: (node: number) => Cx | undefined;
  zff: Cx;
  c: number;
  ikssKa: number;
  ibKa: number;
  /** kA per unit of current at the fault bus. */
  baseKa: number;
}

const CLAUSE = "IEC 60909-0:2016 eq. (75), μ eq. (70), q eq. (73)";

export function explainBreaking(p: BreakingInputs): BusResultExplanation["breaking"] {
  const { options } = p;
  const common = { t_min_s: options.tmin_s, ib_ka: p.ibKa, quadrature_ka: 0, clause: CLAUSE };
  if (options.fault !== "3ph")
    return {
      ...common,
      machines: [],
      text: "Ib = I''k: unbalanced faults take no decay (§9.1.1, far from generator)",
    };
  if (options.r_fault_ohm !== 0 || options.x_fault_ohm !== 0)
    return {
      ...common,
      machines: [],
      text: "Ib = I''k through a fault impedance: eq. (75) is defined for bolted faults (docs/short-circuit.md)",
    };
  const f = explainExports(p.sim);
  // I''k = c/Z_ff as a phasor (the source c at angle 0); its direction for the components.
  const source = div(cx(p.c, 0), p.zff);
  const along = scale(source, 1 / abs(source));
  let sum: Cx = ZERO;
  const machines = p.model.machines.flatMap((m) => {
    const zfj = p.transfer(m.node);
    if (!zfj) return [];
    const kv = p.model.baseKv[m.node] ?? 1;
    const current = mul(div(zfj, m.z), source);
    const iMachine = abs(current);
    const ratio = iMachine / m.iRatedPu;
    const mu = f.mu(ratio, options.tmin_s);
    const q = m.mwPerPolePair > 0 ? f.q(m.mwPerPolePair, options.tmin_s) : null;
    const voltageRatio = (Math.abs(m.z.im) * iMachine) / p.c;
    // transfer.rs: a synchronous machine at I''kG/IrG ≤ 2 has μ = 1 and no term.
    const term =
      q === null && ratio <= 2
        ? ZERO
        : scale(mul(mul(cx(0, Math.abs(m.z.im) / p.c), current), current), 1 - mu * (q ?? 1));
    sum = add(sum, term);
    return [
      {
        element: m.element,
        kind: m.kind,
        ikss_ka: iMachine * baseCurrentKa(kv),
        ir_ka: m.iRatedPu * baseCurrentKa(kv),
        current_ratio: ratio,
        mu,
        q,
        voltage_ratio: voltageRatio,
        decrement_ka: mul(term, conj(along)).re * p.baseKa,
      },
    ];
  });
  const alongSum = machines.reduce((s, m) => s + m.decrement_ka, 0);
  const quadrature = (abs(source) - abs(sub(source, sum))) * p.baseKa - alongSum;
  return {
    ...common,
    quadrature_ka: quadrature,
    machines,
    text:
      machines.length === 0
        ? "Ib = I''k: no rotating machine feeds the fault (far from generator)"
        : `Ib = |I''k − Σ_i (ΔU''_i/(c·Un/√3))·(1 − μ_i·q_i)·I''k_i| with phasors, ΔU''_i = jX''_i·I''k_i = ${p.ikssKa.toFixed(4)} − ${(p.ikssKa - p.ibKa).toFixed(4)} kA (the terms along I''k ${alongSum.toFixed(4)}, across it ${quadrature.toFixed(4)}), with t_min = ${options.tmin_s} s (μ = 1 for I''kG/I_rG ≤ 2; q = 1 for synchronous machines)`,
  };
}
