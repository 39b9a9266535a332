// Structure limits of JSON text, checked in one linear pass over the raw text before anything
// parses or walks it. JSON.parse itself is iterative, but everything after it (superjson, zod,
// the NUL check, JSON.stringify for Postgres) recurses: a 5,000-deep document overflows the stack.
// The scan keeps one counter per open container, and stops counting past the depth limit, so
// its memory is bounded by the limit and its time by the text's length.

import type { ApiSettings } from "../settings.ts";

export interface StructureLimits {
  /** Containers (objects and arrays) inside one another. */
  maxDepth: number;
  /** Elements of one array. */
  maxArrayLength: number;
  /** Characters of one string, key or value (an escape sequence counts as one character). */
  maxStringLength: number;
}

/** The limits of JSON requests, from their settings. */
export const structureLimits = (settings: ApiSettings): StructureLimits => ({
  maxDepth: settings.JSON_MAX_DEPTH,
  maxArrayLength: settings.JSON_MAX_ARRAY_LENGTH,
  maxStringLength: settings.JSON_MAX_STRING_LENGTH,
});

export interface StructureViolation {
  limit: keyof StructureLimits;
  /** e.g. "nesting depth 5000 exceeds JSON_MAX_DEPTH 64". */
  message: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LOWER_U = 0x75;
/** Keys longer than this are not remembered for messages. */
const KEY_MEMORY = 100;

const isWhitespace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/**
 * The first structure limit `text` breaks, or undefined. Not a validator: malformed JSON passes
 * the scan and is refused by the parser afterwards (the scan only bounds the work that follows).
 * `what` names the text in messages ("the request", "case9.json").
 */
export function scanJsonStructure(
  text: string,
  limits: StructureLimits,
  what = "the input",
): StructureViolation | undefined {
  const { maxDepth, maxArrayLength, maxStringLength } = limits;
  // Per open container up to maxDepth: elements seen (arrays), -1 for objects.
  const counts = new Int32Array(maxDepth + 1);
  // Whether the container holds a value yet, so "[]" has 0 elements and "[1]" has 1.
  const nonEmpty = new Uint8Array(maxDepth + 1);
  let depth = 0;
  let deepest = 0;
  // For messages: the key of each open container, and of the value being read.
  const keys: (string | undefined)[] = [];
  let pendingKey: string | undefined;
  let lastString: string | undefined;

  const at = (key: string | undefined) => (key === undefined ? "" : ` (at "${key}")`);

  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const start = i + 1;
      let length = 0;
      for (i = start; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) break;
        if (c === BACKSLASH) i += text.charCodeAt(i + 1) === LOWER_U ? 5 : 1;
        length++;
      }
      if (length > maxStringLength && depth <= maxDepth) {
        return {
          limit: "maxStringLength",
          message: `${what}: a string of ${length} characters${at(pendingKey)} exceeds JSON_MAX_STRING_LENGTH ${maxStringLength}`,
        };
      }
      lastString = i - start <= KEY_MEMORY ? text.slice(start, i) : undefined;
      if (depth > 0 && depth <= maxDepth && !nonEmpty[depth]) {
        nonEmpty[depth] = 1;
        if (counts[depth] === 0) counts[depth] = 1;
      }
      continue;
    }
    if (isWhitespace(code)) continue;
    if (code === COLON) {
      pendingKey = lastString;
      continue;
    }
    if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      if (depth > 0) depth--;
      continue;
    }
    // A value starts here (or a comma separates two): count it in its array.
    if (depth > 0 && depth <= maxDepth) {
      if (code === COMMA) {
        pendingKey = undefined;
        const elements = (counts[depth] ?? -1) + 1;
        if (elements > 0) counts[depth] = elements;
        if (elements > maxArrayLength) {
          return {
            limit: "maxArrayLength",
            message: `${what}: an array of more than ${maxArrayLength} elements${at(keys[depth])} exceeds JSON_MAX_ARRAY_LENGTH ${maxArrayLength}`,
          };
        }
      } else if (!nonEmpty[depth]) {
        nonEmpty[depth] = 1;
        if (counts[depth] === 0) counts[depth] = 1;
      }
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth <= maxDepth) {
        counts[depth] = code === OPEN_ARRAY ? 0 : -1;
        nonEmpty[depth] = 0;
        keys[depth] = pendingKey;
      }
      pendingKey = undefined;
    }
  }
  if (deepest > maxDepth) {
    return {
      limit: "maxDepth",
      message: `${what}: nesting depth ${deepest} exceeds JSON_MAX_DEPTH ${maxDepth}`,
    };
  }
  return undefined;
}
