import type { Generator, Line } from "../../network/index.ts";
import { branchPerKm } from "../per-unit.ts";
import { busAt, type Context, key } from "./context.ts";
import type { ParsedRaw } from "./parse.ts";

/** Zero sequence branch items: I, J, ICKT, RLINZ, XLINZ, BCHZ (pu on SBASE, whole branch). */
const Z = { I: 0, J: 1, CKT: 2, R: 3, X: 4, B: 5 } as const;
/** Generator sequence items (version 33): I, ID, ZRPOS, ZXPPDV, ZXPDV, ZXSDV, ZRNEG, ZXNEGDV, ZR0, ZX0DV. */
const G = { I: 0, ID: 1, ZX0: 9 } as const;

/**
 * Sequence data following the Q record (a .seq file appended to the case): zero sequence branch
 * data becomes lines' r0/x0/c0 and ZX0DV the generators' x0_pu. A zero sequence record for a
 * branch the case lacks is a parse error; machine records without a positive ZX0DV or for
 * converter-coupled units, and the other sequence sections, are reported as dropped.
 */
export function mapSequence(raw: ParsedRaw, lines: Line[], generators: Generator[], ctx: Context): void {
  if (!raw.sequence) return;
  const { sections } = raw.sequence;
  const lineById = new Map(lines.map((line) => [line.id, line]));
  for (const record of sections.get("zero sequence branch") ?? []) {
    const from = busAt(ctx, record, Z.I, "I");
    const to = busAt(ctx, record, Z.J, "J");
    const ckt = record.text(Z.CKT, "1");
    const line =
      lineById.get(key("line", from.number, to.number, ckt)) ??
      lineById.get(key("line", to.number, from.number, ckt)) ??
      record.fail("I", `no branch ${from.number}-${to.number} circuit ${ckt}`);
    const base = line.from_bus === from.id ? from : to;
    const r0 = record.number(Z.R, "RLINZ", 0);
    if (r0 < 0) record.fail("RLINZ", "must not be negative");
    const b0 = record.number(Z.B, "BCHZ", 0);
    if (b0 < 0) record.fail("BCHZ", "must not be negative");
    const pu = { r: r0, x: record.required(Z.X, "XLINZ"), b: b0 };
    const { r, x, c } = branchPerKm(pu, base.vn_kv ** 2 / ctx.sbase, line.length_km, ctx.frequency_hz);
    Object.assign(line, { r0_ohm_per_km: r, x0_ohm_per_km: x, c0_nf_per_km: c });
  }
  const genById = new Map(generators.map((gen) => [gen.id, gen]));
  let machines = 0;
  let others = 0;
  for (const record of sections.get("generator sequence") ?? []) {
    const bus = busAt(ctx, record, G.I, "I");
    const gen = genById.get(key("gen", bus.number, record.text(G.ID, "1")));
    const x0 = record.number(G.ZX0, "ZX0DV", 0);
    if (gen && x0 > 0) {
      gen.x0_pu = x0;
      machines++;
    } else others++;
  }
  const { report } = ctx;
  report.mapped(
    "zero sequence branch data",
    "lines r0/x0/c0",
    sections.get("zero sequence branch")?.length ?? 0,
  );
  report.mapped("generator sequence ZX0DV", "generators.x0_pu", machines);
  report.dropped("generator sequence data", others, "no ZX0DV, or not a synchronous generator");
  for (const [section, records] of sections) {
    if (section === "zero sequence branch" || section === "generator sequence") continue;
    report.dropped(`sequence data: ${section}`, records.length, "not mapped by this importer");
  }
}
