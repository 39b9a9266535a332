import type { Generator, Line, Shunt, Transformer, Transformer3w } from "../../network/index.ts";
import { branchPerKm } from "../per-unit.ts";
import { normalizeVectorGroup } from "../vector-group.ts";
import { type BusInfo, busAt, type Context, key } from "./context.ts";
import type { ParsedRaw, ParsedSequence } from "./parse.ts";
import type { RawRecord } from "./records.ts";
import { sequenceLayout } from "./versions.ts";

/** Zero sequence non-transformer branch items (v32–v35): I, J, ICKT, RLINZ, XLINZ, BCHZ, … */
const Z = { I: 0, J: 1, CKT: 2, R: 3, X: 4, B: 5 } as const;

/**
 * Winding connection codes CC of two-winding zero sequence transformer data (PSS/E Program
 * Operation Manual, "Zero Sequence Transformer Data", connection code table): the connection of
 * winding 1 and of winding 2. 1: series path, both windings earthed star; 2: earth path on
 * winding 1 only (YNd); 3: earth path on winding 2 only (Dyn); 4: no series and no earth path
 * (an unearthed star to a delta). Other codes (earthing transformers, zigzag, autotransformer
 * paths) have no vector group and are listed as dropped.
 */
const CONNECTIONS: Record<number, [string, string]> = {
  1: ["YN", "yn"],
  2: ["YN", "d"],
  3: ["D", "yn"],
  4: ["Y", "d"],
};

/** Machine sequence records by the generator id they belong to ("gen101_1"), for mapGenerators. */
export function machineSequence(sequence: ParsedSequence | undefined, ctx: Context): Map<string, RawRecord> {
  const byId = new Map<string, RawRecord>();
  const M = sequenceLayout(sequence?.version ?? 33).machine;
  for (const record of sequence?.sections.get("generator sequence") ?? []) {
    const bus = busAt(ctx, record, M.I, "I");
    byId.set(key("gen", bus.number, record.text(M.ID, "1")), record);
  }
  return byId;
}

/**
 * The positive sequence machine impedance of a .seq record (ZRPOS + jZXPPDV in v33–35, ZRPOS +
 * jZXPOS in v32; pu on MBASE), which PSS/E's fault calculation uses in place of ZSOURCE, or
 * undefined when ZXPPDV is not positive.
 */
export function sequenceMachine(record: RawRecord, version: ParsedSequence["version"]) {
  const M = sequenceLayout(version).machine;
  const x = record.number(M.ZXPOS, version === 32 ? "ZXPOS" : "ZXPPDV", 0);
  if (!(x > 0)) return undefined;
  const r = record.number(M.ZRPOS, "ZRPOS", 0);
  if (r < 0) record.fail("ZRPOS", "must not be negative");
  return { r, x };
}

function mapZeroSequenceBranches(sequence: ParsedSequence, lines: Line[], ctx: Context): number {
  const lineById = new Map(lines.map((line) => [line.id, line]));
  let mapped = 0;
  for (const record of sequence.sections.get("zero sequence branch") ?? []) {
    const from = busAt(ctx, record, Z.I, "I");
    const to = busAt(ctx, record, Z.J, "J");
    const ckt = record.text(Z.CKT, "1");
    const tie = [key("tie", from.number, to.number, ckt), key("tie", to.number, from.number, ckt)];
    if (tie.some((id) => ctx.sources.has(id))) continue; // a bus tie has no impedance to give
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
    mapped++;
  }
  return mapped;
}

/** The per-unit base impedance of winding `side` for code CZ0/CZG: 1 system base, 2 winding base. */
function windingBase(trafo: Transformer, bus: BusInfo, side: "hv" | "lv", code: number, ctx: Context) {
  const vn = side === "hv" ? trafo.vn_hv_kv : trafo.vn_lv_kv;
  return code === 2 ? vn ** 2 / trafo.sn_mva : bus.vn_kv ** 2 / ctx.sbase;
}

/**
 * Two-winding zero sequence transformer data: CC sets the vector group's winding letters (the
 * clock number stays the one of the phase shift), R01 + jX01 the zero sequence short-circuit
 * voltage, and XG of the earthed star winding the neutral earthing reactance xn_ohm.
 */
