import { detailedHealthSchema, healthSchema } from "@ampflux/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { startTestApi, testClient } from "./helpers.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("health endpoints (real HTTP server, Postgres and Redis)", () => {
  it("GET /health reports status, version and uptime", async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.status).toBe(200);
    const body = healthSchema.parse(await res.json());
    expect(body).toMatchObject({ status: "ok", version: "0.1.0" });
  });

  it("GET /health/detailed reports every component healthy with latencies", async () => {
    const res = await fetch(`${api.url}/health/detailed`);
    const body = detailedHealthSchema.parse(await res.json());
    expect(res.status).toBe(200);
    expect(body.components.database.status).toBe("ok");
    expect(body.components.cache).toMatchObject({ status: "ok", backend: "redis" });
    // Other test files queue studies in the same database, so only the shape of the count is known.
    expect(body.components.job_queue).toMatchObject({
      status: "ok",
      detail: expect.stringMatching(/^\d+ jobs waiting$/),
    });
  });

  it("gives tRPC callers (the landing page) only status, version and uptime", async () => {
    const report = await testClient(api.url).trpc.health.status.query();
    expect(report).toEqual({ status: "ok", version: "0.1.0", uptime_s: expect.any(Number) });
  });

  it("refuses the detailed report to a request forwarded by a proxy, even from this machine", async () => {
    const proxied: Array<Record<string, string>> = [
      { "X-Forwarded-For": "203.0.113.7" },
      { Forwarded: "for=203.0.113.7" },
    ];
    for (const headers of proxied) {
      const res = await fetch(`${api.url}/health/detailed`, { headers });
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body.error).toMatch(/HEALTH_TOKEN/);
      expect(JSON.stringify(body)).not.toMatch(/latency|database/);
    }
  });

  it("tags responses with a request id and secure headers", async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.headers.get("x-request-id")).toMatch(/\S+/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("allows only configured CORS origins", async () => {
    const allowed = await fetch(`${api.url}/health`, { headers: { Origin: "http://localhost:5173" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const other = await fetch(`${api.url}/health`, { headers: { Origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await fetch(`${api.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not found" });
  });

  it("refuses oversized bodies with 413", async () => {
    const small = await startTestApi({ BODY_LIMIT_BYTES: "1024" });
    try {
      const res = await fetch(`${small.url}/trpc/health.status`, {
        method: "POST",
        body: "x".repeat(4096),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe("health with a dependency down", () => {
  it("reports the cache as failed and the whole as degraded (503)", async () => {
    const broken = await startTestApi({ REDIS_URL: "redis://127.0.0.1:1" });
    try {
      const res = await fetch(`${broken.url}/health/detailed`);
      expect(res.status).toBe(503);
      const body = detailedHealthSchema.parse(await res.json());
      expect(body.status).toBe("degraded");
      expect(body.components.cache.status).toBe("error");
      expect(body.components.database.status).toBe("ok");
    } finally {
      await broken.close();
    }
  });

  it("falls back to the in-process cache when REDIS_URL is unset", async () => {
    const local = await startTestApi({ REDIS_URL: "" });
    try {
      const body = detailedHealthSchema.parse(await (await fetch(`${local.url}/health/detailed`)).json());
      expect(body.components.cache).toMatchObject({ status: "ok", backend: "memory" });
    } finally {
      await local.close();
    }
  });
});

describe("health with HEALTH_TOKEN", () => {
  const token = "operators-health-token-0123";
  let guarded: RunningApi;
  beforeAll(async () => {
    guarded = await startTestApi({ HEALTH_TOKEN: token });
  });
  afterAll(() => guarded?.close());

  it("answers a proxied request bearing the token and refuses a wrong one", async () => {
    const forwarded = { "X-Forwarded-For": "203.0.113.7" };
    const ok = await fetch(`${guarded.url}/health/detailed`, {
      headers: { ...forwarded, Authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    expect(detailedHealthSchema.parse(await ok.json()).components.database.status).toBe("ok");
    const wrong = await fetch(`${guarded.url}/health/detailed`, {
      headers: { ...forwarded, Authorization: "Bearer not-the-health-token-00" },
    });
    expect(wrong.status).toBe(401);
    // A wrong token is refused even from this machine: it says the caller meant to use one.
    const wrongDirect = await fetch(`${guarded.url}/health/detailed`, {
      headers: { Authorization: "Bearer not-the-health-token-00" },
    });
    expect(wrongDirect.status).toBe(401);
  });

  it("still answers a direct request from this machine without the token", async () => {
    expect((await fetch(`${guarded.url}/health/detailed`)).status).toBe(200);
  });
});
