// Notifications end to end: a real worker finishes queued studies against the test database and
// emails their outcome to a real SMTP server (smtp-server) on loopback, which may be down at first.

import { randomBytes } from "node:crypto";
import { SettingsError } from "@ampflux/contracts";
import { parallelFeeder } from "@ampflux/contracts/testing";
import {
  createDb,
  enqueueSimulation,
  type Notification,
  notifications,
  projects,
  simulations,
  users,
} from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { DEFAULT_SWEEP_SLOTS, finished, queueStudy, waitForSimulation } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

const SMTP_USER = "ampflux";
const SMTP_PASSWORD = "relay secret";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
let worker: RunningWorker;
/** One server for the file; the outage test stops it and starts another on the same port. */
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp(0, { user: SMTP_USER, password: SMTP_PASSWORD });
  worker = await startWorker(
    loadWorkerSettings({
      DATABASE_URL: databaseUrl,
      WORKER_CONCURRENCY: "2",
      LOG_LEVEL: "error",
      EMAIL_ENABLED: "true",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_USER,
      SMTP_PASSWORD,
      SMTP_FROM: "AmpFlux <noreply@ampflux.test>",
      APP_URL: "http://app.test/",
    }),
  );
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await client.close();
});

/** Queues a batch study as a (new) user of the project's company would. */
async function queueBatchStudy(options: Record<string, unknown>) {
  const simulation = await queueStudy(client, parallelFeeder, { kind: "batch_study", options }, false);
  return client.db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, simulation.projectId));
    if (!project) throw new Error("no project");
    const [user] = await tx
      .insert(users)
      .values({
        companyId: project.companyId,
        email: `engineer-${randomBytes(4).toString("hex")}@example.com`,
        name: "Ada Engineer",
        passwordHash: "unused",
      })
      .returning();
    if (!user) throw new Error("no user");
    await tx.update(simulations).set({ createdBy: user.id }).where(eq(simulations.id, simulation.id));
    await enqueueSimulation(tx, simulation, DEFAULT_SWEEP_SLOTS);
    return { simulation, user, project };
  });
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const notificationsOf = (userId: string): Promise<Notification[]> =>
  client.db.select().from(notifications).where(eq(notifications.userId, userId));

const emailed = (id: number) =>
  until("the notification to be emailed", async () => {
    const [row] = await client.db.select().from(notifications).where(eq(notifications.id, id));
    return row?.emailedAt ?? undefined;
  });

const emailJob = async (notificationId: number) => {
  const [job] = await client.sql<{ attempts: number; last_error: string | null }[]>`
    select attempts, last_error from graphile_worker._private_jobs
    where payload->>'notificationId' = ${String(notificationId)}`;
  return job;
};

describe("study notifications", () => {
  it("tells the user who queued a batch study that it finished, in the app and by email", async () => {
    const { simulation, user, project } = await queueBatchStudy({ faults: ["3ph"], contingencies: ["L1"] });
    expect((await waitForSimulation(client, simulation.id, finished)).status).toBe("succeeded");

    const [notification, ...more] = await notificationsOf(user.id);
    expect(more).toHaveLength(0);
    expect(notification).toMatchObject({
      kind: "study_succeeded",
      title: "Batch study succeeded",
      body: "Study, version 1: the results are ready.",
      companyId: project.companyId,
      projectId: project.id,
      simulationId: simulation.id,
      readAt: null,
    });

    await emailed(notification?.id ?? 0);
    const [mail, ...again] = smtp.mailsTo(user.email);
    expect(again).toHaveLength(0);
    expect(mail?.envelopeTo).toEqual([user.email]);
    expect(mail?.authenticatedAs).toBe(SMTP_USER);
    expect(mail?.headers.get("to")).toBe(user.email);
    expect(mail?.headers.get("from")).toBe("AmpFlux <noreply@ampflux.test>");
    expect(mail?.headers.get("subject")).toBe("Batch study succeeded: Study");
    expect(mail?.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(mail?.text).toContain("Hello Ada Engineer,\n\nBatch study succeeded.\n");
    expect(mail?.text).toContain("Study, version 1: the results are ready.");
    expect(mail?.text).toContain(`http://app.test/projects/${project.id}/simulations`);
    // The job row goes just after the task returns: wait for it rather than race it.
    await vi.waitFor(async () => expect(await emailJob(notification?.id ?? 0)).toBeUndefined(), {
      timeout: 30_000,
    });
  });

  it("finishes the study while SMTP is down and delivers the email once the server is back", async () => {
    await smtp.close();
    const { simulation, user } = await queueBatchStudy({ faults: ["3ph"], contingencies: [] });
    expect((await waitForSimulation(client, simulation.id, finished)).status).toBe("succeeded");
    const [notification] = await notificationsOf(user.id);
    const id = notification?.id ?? 0;

    const failed = await until("a failed send attempt", async () => {
      const job = await emailJob(id);
      return job && job.attempts >= 1 && job.last_error ? job : undefined;
    });
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    const [pending] = await notificationsOf(user.id);
    expect(pending?.emailedAt).toBeNull();

    // graphile-worker's backoff retries after exp(1) ≈ 2.7 s; the server is up by then.
    smtp = await startSmtp(smtp.port, { user: SMTP_USER, password: SMTP_PASSWORD });
    await emailed(id);
    const mails = smtp.mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.headers.get("subject")).toBe("Batch study succeeded: Study");
    // graphile-worker deletes the job just after the task that sent the mail returns.
    await vi.waitFor(async () => expect(await emailJob(id)).toBeUndefined(), { timeout: 30_000 });
    expect(await notificationsOf(user.id)).toHaveLength(1);
  });

  it("tells the user that a batch study failed, with the reason", async () => {
    const { simulation, user } = await queueBatchStudy({ faults: ["3ph"], contingencies: ["ghost"] });
    expect((await waitForSimulation(client, simulation.id, finished)).status).toBe("failed");

    const [notification] = await notificationsOf(user.id);
    expect(notification).toMatchObject({
      kind: "study_failed",
      title: "Batch study failed",
      body: 'Study, version 1: contingencies[0]: no line or transformer "ghost"',
      simulationId: simulation.id,
    });
    await emailed(notification?.id ?? 0);
    const [mail] = smtp.mailsTo(user.email);
    expect(mail?.headers.get("subject")).toBe("Batch study failed: Study");
    expect(mail?.text).toContain('contingencies[0]: no line or transformer "ghost"');
  });
});

describe("email settings", () => {
  it("names what enabling email still needs", () => {
    const load = () => loadWorkerSettings({ DATABASE_URL: databaseUrl, EMAIL_ENABLED: "true" });
    expect(load).toThrow(SettingsError);
    expect(load).toThrow(/SMTP_HOST: is required when EMAIL_ENABLED; SMTP_FROM: is required/);
  });

  it("keeps email off by default", () => {
    expect(loadWorkerSettings({ DATABASE_URL: databaseUrl }).EMAIL_ENABLED).toBe(false);
  });
});
