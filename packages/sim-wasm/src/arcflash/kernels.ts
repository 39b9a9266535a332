// Typed wrappers over the IEEE 1584-2018 model (rust/src/ffi_arcflash.rs) and the protective
// devices' clearing times (rust/src/ffi_protection.rs). Columnar rows in, columnar results out;
// a row outside the model's range (IEEE 1584-2018 §4.2) has a status code and NaN results,
// which arcFlashRangeIssue turns into the field and the reason. Units: kV, kA, mm, ms, J/cm².

import {
  ELECTRODE_CONFIGS,
  type ElectrodeConfig,
  PROTECTION_CURVES,
  type SwitchProtection,
} from "@ampflux/contracts";
import { check } from "../errors.ts";
import type { SimExports } from "../loader.ts";
import { allocF64, allocI32, copyInF64, copyInI32, viewF64, viewI32, withBuffers } from "../memory.ts";
import { f64Column, fill, i32Column } from "./columns.ts";

/** Values per row of ampflux_arcflash_currents (CURRENT_STRIDE in the crate). */
export const CURRENT_STRIDE = 9;
/** Values per row of ampflux_arcflash_energies (ENERGY_STRIDE in the crate). */
export const ENERGY_STRIDE = 20;

/** Columnar inputs, n rows; config = index into ELECTRODE_CONFIGS; enclosure dims NaN in open air. */
export interface ArcModelInputs {
  vocKv: Float64Array;
  ibfKa: Float64Array;
  config: Int32Array;
  gapMm: Float64Array;
  distanceMm: Float64Array;
  heightMm: Float64Array;
  widthMm: Float64Array;
  depthMm: Float64Array;
}

/** One row of the model's inputs as an object (enclosure dimensions absent in open air). */
export interface ArcModelRow {
  voc_kv: number;
  ibf_ka: number;
  config: ElectrodeConfig;
  gap_mm: number;
  distance_mm: number;
  height_mm?: number | null;
  width_mm?: number | null;
  depth_mm?: number | null;
}

export const configIndex = (config: ElectrodeConfig): number => ELECTRODE_CONFIGS.indexOf(config);

/** Rows as the columns the kernels take; missing enclosure dimensions become NaN. */
export function arcModelInputs(rows: readonly ArcModelRow[]): ArcModelInputs {
  const column = (pick: (r: ArcModelRow) => number | null | undefined) => f64Column(rows, pick);
  return {
    vocKv: column((r) => r.voc_kv),
    ibfKa: column((r) => r.ibf_ka),
    config: i32Column(rows, (r) => configIndex(r.config)),
    gapMm: column((r) => r.gap_mm),
    distanceMm: column((r) => r.distance_mm),
    heightMm: column((r) => r.height_mm),
    widthMm: column((r) => r.width_mm),
    depthMm: column((r) => r.depth_mm),
  };
}

export interface ArcingCurrents {
  iarcKa: Float64Array;
  iarcMinKa: Float64Array;
  varcf: Float64Array;
  /**
   * Intermediate arcing currents (eq. 1) at 600, 2700 and 14 300 V, three per row, full and
   * reduced (eq. 2 applied to each). At or below 600 V only the 600 V full value is used (eq. 25).
   */
  levelsKa: Float64Array;
  levelsMinKa: Float64Array;
  /** 0 ok, else a range code; rows with a code have NaN results. */
  status: Int32Array;
}

export interface IncidentEnergies {
  eJcm2: Float64Array;
  afbMm: Float64Array;
  eMinJcm2: Float64Array;
  afbMinMm: Float64Array;
  cf: Float64Array;
  /** 0 typical, 1 shallow, 2 open air (−1 where the row has a status code) */
  enclosure: Int32Array;
  status: Int32Array;
  /** Equivalent enclosure size EES, Width1 and Height1 of Table 6 (in; NaN in open air). */
  eesIn: Float64Array;
  widthIn: Float64Array;
  heightIn: Float64Array;
  /**
   * Intermediate energies and boundaries at 600, 2700 and 14 300 V, three per row, for the full
   * and the reduced case (eq. 3–5, 7–9); NaN at or below 600 V, where eq. 6 and 10 give them directly.
   */
  levelsJcm2: Float64Array;
  levelsAfbMm: Float64Array;
  levelsMinJcm2: Float64Array;
  levelsMinAfbMm: Float64Array;
}

