// Test databases: every test run gets its own freshly migrated database, dropped afterwards.
// The server is TEST_DATABASE_URL, else the machine's Postgres on 127.0.0.1:5432, else an
// embedded Postgres started for the run. Always a real server: no mocks.

import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type RunningPostgres, startEmbeddedPostgres } from "./embedded.ts";
import { migrateDatabase } from "./migrate.ts";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const MACHINE_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function adminServer(): Promise<{ adminUrl: string; embedded?: RunningPostgres }> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) return { adminUrl: configured };
  if (await reachable(MACHINE_POSTGRES)) return { adminUrl: MACHINE_POSTGRES };
  const port = 55_000 + Math.floor(Math.random() * 5_000);
  const dataDir = path.join(os.tmpdir(), `ampflux-test-pg-${process.pid}-${port}`);
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: "postgres", persistent: false });
  return { adminUrl: embedded.url, embedded };
}

export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  const { adminUrl, embedded } = await adminServer();
  const name = `ampflux_${label.replace(/\W/g, "_")}_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}

/** The real Redis tests use: REDIS_URL, else the machine's Redis on 127.0.0.1:6379. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** A key prefix unique to this test run, so concurrent runs never see each other's keys. */
export function testKeyPrefix(label: string): string {
  return `ampflux-test:${label}:${randomBytes(4).toString("hex")}:`;
}

interface ProvidingProject {
  provide(key: "databaseUrl", value: string): void;
}

/** Body of a vitest globalSetup: one fresh database for the whole run, dropped at the end. */
export async function setupTestDatabase(
  project: ProvidingProject,
  label: string,
): Promise<() => Promise<void>> {
  const database = await createTestDatabase(label);
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** The value of the sample of `metric` with these labels in a Prometheus text exposition. */
export function metricSample(
  text: string,
  metric: string,
  labels: Record<string, string>,
): number | undefined {
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}
