/**
 * Row labels (pandapower) or numbers (MATPOWER) for a collection: the numbers in the ids when
 * every id is `prefix` + a number and none repeats (so a document imported from that format gets
 * its own numbers back), else `first`, `first + 1`, … in document order.
 */
export function numbersFromIds(ids: readonly string[], prefix: string, first: number): Map<string, number> {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  const parsed = ids.map((id) => pattern.exec(id)?.[1]);
  const numbers = parsed.map(Number);
  const usable =
    parsed.every((n) => n !== undefined && Number.isSafeInteger(Number(n)) && Number(n) >= first) &&
    new Set(numbers).size === numbers.length;
  return new Map(ids.map((id, i) => [id, usable ? (numbers[i] ?? i) : first + i]));
}

/** The label of a referenced element; the document has been validated, so it exists. */
export function labelOf(labels: ReadonlyMap<string, number>, id: string): number {
  const label = labels.get(id);
  if (label === undefined) throw new Error(`unknown element "${id}": validate the document before exporting`);
  return label;
}
