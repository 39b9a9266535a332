// Collects the checks of a study, then evaluates them with one call per duty kernel (vectorised,
// rust/src/ffi_duty.rs) and builds the DutyCheck rows. Large networks have hundreds of thousands
// of checks, so everything is gathered in columns and each row is created once, with its final
// numbers (objects whose fields later change type cost V8 a migration each).

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

/**
 * Which kernel gives a check its numbers: none (value and rating as given), breaking (value
 * I_b,asym, rating the rated asymmetrical breaking current), short-time (rating referred to
 * tk), cable (value Ith²·tk, rating k²S²).
 */
const Kernel = { None: 0, Breaking: 1, ShortTime: 2, Cable: 3 } as const;
type Kernel = (typeof Kernel)[keyof typeof Kernel];

export class DutyBatch {
  // One entry per check.
  readonly #element: CheckedElement[] = [];
  readonly #check: DutyCheckName[] = [];
  readonly #bus: string[] = [];
  readonly #value: number[] = [];
  readonly #rating: number[] = [];
  readonly #notes: string[][] = [];
  readonly #kernel: Kernel[] = [];
  // Kernel inputs, one entry per check of that kernel, in the order of the checks.
  readonly #breaking = {
    ikss: [] as number[],
    ib: [] as number[],
    rx: [] as number[],
    tOp: [] as number[],
    tau: [] as number[],
    isc: [] as number[],
  };
  readonly #shortTime = { ratingKa: [] as number[], ratingS: [] as number[] };
  readonly #cable = { ith: [] as number[], k: [] as number[], s: [] as number[] };

  #add(
    element: CheckedElement,
    check: DutyCheckName,
    current: DeviceCurrent,
    value: number,
    rating: number | undefined,
    notes: string[],
    kernel: Kernel,
  ): void {
    if (!current.fed) notes.push("bus not fed");
    this.#element.push(element);
    this.#check.push(check);
    this.#bus.push(current.bus);
    this.#value.push(value);
    this.#rating.push(rating ?? Number.NaN);
    this.#notes.push(notes);
    this.#kernel.push(kernel);
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
    this.#add(element, check, current, value, ratingKa, notes, Kernel.None);
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
    this.#add(element, "breaking_asym", current, Number.NaN, undefined, notes, Kernel.Breaking);
    const b = this.#breaking;
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
    this.#add(element, check, current, current.ith, undefined, notes, Kernel.ShortTime);
    this.#shortTime.ratingKa.push(ratingKa ?? Number.NaN);
    this.#shortTime.ratingS.push(ratingS);
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
    this.#add(element, "cable_thermal", current, Number.NaN, undefined, notes, Kernel.Cable);
    this.#cable.ith.push(ithKa);
    this.#cable.k.push(k ?? Number.NaN);
    this.#cable.s.push(sMm2 ?? Number.NaN);
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
    const shortTime = shortTimeRatings(sim, tkS, f64(this.#shortTime.ratingKa), f64(this.#shortTime.ratingS));
    const c = this.#cable;
    const cable = cableDuty(sim, tkS, f64(c.ith), f64(c.k), f64(c.s));
    const next = [0, 0, 0, 0];
    return this.#element.map((element, i) => {
      const kernel = this.#kernel[i] as Kernel;
      const k = next[kernel] as number;
      next[kernel] = k + 1;
      let value = this.#value[i] as number;
      let rating = this.#rating[i] as number;
      if (kernel === Kernel.Breaking) {
        value = breaking[k * BREAKING_STRIDE + 1] as number;
        rating = breaking[k * BREAKING_STRIDE + 3] as number;
      } else if (kernel === Kernel.ShortTime) {
        rating = shortTime[k] as number;
      } else if (kernel === Kernel.Cable) {
        value = cable[2 * k] as number;
        rating = cable[2 * k + 1] as number;
      }
      return checkRow(
        element,
        this.#check[i] as DutyCheckName,
        this.#bus[i] as string,
        value,
        rating,
        this.#notes[i] ?? [],
      );
    });
  }
}

/** A finished row; NaN (missing, unfed) becomes null. Two literal shapes, with and without kind. */
function checkRow(
  element: CheckedElement,
  check: DutyCheckName,
  bus: string,
  value: number,
  rating: number,
  notes: string[],
): DutyCheck {
  const v = Number.isFinite(value) ? value : null;
  const r = Number.isFinite(rating) ? rating : null;
  const percent = v !== null && r !== null ? (v / r) * 100 : null;
  const status = dutyStatus(percent);
  const unit = check === "cable_thermal" ? "kA²s" : "kA";
  const { id, type, kind } = element;
  return kind === undefined
    ? { element: id, element_type: type, check, bus, value: v, rating: r, unit, percent, status, notes }
    : {
        element: id,
        element_type: type,
        kind,
        check,
        bus,
        value: v,
        rating: r,
        unit,
        percent,
        status,
        notes,
      };
}
