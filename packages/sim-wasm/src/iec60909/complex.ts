// Just enough complex arithmetic for building sequence networks; the heavy lifting is in Rust.

export interface Cx {
  re: number;
  im: number;
}

export const cx = (re: number, im: number): Cx => ({ re, im });
export const add = (a: Cx, b: Cx): Cx => cx(a.re + b.re, a.im + b.im);
export const sub = (a: Cx, b: Cx): Cx => cx(a.re - b.re, a.im - b.im);
export const mul = (a: Cx, b: Cx): Cx => cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const scale = (a: Cx, k: number): Cx => cx(a.re * k, a.im * k);
export const abs = (a: Cx): number => Math.hypot(a.re, a.im);
export const conj = (a: Cx): Cx => cx(a.re, -a.im);
export const polar = (magnitude: number, degrees: number): Cx =>
  cx(magnitude * Math.cos((degrees * Math.PI) / 180), magnitude * Math.sin((degrees * Math.PI) / 180));

export function inv(a: Cx): Cx {
  const d = a.re * a.re + a.im * a.im;
  return cx(a.re / d, -a.im / d);
}

export const div = (a: Cx, b: Cx): Cx => mul(a, inv(b));

/** R + jX from |Z| and R/X. */
export function fromMagnitudeAndRx(z: number, rx: number): Cx {
  const x = z / Math.sqrt(1 + rx * rx);
  return cx(rx * x, x);
}

/** Impedance of a short-circuit voltage: |z| = vk/100, Re z = vkr/100 (per unit of the rating). */
export function fromShortCircuitVoltage(vkPercent: number, vkrPercent: number): Cx {
  const r = vkrPercent / 100;
  return cx(r, Math.sqrt((vkPercent / 100) ** 2 - r * r));
}
