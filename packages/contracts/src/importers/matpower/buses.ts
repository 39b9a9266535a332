import type { Bus, Load, Shunt } from "../../network/index.ts";
import type { ImportReportBuilder } from "../report.ts";
import { cell, type MatpowerCase } from "./case.ts";
import { BUS, BUS_TYPE } from "./columns.ts";
import { MatpowerParseError } from "./errors.ts";
import { rowCount } from "./matrix.ts";
import type { ResolvedMatpowerOptions } from "./options.ts";

export interface BusInfo {
  id: string;
  vn_kv: number;
  type: number;
  /** The stored solution's Vm (pu) and Va (degrees). */
  vm: number;
  va: number;
}

const BUS_TYPES: ReadonlySet<number> = new Set(Object.values(BUS_TYPE));

/** Looks up a bus number used by a gen or branch row. */
export function busOf(buses: ReadonlyMap<number, BusInfo>, busNumber: number, line: number): BusInfo {
  const bus = buses.get(busNumber);
  if (!bus) throw new MatpowerParseError(line, `bus ${busNumber} is not in mpc.bus`);
  return bus;
}

/**
 * Bus rows become buses (id = BUS_I, isolated type 4 out of service); Pd/Qd become loads and
 * Gs/Bs shunts, both consumer-signed, so a capacitive Bs > 0 becomes q_mvar < 0. Vm/Va (the
 * case's stored load-flow solution) become vm_pu/va_degree where Vm > 0.
 */
export function mapBuses(mpc: MatpowerCase, options: ResolvedMatpowerOptions, report: ImportReportBuilder) {
  const { bus: matrix } = mpc;
  const info = new Map<number, BusInfo>();
  const buses: Bus[] = [];
  const loads: Load[] = [];
  const shunts: Shunt[] = [];
  let droppedSolutions = 0;
  for (let r = 0; r < rowCount(matrix); r++) {
    const line = matrix.rowLines[r] ?? matrix.startLine;
    const number = cell(matrix, r, BUS.BUS_I, "BUS_I");
    const type = cell(matrix, r, BUS.BUS_TYPE, "BUS_TYPE");
    const baseKv = cell(matrix, r, BUS.BASE_KV, "BASE_KV");
    if (!Number.isInteger(number) || number <= 0)
      throw new MatpowerParseError(line, "BUS_I must be a positive integer");
    if (info.has(number)) throw new MatpowerParseError(line, `bus ${number} is defined twice`);
    if (!BUS_TYPES.has(type)) throw new MatpowerParseError(line, "BUS_TYPE must be 1..4");
    if (baseKv < 0) throw new MatpowerParseError(line, "BASE_KV must not be negative");
    const id = String(number);
    const vn_kv = baseKv > 0 ? baseKv : options.default_vn_kv;
    if (baseKv === 0)
      report.defaulted("buses.vn_kv", vn_kv, "BASE_KV is 0 in the file (option default_vn_kv)");
    const vm = cell(matrix, r, BUS.VM, "Vm");
    const va = cell(matrix, r, BUS.VA, "Va");
    info.set(number, { id, vn_kv, type, vm, va });
    const in_service = type !== BUS_TYPE.NONE;
    // One object literal per shape (a field added afterwards would reshape each bus again).
    if (vm > 0) buses.push({ id, vn_kv, in_service, vm_pu: vm, va_degree: va });
    else {
      buses.push({ id, vn_kv, in_service });
      droppedSolutions++;
    }
    const pd = cell(matrix, r, BUS.PD, "Pd");
    const qd = cell(matrix, r, BUS.QD, "Qd");
    if (pd !== 0 || qd !== 0)
      loads.push({ id: `load${id}`, bus: id, p_mw: pd, q_mvar: qd, in_service: true });
    const gs = cell(matrix, r, BUS.GS, "Gs");
    const bs = cell(matrix, r, BUS.BS, "Bs");
    if (gs !== 0 || bs !== 0)
      shunts.push({ id: `shunt${id}`, bus: id, p_mw: gs, q_mvar: -bs, vn_kv, in_service: true });
  }
  report.mapped("mpc.bus rows", "buses", buses.length);
  report.mapped(
    "mpc.bus Vm, Va (stored solution)",
    "buses.vm_pu, va_degree",
    buses.length - droppedSolutions,
  );
  report.dropped("mpc.bus Vm, Va where Vm ≤ 0", droppedSolutions, "not a voltage");
  report.mapped("mpc.bus Pd/Qd", "loads", loads.length);
  report.mapped("mpc.bus Gs/Bs", "shunts", shunts.length);
  return { buses, loads, shunts, info };
}