type Put = (values: Float64Array) => number;

function inputPointers(input: ArcModelInputs, put: Put, putI32: (v: Int32Array) => number) {
  return [
    put(input.vocKv),
    put(input.ibfKa),
    putI32(input.config),
    put(input.gapMm),
    put(input.distanceMm),
    put(input.heightMm),
    put(input.widthMm),
    put(input.depthMm),
  ] as const;
}

function checkLengths(input: ArcModelInputs, ...more: Float64Array[]): number {
  const n = input.vocKv.length;
  const columns = [...Object.values(input), ...more] as ArrayLike<number>[];
  if (columns.some((c) => c.length !== n))
    throw new RangeError("arc-flash kernels: every column needs n rows");
  return n;
}

/** Every column of a stride-packed buffer: column(k) holds value k of each row. */
const unpack = (raw: Float64Array, n: number, stride: number, k: number) =>
  fill(new Float64Array(n), (row) => raw[row * stride + k]);

/** Three consecutive values per row from offset k, as one n×3 array. */
const unpack3 = (raw: Float64Array, n: number, stride: number, k: number) => {
  const out = new Float64Array(3 * n);
  for (let row = 0; row < n; row++) out.set(raw.subarray(row * stride + k, row * stride + k + 3), 3 * row);
  return out;
};

/** Arcing currents (full, reduced, VarCF and intermediates) of n rows; IEEE 1584-2018 §4.4–§4.10. */
export function arcingCurrents(sim: SimExports, input: ArcModelInputs): ArcingCurrents {
  const n = checkLengths(input);
  return withBuffers(sim, (track) => {
    const put: Put = (values) => track(copyInF64(sim, values)).ptr;
    const putI32 = (values: Int32Array) => track(copyInI32(sim, values)).ptr;
    const inputs = inputPointers(input, put, putI32);
    const out = track(allocF64(sim, n * CURRENT_STRIDE));
    const codes = track(allocI32(sim, n));
    check(sim, sim.ampflux_arcflash_currents(n, ...inputs, out.ptr, codes.ptr));
    const raw = viewF64(sim, out, n * CURRENT_STRIDE).slice();
    return {
      iarcKa: unpack(raw, n, CURRENT_STRIDE, 0),
      iarcMinKa: unpack(raw, n, CURRENT_STRIDE, 1),
      varcf: unpack(raw, n, CURRENT_STRIDE, 2),
      levelsKa: unpack3(raw, n, CURRENT_STRIDE, 3),
      levelsMinKa: unpack3(raw, n, CURRENT_STRIDE, 6),
      status: viewI32(sim, codes, n).slice(),
    };
  });
}

/** The currents back in the crate's row layout (CURRENT_STRIDE per row). */
function packCurrents(c: ArcingCurrents, n: number): Float64Array {
  const raw = new Float64Array(n * CURRENT_STRIDE);
  for (let row = 0; row < n; row++) {
    const o = row * CURRENT_STRIDE;
    raw[o] = c.iarcKa[row] as number;
    raw[o + 1] = c.iarcMinKa[row] as number;
    raw[o + 2] = c.varcf[row] as number;
    raw.set(c.levelsKa.subarray(3 * row, 3 * row + 3), o + 3);
    raw.set(c.levelsMinKa.subarray(3 * row, 3 * row + 3), o + 6);
  }
  return raw;
}

