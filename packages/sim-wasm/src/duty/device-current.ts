// The fault currents a device is checked against, in kA: at a bus (the total fault current,
// read from the bus-result kernel's output) or scaled to a part of it (the current through the
// device, see through-currents.ts).

import { BUS_RESULT_STRIDE } from "../iec60909/kernels.ts";
import { baseCurrentKa, type ShortCircuitModel } from "../iec60909/model.ts";

export interface DeviceCurrent {
  /** The bus whose fault gives these currents. */
  bus: string;
  /** false: no source feeds the bus; every current is NaN. */
  fed: boolean;
  ikss: number;
  ip: number;
  ib: number;
  ith: number;
  /** R/X of the κ method at the fault, for the d.c. component (IEC 60909-0 eq. 64). */
  rOverX: number;
}

const unfed = (bus: string): DeviceCurrent => ({
  bus,
  fed: false,
  ikss: Number.NaN,
  ip: Number.NaN,
  ib: Number.NaN,
  ith: Number.NaN,
  rOverX: Number.NaN,
});

/** The larger of two currents by I''k; an unfed one never wins over a fed one. */
export function larger(a: DeviceCurrent, b: DeviceCurrent): DeviceCurrent {
  if (!b.fed) return a;
  if (!a.fed) return b;
  return b.ikss > a.ikss ? b : a;
}

/**
 * A part `ikss` of the fault current at the same bus: ip, Ib and Ith scale with I''k, i.e. the
 * part is taken to have the bus's κ, Ib/I''k and Ith/I''k (one R/X at the fault, §8.3.1 method B/C).
 */
export function scaledTo(at: DeviceCurrent, ikss: number): DeviceCurrent {
  if (!at.fed || !(at.ikss > 0)) return { ...at, ikss: at.fed ? 0 : Number.NaN };
  const f = ikss / at.ikss;
  return { ...at, ikss, ip: at.ip * f, ib: at.ib * f, ith: at.ith * f };
}

/** The total fault current at each bus of a study. */
export class BusFaultCurrents {
  readonly #model: ShortCircuitModel;
  readonly #index: Int32Array;
  readonly #raw: Float64Array;
  /** Every device at a bus shares its currents: read them once. */
  readonly #cache = new Map<string, DeviceCurrent>();

  constructor(model: ShortCircuitModel, index: Int32Array, raw: Float64Array) {
    this.#model = model;
    this.#index = index;
    this.#raw = raw;
  }

  /** Matrix index of the bus's node; −1 when it is unfed or out of service. */
  indexOf(bus: string): number {
    const node = this.#model.nodeOfBus.get(bus);
    return node === undefined ? -1 : (this.#index[node] ?? -1);
  }

  at(bus: string): DeviceCurrent {
    let current = this.#cache.get(bus);
    if (!current) {
      current = this.#read(bus);
      this.#cache.set(bus, current);
    }
    return current;
  }

  #read(bus: string): DeviceCurrent {
    const node = this.#model.nodeOfBus.get(bus);
    const k = this.indexOf(bus);
    if (node === undefined || k < 0) return unfed(bus);
    const base = baseCurrentKa(this.#model.baseKv[node] ?? 1);
    const value = (i: number) => this.#raw[k * BUS_RESULT_STRIDE + i] ?? Number.NaN;
    return {
      bus,
      fed: true,
      ikss: value(0) * base,
      ip: value(3) * base,
      ib: value(4) * base,
      ith: value(5) * base,
      rOverX: value(12),
    };
  }
}
