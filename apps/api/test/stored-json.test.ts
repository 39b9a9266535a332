// The server's transformer passes values marked storedJson through without superjson's walk; on
// the wire the answer must be exactly what stock superjson writes, so every client (ours, the
// web's, a script's own superjson) reads it unchanged.

import superjson from "superjson";
import { describe, expect, it } from "vitest";
import {
  answerTransformer,
  answerWithStoredTexts,
  StoredJsonText,
  serializeAnswer,
  storedJson,
} from "../src/trpc/stored-json.ts";

const result = {
  buses: [
    { bus: "b1", ikss_ka: 12.5, outage: null, base_ikss_ka: 12.25 },
    { bus: "b.2", ikss_ka: null, outage: "line 7", base_ikss_ka: null },
  ],
  nested: { list: [1, 2.5, -3e-12, "x"], flag: true, empty: {} },
};

describe("storedJson answers", () => {
  it("serialize exactly as stock superjson, beside Dates and other annotated values", () => {
    const row = {
      id: "s1",
      createdAt: new Date("2026-12-03T16:00:00Z"),
      finishedAt: null,
      // A value read from jsonb shares no object with anything else in the answer.
      nested: { when: new Date(0), kept: structuredClone(result) },
    };
    const cases: [unknown, unknown][] = [
      [
        { ...row, result: storedJson(result) },
        { ...row, result },
      ],
      [
        { plain: 1, result: storedJson(result) },
        { plain: 1, result },
      ],
      [{ deep: { er: { result: storedJson(result) } } }, { deep: { er: { result } } }],
      [storedJson(result), result],
      [{ result: storedJson(null) }, { result: null }],
      [
        [storedJson([1, 2]), new Date(5)],
        [[1, 2], new Date(5)],
      ],
    ];
    for (const [marked, plain] of cases) {
      const ours = serializeAnswer(marked as never);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(superjson.serialize(plain as never)));
      expect(superjson.deserialize(ours)).toEqual(plain);
    }
  });

  it("leaves the marked value itself to server-side callers", () => {
    const value = structuredClone(result);
    expect(storedJson(value)).toBe(value);
    expect(storedJson(null)).toBeNull();
  });

  it("deserializes inputs as superjson does", () => {
    const input = { at: new Date(7), list: [1, "a"], map: new Map([["k", 1]]) };
    expect(answerTransformer.deserialize(superjson.serialize(input))).toEqual(input);
  });

  it("splices top-level stored texts into the answer as they are, the rest serialized as usual", () => {
    const write = (data: unknown) => JSON.stringify(serializeAnswer(data as never));
    const text = JSON.stringify(result);
    const at = new Date("2026-12-03T21:00:00Z");
    const answer = { id: "s1", result: new StoredJsonText(text), at, error: new StoredJsonText("null") };
    const spliced = answerWithStoredTexts(answer, write);
    expect(spliced).toBe(JSON.stringify(superjson.serialize({ id: "s1", result, at, error: null })));
    // Spacing and all: the text is not parsed.
    expect(answerWithStoredTexts({ result: new StoredJsonText('{ "a" : 1 }') }, write)).toBe(
      '{"json":{"result":{ "a" : 1 }}}',
    );
    // Without texts, or not an object: the serializer's own output.
    expect(answerWithStoredTexts({ result }, write)).toBe(write({ result }));
    expect(answerWithStoredTexts([1, 2], write)).toBe(write([1, 2]));
  });
});
