// Decimal numbers read straight out of a case file's text, without slicing each one into a
// string first. A 10,000-bus case holds ~400,000 numbers; making a string per number and
// handing it to Number() was most of the MATPOWER parse in a one-shot `ampflux study`
// (docs/performance.md, "Cold command-line runs").
//
// Exactness: a number is computed here only on Clinger's fast path (W. D. Clinger, "How to read
// floating point numbers accurately", PLDI 1990, §3): when its significant digits form an integer
// m < 2^53 and its decimal exponent e has |e| ≤ 22, both m and 10^|e| are exact doubles, so the
// one IEEE-754 multiplication or division m·10^e, m/10^-e is the correctly rounded value, the
// same bits Number() gives. Everything else (more than 15 significant digits, larger exponents,
// Inf, anything that is not a plain decimal) is left to the caller, which slices the token and
// uses Number() and the full grammar.

/** 10^0 … 10^22: every one an exact double (10^22 = 2^22 · 5^22, and 5^22 < 2^53). */
const POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** Up to 15 significant decimal digits always make an integer below 2^53. */
const MAX_DIGITS = 15;

/** An exponent with more digits than this is left to Number() (it over- or underflows anyway). */
const MAX_EXPONENT_DIGITS = 4;

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * The value of text[from, to) when it is a decimal `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?` that
 * the fast path computes exactly; NaN when the caller must use Number() (or report the token).
 */
export function fastDecimal(text: string, from: number, to: number): number {
  let k = from;
  let code = text.charCodeAt(k);
  const negative = code === 45;
  if (negative || code === 43) k++;
  let mantissa = 0;
  let significant = 0;
  let scale = 0;
  let digits = 0;
  for (; k < to; k++) {
    code = text.charCodeAt(k);
    if (!isDigit(code)) break;
    if (mantissa !== 0 || code !== 48) significant++;
    mantissa = mantissa * 10 + (code - 48);
    digits++;
  }
  if (k < to && code === 46) {
    for (k++; k < to; k++) {
      code = text.charCodeAt(k);
      if (!isDigit(code)) break;
      if (mantissa !== 0 || code !== 48) significant++;
      mantissa = mantissa * 10 + (code - 48);
      scale--;
      digits++;
    }
  }
  if (digits === 0 || significant > MAX_DIGITS) return Number.NaN;
  if (k < to && (code === 101 || code === 69)) {
    k++;
    code = k < to ? text.charCodeAt(k) : -1;
    const negativeExponent = code === 45;
    if (negativeExponent || code === 43) k++;
    const first = k;
    let exponent = 0;
    for (; k < to; k++) {
      code = text.charCodeAt(k);
      if (!isDigit(code)) break;
      exponent = exponent * 10 + (code - 48);
    }
    if (k === first || k - first > MAX_EXPONENT_DIGITS) return Number.NaN;
    scale += negativeExponent ? -exponent : exponent;
  }
  if (k !== to) return Number.NaN;
  if (mantissa === 0) return negative ? -0 : 0;
  let value: number;
  if (scale === 0) value = mantissa;
  else if (scale > 0 && scale <= 22) value = mantissa * (POWERS_OF_TEN[scale] as number);
  else if (scale < 0 && scale >= -22) value = mantissa / (POWERS_OF_TEN[-scale] as number);
  else return Number.NaN;
  return negative ? -value : value;
}
