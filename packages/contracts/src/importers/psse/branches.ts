import type { Line, Switch } from "../../network/index.ts";
import { perUnitLine } from "../per-unit.ts";
import { busAt, type Context, key, register } from "./context.ts";
import type { ParsedRaw } from "./parse.ts";

/** Non-transformer branch items (version 33), zero-based. */
const B = { I: 0, J: 1, CKT: 2, R: 3, X: 4, B: 5, RATEA: 6, GI: 9, BI: 10, GJ: 11, BJ: 12, ST: 13, LEN: 15 };

/**
 * Non-transformer branch data: I, J, CKT, R, X, B, RATEA, RATEB, RATEC, GI, BI, GJ, BJ, ST, MET,
 * LEN, O1, F1 … O4, F4. R, X, B are per unit on SBASE and the base voltage of bus I; they become
 * per-km values over LEN (option line_length_km where LEN is 0). A branch with R = 0 and |X| at
 * or below the zero-impedance threshold is a bus tie and becomes a bus-bus switch.
 */
export function mapBranches(raw: ParsedRaw, ctx: Context) {
  const lines: Line[] = [];
  const switches: Switch[] = [];
  let lineShunts = 0;
  let defaultedLength = 0;
  for (const record of raw.sections.get("branch") ?? []) {
    const from = busAt(ctx, record, B.I, "I");
    const to = busAt(ctx, record, B.J, "J");
    const ckt = record.text(B.CKT, "1");
    const r = record.number(B.R, "R", 0);
    const x = record.required(B.X, "X");
    const in_service = record.integer(B.ST, "ST", 1) !== 0;
    if (r === 0 && Math.abs(x) <= ctx.options.zero_impedance_threshold_pu) {
      const id = register(ctx, key("tie", from.number, to.number, ckt), record);
      switches.push({ id, bus: from.id, element: to.id, element_type: "bus", closed: in_service });
      continue;
    }
    const id = register(ctx, key("line", from.number, to.number, ckt), record);
    const len = record.number(B.LEN, "LEN", 0);
    const length_km = len > 0 ? len : ctx.options.line_length_km;
    if (len <= 0) defaultedLength++;
    const b = record.number(B.B, "B", 0);
    if (r < 0) ctx.report.adjusted("lines.r_ohm_per_km", id, "negative R (an equivalent) set to 0");
    if (b < 0) ctx.report.adjusted("lines.c_nf_per_km", id, "negative B set to 0");
    if ([B.GI, B.BI, B.GJ, B.BJ].some((i) => record.number(i, "GI/BI/GJ/BJ", 0) !== 0)) lineShunts++;
    const rate_mva = record.number(B.RATEA, "RATEA", 0);
    if (rate_mva <= 0) ctx.report.defaulted("lines.max_i_ka", null, "RATEA 0: no rating");
    const base = { sbase: ctx.sbase, length_km, frequency_hz: ctx.frequency_hz };
    lines.push(perUnitLine({ id, from, to, in_service }, { r, x, b, rate_mva }, base));
  }
  const { report } = ctx;
  report.mapped("non-transformer branch data", "lines", lines.length);
  report.mapped("zero-impedance branches", "switches", switches.length);
  report.defaulted(
    "lines.length_km",
    ctx.options.line_length_km,
    "LEN is 0: whole-branch impedance (option line_length_km)",
    defaultedLength,
  );
  report.defaulted("lines.endtemp_degree", 80, "not in PSS/E: IEC 60909-0 default", lines.length);
  report.dropped("branch line shunts GI, BI, GJ, BJ", lineShunts, "IEC 60909 neglects shunt admittances");
  return { lines, switches };
}
