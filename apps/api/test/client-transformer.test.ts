// The clients' transformer reads what superjson reads, skipping only the copy of an answer that
// carries no annotations.

import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { clientTransformer } from "../src/trpc/client-transformer.ts";

describe("clientTransformer", () => {
  it("reads annotated answers as superjson does, and plain ones as their JSON", () => {
    const annotated = superjson.serialize({ at: new Date("2026-12-03T20:00:00Z"), ids: new Set(["a"]) });
    expect(annotated.meta).toBeDefined();
    expect(clientTransformer.deserialize(annotated)).toEqual(superjson.deserialize(annotated));
    const plain = superjson.serialize({ buses: [{ bus: "1", ikss_ka: 7.384093033080316, outage: null }] });
    expect(plain.meta).toBeUndefined();
    expect(clientTransformer.deserialize(plain)).toBe(plain.json);
    expect(clientTransformer.deserialize(plain)).toEqual(superjson.deserialize(plain));
    expect(clientTransformer.serialize({ at: new Date(0) })).toEqual(
      superjson.serialize({ at: new Date(0) }),
    );
  });
});
