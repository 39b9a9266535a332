// Fixed-point text of result numbers; null (a bus no source feeds) becomes `empty`.

/** Decimals per quantity: currents in kA, powers in MVA, impedances in ohm, angles in degrees. */
export const DIGITS = { ka: 3, mva: 1, ohm: 4, ratio: 3, deg: 1 } as const;

export function fixed(value: number | null, digits: number, empty = ""): string {
  return value === null || !Number.isFinite(value) ? empty : value.toFixed(digits);
}

/** R/X of the short-circuit impedance; empty where X is zero or unknown. */
export function rOverX(r: number | null, x: number | null): number | null {
  return r === null || x === null || x === 0 ? null : r / x;
}
