import { chargingShuntIds } from "../importers/matpower/branches.ts";
import type { Line, NetworkDocument, Shunt, Transformer } from "../network/index.ts";
import { labelOf, numbersFromIds } from "./labels.ts";

/** The system base the exported per-unit values refer to. */
export const BASE_MVA = 100;
/** A closed bus coupler becomes a branch of this reactance (pu), PSS/E's zero-impedance threshold. */
export const TIE_X_PU = 1e-4;

type Row = number[];
type Doc = NetworkDocument;

/**
 * Branch ends cut off by an open switch, as "element\nbus": such a branch (or winding) carries
 * nothing, so it is written out of service.
 */
export function openEnds(doc: Doc): Set<string> {
  const open = doc.switches.filter((s) => s.element_type !== "bus" && !s.closed);
  return new Set(open.map((s) => `${s.element}\n${s.bus}`));
}

/** The ratio of a tap changer at its position (1 without one). */
export function tapRatio(t: { tap_pos?: number; tap_neutral?: number; tap_step_percent?: number }): number {
  if (t.tap_pos === undefined) return 1;
  return 1 + ((t.tap_pos - (t.tap_neutral ?? 0)) * (t.tap_step_percent ?? 0)) / 100;
}

/**
 * mpc.bus: one row per bus, type REF where an in-service external grid feeds it, PV where a
 * generator does; in-service loads and shunts summed per bus (shunts scaled to the bus voltage).
 * VM/VA are the bus's stored solution where it has one (flat 1 pu, 0° otherwise).
 */
export function busRows(doc: Doc, numbers: ReadonlyMap<string, number>, charging: BranchCharging): Row[] {
  const rows = new Map(
    doc.buses.map((bus) => [
      bus.id,
      [
        labelOf(numbers, bus.id),
        bus.in_service ? 1 : 4,
        0,
        0,
        0,
        0,
        1,
        bus.vm_pu ?? 1,
        bus.va_degree ?? 0,
        bus.vn_kv,
        1,
        1.1,
        0.9,
      ],
    ]),
  );
  const at = (bus: string) => rows.get(bus) as Row;
  for (const gen of doc.generators) if (gen.in_service && at(gen.bus)[1] === 1) at(gen.bus)[1] = 2;
  for (const grid of doc.external_grids) if (grid.in_service && at(grid.bus)[1] !== 4) at(grid.bus)[1] = 3;
  for (const load of doc.loads.filter((l) => l.in_service)) {
    const row = at(load.bus);
    row[2] = (row[2] ?? 0) + load.p_mw;
    row[3] = (row[3] ?? 0) + load.q_mvar;
  }
  for (const shunt of doc.shunts.filter((s) => s.in_service && !charging.shunts.has(s.id))) {
    const row = at(shunt.bus);
    const scale = ((row[9] ?? shunt.vn_kv) / shunt.vn_kv) ** 2;
    row[4] = (row[4] ?? 0) + shunt.p_mw * scale;
    row[5] = (row[5] ?? 0) - shunt.q_mvar * scale;
  }
  return [...rows.values()];
}

/**
 * mpc.gen: generators keep the row of a MATPOWER-style id ("gen3" → row 3); external grids (the
 * slack units) fill the remaining rows in order, so a document imported from MATPOWER gets its
 * rows back. Pg, Qmax, Qmin and Vg are the load-flow set-points (0 MW, unlimited, 1 pu where unset).
 */