function mapZeroSequenceTransformer(
  record: RawRecord,
  trafo: Transformer,
  [w1, w2]: [BusInfo, BusInfo],
  version: ParsedSequence["version"],
  ctx: Context,
): boolean {
  const T = sequenceLayout(version).transformer;
  const cc = record.integer(T.CC, "CC", 1);
  const connection = CONNECTIONS[cc];
  if (!connection) return false;
  const w1Side = trafo.hv_bus === w1.id ? "hv" : "lv";
  const [hv, lv] = w1Side === "hv" ? connection : [connection[1], connection[0]];
  const { group, change } = normalizeVectorGroup(`${hv.toUpperCase()}${lv.toLowerCase()}`, [
    trafo.shift_degree,
  ]);
  if (group === undefined) record.fail("CC", `winding connection ${cc}: ${change}`);
  if (trafo.vector_group !== undefined && trafo.vector_group !== group)
    ctx.report.adjusted(
      "transformers.vector_group",
      trafo.id,
      "VECGRP replaced by the .seq connection code CC",
    );
  trafo.vector_group = group;
  const cz0 = T.CZ0 === undefined ? 1 : record.integer(T.CZ0, "CZ0", 1);
  if (cz0 !== 1 && cz0 !== 2) record.fail("CZ0", "must be 1 or 2");
  const r0 = record.number(T.R01, "R01", 0);
  const x0 = record.number(T.X01, "X01", 0);
  if (r0 < 0) record.fail("R01", "must not be negative");
  const z0 = Math.hypot(r0, x0);
  if (z0 > 0) {
    // Percent on sn_mva and the rated voltage: scale by Zbase(code) / Zbase(rated).
    const rated = (w1Side === "hv" ? trafo.vn_hv_kv : trafo.vn_lv_kv) ** 2 / trafo.sn_mva;
    const scale = (windingBase(trafo, w1, w1Side, cz0, ctx) / rated) * 100;
    trafo.vk0_percent = z0 * scale;
    trafo.vkr0_percent = r0 * scale;
  }
  const czg = T.CZG === undefined ? 1 : record.integer(T.CZG, "CZG", 1);
  if (czg !== 1 && czg !== 2) record.fail("CZG", "must be 1 or 2");
  const earthed = hv === "YN" ? "hv" : lv === "yn" ? "lv" : undefined;
  const onW1 = earthed === w1Side;
  const second = !onW1 && T.XG2 !== undefined && T.RG2 !== undefined;
  const xg = second ? record.number(T.XG2 ?? 0, "XG2", 0) : record.number(T.XG1, "XG1", 0);
  const rg = second ? record.number(T.RG2 ?? 0, "RG2", 0) : record.number(T.RG1, "RG1", 0);
  if (xg < 0) record.fail("XG", "must not be negative");
  if (rg < 0) record.fail("RG", "must not be negative");
  // The earthing impedance RG + jXG of the earthed star winding: its neutral R_N + jX_N.
  if (earthed && (xg > 0 || rg > 0)) {
    const base = windingBase(trafo, onW1 ? w1 : w2, earthed, czg, ctx);
    if (xg > 0) trafo.xn_ohm = xg * base;
    if (rg > 0) trafo.rn_ohm = rg * base;
  }
  return true;
}

/**
 * Sequence data (a .seq file, or text after the case's Q record): zero sequence branch data
 * becomes lines' r0/x0/c0, machine ZX0DV/ZR0 the generators' x0_pu/r0_ohm and ZXNEGDV/ZRNEG their
 * x2_pu/r2_ohm (their positive sequence impedance is taken by mapGenerators), two-winding zero
 * sequence transformer data the vector group, vk0/vkr0 and xn_ohm. Mutual couplings,
 * three-winding transformers' zero sequence data and zero sequence shunt admittances have no
 * place in the document and are listed as dropped with counts.
 */
