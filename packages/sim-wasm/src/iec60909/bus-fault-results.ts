// The per-bus results of a study in physical units (kA, MVA, ohm) from the per-unit output of
// the bus-result kernel, and the warnings about buses (unfed, no earth path, capacitive).

import type { BusFaultResult, NetworkDocument, NetworkIssue, ShortCircuitOptions } from "@ampflux/contracts";
import { BUS_RESULT_STRIDE } from "./kernels.ts";
import { baseCurrentKa, baseImpedanceOhm, type ShortCircuitModel } from "./model.ts";

/** The result of a bus no source feeds. */
export const UNFED: Omit<BusFaultResult, "bus"> = {
  fed: false,
  ikss_ka: null,
  skss_mva: null,
  rk_ohm: null,
  xk_ohm: null,
  r0_ohm: null,
  x0_ohm: null,
  kappa: null,
  ip_ka: null,
  ib_ka: null,
  ith_ka: null,
  ike_ka: null,
};

export interface BusResultInputs {
  doc: NetworkDocument;
  model: ShortCircuitModel;
  options: ShortCircuitOptions;
  /** Positive-sequence matrix index per node (−1: unfed). */
  index: Int32Array;
  z1: Float64Array;
  /** Non-finite where no earth path exists; Infinity everywhere for faults without earth. */
  z0: Float64Array;
  /** BUS_RESULT_STRIDE values per bus from busResults(). */
  raw: Float64Array;
}

export function busFaultResults({
  doc,
  model,
  options,
  index,
  z1,
  z0,
  raw,
}: BusResultInputs): BusFaultResult[] {
  const earth = options.fault === "1ph" || options.fault === "2ph_earth";
  const wanted = options.buses ? new Set(options.buses) : undefined;
  // All buses unless some are asked for: no copy of the whole list for the usual study.
  const buses = wanted ? doc.buses.filter((b) => wanted.has(b.id)) : doc.buses;
  return buses.map((bus): BusFaultResult => {
    const node = model.nodeOfBus.get(bus.id);
    const k = node === undefined ? -1 : (index[node] ?? -1);
    if (node === undefined || k < 0) return { bus: bus.id, ...UNFED };
    const kv = model.baseKv[node] ?? 1;
    const ib = baseCurrentKa(kv);
    const zb = baseImpedanceOhm(kv);
    const r = (i: number) => (raw[k * BUS_RESULT_STRIDE + i] ?? 0) * ib;
    const ikss = r(0);
    const hasEarth = Number.isFinite(z0[2 * k]);
    return {
      bus: bus.id,
      fed: true,
      ikss_ka: ikss,
      skss_mva: Math.sqrt(3) * kv * ikss,
      rk_ohm: (z1[2 * k] ?? 0) * zb,
      xk_ohm: (z1[2 * k + 1] ?? 0) * zb,
      r0_ohm: earth && hasEarth ? (z0[2 * k] ?? 0) * zb : null,
      x0_ohm: earth && hasEarth ? (z0[2 * k + 1] ?? 0) * zb : null,
      kappa: raw[k * BUS_RESULT_STRIDE + 2] ?? 0,
      ip_ka: r(3),
      ib_ka: r(4),
      ith_ka: r(5),
      ike_ka: r(1),
    };
  });
}

/** One warning per kind of notable bus, naming the first ten. */
export function busWarnings(buses: BusFaultResult[], earth: boolean): NetworkIssue[] {
  const listed = (what: string, ids: string[]) =>
    ids.length === 0
      ? []
      : [
          {
            path: ["buses"],
            message: `${ids.length} bus(es) ${what}: ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", …" : ""}`,
          },
        ];
  return [
    ...listed(
      "fed by no source",
      buses.filter((b) => !b.fed).map((b) => b.bus),
    ),
    ...listed(
      "without an earth path, so no earth-fault current",
      earth ? buses.filter((b) => b.fed && b.r0_ohm === null).map((b) => b.bus) : [],
    ),
    ...listed(
      "with a net capacitive reactance at the fault (κ uses |X|)",
      buses.filter((b) => (b.xk_ohm ?? 0) < 0).map((b) => b.bus),
    ),
  ];
}
