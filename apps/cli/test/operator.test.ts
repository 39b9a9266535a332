// Operator commands on a real, migrated database: create a company with its licence and first
// admin's invitation, enable batch studies, and the changes are what the api reads
// (findActiveLicense, companyFeatures) and are audited. The worker's dead letters: a study job
// that failed its last attempt is listed, then queued again with its study.

import { FEATURE_FLAGS, networkDocumentSchema } from "@ampflux/contracts";
import { parallelFeeder } from "@ampflux/contracts/testing";
import {
  auditLogs,
  circuitVersions,
  companies,
  companyFeatures,
  createDb,
  enqueueSimulation,
  findActiveLicense,
  invitations,
  listDeadLetters,
  projects,
  simulations,
} from "@ampflux/db";
import { createTestDatabase, type TestDatabase } from "@ampflux/db/testing";
import { loadWorkerSettings, startWorker } from "@ampflux/worker";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/main.ts";

let database: TestDatabase;
let client: ReturnType<typeof createDb>;

beforeAll(async () => {
  database = await createTestDatabase("cli_operator");
  client = createDb(database.url, { maxConnections: 2 });
});
afterAll(async () => {
  await client?.close();
  await database?.drop();
});

async function run(argv: string[], env: Record<string, string | undefined> = { DATABASE_URL: database.url }) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { ...env, APP_URL: "https://ampflux.example.com" },
  });
  return { code, stdout, stderr };
}

const defaults = Object.fromEntries(FEATURE_FLAGS.map((f) => [f, true])) as Record<
  (typeof FEATURE_FLAGS)[number],
  boolean
>;