/** timeMs / timeMinMs: arc durations of the full / reduced arcing current per row. */
export function incidentEnergies(
  sim: SimExports,
  input: ArcModelInputs,
  currents: ArcingCurrents,
  timeMs: Float64Array,
  timeMinMs: Float64Array,
): IncidentEnergies {
  const n = checkLengths(input, timeMs, timeMinMs, currents.iarcKa);
  return withBuffers(sim, (track) => {
    const put: Put = (values) => track(copyInF64(sim, values)).ptr;
    const putI32 = (values: Int32Array) => track(copyInI32(sim, values)).ptr;
    const inputs = inputPointers(input, put, putI32);
    const packed = put(packCurrents(currents, n));
    const times = [put(timeMs), put(timeMinMs)] as const;
    const out = track(allocF64(sim, n * ENERGY_STRIDE));
    const enclosure = track(allocI32(sim, n));
    const codes = track(allocI32(sim, n));
    check(
      sim,
      sim.ampflux_arcflash_energies(n, ...inputs, packed, ...times, out.ptr, enclosure.ptr, codes.ptr),
    );
    const raw = viewF64(sim, out, n * ENERGY_STRIDE).slice();
    const column = (k: number) => unpack(raw, n, ENERGY_STRIDE, k);
    return {
      eJcm2: column(0),
      afbMm: column(1),
      eMinJcm2: column(2),
      afbMinMm: column(3),
      cf: column(4),
      eesIn: column(5),
      widthIn: column(6),
      heightIn: column(7),
      levelsJcm2: unpack3(raw, n, ENERGY_STRIDE, 8),
      levelsAfbMm: unpack3(raw, n, ENERGY_STRIDE, 11),
      levelsMinJcm2: unpack3(raw, n, ENERGY_STRIDE, 14),
      levelsMinAfbMm: unpack3(raw, n, ENERGY_STRIDE, 17),
      enclosure: viewI32(sim, enclosure, n).slice(),
      status: viewI32(sim, codes, n).slice(),
    };
  });
}

/** Range codes of rust/src/arcflash/range.rs (never renumbered, only appended). */
export const ARC_FLASH_RANGE_CODES = {
  ok: 0,
  vocOutOfRange: 1,
  ibfOutOfRange: 2,
  gapOutOfRange: 3,
  distanceTooShort: 4,
  widthBelowFourGaps: 5,
  unknownConfig: 6,
  enclosureTooSmall: 7,
  notFinite: 8,
  invalidVoc: 11,
  invalidIbf: 12,
  invalidGap: 13,
  invalidDistance: 14,
  invalidHeight: 15,
  invalidWidth: 16,
  invalidDepth: 17,
  invalidTime: 18,
  invalidTimeReduced: 19,
} as const;

const CLAUSE = "(IEEE 1584-2018 §4.2)";
/** A number as a reader wrote it: no binary noise such as 0.30000000000000004. */
const num = (x: number) => String(Number(x.toPrecision(6)));

const INVALID_FIELDS: Record<number, [string, keyof ArcModelInputs | null, string]> = {
  11: ["voc_kv", "vocKv", "kV"],
  12: ["ibf_ka", "ibfKa", "kA"],
  13: ["gap_mm", "gapMm", "mm"],
  14: ["distance_mm", "distanceMm", "mm"],
  15: ["height_mm", "heightMm", "mm"],
  16: ["width_mm", "widthMm", "mm"],
  17: ["depth_mm", "depthMm", "mm"],
  18: ["time_ms", null, "ms"],
  19: ["time_reduced_ms", null, "ms"],
};

