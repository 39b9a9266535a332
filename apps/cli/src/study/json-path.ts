/**
 * ["lines", 0, "to_bus"] → "lines[0].to_bus"; the document root is "(document)". With `index`,
 * every position is written as it ("lines[*].to_bus"), for grouping the same field of many elements.
 */
export function jsonPath(path: readonly (string | number)[], index?: string): string {
  let text = "";
  for (const key of path)
    text += typeof key === "number" ? `[${index ?? key}]` : text === "" ? key : `.${key}`;
  return text || "(document)";
}
