// Collects the checks of a study, then evaluates them with one call per duty kernel (vectorised,
// rust/src/ffi_duty.rs) and fills value, rating, percent and status. Large networks have
// hundreds of thousands of checks, so rows are built once in their final shape and the kernel
// inputs are gathered as plain number columns.

import {
  type DutyCheck,
  type DutyCheckName,
  type DutyElementType,
  dutyStatus,
  type SwitchKind,
} from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import type { DeviceCurrent } from "./device-current.ts";
import { BREAKING_STRIDE, breakingDuty, cableDuty, shortTimeRatings } from "./kernels.ts";

/** The element a check belongs to; one per element, shared by its checks. */
export interface CheckedElement {
  id: string;
  type: DutyElementType;
  /** Switches: the kind the checks were chosen by. */
  kind?: SwitchKind;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export class DutyBatch {
  readonly #rows: DutyCheck[] = [];
  // Kernel inputs, one entry per check of that kernel, and the rows they fill.
  readonly #breaking = {
    rows: [] as DutyCheck[],
    ikss: [] as number[],
    ib: [] as number[],
    rx: [] as number[],
    tOp: [] as number[],
    tau: [] as number[],
    isc: [] as number[],
  };
  readonly #shortTime = { rows: [] as DutyCheck[], ratingKa: [] as number[], ratingS: [] as number[] };
  readonly #cable = { rows: [] as DutyCheck[], ith: [] as number[], k: [] as number[], s: [] as number[] };

  #row(
    element: CheckedElement,
    check: DutyCheckName,
    current: DeviceCurrent,
    value: number,
    rating: number | undefined,
    notes: string[],
  ): DutyCheck {
    if (!current.fed) notes.push("bus not fed");
    const unit = check === "cable_thermal" ? "kA²s" : "kA";
    const [bus, v, r] = [current.bus, finiteOrNull(value), rating ?? null];
    // Two literal shapes (with and without kind) keep the rows' hidden classes few and fixed.
    const row: DutyCheck =
      element.kind === undefined
        ? {
            element: element.id,
            element_type: element.type,
            check,
            bus,
            value: v,
            rating: r,
            unit,
            percent: null,
            status: "missing rating",
            notes,
          }
        : {
            element: element.id,
            element_type: element.type,
            kind: element.kind,
            check,
            bus,
            value: v,
            rating: r,
            unit,
            percent: null,
            status: "missing rating",
            notes,
          };
    this.#rows.push(row);
    return row;
  }

  /** A current compared with a rating as it is (kA). */
  direct(
    element: CheckedElement,
    check: DutyCheckName,
    current: DeviceCurrent,
    value: number,
    ratingKa: number | undefined,
    notes: string[],
  ): void {
    this.#row(element, check, current, value, ratingKa, notes);
  }

  /** I_b,asym vs the rated asymmetrical breaking current (IEC 62271-100 §4.101.2). */
  breakingAsym(
    element: CheckedElement,
    current: DeviceCurrent,
    tOpS: number,
    tauS: number,
    iscKa: number | undefined,
    notes: string[],
  ): void {
    const b = this.#breaking;
    b.rows.push(this.#row(element, "breaking_asym", current, Number.NaN, undefined, notes));
    b.ikss.push(current.ikss);
    b.ib.push(current.ib);
    b.rx.push(current.rOverX);
    b.tOp.push(tOpS);
    b.tau.push(tauS);
    b.isc.push(iscKa ?? Number.NaN);
  }

  /** Ith over tk vs a short-time rating referred to tk. */
  shortTime(
    element: CheckedElement,
    check: DutyCheckName,
    current: DeviceCurrent,
    ratingKa: number | undefined,
    ratingS: number,
    notes: string[],
  ): void {
    const s = this.#shortTime;
    s.rows.push(this.#row(element, check, current, current.ith, undefined, notes));
    s.ratingKa.push(ratingKa ?? Number.NaN);
    s.ratingS.push(ratingS);
  }

  /** Ith²·tk of one circuit vs k²S² (kA²s). */
  cable(
    element: CheckedElement,
    current: DeviceCurrent,
    ithKa: number,
    k: number | undefined,
    sMm2: number | undefined,
    notes: string[],
  ): void {
    const c = this.#cable;
    c.rows.push(this.#row(element, "cable_thermal", current, Number.NaN, undefined, notes));
    c.ith.push(ithKa);
    c.k.push(k ?? Number.NaN);
    c.s.push(sMm2 ?? Number.NaN);
  }

  /** Runs the kernels and returns every check with its numbers and status (unsorted). */
  evaluate(sim: SimExports, fHz: number, tkS: number): DutyCheck[] {
    const f64 = (values: number[]) => new Float64Array(values);
    const b = this.#breaking;
    const breaking = breakingDuty(sim, {
      fHz,
      ikss: f64(b.ikss),
      ib: f64(b.ib),
      rOverX: f64(b.rx),
      tOpS: f64(b.tOp),
      tauS: f64(b.tau),
      isc: f64(b.isc),
    });
    b.rows.forEach((row, r) => {
      row.value = finiteOrNull(breaking[r * BREAKING_STRIDE + 1] ?? Number.NaN);
      row.rating = finiteOrNull(breaking[r * BREAKING_STRIDE + 3] ?? Number.NaN);
    });
    const s = this.#shortTime;
    const ratings = shortTimeRatings(sim, tkS, f64(s.ratingKa), f64(s.ratingS));
    s.rows.forEach((row, r) => {
      row.rating = finiteOrNull(ratings[r] ?? Number.NaN);
    });
    const c = this.#cable;
    const cables = cableDuty(sim, tkS, f64(c.ith), f64(c.k), f64(c.s));
    c.rows.forEach((row, r) => {
      row.value = finiteOrNull(cables[2 * r] ?? Number.NaN);
      row.rating = finiteOrNull(cables[2 * r + 1] ?? Number.NaN);
    });
    for (const row of this.#rows) {
      row.percent = row.value !== null && row.rating !== null ? (row.value / row.rating) * 100 : null;
      row.status = dutyStatus(row.percent);
    }
    return this.#rows;
  }
}
