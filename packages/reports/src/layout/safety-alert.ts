// The safety alert symbol of ANSI Z535.4 (§6.2.1; ISO 3864-2's general warning sign has the same
// shape): an equilateral triangle holding an exclamation mark, drawn before the signal word.

import type { Shape } from "./shapes.ts";

/**
 * The symbol with its base centred on (cx, bottom) and the given height: the triangle in
 * `triangle`, the exclamation mark in `mark` (Z535.4: black triangle and orange mark on WARNING,
 * white triangle and red mark on DANGER).
 */
export function safetyAlertSymbol(
  cx: number,
  bottom: number,
  height: number,
  triangle: string,
  mark: string,
): Shape[] {
  const half = height / Math.sqrt(3);
  const top = bottom - height;
  const f = (n: number) => Number(n.toFixed(3));
  const outline = `M ${f(cx)} ${f(top)} L ${f(cx + half)} ${f(bottom)} L ${f(cx - half)} ${f(bottom)} Z`;
  // The bar tapers downwards; the dot is a circle below it (two arcs).
  const barTop = top + height * 0.3;
  const barBottom = top + height * 0.72;
  const wide = height * 0.075;
  const narrow = height * 0.045;
  const bar =
    `M ${f(cx - wide)} ${f(barTop)} L ${f(cx + wide)} ${f(barTop)} ` +
    `L ${f(cx + narrow)} ${f(barBottom)} L ${f(cx - narrow)} ${f(barBottom)} Z`;
  const r = height * 0.065;
  const dotY = top + height * 0.84;
  const dot = `M ${f(cx - r)} ${f(dotY)} A ${f(r)} ${f(r)} 0 1 0 ${f(cx + r)} ${f(dotY)} A ${f(r)} ${f(r)} 0 1 0 ${f(cx - r)} ${f(dotY)} Z`;
  return [
    { kind: "path", d: outline, fill: triangle },
    { kind: "path", d: bar, fill: mark },
    { kind: "path", d: dot, fill: mark },
  ];
}
