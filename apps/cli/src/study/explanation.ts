// "Why this number" as text for the terminal (`ampflux study FILE --explain BUS`): each result
// with the quantities, formula and clause it comes from. --format json prints the explanation
// itself (contracts' busResultExplanationSchema).

import type { BusResultExplanation } from "@ampflux/contracts";
import { DIGITS, fixed } from "./numbers.ts";

const ka = (v: number) => `${fixed(v, DIGITS.ka)} kA`;
const ohm = (z: { r_ohm: number; x_ohm: number; r_over_x: number | null }) =>
  `${fixed(z.r_ohm, DIGITS.ohm)} + j${fixed(z.x_ohm, DIGITS.ohm)} Ω (R/X ${fixed(z.r_over_x, DIGITS.ratio, "–")})`;
const factor = (f: { name: string; value: number; clause: string }) =>
  `${f.name} = ${f.value.toFixed(6)} (${f.clause})`;

export function formatExplanation(e: BusResultExplanation): string {
  const r = e.result;
  const lines = [
    `Why these numbers: bus ${e.bus}, ${e.fault} fault, ${e.case} case (${e.standard})`,
    `  I''k = ${ka(r.ikss_ka)}   ip = ${ka(r.ip_ka)}   Ib = ${ka(r.ib_ka)}   Ith = ${ka(r.ith_ka)}`,
    "",
    `Voltage factor c = ${e.voltage_factor.c.toFixed(4)} at Un = ${e.voltage_factor.un_kv} kV`,
    `  ${e.voltage_factor.row} (${e.voltage_factor.clause})`,
    "",
    "Impedances at the fault",
    `  Z(1) = ${ohm(e.impedances.z1)}`,
    `  Z(2) = ${ohm(e.impedances.z2)} (Z(2) = Z(1))`,
    ...(e.impedances.z0 ? [`  Z(0) = ${ohm(e.impedances.z0)}`] : []),
    ...(e.impedances.zf ? [`  Z_f  = ${ohm(e.impedances.zf)}`] : []),
    `  ${e.formula.text} (${e.formula.clause})`,
    "",
    `Partial currents (${e.contributions.note})`,
    ...e.contributions.parts.flatMap((p) => [
      `  ${(p.element ?? "other shunts").padEnd(12)} ${p.kind.padEnd(18)} ${ka(p.current.magnitude_ka).padStart(12)} ∠${fixed(p.current.angle_deg, DIGITS.deg)}°${p.bus ? `  at ${p.bus}` : ""}`,
      ...p.factors.map((f) => `      ${factor(f)}${f.element ? ` on ${f.element}` : ""}`),
    ]),
    ...(e.contributions.ratio_residual.magnitude_ka > 1e-9 * r.ikss_ka
      ? [
          `  ${"residual".padEnd(12)} ${"off-nominal ratios".padEnd(18)} ${ka(e.contributions.ratio_residual.magnitude_ka).padStart(12)} ∠${fixed(e.contributions.ratio_residual.angle_deg, DIGITS.deg)}°`,
        ]
      : []),
    `  sum (phasor) = ${ka(e.contributions.sum.magnitude_ka)}`,
    ...(e.transformer_factors.length > 0
      ? ["  network transformers:", ...e.transformer_factors.map((t) => `      ${t.element}: ${factor(t)}`)]
      : []),
    "",
    `Peak: κ = ${e.peak.kappa.toFixed(4)}, ip = ${ka(e.peak.ip_ka)}`,
    `  ${e.peak.text} (${e.peak.clause})`,
    "",
    `Breaking current: Ib = ${ka(e.breaking.ib_ka)} (t_min = ${e.breaking.t_min_s} s)`,
    `  ${e.breaking.text} (${e.breaking.clause})`,
    ...e.breaking.machines.map(
      (m) =>
        `  ${m.element.padEnd(12)} I''kG ${ka(m.ikss_ka)} / I_r ${ka(m.ir_ka)} = ${m.current_ratio.toFixed(3)}  μ = ${m.mu.toFixed(4)}  q = ${m.q === null ? "–" : m.q.toFixed(4)}  ΔU''/(cUn/√3) = ${m.voltage_ratio.toFixed(4)}  −${ka(m.decrement_ka)}`,
    ),
    "",
    `Thermal: Ith = ${ka(e.thermal.ith_ka)} over T_k = ${e.thermal.tk_s} s, m = ${e.thermal.m.toFixed(4)}, n = ${e.thermal.n}`,
    `  ${e.thermal.text} (${e.thermal.clause})`,
  ];
  if (e.branches.length > 0) {
    lines.push("", "Branch currents at this fault");
    for (const b of e.branches)
      lines.push(
        `  ${b.branch.padEnd(12)} at ${b.bus.padEnd(10)} ${ka(b.ikss_ka).padStart(12)} ∠${fixed(b.angle_deg, DIGITS.deg)}°`,
      );
  }
  return `${lines.join("\n")}\n`;
}
