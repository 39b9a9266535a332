import type { Line, Shunt, Transformer } from "../../network/index.ts";
import { perUnitLine } from "../per-unit.ts";
import type { ImportReportBuilder } from "../report.ts";
import { offNominalTap } from "../tap.ts";
import { type BusInfo, busOf } from "./buses.ts";
import { cell, type MatpowerCase } from "./case.ts";
import { BRANCH } from "./columns.ts";
import type { ResolvedMatpowerOptions } from "./options.ts";

interface BranchRow {
  id: string;
  from: BusInfo;
  to: BusInfo;
  r: number;
  x: number;
  b: number;
  /** RATE_A (MVA), 0 for unlimited. */
  rate_mva: number;
  ratio: number;
  shift: number;
  in_service: boolean;
}

/**
 * The MATPOWER tap τ∠θ sits on the from side, so tap_side is the from bus's side and the ratio
 * τ is one step of |τ − 1| at position ±1. θ advances the from side, so it is the LV lag only
 * when the from bus is HV. vk/vkr are |z| and r rescaled from baseMVA to sn_mva; a negative r
 * (reduction equivalents) is kept (a validation warning marks it), a negative x (star-point
 * equivalents) keeps only its magnitude.
 */
function toTransformer(br: BranchRow, sn_mva: number, baseMVA: number): Transformer {
  const fromIsHv = br.from.vn_kv >= br.to.vn_kv;
  const [hv, lv] = fromIsHv ? [br.from, br.to] : [br.to, br.from];
  const scale = (100 * sn_mva) / baseMVA;
  const trafo: Transformer = {
    id: br.id,
    hv_bus: hv.id,
    lv_bus: lv.id,
    sn_mva,
    vn_hv_kv: hv.vn_kv,
    vn_lv_kv: lv.vn_kv,
    vk_percent: Math.hypot(br.r, br.x) * scale,
    vkr_percent: br.r * scale,
    shift_degree: fromIsHv ? br.shift : -br.shift,
    parallel: 1,
    power_station_unit: false,
    in_service: br.in_service,
  };
  if (br.ratio !== 0) Object.assign(trafo, offNominalTap(br.ratio, fromIsHv ? "hv" : "lv"));
  return trafo;
}

/** The ids of the shunts that carry a branch row's charging at its two ends. */
export const chargingShuntIds = (branchId: string) =>
  [`${branchId}-charging-from`, `${branchId}-charging-to`] as const;

/**
 * A branch row's charging b as constant-admittance shunts at its two ends, exactly where
 * MATPOWER's π model puts it (makeYbus: Y_ff = (y_s + j·b/2)/τ², Y_tt = y_s + j·b/2, the tap τ on
 * the from side): j·b/(2τ²) at the from bus and j·b/2 at the to bus, each as consumer-signed
 * q_mvar = −(b/2)·baseMVA at the bus's voltage. For the rows whose b the line or transformer
 * cannot hold (a transformer has no charging field, a line no negative capacitance), so that
 * a load flow of the document solves the file's own equations. IEC 60909 neglects line
 * capacitances and shunts (§3.3.1): the short-circuit model leaves shunts out.
 */
function chargingShunts(br: BranchRow, baseMVA: number): Shunt[] {
  const tau = br.ratio === 0 ? 1 : br.ratio;
  const [fromId, toId] = chargingShuntIds(br.id);
  const q = -(br.b / 2) * baseMVA;
  return [
    {
      id: fromId,
      bus: br.from.id,
      p_mw: 0,
      q_mvar: q / tau ** 2,
      vn_kv: br.from.vn_kv,
      in_service: br.in_service,
    },
    { id: toId, bus: br.to.id, p_mw: 0, q_mvar: q, vn_kv: br.to.vn_kv, in_service: br.in_service },
  ];
}

/**
 * A branch is a transformer when it has an off-nominal ratio (TAP ∉ {0, 1}), a phase shift, or
 * joins buses of different BASE_KV; every other branch is a line.
 */
