// Redis going down under a running api, for real: a private redis-server is started for this
// file, killed mid-test and started again on the same port.

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { lvFeeder } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, freePort, PASSWORD, signUpCompany, startTestApi, testClient } from "./helpers.ts";

async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", ""], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  redis.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  for (let waited = 0; !out.includes("Ready to accept connections"); waited += 50) {
    if (waited > 10_000) throw new Error(`redis-server did not start: ${out}`);
    await sleep(50);
  }
  return redis;
}

let api: RunningApi | undefined;
let redis: ChildProcess | undefined;
afterAll(async () => {
  await api?.close();
  redis?.kill("SIGKILL");
});

describe("Redis outage", () => {
  it("keeps the api working without the cache, refuses logins (fail closed) and recovers", async () => {
    const port = await freePort();
    redis = await startRedis(port);
    api = await startTestApi({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const admin = await signUpCompany(api.url, "redis");
    const trpc = admin.client.trpc;
    const project = await trpc.projects.create.mutate({ name: "Redis outage" });
    await trpc.circuits.save.mutate({ projectId: project.id, baseVersion: null, document: lvFeeder });

    redis.kill("SIGKILL");
    await once(redis, "exit");

    // Sessions, projects, versions and studies live in Postgres: all keep working.
    expect((await trpc.auth.me.query())?.user.email).toBe(admin.email);
    expect((await trpc.projects.list.query({})).items).toHaveLength(1);
    await trpc.circuits.save.mutate({
      projectId: project.id,
      baseVersion: 1,
      document: lvFeeder,
      message: "v2",
    });
    const run = await trpc.simulations.run.mutate({
      projectId: project.id,
      version: 2,
      study: { kind: "short_circuit", options: {} },
    });
    expect(run.status).toBe("succeeded");
    // Login limits cannot be counted: logins are refused rather than left unlimited.
    const error = await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email: admin.email, password: PASSWORD }),
      "SERVICE_UNAVAILABLE",
    );
    expect(error.message).toMatch(/login is unavailable/);
    const health = await fetch(`${api.url}/health/detailed`);
    expect(health.status).toBe(503);

    redis = await startRedis(port);
    const again = testClient(api.url);
    for (let waited = 0; ; waited += 200) {
      const ok = await again.trpc.auth.logIn.mutate({ email: admin.email, password: PASSWORD }).then(
        () => true,
        () => false,
      );
      if (ok) break;
      if (waited > 15_000) throw new Error("login did not recover after Redis came back");
      await sleep(200);
    }
    expect((await again.trpc.auth.me.query())?.user.email).toBe(admin.email);
    expect((await fetch(`${api.url}/health/detailed`)).status).toBe(200);
  }, 60_000);
});