export function mapSequence(
  raw: ParsedRaw,
  elements: {
    lines: Line[];
    generators: Generator[];
    transformers: Transformer[];
    transformers3w: Transformer3w[];
    shunts: Shunt[];
  },
  ctx: Context,
): void {
  const sequence = raw.sequence;
  if (!sequence) return;
  const { sections, version } = sequence;
  const { report } = ctx;
  report.mapped(`PSS/E version ${version} sequence data`, "document", 1);
  report.mapped(
    "zero sequence branch data",
    "lines r0/x0/c0",
    mapZeroSequenceBranches(sequence, elements.lines, ctx),
  );

  const M = sequenceLayout(version).machine;
  const genById = new Map(elements.generators.map((gen) => [gen.id, gen]));
  let zero = 0;
  let negative = 0;
  let others = 0;
  for (const record of sections.get("generator sequence") ?? []) {
    const bus = busAt(ctx, record, M.I, "I");
    const gen = genById.get(key("gen", bus.number, record.text(M.ID, "1")));
    const x0 = record.number(M.ZX0, version === 32 ? "XZERO" : "ZX0DV", 0);
    const r0 = record.number(M.ZR0, version === 32 ? "RZERO" : "ZR0", 0);
    const x2 = record.number(M.ZXNEG, version === 32 ? "XNEG" : "ZXNEGDV", 0);
    const r2 = record.number(M.ZRNEG, version === 32 ? "RNEG" : "ZRNEG", 0);
    if (!gen || (x0 <= 0 && x2 <= 0)) {
      others++;
      continue;
    }
    // R(0), R(2) in per unit on the machine's rating, as X(0), X(2): ohm at its rated voltage.
    const ohm = (pu: number) => (pu * gen.vn_kv ** 2) / gen.sn_mva;
    if (x0 > 0) {
      gen.x0_pu = x0;
      if (r0 > 0) gen.r0_ohm = ohm(r0);
      zero++;
    }
    // X(2)G for unbalanced faults (IEC 60909-0:2016 §6.6.1). Values equal to the machine's
    // X''d and R are PSS/E's own default: Z(2) = Z(1), nothing to add to the document.
    const sameAsPositive =
      Math.abs(x2 - gen.xdss_pu) <= 1e-9 * gen.xdss_pu &&
      (r2 <= 0 || Math.abs(ohm(r2) - gen.rdss_ohm) <= 1e-9 * Math.max(gen.rdss_ohm, 1e-12));
    if (x2 > 0 && !sameAsPositive) {
      gen.x2_pu = x2;
      if (r2 > 0) gen.r2_ohm = ohm(r2);
      negative++;
    }
  }
  report.mapped(
    `generator sequence ${version === 32 ? "XZERO, RZERO" : "ZX0DV, ZR0"}`,
    "generators.x0_pu, r0_ohm",
    zero,
  );
  report.mapped(
    `generator sequence ${version === 32 ? "XNEG, RNEG" : "ZXNEGDV, ZRNEG"}`,
    "generators.x2_pu, r2_ohm",
    negative,
  );
  report.dropped(
    "generator sequence data",
    others,
    "no zero or negative sequence reactance, or not a synchronous generator",
  );

  const T = sequenceLayout(version).transformer;
  const trafoById = new Map(elements.transformers.map((t) => [t.id, t]));
  let transformers = 0;
  let unmapped = 0;
  let threeWinding = 0;
  for (const record of sections.get("zero sequence transformer") ?? []) {
    const i = busAt(ctx, record, T.I, "I");
    const j = busAt(ctx, record, T.J, "J");
    if (record.integer(T.K, "K", 0) !== 0) {
      threeWinding++;
      continue;
    }
    const ckt = record.text(T.CKT, "1");
    const trafo =
      trafoById.get(key("trafo", i.number, j.number, ckt)) ??
      trafoById.get(key("trafo", j.number, i.number, ckt)) ??
      record.fail("I", `no two-winding transformer ${i.number}-${j.number} circuit ${ckt}`);
    if (mapZeroSequenceTransformer(record, trafo, [i, j], version, ctx)) transformers++;
    else unmapped++;
  }
  report.mapped(
    "zero sequence transformer data (CC 1-4)",
    "transformers vector_group/vk0/rn_ohm/xn_ohm",
    transformers,
  );
  report.dropped(
    "zero sequence transformer data, CC other than 1-4",
    unmapped,
    "earthing-transformer and autotransformer connections are not mapped",
  );
  report.dropped(
    "three-winding zero sequence transformer data",
    threeWinding,
    "not mapped: set the 3-winding vector group and vk0 in the editor",
  );
  report.dropped(
    "zero sequence mutual couplings",
    sections.get("zero sequence mutual")?.length ?? 0,
    "the document has no mutual coupling yet (issue 16)",
  );
  const handled = new Set([
    "zero sequence branch",
    "generator sequence",
    "zero sequence transformer",
    "zero sequence mutual",
  ]);
  for (const [section, records] of sections) {
    if (handled.has(section)) continue;
    report.dropped(
      `sequence data: ${section}`,
      records.length,
      "no zero or negative sequence field for it in the document",
    );
  }
}
