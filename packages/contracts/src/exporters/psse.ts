import type { Line, NetworkDocument } from "../network/index.ts";
import { labelOf } from "./labels.ts";
import { openEnds } from "./matpower-rows.ts";
import { busNumbers, Identifiers, quoted } from "./psse-ids.ts";
import { num, threeWinding, twoWinding, zeroSequenceTransformer } from "./psse-transformers.ts";

/** The system base of the exported per-unit values. */
const SBASE = 100;

/** The RAW v33 sections after transformer data, each written empty (Program Operation Manual 33). */
const EMPTY_SECTIONS = [
  "AREA",
  "TWO-TERMINAL DC",
  "VSC DC LINE",
  "IMPEDANCE CORRECTION",
  "MULTI-TERMINAL DC",
  "MULTI-SECTION LINE",
  "ZONE",
  "INTER-AREA TRANSFER",
  "OWNER",
  "FACTS DEVICE",
];

/** What RAW v33 cannot hold, with counts, for the case identification comment. */
function leftOut(doc: NetworkDocument): string {
  const parts = [
    [doc.motors.length, "motors"],
    [doc.external_grids.length, "external grid Sk''/R/X (swing buses)"],
    [doc.switches.filter((s) => s.element_type !== "bus").length, "branch switches"],
    [doc.generators.filter((g) => g.cos_phi !== undefined).length, "generator cos phi"],
    [doc.transformers3w.filter((t) => t.vk0_hv_percent !== undefined).length, "3-winding zero sequence data"],
  ] as const;
  const listed = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return listed.length > 0 ? ` not in RAW: ${listed.join(", ")}` : "";
}

/** Whole-branch per-unit values of a line on SBASE and its from bus's voltage. */
function linePu(line: Line, vn_kv: number, frequency_hz: number, zero = false) {
  const zBase = vn_kv ** 2 / SBASE;
  const n = line.parallel;
  const [r, x, c] = zero
    ? [line.r0_ohm_per_km ?? 0, line.x0_ohm_per_km ?? 0, line.c0_nf_per_km ?? 0]
    : [line.r_ohm_per_km, line.x_ohm_per_km, line.c_nf_per_km];
  return {
    r: (r * line.length_km) / zBase / n,
    x: (x * line.length_km) / zBase / n,
    b: 2 * Math.PI * frequency_hz * c * 1e-9 * line.length_km * zBase * n,
  };
}

function section(name: string, next: string, records: string[]): string[] {
  return [...records, `0 / END OF ${name} DATA, BEGIN ${next} DATA`];
}

/**
 * The document as a PSS/E RAW version 33 case (Program Operation Manual 33, "Power Flow Raw Data
 * File Contents"), with its sequence data (machine, zero sequence branch and two-winding
 * transformer records, "Sequence Data File Contents") after the Q record when the document has
 * any. Bus numbers, circuit and machine identifiers come from ids the PSS/E importer wrote, so a
 * case read from PSS/E is written back as it was read; impedances are per unit on 100 MVA (lines)
 * and on the rating and rated voltages (transformers, CZ 2). A bus with an external grid is a
 * swing bus without machine, which the importer turns back into a grid from its options.
 */
