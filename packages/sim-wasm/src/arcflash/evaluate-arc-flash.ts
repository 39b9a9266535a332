// The arc-flash study (IEEE 1584-2018, docs/arc-flash.md) on the currents of one 3ph study:
// 1. each bus's inputs, Voc and Ibf (bus-inputs.ts);
// 2. the arcing currents Iarc and Iarc_min (eq. 1, 16–18, 25; eq. 2) — inputs outside §4.2's
//    range stop here with their reason;
// 3. the devices that clear each in-range bus and their currents (device-choice.ts,
//    fault-paths.ts) and the arc durations (clearing-times.ts);
// 4. incident energy and arc-flash boundary for each duration (eq. 3–10, 19–24), the governing
//    case, PPE and approach boundaries (result-rows.ts), and one warning per kind of finding.

import type { ArcFlashResult, NetworkDocument, NetworkIssue, ShortCircuitOptions } from "@ampflux/contracts";
import type { ShortCircuitModel } from "../iec60909/model.ts";
import type { SequenceFactorization } from "../iec60909/sequence-factorization.ts";
import type { SimExports } from "../loader.ts";
import { type ArcFlashBus, arcFlashBuses, modelInputs } from "./bus-inputs.ts";
import { clearingTimes } from "./clearing-times.ts";
import { fill } from "./columns.ts";
import { chooseDevices } from "./device-choice.ts";
import { FaultPaths } from "./fault-paths.ts";
import { type ArcingCurrents, arcFlashRangeIssue, arcingCurrents, incidentEnergies } from "./kernels.ts";
import { type ArcingOnly, type ModelOutcome, resultRow } from "./result-rows.ts";
import { arcFlashWarnings } from "./warnings.ts";

export interface ArcFlashInput {
  sim: SimExports;
  doc: NetworkDocument;
  model: ShortCircuitModel;
  options: ShortCircuitOptions;
  /** Positive-sequence matrix index per node (−1: unfed). */
  index: Int32Array;
  /** The bus-result kernel's output of the 3ph study (BUS_RESULT_STRIDE per bus). */
  raw: Float64Array;
  /** The study's positive-sequence factorization, re-factorized for the device search. */
  factors: SequenceFactorization;
}

export interface ArcFlashOutcome {
  results: ArcFlashResult[];
  warnings: NetworkIssue[];
  /** Z columns solved by the device search (the rest came from the pattern of Ybus). */
  columnSolves: number;
}

/** The rows `keep` selects of columnar currents (the intermediate levels are three per row). */
function pickCurrents(currents: ArcingCurrents, keep: readonly number[]): ArcingCurrents {
  const n = keep.length;
  const f64 = (a: Float64Array) => fill(new Float64Array(n), (i) => a[keep[i] ?? -1]);
  const three = (a: Float64Array) =>
    fill(new Float64Array(3 * n), (i) => a[3 * (keep[Math.floor(i / 3)] ?? -1) + (i % 3)]);
  return {
    ...currents,
    iarcKa: f64(currents.iarcKa),
    iarcMinKa: f64(currents.iarcMinKa),
    varcf: f64(currents.varcf),
    levelsKa: three(currents.levelsKa),
    levelsMinKa: three(currents.levelsMinKa),
    status: fill(new Int32Array(n), (i) => currents.status[keep[i] ?? -1] ?? 0),
  };
}

export function evaluateArcFlash(input: ArcFlashInput): ArcFlashOutcome {
  const { sim, doc, model, options, index, raw } = input;
  const rows = arcFlashBuses(doc, model, index, raw, options.buses);
  const modelled = rows.filter((r) => r.status === "ok");
  const inputs = modelInputs(modelled);
  const currents = arcingCurrents(sim, inputs);
  // Inputs outside the model's range: a reason and no number (never an extrapolation).
  const inRange: number[] = [];
  modelled.forEach((row, r) => {
    const code = currents.status[r] ?? 0;
    if (code === 0) {
      inRange.push(r);
      return;
    }
    const issue = arcFlashRangeIssue(code, inputs, r);
    row.status = "out_of_range";
    row.reason = `${issue.field}: ${issue.message}`;
  });
  const searched = inRange.map((r) => modelled[r] as ArcFlashBus);
  const inRangeCurrents = pickCurrents(currents, inRange);
  // No protection anywhere: every arc lasts the cap and no bus needs a search (case9241pegase);
  // branch currents are still needed for the devices an engineer named.
  const noProtection = !doc.switches.some((sw) => sw.protection !== undefined);
  const needsPaths = !noProtection || searched.some((row) => row.bus.arc_flash?.devices);
  const paths = needsPaths ? new FaultPaths(sim, doc, model, index, raw, input.factors) : undefined;
  const vnKv = new Map(doc.buses.map((b) => [b.id, b.vn_kv]));
  const { durations, defaultOpenings } = clearingTimes({
    sim,
    rows: searched,
    currents: inRangeCurrents,
    choices: chooseDevices(doc, searched, paths, noProtection),
    capMs: options.arc_flash_max_duration_s === null ? null : options.arc_flash_max_duration_s * 1000,
    frequencyHz: doc.frequency_hz,
    vnKvOfBus: (bus) => vnKv.get(bus) ?? 1,
  });
  // Energies for the buses with a duration.
  const timed = searched.flatMap((_row, s) => (durations[s]?.noDevice ? [] : [s]));
  const timedInputs = modelInputs(timed.map((s) => searched[s] as ArcFlashBus));
  const energies = incidentEnergies(
    sim,
    timedInputs,
    pickCurrents(inRangeCurrents, timed),
    fill(new Float64Array(timed.length), (e) => durations[timed[e] ?? -1]?.timeMs),
    fill(new Float64Array(timed.length), (e) => durations[timed[e] ?? -1]?.timeMinMs),
  );
  const outcome = new Map<ArcFlashBus, ModelOutcome | ArcingOnly>();
  searched.forEach((row, s) => {
    outcome.set(row, {
      iarcKa: inRangeCurrents.iarcKa[s] ?? Number.NaN,
      iarcMinKa: inRangeCurrents.iarcMinKa[s] ?? Number.NaN,
    });
  });
  timed.forEach((s, e) => {
    const row = searched[s] as ArcFlashBus;
    // The energy stage has its own range codes (a shallow box too small for eq. 14, a duration
    // that is not a positive number, a non-finite result): no number, the reason instead.
    const code = energies.status[e] ?? 0;
    if (code !== 0) {
      const issue = arcFlashRangeIssue(code, timedInputs, e);
      row.status = "out_of_range";
      row.reason = `${issue.field}: ${issue.message}`;
      return;
    }
    outcome.set(row, {
      iarcKa: inRangeCurrents.iarcKa[s] ?? Number.NaN,
      iarcMinKa: inRangeCurrents.iarcMinKa[s] ?? Number.NaN,
      eJcm2: energies.eJcm2[e] ?? Number.NaN,
      afbMm: energies.afbMm[e] ?? Number.NaN,
      eMinJcm2: energies.eMinJcm2[e] ?? Number.NaN,
      afbMinMm: energies.afbMinMm[e] ?? Number.NaN,
      cf: energies.cf[e] ?? Number.NaN,
      enclosure: energies.enclosure[e] ?? -1,
    });
  });
  const durationOf = new Map(searched.map((row, s) => [row, durations[s]]));
  const results = rows.map((row) => resultRow(row, durationOf.get(row), outcome.get(row)));
  return {
    results,
    warnings: arcFlashWarnings(results, defaultOpenings, noProtection),
    columnSolves: paths?.columnSolves ?? 0,
  };
}
