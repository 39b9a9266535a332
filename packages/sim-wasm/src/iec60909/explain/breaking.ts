// The symmetrical breaking current Ib (IEC 60909-0:2016 eq. 75): per machine its I''kG from the
// transfer impedance (|Z_fi|·(c/|Z_ff|)/|Z_i|, as rust/src/iec60909/transfer.rs computes it),
// I''kG/I_rG, μ (eq. 70), q for asynchronous motors (eq. 73), ΔU''/(c·Un/√3) = X''·I''kG/c and
// the term it subtracts from I''k. Ib = I''k for unbalanced faults and through a fault impedance.

import type { BusResultExplanation, ShortCircuitOptions } from "@ampflux/contracts";
import type { SimExports } from "../../loader.ts";
import { abs, type Cx } from "../complex.ts";
import { baseCurrentKa, type ShortCircuitModel } from "../model.ts";
import { explainExports } from "./exports.ts";

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
  const common = { t_min_s: options.tmin_s, ib_ka: p.ibKa, clause: CLAUSE };
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
  const source = p.c / abs(p.zff);
  const machines = p.model.machines.flatMap((m) => {
    const zfj = p.transfer(m.node);
    if (!zfj) return [];
    const kv = p.model.baseKv[m.node] ?? 1;
    const iMachine = abs(zfj) * source * (1 / abs(m.z));
    const ratio = iMachine / m.iRatedPu;
    const mu = f.mu(ratio, options.tmin_s);
    const q = m.mwPerPolePair > 0 ? f.q(m.mwPerPolePair, options.tmin_s) : null;
    const voltageRatio = (Math.abs(m.z.im) * iMachine) / p.c;
    // transfer.rs: a synchronous machine at I''kG/IrG ≤ 2 has μ = 1 and no term.
    const decrement = q === null && ratio <= 2 ? 0 : voltageRatio * (1 - mu * (q ?? 1)) * iMachine;
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
        decrement_ka: decrement * p.baseKa,
      },
    ];
  });
  return {
    ...common,
    machines,
    text:
      machines.length === 0
        ? "Ib = I''k: no rotating machine feeds the fault (far from generator)"
        : `Ib = I''k − Σ_i (ΔU''_i/(c·Un/√3))·(1 − μ_i·q_i)·I''k_i = ${p.ikssKa.toFixed(4)} − ${(p.ikssKa - p.ibKa).toFixed(4)} kA, with t_min = ${options.tmin_s} s (μ = 1 for I''kG/I_rG ≤ 2; q = 1 for synchronous machines)`,
  };
}