/** The field and the reason for a range code, e.g. { field: "gap_mm", message: "13 mm is outside 19.05–254 mm for 601 V–15 kV (IEEE 1584-2018 §4.2)" }. */
export function arcFlashRangeIssue(
  code: number,
  input: ArcModelInputs,
  row: number,
): { field: string; message: string } {
  const at = (column: keyof ArcModelInputs) => input[column][row] as number;
  const voc = at("vocKv");
  const lowVoltage = voc <= 0.6;
  const band = lowVoltage ? "208–600 V" : "601 V–15 kV";
  const C = ARC_FLASH_RANGE_CODES;
  switch (code) {
    case C.vocOutOfRange:
      return { field: "voc_kv", message: `${num(voc)} kV is outside the model's 0.208–15 kV ${CLAUSE}` };
    case C.ibfOutOfRange: {
      const range = lowVoltage ? "0.5–106 kA" : "0.2–65 kA";
      return { field: "ibf_ka", message: `${num(at("ibfKa"))} kA is outside ${range} for ${band} ${CLAUSE}` };
    }
    case C.gapOutOfRange: {
      const range = lowVoltage ? "6.35–76.2 mm" : "19.05–254 mm";
      return { field: "gap_mm", message: `${num(at("gapMm"))} mm is outside ${range} for ${band} ${CLAUSE}` };
    }
    case C.distanceTooShort:
      return {
        field: "distance_mm",
        message: `${num(at("distanceMm"))} mm is below the model's shortest working distance, 305 mm ${CLAUSE}`,
      };
    case C.widthBelowFourGaps: {
      const gap = at("gapMm");
      return {
        field: "width_mm",
        message: `${num(at("widthMm"))} mm is narrower than four times the gap (4 × ${num(gap)} = ${num(4 * gap)} mm) ${CLAUSE}`,
      };
    }
    case C.enclosureTooSmall: {
      const [height, width] = [at("heightMm"), at("widthMm")];
      return {
        field: height < width ? "height_mm" : "width_mm",
        message:
          `a ${num(height)} × ${num(width)} mm shallow enclosure is too small for the enclosure ` +
          "size correction: eq. (15) gives no positive CF (IEEE 1584-2018 §4.8)",
      };
    }
    case C.notFinite:
      return { field: "", message: "the model gave no finite result for these inputs" };
    case C.unknownConfig:
      return {
        field: "config",
        message: `configuration index ${at("config")} is none of ${ELECTRODE_CONFIGS.join(", ")}`,
      };
  }
  const invalid = INVALID_FIELDS[code];
  if (invalid) {
    const [field, column, unit] = invalid;
    const value = column === null ? undefined : at(column);
    if (value !== undefined && Number.isNaN(value)) {
      const enclosure = code >= C.invalidHeight && code <= C.invalidDepth;
      const why = enclosure ? " (VCB, VCBB and HCB need the enclosure size, IEEE 1584-2018 §4.8)" : "";
      return { field, message: `is missing${why}` };
    }
    const got = value === undefined ? "" : ` (got ${num(value)})`;
    return { field, message: `must be a positive, finite number of ${unit}${got}` };
  }
  return { field: "", message: `unknown arc-flash status code ${code}` };
}

export interface TripDevice {
  protection: SwitchProtection;
  /** breaker opening time added to relay stages (ms) */
  openingMs: number;
}

/** Clearing time (ms) of device k at currentKa[k]; Infinity where it does not trip. */
export function tripTimes(
  sim: SimExports,
  devices: readonly TripDevice[],
  currentKa: Float64Array,
): Float64Array {
  const n = devices.length;
  if (currentKa.length !== n) throw new RangeError("tripTimes: one current per device");
  const column = (pick: (p: SwitchProtection) => number | undefined) =>
    f64Column(devices, (d) => pick(d.protection));
  const pointStart = new Int32Array(n + 1);
  devices.forEach((d, k) => {
    pointStart[k + 1] = (pointStart[k] as number) + (d.protection.points?.length ?? 0);
  });
  const points = devices.flatMap((d) => d.protection.points ?? []);
  return withBuffers(sim, (track) => {
    const put: Put = (values) => track(copyInF64(sim, values)).ptr;
    const out = track(allocF64(sim, n));
    check(
      sim,
      sim.ampflux_protection_trip_times(
        n,
        put(currentKa),
        put(column((p) => p.clearing_time_ms)),
        track(
          copyInI32(
            sim,
            i32Column(devices, (d) =>
              d.protection.inverse ? PROTECTION_CURVES.indexOf(d.protection.inverse.curve) : -1,
            ),
          ),
        ).ptr,
        put(column((p) => p.inverse?.pickup_ka)),
        put(column((p) => p.inverse?.tms)),
        put(column((p) => p.definite?.pickup_ka)),
        put(column((p) => p.definite?.delay_ms)),
        put(column((p) => p.instantaneous?.pickup_ka)),
        put(column((p) => p.instantaneous?.delay_ms ?? (p.instantaneous ? 0 : undefined))),
        put(f64Column(devices, (d) => d.openingMs)),
        track(copyInI32(sim, pointStart)).ptr,
        points.length,
        put(f64Column(points, (p) => p[0])),
        put(f64Column(points, (p) => p[1])),
        out.ptr,
      ),
    );
    return viewF64(sim, out, n).slice();
  });
}
