import type { Line, Switch } from "../../network/index.ts";
import { perUnitLine } from "../per-unit.ts";
import { busAt, type Context, key, named, register } from "./context.ts";
import type { ParsedRaw } from "./parse.ts";

/**
 * Non-transformer branch data (items per version in versions.ts; v34/35 add NAME and RATE1 …
 * RATE12, of which RATE1 is taken as RATEA). R, X, B are per unit on SBASE and the base voltage of bus I; they become
 * per-km values over LEN (option line_length_km where LEN is 0). A branch with R = 0 and |X| at
 * or below the zero-impedance threshold is a bus tie and becomes a bus-bus switch.
 */
export function mapBranches(raw: ParsedRaw, ctx: Context) {
  const B = ctx.layout.branch;
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
    const rateName = B.NAME === undefined ? "RATEA" : "RATE1";
    const rate_mva = record.number(B.RATE, rateName, 0);
    if (rate_mva <= 0) ctx.report.defaulted("lines.max_i_ka", null, `${rateName} 0: no rating`);
    const base = { sbase: ctx.sbase, length_km, frequency_hz: ctx.frequency_hz };
    const line = perUnitLine({ id, from, to, in_service }, { r: Math.max(r, 0), x, b, rate_mva }, base);
    lines.push(B.NAME === undefined ? line : { ...line, ...named(record.text(B.NAME)) });
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
  if (B.NAME !== undefined)
    report.dropped("branch RATE2 … RATE12", lines.length, "the document keeps one rating (RATE1)");
  const grouped = raw.sections.get("multi-section line") ?? [];
  report.dropped(
    "multi-section line groupings",
    grouped.length,
    "each section is imported as its own line between the dummy buses; the grouping only switches them together",
  );
  return { lines, switches: [...switches, ...mapSwitchingDevices(raw, ctx)] };
}

/**
 * System switching device data (v34/35): I, J, CKT, X, RATE1 … RATE12, STAT, NSTAT, MET, STYPE,
 * NAME. A breaker or disconnector between two buses becomes a bus-bus switch, closed when STAT is 1.
 */
function mapSwitchingDevices(raw: ParsedRaw, ctx: Context): Switch[] {
  const S = ctx.layout.switchingDevice;
  const switches = (raw.sections.get("system switching device") ?? []).map((record): Switch => {
    const from = busAt(ctx, record, S.I, "I");
    const to = busAt(ctx, record, S.J, "J");
    const id = register(ctx, key("switch", from.number, to.number, record.text(S.CKT, "1")), record);
    const closed = record.integer(S.STAT, "STAT", 1) === 1;
    return { id, ...named(record.text(S.NAME)), bus: from.id, element: to.id, element_type: "bus", closed };
  });
  ctx.report.mapped("system switching device data", "switches", switches.length);
  return switches;
}
