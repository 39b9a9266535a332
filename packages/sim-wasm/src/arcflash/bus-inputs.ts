// The IEEE 1584-2018 inputs of every bus of a study: Voc (the bus's nominal voltage), the bolted
// fault current Ibf (the study's 3ph I''k there) and the equipment data of arc_flash completed
// from the typical values of Tables 8 and 10 (contracts' arcFlashInputs, which names what it
// defaulted). A bus no source feeds, or one missing a value with no typical value, gets its
// status here and no model run.

import {
  type ArcFlashInputs,
  type ArcFlashStatus,
  arcFlashInputs,
  arcFlashVoltageClass,
  type Bus,
  ELECTRODE_CONFIGS,
  type NetworkDocument,
} from "@ampflux/contracts";
import { BUS_RESULT_STRIDE } from "../iec60909/kernels.ts";
import { baseCurrentKa, type ShortCircuitModel } from "../iec60909/model.ts";
import { fill } from "./columns.ts";
import type { ArcModelInputs } from "./kernels.ts";

export interface ArcFlashBus {
  bus: Bus;
  vocKv: number;
  inputs: ArcFlashInputs;
  /** I''k of the study (kA); null when unfed. */
  ibfKa: number | null;
  /** ok until a later phase finds otherwise. */
  status: ArcFlashStatus;
  reason: string | null;
}

const CLASS_NAMES = { lv: "LV", "5kv": "5 kV", "15kv": "15 kV" } as const;

/** Every in-service bus of the study (options.buses when given), in the document's order. */
export function arcFlashBuses(
  doc: NetworkDocument,
  model: ShortCircuitModel,
  index: Int32Array,
  raw: Float64Array,
  only: readonly string[] | undefined,
): ArcFlashBus[] {
  const wanted = only ? new Set(only) : undefined;
  // A bus without arc_flash data takes every value from the tables of its voltage class: one
  // (shared, never changed) set of inputs per class, not thousands of equal ones on large networks.
  const typicalOnly = new Map<string, ArcFlashInputs>();
  const inputsOf = (bus: Bus): ArcFlashInputs => {
    if (bus.arc_flash !== undefined) return arcFlashInputs(bus.arc_flash, bus.vn_kv);
    const voltageClass = arcFlashVoltageClass(bus.vn_kv);
    let inputs = typicalOnly.get(voltageClass);
    if (!inputs) {
      inputs = arcFlashInputs(undefined, bus.vn_kv);
      typicalOnly.set(voltageClass, inputs);
    }
    return inputs;
  };
  return doc.buses
    .filter((bus) => bus.in_service && (!wanted || wanted.has(bus.id)))
    .map((bus): ArcFlashBus => {
      const vocKv = bus.vn_kv;
      const inputs = inputsOf(bus);
      const node = model.nodeOfBus.get(bus.id);
      const k = node === undefined ? -1 : (index[node] ?? -1);
      if (node === undefined || k < 0)
        return { bus, vocKv, inputs, ibfKa: null, status: "unfed", reason: "no source feeds the bus" };
      const ibfKa = (raw[k * BUS_RESULT_STRIDE] ?? Number.NaN) * baseCurrentKa(model.baseKv[node] ?? 1);
      if (inputs.missing.length > 0) {
        const what = `${CLASS_NAMES[arcFlashVoltageClass(vocKv)]} ${inputs.equipment.replace("_", " ")}`;
        const reason = `${inputs.missing.join(", ")}: not given, and IEEE 1584-2018 Tables 8/10 have no typical value for ${what}`;
        return { bus, vocKv, inputs, ibfKa, status: "missing_data", reason };
      }
      return { bus, vocKv, inputs, ibfKa, status: "ok", reason: null };
    });
}

/**
 * A typed array filled by a loop: TypedArray.from with a mapping function goes through the
 * iterator protocol and is about ten times slower in V8, which shows on 10⁴–10⁵ rows.
 */

/** Columnar model inputs of `rows` (enclosure dimensions NaN in open air). */
export function modelInputs(rows: readonly ArcFlashBus[]): ArcModelInputs {
  const column = (value: (row: ArcFlashBus) => number | null) =>
    fill(new Float64Array(rows.length), (i) => value(rows[i] as ArcFlashBus));
  return {
    vocKv: column((r) => r.vocKv),
    ibfKa: column((r) => r.ibfKa),
    config: fill(new Int32Array(rows.length), (i) =>
      ELECTRODE_CONFIGS.indexOf((rows[i] as ArcFlashBus).inputs.config),
    ),
    gapMm: column((r) => r.inputs.gap_mm),
    distanceMm: column((r) => r.inputs.distance_mm),
    heightMm: column((r) => r.inputs.height_mm),
    widthMm: column((r) => r.inputs.width_mm),
    depthMm: column((r) => r.inputs.depth_mm),
  };
}
