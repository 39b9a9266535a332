/**
 * A fixed off-nominal ratio as a tap changer of one step |ratio − 1| at position ±1 on `side`:
 * the document has no plain ratio field, and this keeps the ratio exact whatever the step size.
 */
export function offNominalTap<Side extends string>(ratio: number, side: Side) {
  if (ratio === 1) return {};
  return {
    tap_side: side,
    tap_neutral: 0,
    tap_min: -1,
    tap_max: 1,
    tap_pos: Math.sign(ratio - 1),
    tap_step_percent: Math.abs(ratio - 1) * 100,
  };
}
