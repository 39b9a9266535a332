// Rows that say the same thing about many elements, printed once with the elements listed: a
// 1,354-bus study defaults the same gap at every bus and misses the same rating on every switch,
// and one row per element would bury the few lines a reviewer must act on under thousands of
// identical ones. The model keeps every element's entry; only the printed table groups them.

/** Elements named in a grouped row before "and N more". */
export const GROUP_LISTED = 12;

export interface Group<T> {
  first: T;
  elements: string[];
}

/** Items with the same key, in order of first appearance, with their elements. */
export function groupBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  element: (item: T) => string,
): Group<T>[] {
  const groups = new Map<string, Group<T>>();
  for (const item of items) {
    const k = key(item);
    const found = groups.get(k);
    if (found) found.elements.push(element(item));
    else groups.set(k, { first: item, elements: [element(item)] });
  }
  return [...groups.values()];
}

/** "Q1, Q2 and 340 more (342)" — the first elements and the count. */
export function elementList(elements: readonly string[]): string {
  if (elements.length === 1) return elements[0] ?? "";
  const shown = elements.slice(0, GROUP_LISTED).join(", ");
  const more = elements.length - GROUP_LISTED;
  return more > 0 ? `${shown} and ${more} more (${elements.length})` : `${shown} (${elements.length})`;
}