describe("operator commands", () => {
  it("creates a company with a licence and an admin invitation, then enables batch studies", async () => {
    const created = await run([
      "companies",
      "create",
      "Acme Grid",
      "--admin",
      "lead@acme.example",
      "--format",
      "json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const company = JSON.parse(created.stdout) as {
      id: string;
      licence: { plan: string; batchStudies: boolean };
    };
    expect(company.licence).toMatchObject({ plan: "free", batchStudies: false });
    const [invitation] = await client.db
      .select()
      .from(invitations)
      .where(eq(invitations.companyId, company.id));
    expect(invitation).toMatchObject({ email: "lead@acme.example", role: "company_admin", acceptedAt: null });

    const table = await run([
      "companies",
      "create",
      "Beta Power",
      "--plan",
      "professional",
      "--admin",
      "x@beta.example",
    ]);
    expect(table.stdout).toMatch(/https:\/\/ampflux\.example\.com\/signup\?invite=[a-z2-7]{32}/);

    let features = await companyFeatures(client.db, company.id, defaults);
    expect(features.find((f) => f.flag === "batch_studies")?.enabled).toBe(false);
    const set = await run([
      "licence",
      "set",
      "Acme Grid",
      "--batch-studies",
      "on",
      "--plan",
      "enterprise",
      "--max-buses",
      "20000",
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/licence of Acme Grid/);
    const licence = await findActiveLicense(client.db, company.id);
    expect(licence).toMatchObject({ plan: "enterprise", batchStudies: true, maxBusesPerStudy: 20_000 });
    features = await companyFeatures(client.db, company.id, defaults);
    expect(features.find((f) => f.flag === "batch_studies")?.enabled).toBe(true);

    // Suspending ends the licence in force: the api then refuses the company's studies.
    expect((await run(["licence", "set", company.id, "--status", "suspended"])).code).toBe(0);
    expect(await findActiveLicense(client.db, company.id)).toBeUndefined();

    const actions = (await client.db.select().from(auditLogs).where(eq(auditLogs.companyId, company.id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["operator.company.create", "operator.invite", "operator.licence.set"]),
    );

    const list = await run(["companies", "list"]);
    const acme = list.stdout.split("\n").find((line) => line.includes("Acme Grid")) ?? "";
    expect(acme).toMatch(/enterprise\s+suspended\s+3\s+20000\s+on/);
  });

  it("names the flag and the reason for bad input, and changes nothing", async () => {
    const bad = await run([
      "licence",
      "set",
      "Acme Grid",
      "--plan",
      "gold",
      "--max-buses=-3",
      "--ends",
      "soon",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--plan: "gold" is not one of free, professional, enterprise/);
    expect(bad.stderr).toMatch(/--max-buses: "-3" is not a whole number/);
    expect(bad.stderr).toMatch(/--ends: "soon" is not a date/);
    const unknown = await run(["licence", "set", "Nobody Ltd", "--batch-studies", "on"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/company "Nobody Ltd": no company has this id or name/);
    const noDb = await run(["companies", "list"], {});
    expect(noDb.stderr).toMatch(/DATABASE_URL is not set/);
  });
});

describe("jobs commands", () => {
  /** A short-circuit study whose one attempt fails on a worker whose engine throws: a dead letter. */
  async function deadStudy(): Promise<{ simulationId: string; companyId: string }> {
    // Started first: it creates the job queue's schema.
    const worker = await startWorker(
      loadWorkerSettings({ DATABASE_URL: database.url, WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" }),
      {
        simCore: async () => {
          throw new Error("engine lost\nstack");
        },
      },
    );
    const queued = await client.db.transaction(async (tx) => {
      const [company] = await tx.insert(companies).values({ name: "Dead Letter Co" }).returning();
      const [project] = await tx
        .insert(projects)
        .values({ companyId: company?.id ?? "", name: "Feeder" })
        .returning();
      const [version] = await tx
        .insert(circuitVersions)
        .values({
          projectId: project?.id ?? "",
          version: 1,
          message: "",
          document: networkDocumentSchema.parse(parallelFeeder),
          elementCounts: {},
        })
        .returning();
      const [simulation] = await tx
        .insert(simulations)
        .values({
          projectId: project?.id ?? "",
          circuitVersionId: version?.id ?? "",
          kind: "short_circuit",
          options: {} as never,
          optionsHash: "dead-letter",
        })
        .returning();
      if (!company || !simulation) throw new Error("seed failed");
      await enqueueSimulation(tx, simulation, 2);
      await tx.execute(sql`update graphile_worker._private_jobs set max_attempts = 1
        where payload->>'simulationId' = ${simulation.id}`);
      return { simulationId: simulation.id, companyId: company.id };
    });
    try {
      await vi.waitFor(
        async () =>
          expect((await listDeadLetters(client.db)).map((l) => l.study?.id)).toContain(queued.simulationId),
        { timeout: 30_000 },
      );
    } finally {
      await worker.stop();
    }
    return queued;
  }

  it("lists a failed study job with its study and company, and queues it again with the study", async () => {
    const { simulationId, companyId } = await deadStudy();
    const table = await run(["jobs", "failed"]);
    expect(table.code, table.stderr).toBe(0);
    const line = table.stdout.split("\n").find((l) => l.includes(simulationId)) ?? "";
    expect(line).toMatch(/^\d+\s+simulate\s+1\/1\s+\d{4}-\d\d-\d\dT[\d:]+Z\s+/);
    expect(line).toContain(companyId);
    expect(line).toMatch(/engine lost$/);
    const listed = await run(["jobs", "failed", "--format", "json"]);
    const [job] = JSON.parse(listed.stdout) as { id: string; task: string; study: { id: string } }[];
    expect(job).toMatchObject({
      task: "simulate",
      lastError: "engine lost",
      study: { id: simulationId, companyId },
    });

    const retried = await run(["jobs", "retry", job?.id ?? ""]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toBe(
      `job ${job?.id} (simulate) queued again; study ${simulationId} back to queued\n`,
    );
    const [row] = await client.db.select().from(simulations).where(eq(simulations.id, simulationId));
    expect(row).toMatchObject({ status: "queued", error: null });
    const [again] = await client.sql<{ attempts: number; run_at: Date }[]>`
      select attempts, run_at from graphile_worker._private_jobs where id = ${job?.id ?? "0"}`;
    expect(again?.attempts).toBe(0);
    expect((await run(["jobs", "failed"])).stdout).toBe("no failed jobs\n");
    // Retried, it is no longer a dead letter: a second retry names it.
    const twice = await run(["jobs", "retry", job?.id ?? ""]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`job-id: not a failed job: ${job?.id}`);
  }, 60_000);

  it("names the argument for bad input", async () => {
    const neither = await run(["jobs", "retry"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(
      /jobs retry: give the ids of failed jobs \(see jobs failed\) or --all-failed/,
    );
    const both = await run(["jobs", "retry", "12", "--all-failed"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give job ids or --all-failed, not both/);
    const word = await run(["jobs", "retry", "12", "abc"]);
    expect(word.code).toBe(1);
    expect(word.stderr).toMatch(/job-id: "abc" is not a job id/);
    const slots = await run(["jobs", "retry", "--all-failed"], {
      DATABASE_URL: database.url,
      SWEEP_SLOTS_PER_COMPANY: "0",
    });
    expect(slots.code).toBe(1);
    expect(slots.stderr).toMatch(/SWEEP_SLOTS_PER_COMPANY: /);
    const none = await run(["jobs", "retry", "--all-failed"]);
    expect(none).toMatchObject({ code: 0, stdout: "no failed jobs\n" });
  });
});
