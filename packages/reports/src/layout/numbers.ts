// How a label prints its numbers. The contract gives full precision; a label rounds for reading
// and never hides a value near the PPE thresholds (1.2, 4, 8 cal/cm²) behind a coarse rounding.

/** cal/cm²: two decimals below 10 (8.35, 1.19), one above (12.4). */
export function formatCalories(calPerCm2: number): string {
  return calPerCm2 < 10 ? calPerCm2.toFixed(2) : calPerCm2.toFixed(1);
}

/** J/cm²: one decimal. */
export const formatJoules = (jPerCm2: number) => jPerCm2.toFixed(1);

/** Distances on a label in whole millimetres, as the contract's own texts print them. */
export const formatMm = (mm: number) => `${Math.round(mm)} mm`;