export function mapBranches(
  mpc: MatpowerCase,
  buses: ReadonlyMap<number, BusInfo>,
  options: ResolvedMatpowerOptions,
  report: ImportReportBuilder,
) {
  const { branch: matrix } = mpc;
  const lines: Line[] = [];
  const transformers: Transformer[] = [];
  const shunts: Shunt[] = [];
  let chargedTransformers = 0;
  let negativeLineCharging = 0;
  let negativeR = 0;
  const perUnitBase = {
    sbase: mpc.baseMVA,
    length_km: options.line_length_km,
    frequency_hz: options.frequency_hz,
  };
  matrix.rowLines.forEach((_, r) => {
    const line = matrix.rowLines[r] ?? matrix.startLine;
    const br: BranchRow = {
      id: `br${r + 1}`,
      from: busOf(buses, cell(matrix, r, BRANCH.F_BUS, "F_BUS"), line),
      to: busOf(buses, cell(matrix, r, BRANCH.T_BUS, "T_BUS"), line),
      r: cell(matrix, r, BRANCH.BR_R, "BR_R"),
      x: cell(matrix, r, BRANCH.BR_X, "BR_X"),
      b: cell(matrix, r, BRANCH.BR_B, "BR_B"),
      rate_mva: cell(matrix, r, BRANCH.RATE_A, "RATE_A"),
      ratio: cell(matrix, r, BRANCH.TAP, "TAP"),
      shift: cell(matrix, r, BRANCH.SHIFT, "SHIFT"),
      in_service: cell(matrix, r, BRANCH.BR_STATUS, "BR_STATUS") > 0,
    };
    const isTransformer =
      (br.ratio !== 0 && br.ratio !== 1) || br.shift !== 0 || br.from.vn_kv !== br.to.vn_kv;
    if (!isTransformer) {
      if (br.b < 0) {
        report.adjusted(
          "lines.c_nf_per_km",
          br.id,
          "negative charging b is no capacitance; set to 0 and kept as shunts at both ends",
        );
        negativeLineCharging++;
        shunts.push(...chargingShunts(br, mpc.baseMVA));
      }
      if (br.r < 0) negativeR++;
      if (br.rate_mva <= 0) report.defaulted("lines.max_i_ka", null, "rateA 0 means unlimited in MATPOWER");
      lines.push(perUnitLine(br, br, perUnitBase));
      return;
    }
    const sn_mva = br.rate_mva > 0 ? br.rate_mva : (options.transformer_sn_mva ?? mpc.baseMVA);
    if (br.rate_mva <= 0)
      report.defaulted("transformers.sn_mva", sn_mva, "rateA 0 (option transformer_sn_mva)");
    if (br.r < 0) negativeR++;
    if (br.x < 0)
      report.adjusted("transformers.vk_percent", br.id, "negative x imported as |z|: vk is a magnitude");
    if (br.b !== 0) {
      chargedTransformers++;
      // Without a tap both ends carry j·b/2: named HV → LV, the way the transformer is exported.
      const untappedFromLv = (br.ratio === 0 || br.ratio === 1) && br.from.vn_kv < br.to.vn_kv;
      const row = untappedFromLv ? { ...br, from: br.to, to: br.from } : br;
      shunts.push(...chargingShunts(row, mpc.baseMVA));
    }
    transformers.push(toTransformer(br, sn_mva, mpc.baseMVA));
  });
  report.mapped(
    "mpc.branch b of transformer rows",
    "shunts at both ends (j·b/2τ² and j·b/2)",
    chargedTransformers,
  );
  report.mapped(
    "mpc.branch negative b of line rows",
    "shunts at both ends (j·b/2 each)",
    negativeLineCharging,
  );
  report.mapped(
    "mpc.branch negative r (reduction equivalents)",
    "lines.r_ohm_per_km, transformers.vkr_percent as given (validation warns)",
    negativeR,
  );
  report.mapped("mpc.branch rows", "lines", lines.length);
  report.mapped("mpc.branch rows", "transformers", transformers.length);
  report.defaulted(
    "lines.length_km",
    options.line_length_km,
    "MATPOWER gives whole-branch impedances",
    lines.length,
  );
  report.defaulted(
    "transformers.vector_group",
    null,
    "no winding data: only balanced faults",
    transformers.length,
  );
  return { lines, transformers, shunts };
}
