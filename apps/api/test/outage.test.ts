import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "@ampflux/db";
import { type RunningPostgres, startEmbeddedPostgres } from "@ampflux/db/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, freePort, signUpCompany, startTestApi } from "./helpers.ts";

// A Postgres of its own, so this test can stop and restart it under a running api.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ampflux-outage-"));
chmodSync(dataDir, 0o755);
let port = 0;
let postgres: RunningPostgres;
let api: RunningApi;

const startPostgres = () =>
  startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port, persistent: true });

beforeAll(async () => {
  // A free port, taken again if another process bound it between the check and Postgres's start.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      postgres = await startPostgres();
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await migrateDatabase(postgres.url);
  api = await startTestApi({ DATABASE_URL: postgres.url });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("database outage", () => {
  it("answers 503 while Postgres is down and recovers by itself, keeping saved data", async () => {
    const { client } = await signUpCompany(api.url, "outage");
    const project = await client.trpc.projects.create.mutate({ name: "Survives restarts" });

    await postgres.stop();
    const error = await expectTrpcError(client.trpc.projects.list.query({}), "SERVICE_UNAVAILABLE");
    expect(error.message).toBe("the database is unavailable, try again shortly");
    const health = await fetch(`${api.url}/health/detailed`);
    expect(health.status).toBe(503);

    postgres = await startPostgres();
    await expect
      .poll(
        async () => (await client.trpc.projects.list.query({}).catch(() => null))?.items.map((p) => p.id),
        {
          timeout: 20_000,
          interval: 250,
        },
      )
      .toEqual([project.id]);
  }, 60_000);
});
