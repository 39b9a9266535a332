import { afterAll, describe, expect, it } from "vitest";
import { createMemoryCache, createRedisCache } from "../src/cache/index.ts";
import type { Cache } from "../src/cache/types.ts";
import { testKeyPrefix, testRedisUrl } from "../src/testing.ts";

const backends: Array<[string, Cache]> = [
  ["redis", createRedisCache(testRedisUrl(), { keyPrefix: testKeyPrefix("cache") })],
  ["memory", createMemoryCache()],
];
afterAll(async () => {
  for (const [, cache] of backends) await cache.close();
});

// The same contract for both backends: the in-process store must behave like Redis.
describe.each(backends)("%s cache", (_name, cache) => {
  it("stores values until their TTL ends", async () => {
    await cache.set("short", "v", 1);
    expect(await cache.get("short")).toBe("v");
    expect(await cache.ttl("short")).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await cache.get("short")).toBeNull();
    expect(await cache.ttl("short")).toBe(-2);
  });

  it("deletes", async () => {
    await cache.set("gone", "v", 60);
    await cache.delete("gone");
    expect(await cache.get("gone")).toBeNull();
  });

  it("answers a ping", async () => {
    expect(await cache.ping()).toBeGreaterThanOrEqual(0);
  });
});

describe("redis cache while Redis is unreachable", () => {
  it("fails the command instead of hanging", async () => {
    const down = createRedisCache("redis://127.0.0.1:1");
    await expect(down.ping()).rejects.toThrow();
    await down.close();
  }, 15_000);
});
