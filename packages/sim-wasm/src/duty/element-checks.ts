// The checks of switchboards (buses), cables (lines) and transformers. Each is checked only when
// it has a type or a rating field; the rest are counted in one warning by evaluate-duty.ts.

import {
  type Bus,
  busRatingFields,
  cableKFactor,
  type Line,
  lineConductorFields,
  type Transformer,
  transformerRatingFields,
} from "@ampflux/contracts";
import { DEFAULT_SHORT_TIME_S, DEFAULT_THROUGH_FAULT_S } from "./defaults.ts";
import type { DeviceCurrent } from "./device-current.ts";
import type { DutyBatch } from "./duty-batch.ts";

const BUS_RATINGS = Object.keys(busRatingFields);
const LINE_RATINGS = Object.keys(lineConductorFields);
const TRANSFORMER_RATINGS = Object.keys(transformerRatingFields);

/** Has a type or any of the rating `fields`. */
function isRated(element: { type?: string | undefined }, fields: readonly string[]): boolean {
  if (element.type !== undefined) return true;
  const row = element as Record<string, unknown>;
  return fields.some((f) => row[f] !== undefined);
}

export const isRatedBus = (bus: Bus) => isRated(bus, BUS_RATINGS);
export const isRatedLine = (line: Line) => isRated(line, LINE_RATINGS);
export const isRatedTransformer = (t: Transformer) => isRated(t, TRANSFORMER_RATINGS);

/** `notes` with "<field> not set" added when the value is missing. */
function ifUnset(notes: string[], field: string, value: number | undefined): string[] {
  if (value === undefined) notes.push(`${field} not set`);
  return notes;
}

/** A switchboard: ip vs Ipk and Ith vs Icw referred to tk (IEC 61439-1 §5.3, IEC 62271-200 §5.7). */
export function busChecks(bus: Bus, current: DeviceCurrent, batch: DutyBatch): void {
  const element = { id: bus.id, type: "bus" as const };
  const peak = ifUnset([], "peak_withstand_ka", bus.peak_withstand_ka);
  batch.direct(element, "peak_withstand", current, current.ip, bus.peak_withstand_ka, peak);
  const shortTime = ifUnset([], "short_time_ka", bus.short_time_ka);
  if (bus.short_time_ka !== undefined && bus.short_time_s === undefined)
    shortTime.push(`short_time_s defaulted to ${DEFAULT_SHORT_TIME_S} s`);
  batch.shortTime(
    element,
    "busbar_short_time",
    current,
    bus.short_time_ka,
    bus.short_time_s ?? DEFAULT_SHORT_TIME_S,
    shortTime,
  );
}

/**
 * A cable: Ith²·tk of one circuit vs k²S² (IEC 60364-4-43 §434.5.2, IEC 60949 adiabatic). The
 * fault current divides equally among `parallel` circuits; S is the cross-section per circuit.
 */
export function lineChecks(line: Line, current: DeviceCurrent, batch: DutyBatch): void {
  const k = cableKFactor(line);
  const notes: string[] = [];
  if (k === undefined) notes.push("k_a_s05_mm2 (or conductor and insulation) not set");
  else if (line.k_a_s05_mm2 === undefined)
    notes.push(
      `k = ${k} for ${line.conductor}/${line.insulation} (${line.insulation === "bare" ? "IEC 60364-5-54 Table A.54.5" : "IEC 60364-4-43 Table 43A"})`,
    );
  ifUnset(notes, "cross_section_mm2", line.cross_section_mm2);
  if (line.parallel > 1) notes.push(`Ith shared by ${line.parallel} parallel circuits`);
  const element = { id: line.id, type: "line" as const };
  batch.cable(element, current, current.ith / line.parallel, k, line.cross_section_mm2, notes);
}

/**
 * A transformer: the thermal equivalent of its through-fault current over tk vs through_fault_ka
 * referred to tk from through_fault_s (IEC 60076-5 §4.1.3 and §4.1.4: 2 s unless stated).
 */
export function transformerChecks(t: Transformer, current: DeviceCurrent, batch: DutyBatch): void {
  const notes = ifUnset([], "through_fault_ka", t.through_fault_ka);
  if (t.through_fault_s === undefined)
    notes.push(`through_fault_s defaulted to ${DEFAULT_THROUGH_FAULT_S} s (IEC 60076-5)`);
  // The rating is per transformer; `parallel` identical units share the current equally.
  if (t.parallel > 1) notes.push(`current shared by ${t.parallel} parallel units`);
  const perUnit = { ...current, ith: current.ith / t.parallel };
  const element = { id: t.id, type: "transformer" as const };
  batch.shortTime(
    element,
    "through_fault",
    perUnit,
    t.through_fault_ka,
    t.through_fault_s ?? DEFAULT_THROUGH_FAULT_S,
    notes,
  );
}
