// `--format json` output written a piece at a time. JSON.stringify(result, null, 2) of an all-bus
// study of case9241pegase is a 4 MB string, built in a growing buffer and copied again into a
// Buffer for the write: about 24 MB of fresh memory, touched once, in a one-shot process where
// each new page costs a page fault (~10 µs each on the 2-core VMs we measure on; docs/performance.md,
// "Cold command-line runs"). The same text in ~64 kB pieces reuses the same few young-generation
// pages instead.

/** About how many characters each piece holds. */
const PIECE_CHARS = 1 << 16;

const STEP = "  ";

/** What JSON.stringify leaves out of an object and writes as null in an array. */
const isOmitted = (value: unknown) =>
  value === undefined || typeof value === "function" || typeof value === "symbol";

/**
 * Arrays and objects holding an array are written member by member; anything else (a bus's
 * result, a number, an object with toJSON) as JSON.stringify writes it, re-indented. A JSON
 * string never holds a raw line break, so adding the indent after each "\n" is exact.
 */
function isContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  return Array.isArray(value) || Object.values(value).some((member) => Array.isArray(member));
}

function* pieces(value: unknown, indent: string): Generator<string> {
  if (!isContainer(value)) {
    const text = JSON.stringify(value, null, 2);
    yield indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
    return;
  }
  const inner = indent + STEP;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `\n${inner}` : `,\n${inner}`;
      const item: unknown = value[i];
      if (isOmitted(item)) yield "null";
      else yield* pieces(item, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  const members = Object.entries(value).filter(([, member]) => !isOmitted(member));
  if (members.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  let first = true;
  for (const [key, member] of members) {
    yield `${first ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(member, inner);
  }
  yield `\n${indent}}`;
}

/** JSON.stringify(value, null, 2) followed by a line break, exactly, in pieces of about 64 kB. */
export function* prettyJsonPieces(value: object): Generator<string> {
  let pending = "";
  for (const piece of pieces(value, "")) {
    pending += piece;
    if (pending.length >= PIECE_CHARS) {
      yield pending;
      pending = "";
    }
  }
  yield `${pending}\n`;
}
