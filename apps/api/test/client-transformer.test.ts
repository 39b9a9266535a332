// The clients' transformer reads what superjson reads, restoring annotated values in the answer
// itself instead of in a copy of it.

import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { clientTransformer } from "../src/trpc/client-transformer.ts";

describe("clientTransformer", () => {
  it("reads annotated and plain answers as superjson does, without copying them", () => {
    const buses = [{ bus: "1", ikss_ka: 7.384093033080316, outage: null }];
    const value = { createdAt: new Date("2026-12-03T20:00:00Z"), ids: new Set(["a"]), result: { buses } };
    const annotated = () => JSON.parse(JSON.stringify(superjson.serialize(value)));
    expect(annotated().meta).toBeDefined();
    const read = clientTransformer.deserialize(annotated()) as typeof value;
    expect(read).toEqual(superjson.deserialize(annotated()));
    expect(read.createdAt).toBeInstanceOf(Date);
    expect(read.ids).toEqual(new Set(["a"]));
    // The answer's own arrays, not copies of them.
    const answer = annotated();
    expect((clientTransformer.deserialize(answer) as typeof value).result.buses).toBe(
      answer.json.result.buses,
    );

    const plain = superjson.serialize({ buses });
    expect(plain.meta).toBeUndefined();
    expect(clientTransformer.deserialize(plain)).toBe(plain.json);
    expect(clientTransformer.serialize({ at: new Date(0) })).toEqual(
      superjson.serialize({ at: new Date(0) }),
    );
  });
});
