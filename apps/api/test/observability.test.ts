// Metrics at /metrics and the request log, against a real api: what operators scrape and read
// (docs/operations.md), and that no password, token or key ever reaches the log.

import { lvFeeder } from "@ampflux/contracts/testing";
import { metricSample } from "@ampflux/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, PASSWORD, signUpCompany, startTestApi, testClient } from "./helpers.ts";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const OPENAI_KEY = "sk-test-never-logged-4242";

const lines: string[] = [];
let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi(
    { LOG_LEVEL: "debug", METRICS_TOKEN, OPENAI_API_KEY: OPENAI_KEY, LOGIN_MAX_PER_EMAIL: "2" },
    { writeLog: (line) => lines.push(line) },
  );
});
afterAll(() => api?.close());

async function scrape(token = METRICS_TOKEN): Promise<{ status: number; text: string }> {
  const res = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}

describe("metrics", () => {
  it("counts requests, queries, cache lookups, rate limits, engine time, queue and sessions", async () => {
    const admin = await signUpCompany(api.url, "metrics");
    const trpc = admin.client.trpc;
    const project = await trpc.projects.create.mutate({ name: "Metrics" });
    await trpc.circuits.save.mutate({ projectId: project.id, baseVersion: null, document: lvFeeder });
    const study = {
      projectId: project.id,
      version: 1,
      study: { kind: "short_circuit" as const, options: {} },
    };
    await trpc.simulations.run.mutate(study);
    await trpc.simulations.run.mutate(study);
    for (let i = 0; i < 3; i++) {
      await testClient(api.url)
        .trpc.auth.logIn.mutate({ email: admin.email, password: "wrong password" })
        .catch(() => {});
    }

    const { status, text } = await scrape();
    expect(status).toBe(200);
    expect(
      metricSample(text, "ampflux_http_requests_total", { procedure: "simulations.run", status: "200" }),
    ).toBe(2);
    expect(
      metricSample(text, "ampflux_http_requests_total", { procedure: "auth.logIn", status: "429" }),
    ).toBe(1);
    expect(
      metricSample(text, "ampflux_http_request_duration_seconds_count", { procedure: "projects.create" }),
    ).toBe(1);
    expect(metricSample(text, "ampflux_db_query_duration_seconds_count", { outcome: "ok" })).toBeGreaterThan(
      10,
    );
    expect(
      metricSample(text, "ampflux_cache_lookups_total", { cache: "simulation_results", result: "miss" }),
    ).toBe(1);
    expect(
      metricSample(text, "ampflux_cache_lookups_total", { cache: "simulation_results", result: "hit" }),
    ).toBe(1);
    expect(metricSample(text, "ampflux_rate_limit_rejections_total", { limit: "login" })).toBe(1);
    expect(metricSample(text, "ampflux_engine_study_duration_seconds_count", { size: "le_100" })).toBe(1);
    expect(text).toMatch(/^ampflux_job_queue_depth\{service="api"\} \d+$/m);
    expect(metricSample(text, "ampflux_active_sessions", { service: "api" })).toBeGreaterThanOrEqual(1);
    // Made-up procedure names are one label value, not one each.
    await fetch(`${api.url}/trpc/no.such.procedure`);
    expect(metricSample((await scrape()).text, "ampflux_http_requests_total", { procedure: "other" })).toBe(
      1,
    );
  });

  it("needs the metrics token when one is set, and is hidden off loopback without one", async () => {
    expect((await scrape("wrong-token-wrong-token-wrong")).status).toBe(401);
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    const open = await startTestApi({ API_HOST: "0.0.0.0" });
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});

describe("request log", () => {
  it("has one JSON line per request with id, caller, procedure and duration, and no secrets", async () => {
    const admin = await signUpCompany(api.url, "logs");
    const newPassword = "another secret passphrase";
    await admin.client.trpc.auth.changePassword.mutate({ currentPassword: PASSWORD, newPassword });
    const { key } = await admin.client.trpc.apiKeys.create.mutate({ name: "logged?" });
    await testClient(api.url, { apiKey: key }).trpc.projects.list.query({});
    await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email: admin.email, password: "not the password 1" }),
      "UNAUTHORIZED",
    );
    const session = admin.client.cookie() ?? "";

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const listed = entries.find((e) => e.message === "request" && e.procedure === "projects.list");
    expect(listed).toMatchObject({
      level: "info",
      service: "api",
      user_id: admin.user.id,
      company_id: admin.user.companyId,
      status: 200,
    });
    expect(listed?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(listed?.duration_ms).toBeTypeOf("number");
    const log = lines.join("\n");
    for (const secret of [PASSWORD, newPassword, "not the password 1", key, session, OPENAI_KEY]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log).not.toContain(secret);
    }
  });
});
