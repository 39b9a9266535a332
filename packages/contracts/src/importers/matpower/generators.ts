import { fictitiousResistanceRatio } from "../../network/generator-resistance.ts";
import type { ExternalGrid, Generator } from "../../network/index.ts";
import type { ImportReportBuilder } from "../report.ts";
import { type BusInfo, busOf } from "./buses.ts";
import { cell, type MatpowerCase } from "./case.ts";
import { BUS_TYPE, GEN } from "./columns.ts";
import { entry, rowCount } from "./matrix.ts";
import type { ResolvedMatpowerOptions } from "./options.ts";

/** Qmin/Qmax; ±Inf (as the PEGASE cases write it) means no limit, so the field stays unset. */
function reactiveLimits(matrix: MatpowerCase["gen"], r: number) {
  const limits: { q_min_mvar?: number; q_max_mvar?: number } = {};
  const qmin = entry(matrix, r, GEN.QMIN);
  const qmax = entry(matrix, r, GEN.QMAX);
  if (qmin !== Number.NEGATIVE_INFINITY) limits.q_min_mvar = cell(matrix, r, GEN.QMIN, "Qmin");
  if (qmax !== Number.POSITIVE_INFINITY) limits.q_max_mvar = cell(matrix, r, GEN.QMAX, "Qmax");
  return limits;
}

/** The external grid standing for a REF bus: the slack of a load flow at `vm` and the bus's Va. */
function slackGrid(bus: BusInfo, options: ResolvedMatpowerOptions, vm: number): ExternalGrid {
  const grid: ExternalGrid = { id: `grid${bus.id}`, bus: bus.id, ...options.external_grid, in_service: true };
  if (vm > 0) Object.assign(grid, { vm_pu: vm, va_degree: bus.va });
  return grid;
}

/**
 * Each REF bus becomes one external grid that takes the place of the first in-service generator
 * on it (the slack unit stands for the upstream network, so keeping it would count it twice);
 * every other gen row becomes a generator with sn_mva = mBase (baseMVA where mBase ≤ 0).
 * Load-flow set-points come along: Pg → p_mw, Vg → vm_pu, Qmin/Qmax → q_min_mvar/q_max_mvar;
 * the grid replacing the slack unit holds its Vg and the REF bus's stored Va (the angle
 * reference of the case's solution). A REF bus without in-service unit keeps its stored Vm.
 */
export function mapGenerators(
  mpc: MatpowerCase,
  buses: ReadonlyMap<number, BusInfo>,
  options: ResolvedMatpowerOptions,
  report: ImportReportBuilder,
) {
  const { gen: matrix } = mpc;
  const external_grids: ExternalGrid[] = [];
  const generators: Generator[] = [];
  const refBuses = new Set([...buses.values()].filter((b) => b.type === BUS_TYPE.REF).map((b) => b.id));
  matrix.rowLines.forEach((_, r) => {
    const line = matrix.rowLines[r] ?? matrix.startLine;
    const bus = busOf(buses, cell(matrix, r, GEN.GEN_BUS, "GEN_BUS"), line);
    const in_service = cell(matrix, r, GEN.GEN_STATUS, "GEN_STATUS") > 0;
    const vg = cell(matrix, r, GEN.VG, "Vg");
    if (in_service && refBuses.delete(bus.id)) {
      external_grids.push(slackGrid(bus, options, vg));
      return;
    }
    const mBase = cell(matrix, r, GEN.MBASE, "mBase");
    const sn_mva = mBase > 0 ? mBase : mpc.baseMVA;
    if (mBase <= 0) report.defaulted("generators.sn_mva", sn_mva, "mBase ≤ 0; MATPOWER then uses baseMVA");
    const { xdss_pu, cos_phi } = options.generator;
    const rx = options.generator.rx ?? fictitiousResistanceRatio(bus.vn_kv, sn_mva);
    report.defaulted("generators.rdss_ohm", rx, "R/X''d ratio; option generator.rx, else IEC 60909 RGf");
    const rdss_ohm = (rx * xdss_pu * bus.vn_kv ** 2) / sn_mva;
    generators.push({
      id: `gen${r + 1}`,
      bus: bus.id,
      sn_mva,
      vn_kv: bus.vn_kv,
      xdss_pu,
      rdss_ohm,
      cos_phi,
      p_mw: cell(matrix, r, GEN.PG, "Pg"),
      vm_pu: vg,
      ...reactiveLimits(matrix, r),
      in_service,
    });
  });
  // REF buses left without an in-service unit still define the slack, so they still get a grid.
  for (const id of refBuses) {
    const bus = [...buses.values()].find((b) => b.id === id);
    if (bus) external_grids.push(slackGrid(bus, options, bus.vm));
  }
  report.mapped("mpc.gen rows on REF buses", "external_grids", rowCount(matrix) - generators.length);
  report.mapped("REF buses without in-service gen", "external_grids", refBuses.size);
  report.mapped("mpc.gen rows", "generators", generators.length);
  report.mapped(
    "mpc.gen Pg, Vg, Qmin, Qmax",
    "generators.p_mw, vm_pu, q_min_mvar, q_max_mvar",
    generators.length,
  );
  report.mapped(
    "Vg of the slack unit, Va of its REF bus",
    "external_grids.vm_pu, va_degree",
    external_grids.length,
  );
  for (const [field, value] of Object.entries(options.external_grid)) {
    const why = "not in MATPOWER (option external_grid)";
    report.defaulted(`external_grids.${field}`, value, why, external_grids.length);
  }
  for (const field of ["xdss_pu", "cos_phi"] as const) {
    const why = "not in MATPOWER (option generator)";
    report.defaulted(`generators.${field}`, options.generator[field], why, generators.length);
  }
  return { external_grids, generators };
}
