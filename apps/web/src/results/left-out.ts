// What the live results leave out, by name: "1 element(s) left out" told the user nothing about
// which element (a line with a negative length, an unconnected load) to fix.

/** Elements shown by id (the first few); the diagram marks every one of them. */
const NAMED_LEFT_OUT = 5;

/** " Left out until connected and valid: L1, B7." — never only a count. */
export function leftOut(ids: readonly string[]): string {
  if (ids.length === 0) return "";
  const named = ids.slice(0, NAMED_LEFT_OUT).join(", ");
  const more = ids.length > NAMED_LEFT_OUT ? ` and ${ids.length - NAMED_LEFT_OUT} more` : "";
  return ` Left out until connected and valid: ${named}${more}.`;
}
