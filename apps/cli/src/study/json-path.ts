/** ["lines", 0, "to_bus"] → "lines[0].to_bus"; the document root is "(document)". */
export function jsonPath(path: readonly (string | number)[]): string {
  const text = path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("");
  return text.replace(/^\./, "") || "(document)";
}
