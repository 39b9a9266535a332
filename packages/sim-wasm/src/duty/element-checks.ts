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

const hasAny = (element: object, fields: object) =>
  "type" in element && (element as { type?: unknown }).type !== undefined
    ? true
    : Object.keys(fields).some((f) => (element as Record<string, unknown>)[f] !== undefined);

export const isRatedBus = (bus: Bus) => hasAny(bus, busRatingFields);
export const isRatedLine = (line: Line) => hasAny(line, lineConductorFields);
export const isRatedTransformer = (t: Transformer) => hasAny(t, transformerRatingFields);

const unset = (field: string, value: number | undefined) => (value === undefined ? [`${field} not set`] : []);

/** A switchboard: ip vs Ipk and Ith vs Icw referred to tk (IEC 61439-1 §5.3, IEC 62271-200 §5.7). */
export function busChecks(bus: Bus, current: DeviceCurrent, batch: DutyBatch): void {
  const head = { element: bus.id, element_type: "bus" as const };
  batch.direct(
    { ...head, check: "peak_withstand", notes: unset("peak_withstand_ka", bus.peak_withstand_ka) },
    current,
    current.ip,
    bus.peak_withstand_ka,
  );
  const defaulted =
    bus.short_time_ka !== undefined && bus.short_time_s === undefined
      ? [`short_time_s defaulted to ${DEFAULT_SHORT_TIME_S} s`]
      : [];
  batch.shortTime(
    {
      ...head,
      check: "busbar_short_time",
      notes: [...unset("short_time_ka", bus.short_time_ka), ...defaulted],
    },
    current,
    bus.short_time_ka,
    bus.short_time_s ?? DEFAULT_SHORT_TIME_S,
  );
}

/**
 * A cable: Ith²·tk of one circuit vs k²S² (IEC 60364-4-43 §434.5.2, IEC 60949 adiabatic). The
 * fault current divides equally among `parallel` circuits; S is the cross-section per circuit.
 */
export function lineChecks(line: Line, current: DeviceCurrent, batch: DutyBatch): void {
  const k = cableKFactor(line);
  const kNotes =
    k === undefined
      ? ["k_a_s05_mm2 (or conductor and insulation) not set"]
      : line.k_a_s05_mm2 === undefined
        ? [`k = ${k} for ${line.conductor}/${line.insulation} (IEC 60364-4-43 Table 43A)`]
        : [];
  const parallelNote = line.parallel > 1 ? [`Ith shared by ${line.parallel} parallel circuits`] : [];
  batch.cable(
    {
      element: line.id,
      element_type: "line",
      check: "cable_thermal",
      notes: [...kNotes, ...unset("cross_section_mm2", line.cross_section_mm2), ...parallelNote],
    },
    current,
    current.ith / line.parallel,
    k,
    line.cross_section_mm2,
  );
}

/**
 * A transformer: the thermal equivalent of its through-fault current over tk vs through_fault_ka
 * referred to tk from through_fault_s (IEC 60076-5 §4.1.3 and §4.1.4: 2 s unless stated).
 */
export function transformerChecks(t: Transformer, current: DeviceCurrent, batch: DutyBatch): void {
  const defaulted =
    t.through_fault_s === undefined
      ? [`through_fault_s defaulted to ${DEFAULT_THROUGH_FAULT_S} s (IEC 60076-5)`]
      : [];
  // The rating is per transformer; `parallel` identical units share the current equally.
  const share = t.parallel > 1 ? [`current shared by ${t.parallel} parallel units`] : [];
  const perUnit = { ...current, ith: current.ith / t.parallel };
  batch.shortTime(
    {
      element: t.id,
      element_type: "transformer",
      check: "through_fault",
      notes: [...unset("through_fault_ka", t.through_fault_ka), ...defaulted, ...share],
    },
    perUnit,
    t.through_fault_ka,
    t.through_fault_s ?? DEFAULT_THROUGH_FAULT_S,
  );
}