export function genRows(doc: Doc, numbers: ReadonlyMap<string, number>): Row[] {
  const slots: (Row | undefined)[] = [];
  const genNumbers = numbersFromIds(
    doc.generators.map((g) => g.id),
    "gen",
    1,
  );
  for (const gen of doc.generators) {
    const row = [
      labelOf(numbers, gen.bus),
      gen.p_mw ?? 0,
      0,
      gen.q_max_mvar ?? Number.POSITIVE_INFINITY,
      gen.q_min_mvar ?? Number.NEGATIVE_INFINITY,
      gen.vm_pu ?? 1,
      gen.sn_mva,
      gen.in_service ? 1 : 0,
      gen.sn_mva,
      0,
    ];
    slots[labelOf(genNumbers, gen.id) - 1] = row;
  }
  let gap = 0;
  for (const grid of doc.external_grids) {
    while (slots[gap] !== undefined) gap++;
    slots[gap] = [
      labelOf(numbers, grid.bus),
      0,
      0,
      9999,
      -9999,
      grid.vm_pu ?? 1,
      BASE_MVA,
      grid.in_service ? 1 : 0,
      9999,
      -9999,
    ];
  }
  return slots.filter((row) => row !== undefined);
}

function lineRow(
  line: Line,
  doc: Doc,
  numbers: ReadonlyMap<string, number>,
  vn: (bus: string) => number,
): Row {
  const zBase = vn(line.from_bus) ** 2 / BASE_MVA;
  const span = line.length_km / line.parallel;
  const b = 2 * Math.PI * doc.frequency_hz * line.c_nf_per_km * 1e-9 * line.length_km * line.parallel * zBase;
  const rateA =
    line.max_i_ka === undefined ? 0 : line.max_i_ka * Math.sqrt(3) * vn(line.from_bus) * line.parallel;
  const [r, x] = [(line.r_ohm_per_km * span) / zBase, (line.x_ohm_per_km * span) / zBase];
  return [labelOf(numbers, line.from_bus), labelOf(numbers, line.to_bus), r, x, b, rateA, 0, 0, 0, 0];
}

/**
 * The tap sits on the from side, so the tap side's bus is the from bus. TAP folds the tap
 * position and any difference between rated and bus voltages into one ratio; SHIFT is the
 * from side's lead, the LV lag when the from bus is HV.
 */
function transformerRow(
  t: Transformer,
  numbers: ReadonlyMap<string, number>,
  vn: (bus: string) => number,
): Row {
  const fromHv = t.tap_side !== "lv";
  const tap = tapRatio(t);
  const hvRatio = t.vn_hv_kv / vn(t.hv_bus);
  const lvRatio = t.vn_lv_kv / vn(t.lv_bus);
  const ratio = tap * (fromHv ? hvRatio / lvRatio : lvRatio / hvRatio);
  // vk is on sn_mva and vn_hv_kv; referred to the HV bus voltage and the system base.
  const scale = ((BASE_MVA / t.sn_mva) * hvRatio ** 2) / t.parallel / 100;
  const r = t.vkr_percent * scale;
  const x = Math.sqrt(Math.max(t.vk_percent * scale, 0) ** 2 - r ** 2);
  const [from, to] = fromHv ? [t.hv_bus, t.lv_bus] : [t.lv_bus, t.hv_bus];
  const shift = fromHv ? t.shift_degree : -t.shift_degree;
  return [labelOf(numbers, from), labelOf(numbers, to), r, x, 0, t.sn_mva * t.parallel, 0, 0, ratio, shift];
}

/** The lines' and two-winding transformers' mpc.branch columns up to SHIFT, made once per export. */
export interface ElementRows {
  /** Nominal voltage of a bus (kV), 1 for an unknown one. */
  vn: (bus: string) => number;
  rows: [Line | Transformer, Row][];
}

export function elementRows(doc: Doc, numbers: ReadonlyMap<string, number>): ElementRows {
  const voltage = new Map(doc.buses.map((bus) => [bus.id, bus.vn_kv]));
  const vn = (bus: string) => voltage.get(bus) ?? 1;
  return {
    vn,
    rows: [
      ...doc.lines.map((l): [Line, Row] => [l, lineRow(l, doc, numbers, vn)]),
      ...doc.transformers.map((t): [Transformer, Row] => [t, transformerRow(t, numbers, vn)]),
    ],
  };
}

