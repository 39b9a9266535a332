/**
 * The median: the middle value, or the mean of the two middle ones for an even count (0 for no
 * values, as the bench's tables have always shown it). The cold-CLI, warm-engine, screening and
 * api tables take the upper middle value of an even count instead, each its own way.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