export function exportPsse(doc: NetworkDocument): string {
  const numbers = busNumbers(doc);
  const bus = (id: string) => labelOf(numbers, id);
  const vn = new Map(doc.buses.map((b) => [b.id, b.vn_kv]));
  const open = openEnds(doc);
  const stat = (e: { id: string; in_service: boolean }, ...ends: string[]) =>
    e.in_service && !ends.some((end) => open.has(`${e.id}\n${end}`)) ? 1 : 0;
  const grids = new Set(doc.external_grids.filter((g) => g.in_service).map((g) => g.bus));
  const fed = new Set([...doc.generators, ...doc.static_generators].map((g) => g.bus));
  const name = doc.name.replace(/[\r\n]/g, " ");
  const out = [
    `0, ${SBASE}.0, 33, 0, 1, ${doc.frequency_hz}.0 / PSS(R)E-33 RAW exported by AmpFlux;${leftOut(doc)}`,
    name,
    "exported by AmpFlux",
  ];
  const buses = doc.buses.map((b) => {
    const ide = !b.in_service ? 4 : grids.has(b.id) ? 3 : fed.has(b.id) ? 2 : 1;
    return `${bus(b.id)},${quoted(b.name)}, ${num(b.vn_kv)}, ${ide}, 1, 1, 1, ${num(b.vm_pu ?? 1)}, ${num(b.va_degree ?? 0)}, 1.1, 0.9, 1.1, 0.9`;
  });
  out.push(...section("BUS", "LOAD", buses));

  const loadIds = new Identifiers();
  const loads = doc.loads.map((l) => {
    const n = bus(l.bus);
    const id = loadIds.next(l.id, "load", [n]);
    return `${n},${quoted(id, 2)}, ${l.in_service ? 1 : 0}, 1, 1, ${num(l.p_mw)}, ${num(l.q_mvar)}, 0.0, 0.0, 0.0, 0.0, 1, 1, 0`;
  });
  out.push(...section("LOAD", "FIXED SHUNT", loads));

  // A shunt the importer made from a switched shunt's BINIT goes back as one (v33: one per bus).
  const switched = doc.shunts.filter((s) => s.id === `swshunt${bus(s.bus)}_1` && s.p_mw === 0);
  const shuntIds = new Identifiers();
  const shunts = doc.shunts
    .filter((s) => !switched.includes(s))
    .map((s) => {
      const n = bus(s.bus);
      // GL and BL are the powers at the bus's 1 pu voltage.
      const scale = ((vn.get(s.bus) ?? s.vn_kv) / s.vn_kv) ** 2;
      const id = shuntIds.next(s.id, "shunt", [n]);
      return `${n},${quoted(id, 2)}, ${s.in_service ? 1 : 0}, ${num(s.p_mw * scale)}, ${num(-s.q_mvar * scale)}`;
    });
  out.push(...section("FIXED SHUNT", "GENERATOR", shunts));

  const machineIds = new Identifiers();
  const machines: string[] = [];
  const sequence: string[] = [];
  for (const g of doc.generators) {
    const n = bus(g.bus);
    const id = machineIds.next(g.id, "gen", [n]);
    const zr = (g.rdss_ohm * g.sn_mva) / g.vn_kv ** 2;
    const [pg, qmax, qmin] = [g.p_mw ?? 0, g.q_max_mvar ?? 9999, g.q_min_mvar ?? -9999];
    machines.push(
      `${n},${quoted(id, 2)}, ${num(pg)}, 0.0, ${num(qmax)}, ${num(qmin)}, ${num(g.vm_pu ?? 1)}, 0, ${num(g.sn_mva)}, ${num(zr)}, ${num(g.xdss_pu)}, 0.0, 0.0, 1.0, ${g.in_service ? 1 : 0}, 100.0, 9999.0, -9999.0, 1, 1.0, 0, 1.0, 0, 1.0, 0, 1.0, 0, 1.0`,
    );
    if (g.x0_pu !== undefined || g.x2_pu !== undefined) {
      const [x, r] = [num(g.xdss_pu), num(zr)];
      // 12 significant digits: ohm → per unit → ohm leaves 1e-16 of noise (0.0030000000000000005).
      const perUnit = (ohm: number) => num(Number(((ohm * g.sn_mva) / g.vn_kv ** 2).toPrecision(12)));
      // ZRNEG, ZXNEGDV: X(2)G when given, else X''d (Z(2) = Z(1)); ZX0DV 0 leaves the star point isolated.
      const [r2, x2] = [perUnit(g.r2_ohm ?? g.rdss_ohm), num(g.x2_pu ?? g.xdss_pu)];
      sequence.push(
        `${n},${quoted(id, 2)}, ${r}, ${x}, ${x}, ${x}, ${r2}, ${x2}, ${perUnit(g.r0_ohm ?? 0)}, ${num(g.x0_pu ?? 0)}, 1, 0.0, 0.0, 0.0`,
      );
    }
  }
  for (const g of doc.static_generators) {
    const n = bus(g.bus);
    const id = machineIds.next(g.id, "sgen", [n]);
    // WMOD 1: a converter-coupled unit, which the importer maps back to a static generator.
    machines.push(
      `${n},${quoted(id, 2)}, 0.0, 0.0, 0.0, 0.0, 1.0, 0, ${num(g.sn_mva)}, 0.0, 1.0, 0.0, 0.0, 1.0, ${g.in_service ? 1 : 0}, 100.0, 9999.0, -9999.0, 1, 1.0, 0, 1.0, 0, 1.0, 0, 1.0, 1, 1.0`,
    );
  }
  out.push(...section("GENERATOR", "BRANCH", machines));

  const circuits = new Identifiers();
  const branches: string[] = [];
  const zeroBranches: string[] = [];
  for (const line of doc.lines) {
    const [i, j] = [bus(line.from_bus), bus(line.to_bus)];
    const ckt = circuits.next(line.id, "line", [i, j]);
    const v = vn.get(line.from_bus) ?? 1;
    const { r, x, b } = linePu(line, v, doc.frequency_hz);
    const rate = line.max_i_ka === undefined ? 0 : line.max_i_ka * Math.sqrt(3) * v * line.parallel;
    const st = stat(line, line.from_bus, line.to_bus);
    branches.push(
      `${i}, ${j},${quoted(ckt, 2)}, ${num(r)}, ${num(x)}, ${num(b)}, ${num(rate)}, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ${st}, 1, ${num(line.length_km)}, 1, 1.0`,
    );
    if (line.r0_ohm_per_km !== undefined && line.x0_ohm_per_km !== undefined) {
      const z = linePu(line, v, doc.frequency_hz, true);
      zeroBranches.push(
        `${i}, ${j},${quoted(ckt, 2)}, ${num(z.r)}, ${num(z.x)}, ${num(z.b)}, 0.0, 0.0, 0.0, 0.0, 0, 0`,
      );
    }
  }
  // A bus coupler is a zero-impedance branch (R = 0, X = 0: within THRSHZ), open when ST is 0.
  for (const s of doc.switches.filter((sw) => sw.element_type === "bus")) {
    const [i, j] = [bus(s.bus), bus(s.element)];
    const ckt = circuits.next(s.id, "tie", [i, j]);
    branches.push(
      `${i}, ${j},${quoted(ckt, 2)}, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ${s.closed ? 1 : 0}, 1, 0.0, 1, 1.0`,
    );
  }
  out.push(...section("BRANCH", "TRANSFORMER", branches));

  const trafoIds = new Identifiers();
  const zeroTransformers: string[] = [];
  const transformers: string[] = [];
  for (const t of doc.transformers) {
    const written = twoWinding(t, numbers, trafoIds, stat(t, t.hv_bus, t.lv_bus));
    transformers.push(...written.lines);
    const zero = zeroSequenceTransformer(t, written.order, written.ckt, bus(t.hv_bus));
    if (zero) zeroTransformers.push(zero);
  }
  for (const t of doc.transformers3w)
    transformers.push(...threeWinding(t, numbers, trafoIds, stat(t, t.hv_bus, t.mv_bus, t.lv_bus)));
  out.push(...section("TRANSFORMER", "AREA", transformers));

  EMPTY_SECTIONS.forEach((s, k) => {
    out.push(`0 / END OF ${s} DATA, BEGIN ${EMPTY_SECTIONS[k + 1] ?? "SWITCHED SHUNT"} DATA`);
  });
  // Switched shunt (v33): I, MODSW, ADJM, STAT, VSWHI, VSWLO, SWREM, RMPCT, 'RMIDNT', BINIT, N1, B1.
  const switchedRecords = switched.map((s) => {
    const binit = num(-s.q_mvar * ((vn.get(s.bus) ?? s.vn_kv) / s.vn_kv) ** 2);
    return `${bus(s.bus)}, 0, 0, ${s.in_service ? 1 : 0}, 1.1, 0.9, 0, 100.0,'', ${binit}, 1, ${binit}`;
  });
  out.push(...section("SWITCHED SHUNT", "GNE", switchedRecords));
  out.push("0 / END OF GNE DATA, BEGIN INDUCTION MACHINE DATA", "0 / END OF INDUCTION MACHINE DATA", "Q");
  if (sequence.length + zeroBranches.length + zeroTransformers.length > 0) {
    out.push(
      "0, 33 / PSS(R)E-33 sequence data exported by AmpFlux",
      ...sequence,
      "0 / END OF GENERATOR SEQUENCE DATA, BEGIN NEGATIVE SEQUENCE SHUNT LOAD DATA",
      "0 / END OF NEGATIVE SEQUENCE SHUNT LOAD DATA, BEGIN ZERO SEQUENCE SHUNT LOAD DATA",
      "0 / END OF ZERO SEQUENCE SHUNT LOAD DATA, BEGIN ZERO SEQUENCE BRANCH DATA",
      ...zeroBranches,
      "0 / END OF ZERO SEQUENCE BRANCH DATA, BEGIN ZERO SEQUENCE MUTUAL DATA",
      "0 / END OF ZERO SEQUENCE MUTUAL DATA, BEGIN ZERO SEQUENCE TRANSFORMER DATA",
      ...zeroTransformers,
      "0 / END OF ZERO SEQUENCE TRANSFORMER DATA, BEGIN ZERO SEQUENCE SWITCHED SHUNT DATA",
      "0 / END OF ZERO SEQUENCE SWITCHED SHUNT DATA, BEGIN ZERO SEQUENCE FIXED SHUNT DATA",
      "0 / END OF ZERO SEQUENCE FIXED SHUNT DATA, BEGIN INDUCTION MACHINE DATA",
      "0 / END OF INDUCTION MACHINE DATA",
      "Q",
    );
  }
  return `${out.join("\n")}\n`;
}
