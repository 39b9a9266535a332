import { validationError } from "../circuits/validate.ts";

type Path = (string | number)[];

/** The path of the first string (or object key) holding U+0000 in a JSON-like input. */
export function nulCharacterPath(value: unknown, path: Path = []): Path | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (key.includes("\u0000")) return at;
    const found = nulCharacterPath(child, at);
    if (found) return found;
  }
  return undefined;
}

/** BAD_REQUEST naming the field, before any handler could send the text to Postgres. */
export function refuseNulCharacters(input: unknown): void {
  const path = nulCharacterPath(input);
  if (path)
    throw validationError("the input", [], [{ path, message: "must not contain NUL characters (U+0000)" }]);
}
