// The single-point case as a readable table: every intermediate of IEEE 1584-2018's procedure
// (in Annex D's order) for the full and the reduced arcing current, then the enclosure, VarCF
// and the governing result with its PPE.

import { toCalPerCm2 } from "@ampflux/contracts";
import type { ArcFlashCaseResult } from "@ampflux/sim-wasm";
import { alignColumns, type Column } from "../study/table.ts";

type Computed = Extract<ArcFlashCaseResult, { ok: true }>;

interface Line {
  quantity: string;
  unit: string;
  full: number | null;
  reduced: number | null;
  digits: number;
}

const NONE = "–";
const text = (v: number | null, digits: number) =>
  v === null || !Number.isFinite(v) ? NONE : v.toFixed(digits);

const COLUMNS: Column<Line>[] = [
  { title: "", text: true, cell: (l) => l.quantity },
  { title: "unit", text: true, cell: (l) => l.unit },
  { title: "full", cell: (l) => text(l.full, l.digits) },
  { title: "reduced", cell: (l) => text(l.reduced, l.digits) },
];

function lines({ input, output: o, intermediates: m }: Computed): Line[] {
  const highVoltage = input.voc_kv > 0.6;
  const line = (quantity: string, unit: string, full: number | null, reduced: number | null, digits = 3) => ({
    quantity,
    unit,
    full,
    reduced,
    digits,
  });
  const levels = highVoltage
    ? [
        line("Iarc at 600 V (eq. 1)", "kA", m.iarc_600_ka, m.iarc_min_600_ka),
        line("Iarc at 2700 V (eq. 1)", "kA", m.iarc_2700_ka, m.iarc_min_2700_ka),
        line("Iarc at 14 300 V (eq. 1)", "kA", m.iarc_14300_ka, m.iarc_min_14300_ka),
      ]
    : [line("Iarc at 600 V (eq. 1)", "kA", m.iarc_600_ka, null)];
  const energies = highVoltage
    ? [
        line("E at 600 V (eq. 3)", "J/cm²", m.e_600_j_cm2, m.e_min_600_j_cm2),
        line("E at 2700 V (eq. 4)", "J/cm²", m.e_2700_j_cm2, m.e_min_2700_j_cm2),
        line("E at 14 300 V (eq. 5)", "J/cm²", m.e_14300_j_cm2, m.e_min_14300_j_cm2),
      ]
    : [];
  const boundaries = highVoltage
    ? [
        line("AFB at 600 V (eq. 7)", "mm", m.afb_600_mm, m.afb_min_600_mm, 0),
        line("AFB at 2700 V (eq. 8)", "mm", m.afb_2700_mm, m.afb_min_2700_mm, 0),
        line("AFB at 14 300 V (eq. 9)", "mm", m.afb_14300_mm, m.afb_min_14300_mm, 0),
      ]
    : [];
  return [
    ...levels,
    line(highVoltage ? "Iarc (eq. 16–18)" : "Iarc (eq. 25)", "kA", o.iarc_ka, o.iarc_min_ka),
    line("arc duration", "ms", input.time_ms, input.time_reduced_ms ?? input.time_ms, 1),
    ...energies,
    line(highVoltage ? "E (eq. 19–21)" : "E (eq. 6)", "J/cm²", o.e_j_cm2, o.e_min_j_cm2),
    line("E", "cal/cm²", toCalPerCm2(o.e_j_cm2), toCalPerCm2(o.e_min_j_cm2)),
    ...boundaries,
    line(highVoltage ? "AFB (eq. 22–24)" : "AFB (eq. 10)", "mm", o.afb_mm, o.afb_min_mm, 0),
  ];
}

const inches = (v: number | null) => text(v, 3);

export function caseTable(result: Computed): string {
  const { input, output: o, intermediates: m } = result;
  const box =
    o.enclosure === "open_air"
      ? "open air"
      : `enclosure ${input.height_mm} × ${input.width_mm} × ${input.depth_mm} mm (H × W × D)`;
  const title =
    `IEEE 1584-2018 arc flash: ${input.config}, Voc ${input.voc_kv} kV, Ibf ${input.ibf_ka} kA, ` +
    `gap ${input.gap_mm} mm, working distance ${input.distance_mm} mm, ${box}`;
  const enclosure =
    o.enclosure === "open_air"
      ? "enclosure: open air, CF = 1"
      : `enclosure: ${o.enclosure} (§4.8), Width1 ${inches(m.width1_in)} in, Height1 ${inches(m.height1_in)} in, ` +
        `EES ${inches(m.ees_in)} in (eq. 13), CF ${text(o.cf, 3)} (eq. ${o.enclosure === "shallow" ? 15 : 14})`;
  const governing = o.governing === "full" ? o.e_j_cm2 : o.e_min_j_cm2;
  return [
    title,
    "",
    enclosure,
    `VarCF ${text(o.varcf, 3)} (eq. 2): reduced arcing current = ${text(1 - 0.5 * o.varcf, 3)} × Iarc`,
    "",
    ...alignColumns(COLUMNS, lines(result)),
    "",
    `governing: ${o.governing} arcing current, ${text(governing, 3)} J/cm² = ${text(o.energy_cal_cm2, 3)} cal/cm², ` +
      `boundary ${text(o.governing === "full" ? o.afb_mm : o.afb_min_mm, 0)} mm`,
    `PPE: ${o.ppe}`,
    "",
  ].join("\n");
}
