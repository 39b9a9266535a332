// Collects the checks of a study, then evaluates them with one call per duty kernel (vectorised,
// rust/src/ffi_duty.rs) and fills value, rating, percent and status.

import { type DutyCheck, dutyStatus } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import type { DeviceCurrent } from "./device-current.ts";
import { BREAKING_STRIDE, breakingDuty, cableDuty, shortTimeRatings } from "./kernels.ts";

/** A check before evaluation: everything but the numbers. */
export type CheckHead = Pick<DutyCheck, "element" | "element_type" | "kind" | "check" | "notes">;

const orNaN = (x: number | undefined) => x ?? Number.NaN;
const orNull = (x: number) => (Number.isFinite(x) ? x : null);

interface Breaking {
  row: DutyCheck;
  current: DeviceCurrent;
  tOpS: number;
  tauS: number;
  iscKa: number;
}
interface ShortTime {
  row: DutyCheck;
  ratingKa: number;
  ratingS: number;
}
interface Cable {
  row: DutyCheck;
  ithKa: number;
  k: number;
  sMm2: number;
}

export class DutyBatch {
  readonly #rows: DutyCheck[] = [];
  readonly #breaking: Breaking[] = [];
  readonly #shortTime: ShortTime[] = [];
  readonly #cable: Cable[] = [];

  #row(head: CheckHead, current: DeviceCurrent, value: number, rating: number | undefined): DutyCheck {
    const notes = current.fed ? [...head.notes] : [...head.notes, "bus not fed"];
    const row: DutyCheck = {
      ...head,
      bus: current.bus,
      value: orNull(value),
      rating: rating ?? null,
      unit: head.check === "cable_thermal" ? "kA²s" : "kA",
      percent: null,
      status: "missing rating",
      notes,
    };
    if (row.kind === undefined) delete row.kind;
    this.#rows.push(row);
    return row;
  }

  /** A current compared with a rating as it is (kA). */
  direct(head: CheckHead, current: DeviceCurrent, value: number, ratingKa: number | undefined): void {
    this.#row(head, current, value, ratingKa);
  }

  /** I_b,asym vs the rated asymmetrical breaking current (IEC 62271-100 §4.101.2). */
  breakingAsym(
    head: CheckHead,
    current: DeviceCurrent,
    tOpS: number,
    tauS: number,
    iscKa: number | undefined,
  ): void {
    const row = this.#row(head, current, Number.NaN, undefined);
    this.#breaking.push({ row, current, tOpS, tauS, iscKa: orNaN(iscKa) });
  }

  /** Ith over tk vs a short-time rating referred to tk. */
  shortTime(head: CheckHead, current: DeviceCurrent, ratingKa: number | undefined, ratingS: number): void {
    const row = this.#row(head, current, current.ith, undefined);
    this.#shortTime.push({ row, ratingKa: orNaN(ratingKa), ratingS });
  }

  /** Ith²·tk of one circuit vs k²S² (kA²s). */
  cable(
    head: CheckHead,
    current: DeviceCurrent,
    ithKa: number,
    k: number | undefined,
    sMm2: number | undefined,
  ): void {
    const row = this.#row(head, current, Number.NaN, undefined);
    this.#cable.push({ row, ithKa, k: orNaN(k), sMm2: orNaN(sMm2) });
  }

  /** Runs the kernels and returns every check with its numbers and status (unsorted). */
  evaluate(sim: SimExports, fHz: number, tkS: number): DutyCheck[] {
    this.#evaluateBreaking(sim, fHz);
    const ratings = shortTimeRatings(
      sim,
      tkS,
      Float64Array.from(this.#shortTime, (s) => s.ratingKa),
      Float64Array.from(this.#shortTime, (s) => s.ratingS),
    );
    this.#shortTime.forEach((s, r) => {
      s.row.rating = orNull(ratings[r] ?? Number.NaN);
    });
    const cables = cableDuty(
      sim,
      tkS,
      Float64Array.from(this.#cable, (c) => c.ithKa),
      Float64Array.from(this.#cable, (c) => c.k),
      Float64Array.from(this.#cable, (c) => c.sMm2),
    );
    this.#cable.forEach((c, r) => {
      c.row.value = orNull(cables[2 * r] ?? Number.NaN);
      c.row.rating = orNull(cables[2 * r + 1] ?? Number.NaN);
    });
    for (const row of this.#rows) {
      row.percent = row.value !== null && row.rating !== null ? (row.value / row.rating) * 100 : null;
      row.status = dutyStatus(row.percent);
    }
    return this.#rows;
  }

  #evaluateBreaking(sim: SimExports, fHz: number): void {
    const b = this.#breaking;
    const out = breakingDuty(sim, {
      fHz,
      ikss: Float64Array.from(b, (x) => x.current.ikss),
      ib: Float64Array.from(b, (x) => x.current.ib),
      rOverX: Float64Array.from(b, (x) => x.current.rOverX),
      tOpS: Float64Array.from(b, (x) => x.tOpS),
      tauS: Float64Array.from(b, (x) => x.tauS),
      isc: Float64Array.from(b, (x) => x.iscKa),
    });
    b.forEach((x, r) => {
      const at = (i: number) => out[r * BREAKING_STRIDE + i] ?? Number.NaN;
      x.row.value = orNull(at(1));
      x.row.rating = orNull(at(3));
      const dcPercent = at(2);
      if (Number.isFinite(dcPercent) && x.current.fed)
        x.row.notes.push(
          `i_DC ${at(0).toFixed(3)} kA at contact parting; rated DC ${dcPercent.toFixed(1)} % at ${(x.tOpS * 1000).toFixed(0)} ms`,
        );
    });
  }
}
