import { describe, expect, it } from "vitest";
import { detailedHealthSchema } from "../src/index.ts";

describe("detailedHealthSchema", () => {
  it("accepts a healthy report", () => {
    const ok = { status: "ok", latency_ms: 1.2 };
    const parsed = detailedHealthSchema.parse({
      status: "ok",
      version: "0.1.0",
      uptime_s: 3,
      components: { database: ok, cache: { ...ok, backend: "memory" }, job_queue: ok },
    });
    expect(parsed.components.cache.backend).toBe("memory");
  });

  it("names the field that is wrong", () => {
    const result = detailedHealthSchema.safeParse({
      status: "ok",
      version: "x",
      uptime_s: -1,
      components: {},
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join("."));
    expect(paths).toContain("uptime_s");
    expect(paths).toContain("components.database");
  });
});
