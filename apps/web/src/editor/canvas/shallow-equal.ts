/**
 * The same object, or two objects with the same own keys holding the same values (===): how the
 * diagram tells an unchanged node's data or badge from a changed one, since decorations and
 * nodes are rebuilt as new objects.
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}