/** Branch charging written back into BR_B (per unit on BASE_MVA) and the shunts it came from. */
export interface BranchCharging {
  b: Map<string, number>;
  shunts: Set<string>;
}

/**
 * The MATPOWER importer keeps the charging b a line or transformer cannot hold as two shunts,
 * `<branch>-charging-from` and `-to` (importers/matpower/branches.ts): j·b/(2τ²) at the row's from
 * bus and j·b/2 at its to bus (an untapped transformer's named HV → LV, as this export writes
 * it). Where they still are exactly that — at the ends of the row this export writes, with its
 * TAP τ, no conductance, in service with the branch — they go back into the row's b, so an
 * imported case exports as the file it came from. Edited ones stay shunts.
 */
export function chargingOfBranches(
  doc: Doc,
  numbers: ReadonlyMap<string, number>,
  { vn, rows }: ElementRows,
): BranchCharging {
  const charging: BranchCharging = { b: new Map(), shunts: new Set() };
  if (doc.shunts.length === 0) return charging;
  const shunts = new Map(doc.shunts.map((s) => [s.id, s]));
  // Consumer-signed Mvar at the bus's own voltage.
  const qAtBus = (s: Shunt) => s.q_mvar * (vn(s.bus) / s.vn_kv) ** 2;
  for (const [branch, row] of rows) {
    const [fromId, toId] = chargingShuntIds(branch.id);
    const [from, to] = [shunts.get(fromId), shunts.get(toId)];
    if (!from || !to) continue;
    const tau = row[8] || 1;
    const [qFrom, qTo] = [qAtBus(from), qAtBus(to)];
    const fits =
      labelOf(numbers, from.bus) === row[0] &&
      labelOf(numbers, to.bus) === row[1] &&
      from.p_mw === 0 &&
      to.p_mw === 0 &&
      from.in_service === branch.in_service &&
      to.in_service === branch.in_service &&
      Math.abs(qFrom * tau ** 2 - qTo) <= 1e-9 * Math.abs(qTo);
    if (!fits) continue;
    charging.b.set(branch.id, (-2 * qTo) / BASE_MVA);
    charging.shunts.add(fromId).add(toId);
  }
  return charging;
}

/**
 * mpc.branch: lines, two-winding transformers, closed bus couplers and the star branches of
 * three-winding transformers, ordered by MATPOWER-style
 * ids ("br12" → row 12) when every branch has one, else in document order.
 */
export function branchRows(
  doc: Doc,
  numbers: ReadonlyMap<string, number>,
  stars: readonly [string, Row][],
  elements: ElementRows,
  charging: BranchCharging,
): Row[] {
  const open = openEnds(doc);
  const ends = (e: Line | Transformer) => ("hv_bus" in e ? [e.hv_bus, e.lv_bus] : [e.from_bus, e.to_bus]);
  const status = (e: Line | Transformer) =>
    e.in_service && !ends(e).some((bus) => open.has(`${e.id}\n${bus}`)) ? 1 : 0;
  const ties = doc.switches.filter((s) => s.element_type === "bus" && s.closed);
  const rows: [string, Row][] = [
    ...elements.rows.map(([e, row]): [string, Row] => {
      const b = charging.b.get(e.id);
      const written = b === undefined ? row : row.map((v, i) => (i === 4 ? v + b : v));
      return [e.id, [...written, status(e)]];
    }),
    ...ties.map((s): [string, Row] => [
      s.id,
      [labelOf(numbers, s.bus), labelOf(numbers, s.element), 0, TIE_X_PU, 0, 0, 0, 0, 0, 0, 1],
    ]),
    ...stars,
  ];
  const order = numbersFromIds(
    rows.map(([id]) => id),
    "br",
    1,
  );
  return rows.sort(([a], [b]) => labelOf(order, a) - labelOf(order, b)).map(([, row]) => [...row, -360, 360]);
}
