import { fictitiousResistanceRatio } from "../../network/generator-resistance.ts";
import type { ExternalGrid, Generator, StaticGenerator } from "../../network/index.ts";
import { busAt, type Context, key, register } from "./context.ts";
import type { ParsedRaw } from "./parse.ts";
import type { RawRecord } from "./records.ts";
import { sequenceMachine } from "./sequence.ts";

/**
 * ZSOURCE (ZR + jZX on MBASE) is the machine impedance PSS/E uses for faults. Its default,
 * 0 + j1.0, is a placeholder in most power flow cases, so unless the option says to trust it, it
 * is replaced by option generator.xdss_pu with the IEC 60909 fictitious resistance.
 */
function machine(record: RawRecord, vn_kv: number, sn_mva: number, id: string, ctx: Context) {
  const G = ctx.layout.generator;
  const opt = ctx.options.generator;
  const sequence = ctx.machineSequence.records.get(id);
  const positive = sequence && sequenceMachine(sequence, ctx.machineSequence.version);
  if (positive) {
    ctx.report.mapped(
      "generator sequence ZRPOS + jZXPPDV (replaces ZSOURCE)",
      "generators.xdss_pu/rdss_ohm",
      1,
    );
    return { xdss_pu: positive.x, rdss_ohm: (positive.r * vn_kv ** 2) / sn_mva };
  }
  const zr = record.number(G.ZR, "ZR", 0);
  const zx = record.number(G.ZX, "ZX", 1);
  const placeholder = zr === 0 && zx === 1 && !opt.trust_default_zsource;
  if (zx > 0 && !placeholder) {
    if (zr < 0) ctx.report.adjusted("generators.rdss_ohm", id, "negative ZR set to 0");
    return { xdss_pu: zx, rdss_ohm: (Math.max(zr, 0) * vn_kv ** 2) / sn_mva };
  }
  const why = placeholder ? "ZSOURCE is the default 0 + j1.0" : "ZX is not positive";
  ctx.report.defaulted("generators.xdss_pu", opt.xdss_pu, `${why} (option generator.xdss_pu)`);
  const rx = opt.rx ?? fictitiousResistanceRatio(vn_kv, sn_mva);
  ctx.report.defaulted("generators.rdss_ohm", rx, "R''/X''d: option generator.rx, else IEC 60909 RGf");
  return { xdss_pu: opt.xdss_pu, rdss_ohm: (rx * opt.xdss_pu * vn_kv ** 2) / sn_mva };
}

/**
 * Generator data (items per version in versions.ts): MBASE, ZSOURCE = ZR + jZX, the step-up
 * transformer RT + jXT, STAT and WMOD are read. Conventional machines (WMOD 0) become generators; renewable
 * machines (WMOD 1–3, converter-coupled) become static generators. A swing bus (IDE 3) with no
 * in-service machine gets an external grid from the options.
 */
export function mapGenerators(raw: ParsedRaw, ctx: Context) {
  const G = ctx.layout.generator;
  const generators: Generator[] = [];
  const static_generators: StaticGenerator[] = [];
  let stepUp = 0;
  const fed = new Set<string>();
  for (const record of raw.sections.get("generator") ?? []) {
    const bus = busAt(ctx, record, G.I, "I");
    const in_service = record.integer(G.STAT, "STAT", 1) > 0;
    if (in_service) fed.add(bus.id);
    const mbase = record.number(G.MBASE, "MBASE", ctx.sbase);
    const sn_mva = mbase > 0 ? mbase : ctx.sbase;
    const wmod = record.integer(G.WMOD, "WMOD", 0);
    if (record.number(G.XT, "XT", 0) !== 0 || record.number(G.RT, "RT", 0) !== 0) stepUp++;
    if (wmod > 0) {
      const id = register(ctx, key("sgen", bus.number, record.text(G.ID, "1")), record);
      static_generators.push({ id, bus: bus.id, sn_mva, k: ctx.options.static_generator_k, in_service });
      continue;
    }
    const id = register(ctx, key("gen", bus.number, record.text(G.ID, "1")), record);
    generators.push({
      id,
      bus: bus.id,
      sn_mva,
      vn_kv: bus.vn_kv,
      ...machine(record, bus.vn_kv, sn_mva, id, ctx),
      cos_phi: ctx.options.generator.cos_phi,
      in_service,
    });
  }
  const external_grids: ExternalGrid[] = [];
  for (const bus of ctx.buses.values()) {
    if (bus.type !== 3 || fed.has(bus.id)) continue;
    const id = key("grid", bus.number);
    ctx.sources.set(id, ctx.sources.get(bus.id) ?? { line: 1 });
    external_grids.push({ id, bus: bus.id, ...ctx.options.external_grid, in_service: true });
  }
  const { report } = ctx;
  report.mapped("generator data, WMOD 0", "generators", generators.length);
  report.mapped("generator data, WMOD 1-3", "static_generators", static_generators.length);
  report.mapped("swing buses without in-service machine", "external_grids", external_grids.length);
  report.defaulted(
    "generators.cos_phi",
    ctx.options.generator.cos_phi,
    "not in PSS/E (option generator.cos_phi)",
    generators.length,
  );
  report.defaulted(
    "static_generators.k",
    ctx.options.static_generator_k,
    "not in PSS/E (option static_generator_k)",
    static_generators.length,
  );
  for (const [field, value] of Object.entries(ctx.options.external_grid)) {
    report.defaulted(
      `external_grids.${field}`,
      value,
      "not in PSS/E (option external_grid)",
      external_grids.length,
    );
  }
  report.dropped(
    "generator step-up transformer (RT, XT, GTAP)",
    stepUp,
    "model the unit transformer as transformer data",
  );
  report.dropped(
    "generator PG, QG, limits and voltage set points",
    generators.length + static_generators.length,
    "power flow data, not used by IEC 60909",
  );
  return { generators, static_generators, external_grids };
}
