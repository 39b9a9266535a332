// Results read back from jsonb are sent without superjson walking them. superjson visits every
// value of an answer (to find Dates, Maps, BigInts …), copying the path array at each step: for a
// stored study result of megabytes (an N-1 screening of case9241pegase: 2.6 MB, ~130,000 values)
// that walk took 90–300 ms per request. A value read from a jsonb column can hold none of those
// types, so it is marked (`storedJson`) and the server's transformer passes it through: a custom
// superjson type serializes it as it is, and its annotation is then removed, so the answer on
// the wire is byte for byte what stock superjson writes for that value (clients unchanged).

import { SuperJSON, type SuperJSONResult, type SuperJSONValue } from "superjson";

class StoredJson {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}

const STORED_JSON = "ampflux-stored-json";

/** Values marked by storedJson (held weakly: a mark never keeps a result in memory). */
const marked = new WeakSet<object>();

/**
 * Marks a value read from a jsonb column (plain JSON: objects, arrays, strings, numbers,
 * booleans, null) to be sent without superjson's walk, and returns it unchanged: a server-side
 * caller (the assistant's tools) gets the value itself. Only a marked value that is the answer or
 * one of its top-level fields is passed through; anywhere else it is walked as usual.
 */
export function storedJson<T>(value: T): T {
  if (typeof value === "object" && value !== null) marked.add(value);
  return value;
}

const isMarked = (v: unknown): v is object => typeof v === "object" && v !== null && marked.has(v);

/** The answer with its marked values (itself, or top-level fields) wrapped for the custom type. */
function wrapMarked(value: unknown): unknown {
  if (isMarked(value)) return new StoredJson(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    if (!isMarked(field)) continue;
    copy ??= { ...value };
    copy[key] = new StoredJson(field);
  }
  return copy ?? value;
}

const withStoredJson = new SuperJSON();
withStoredJson.registerCustom<StoredJson, never>(
  {
    isApplicable: (v): v is StoredJson => v instanceof StoredJson,
    serialize: (v) => v.value as never,
    // Never on the wire: the server strips the annotation, and the server deserializes inputs,
    // which cannot carry it (a client sending it would get the value as sent).
    deserialize: (v) => new StoredJson(v),
  },
  STORED_JSON,
);

function isStoredJsonAnnotation(annotation: unknown): boolean {
  return (
    Array.isArray(annotation) &&
    annotation.length === 1 &&
    Array.isArray(annotation[0]) &&
    annotation[0][0] === "custom" &&
    annotation[0][1] === STORED_JSON
  );
}

/** superjson's serialize, with values marked by storedJson passed through unwalked. */
export function serializeAnswer(value: SuperJSONValue): SuperJSONResult {
  const result = withStoredJson.serialize(wrapMarked(value) as SuperJSONValue);
  const values = result.meta?.values;
  if (!values) return result;
  if (isStoredJsonAnnotation(values)) {
    // The whole answer was one stored value.
    delete result.meta?.values;
  } else if (!Array.isArray(values)) {
    for (const [path, annotation] of Object.entries(values)) {
      if (isStoredJsonAnnotation(annotation)) delete values[path];
    }
    if (Object.keys(values).length === 0) delete result.meta?.values;
  }
  // superjson writes meta (with its version, v) only when something is annotated.
  if (result.meta && !result.meta.values && !result.meta.referentialEqualities) delete result.meta;
  return result;
}

/** The tRPC transformer of the server: superjson, with stored values passed through. */
export const answerTransformer = {
  serialize: serializeAnswer,
  deserialize: (value: SuperJSONResult) => withStoredJson.deserialize(value),
};

// Stored JSON as its text. A GET of one query is answered by trpc/single-query.ts, which writes
// the answer's JSON itself: there a procedure may return a stored result as the text Postgres
// holds (a `json` column: what the worker's JSON.stringify wrote), and it is put into the answer
// as it is, without parsing it on the way in and writing it again on the way out (~35 ms for the
// 2.6 MB result of an N-1 screening of case9241pegase). That path sets the context's
// `storedTextAnswers` (trpc/context.ts); every other caller (batches, in-process callers such as
// the assistant's tools) gets values as before.

/** A top-level field of an answer that is stored JSON text, spliced in by single-query.ts. */
export class StoredJsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/**
 * Stands in for a text while the rest of the answer is serialized. No input or stored text can
 * contain it: NUL characters are refused in input (trpc/nul-characters.ts) and Postgres stores none.
 */
const placeholder = (key: string) => `\u0000stored-json-text:${key}\u0000`;

/**
 * The answer's JSON from `serialize` (transform and stringify), with each top-level
 * StoredJsonText field written as its text. Without such fields, `serialize(data)` itself.
 */
export function answerWithStoredTexts(data: unknown, serialize: (data: unknown) => string): string {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return serialize(data);
  const texts = Object.entries(data).filter(
    (e): e is [string, StoredJsonText] => e[1] instanceof StoredJsonText,
  );
  if (texts.length === 0) return serialize(data);
  const standIn = { ...data } as Record<string, unknown>;
  for (const [key] of texts) standIn[key] = placeholder(key);
  let body = serialize(standIn);
  for (const [key, { text }] of texts) {
    const marker = JSON.stringify(placeholder(key));
    const at = body.indexOf(marker);
    if (at < 0) throw new Error(`the stored text of "${key}" has no place in the answer`);
    body = body.slice(0, at) + text + body.slice(at + marker.length);
  }
  return body;
}
