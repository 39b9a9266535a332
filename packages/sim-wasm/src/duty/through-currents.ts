// `duty_current: "through"`: the current through a device at one end of a branch, for a fault on
// either side of it. With c the current branch e feeds into a fault at bus b (a phasor, from
// the branch-end machinery of branch-results.ts, with Z between b and its neighbours from one
// selected inversion per sequence), a fault at b drives c through the device (fault on the bus
// side), and a fault just beyond the device on the branch side drives everything else at b,
// I''k(b) − c. The device sees the larger: max(|c|, |I''k(b) − c|), per phase for unbalanced
// faults. An open switch's branch end carries nothing (c = 0): closing it onto a fault beyond
// it meets all of I''k(b).

import type { FaultType } from "@ampflux/contracts";
import { FaultSequences, faultSequenceCurrents, phaseCurrents } from "../iec60909/branch-results.ts";
import { abs, add, type Cx, cx } from "../iec60909/complex.ts";
import { baseCurrentKa, type ShortCircuitModel } from "../iec60909/model.ts";
import type { SimExports } from "../loader.ts";
import { type BusFaultCurrents, type DeviceCurrent, scaledTo } from "./device-current.ts";

const largestPhase = (sequence: readonly Cx[]) => Math.max(...phaseCurrents(sequence).map(abs));

interface EndCurrents {
  /** Sequence currents into the elements at the fault node, keyed "id\nnode". */
  into: Map<string, Cx[]>;
  /** Sequence currents drawn at the fault. */
  fault: Cx[];
}

export class ThroughCurrents implements Disposable {
  readonly #model: ShortCircuitModel;
  readonly #raw: Float64Array;
  readonly #buses: BusFaultCurrents;
  readonly #sequences: FaultSequences;
  /** Per fault node, computed on first use. */
  readonly #byNode = new Map<number, EndCurrents>();

  constructor(
    sim: SimExports,
    model: ShortCircuitModel,
    index: Int32Array,
    raw: Float64Array,
    fault: FaultType,
    buses: BusFaultCurrents,
  ) {
    this.#model = model;
    this.#raw = raw;
    this.#buses = buses;
    this.#sequences = new FaultSequences(sim, model, index, fault === "1ph" || fault === "2ph_earth");
  }

  /**
   * The sequence currents (per unit) into element e at `bus` for a fault there, the fault's own
   * sequence currents, and the bus's base current (kA) they scale by.
   */
  #ends(bus: string, element: string): { into: Cx[]; fault: Cx[]; base: number } | undefined {
    const node = this.#model.nodeOfBus.get(bus);
    const k = this.#buses.indexOf(bus);
    if (node === undefined || k < 0) return undefined;
    let ends = this.#byNode.get(node);
    if (!ends) {
      const fault = faultSequenceCurrents(this.#raw, k);
      ends = { into: this.#sequences.incidentCurrents(node, fault), fault };
      this.#byNode.set(node, ends);
    }
    const zero = [cx(0, 0), cx(0, 0), cx(0, 0)];
    const into = ends.into.get(`${element}\n${node}`) ?? zero;
    return { into, fault: ends.fault, base: baseCurrentKa(this.#model.baseKv[node] ?? 1) };
  }

  /** max(|c|, |I''k(b) − c|) for the device at bus b on element e. */
  device(element: string, bus: string): DeviceCurrent {
    const at = this.#buses.at(bus);
    const ends = this.#ends(bus, element);
    if (!ends || !at.fed) return at;
    // c = −into, so I''k − c = I''k + into, sequence by sequence.
    const beyond = ends.fault.map((f, s) => add(f, ends.into[s] ?? cx(0, 0)));
    const through = Math.max(largestPhase(ends.into), largestPhase(beyond)) * ends.base;
    return scaledTo(at, through);
  }

  /** |c|: only what element e feeds into a fault at b (a transformer's through-fault current). */
  fedInto(element: string, bus: string): DeviceCurrent {
    const at = this.#buses.at(bus);
    const ends = this.#ends(bus, element);
    if (!ends || !at.fed) return at;
    return scaledTo(at, largestPhase(ends.into) * ends.base);
  }

  dispose(): void {
    this.#sequences.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
