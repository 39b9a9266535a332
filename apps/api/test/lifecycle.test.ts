// Account lifecycle over the real api and worker (docs/accounts-lifecycle.md): a user's data
// export and a company export built by the worker and downloaded from GET /exports/:id, who may
// download what (requester, company admins, nobody of another company), link expiry, and the
// company deletion: password and typed name, the grace period, cancel, purge and tombstone.

import { mvFeeder } from "@ampflux/contracts/testing";
import {
  companies,
  companyTombstones,
  createDb,
  dataExports,
  expireExports,
  notifications,
  users,
} from "@ampflux/db";
import { createTestDatabase, type TestDatabase } from "@ampflux/db/testing";
// Test-only use of the worker (the api queues jobs, the worker runs them; no runtime dependency).
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";
import { eq, sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtp, type TestSmtp } from "../../worker/test/smtp.ts";
import { SESSION_COOKIE } from "../src/auth/sessions.ts";
import type { RunningApi } from "../src/server.ts";
import {
  addCompanyUser,
  expectTrpcError,
  PASSWORD,
  signUpCompany,
  startTestApi,
  type TestClient,
  testClient,
} from "./helpers.ts";

// A database of its own: this file's worker must not take the jobs other files play out themselves.
let database: TestDatabase;
let api: RunningApi;
/** The same database with no grace period: a deletion it schedules is due at once. */
let apiNoGrace: RunningApi;
let worker: RunningWorker;
let client: ReturnType<typeof createDb>;
/** The real SMTP server on loopback the worker emails the lifecycle's notices to. */
let smtp: TestSmtp;
beforeAll(async () => {
  database = await createTestDatabase("api_lifecycle");
  smtp = await startSmtp(0);
  const email = {
    EMAIL_ENABLED: "true",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: "AmpFlux <noreply@ampflux.test>",
  };
  api = await startTestApi({ DATABASE_URL: database.url, ...email });
  apiNoGrace = await startTestApi({ DATABASE_URL: database.url, ...email, COMPANY_DELETION_GRACE_DAYS: "0" });
  worker = await startWorker(
    loadWorkerSettings({
      DATABASE_URL: database.url,
      WORKER_CONCURRENCY: "1",
      LOG_LEVEL: "error",
      ...email,
      APP_URL: "http://app.test",
    }),
  );
  client = createDb(database.url);
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await Promise.all([api?.close(), apiNoGrace?.close(), client?.close(), smtp?.close()]);
  await database?.drop();
});

const WORKER = { timeout: 60_000, interval: 200 };

/** GET /exports/:id as the holder of `who`'s session (or nobody). */
const download = (exportId: string, who?: TestClient) =>
  fetch(`${api.url}/exports/${exportId}`, {
    headers: who ? { cookie: `${SESSION_COOKIE}=${who.cookie()}` } : {},
  });

async function finishedExport(who: TestClient, id: string) {
  await expect
    .poll(async () => (await who.trpc.exports.list.query()).find((e) => e.id === id)?.status, WORKER)
    .toBe("done");
}

async function unzipped(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/zip");
  return unzipSync(new Uint8Array(await response.arrayBuffer()));
}
const json = (files: Record<string, Uint8Array>, path: string) => {
  const file = files[path];
  if (!file) throw new Error(`the archive has no ${path}; it has ${Object.keys(files).join(", ")}`);
  return JSON.parse(strFromU8(file));
};

/** A company with a project saved twice, a study on version 1 and a second user. */
async function companyWithWork(label: string) {
  const admin = await signUpCompany(api.url, label);
  const member = await addCompanyUser(api.url, admin.client, `${label}-member`);
  const project = await admin.client.trpc.projects.create.mutate({ name: `${label} substation` });
  await admin.client.trpc.circuits.save.mutate({
    projectId: project.id,
    baseVersion: null,
    document: mvFeeder,
  });
  await admin.client.trpc.circuits.save.mutate({
    projectId: project.id,
    baseVersion: 1,
    document: { ...mvFeeder, name: `${mvFeeder.name} (v2)` },
  });
  const study = await admin.client.trpc.simulations.run.mutate({
    projectId: project.id,
    version: 1,
    study: { kind: "short_circuit", options: { fault: "3ph" } },
  });
  expect(study.status).toBe("succeeded");
  return { admin, member, project, studyId: study.id };
}

describe("data exports", () => {
  it("exports a user's own data: profile, audit rows, API key metadata, owned projects; no secrets", async () => {
    const { member } = await companyWithWork("mine");
    const own = await member.client.trpc.projects.create.mutate({ name: "Member's own" });
    await member.client.trpc.circuits.save.mutate({
      projectId: own.id,
      baseVersion: null,
      document: mvFeeder,
    });
    const { key } = await member.client.trpc.apiKeys.create.mutate({ name: "laptop" });
    const requested = await member.client.trpc.exports.requestMine.mutate();
    await finishedExport(member.client, requested.id);
    // The requester is emailed a link to the page the download is on.
    const ready = await smtp.waitForMail(member.email, /Your data export is ready/);
    expect(ready.text).toContain("Download it from your Account page: http://app.test/account");
    const listed = (await member.client.trpc.exports.list.query()).find((e) => e.id === requested.id);
    expect(listed).toMatchObject({
      kind: "user",
      downloadable: true,
      downloadUrl: `/exports/${requested.id}`,
    });

    const response = await download(requested.id, member.client);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="ampflux-my-data-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip"$/,
    );
    const files = await unzipped(response);
    const profile = json(files, "profile.json");
    expect(profile).toMatchObject({ email: member.email, role: "user" });
    const everything = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join("\n");
    expect(everything).not.toContain("passwordHash");
    expect(everything).not.toContain("keyHash");
    expect(everything).not.toContain(key);
    expect(json(files, "api-keys.json")).toEqual([
      expect.objectContaining({ name: "laptop", prefix: expect.any(String) }),
    ]);
    expect(json(files, "audit-log.json").map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(["auth.sign_up", "api_key.create", "export.user.request"]),
    );
    const manifest = json(files, "manifest.json");
    // Only the project the member created: the admin's project is not theirs.
    expect(manifest.projects.map((p: { name: string }) => p.name)).toEqual(["Member's own"]);
    const folder = manifest.projects[0].folder;
    expect(json(files, `${folder}/versions/v1.ampflux.json`)).toEqual(
      (await member.client.trpc.circuits.get.query({ projectId: own.id, version: 1 }))?.document,
    );
    expect(strFromU8(files[`${folder}/versions/v1.m`] ?? new Uint8Array())).toContain("mpc.bus");
  });

  it("lets only the requester download a user export; nobody of another company; not without a login", async () => {
    const { admin, member } = await companyWithWork("privacy");
    const requested = await member.client.trpc.exports.requestMine.mutate();
    await finishedExport(member.client, requested.id);
    // The company's admin does not see or download a user's personal export.
    expect((await admin.client.trpc.exports.list.query()).map((e) => e.id)).not.toContain(requested.id);
    expect((await download(requested.id, admin.client)).status).toBe(404);
    const stranger = await signUpCompany(api.url, "privacy-stranger");
    expect((await download(requested.id, stranger.client)).status).toBe(404);
    expect((await download(requested.id)).status).toBe(401);
    expect((await download("not-a-uuid", member.client)).status).toBe(400);
    expect((await download(requested.id, member.client)).status).toBe(200);
  });

  it("exports the whole company for its admins: users, audit log, every version, studies as JSON and CSV", async () => {
    const { admin, member, project, studyId } = await companyWithWork("whole");
    await expectTrpcError(member.client.trpc.exports.requestCompany.mutate(), "FORBIDDEN");
    const requested = await admin.client.trpc.exports.requestCompany.mutate();
    await finishedExport(admin.client, requested.id);
    // The requester is told, in the app.
    const inbox = await admin.client.trpc.notifications.list.query({});
    expect(inbox.items[0]).toMatchObject({ kind: "export_ready", title: "The company export is ready" });

    const files = await unzipped(await download(requested.id, admin.client));
    expect(
      json(files, "users.json")
        .map((u: { email: string }) => u.email)
        .sort(),
    ).toEqual([admin.email, member.email].sort());
    expect(json(files, "company.json").company.name).toBe("whole company");
    expect(json(files, "audit-log.json").map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(["circuit.save", "export.company.request"]),
    );
    const manifest = json(files, "manifest.json");
    expect(manifest.projects).toEqual([expect.objectContaining({ id: project.id, versions: 2, studies: 1 })]);
    expect(manifest.skipped).toEqual([]);
    const folder = manifest.projects[0].folder;
    for (const version of [1, 2]) {
      const stored = await admin.client.trpc.circuits.get.query({ projectId: project.id, version });
      expect(json(files, `${folder}/versions/v${version}.ampflux.json`)).toEqual(stored?.document);
      expect(files[`${folder}/versions/v${version}.m`]).toBeDefined();
      expect(files[`${folder}/versions/v${version}.pandapower.json`]).toBeDefined();
    }
    const base = `${folder}/studies/v1-short_circuit-${studyId.slice(0, 8)}`;
    expect(json(files, `${base}.json`)).toMatchObject({ id: studyId, status: "succeeded" });
    const csv = strFromU8(files[`${base}.csv`] ?? new Uint8Array()).split("\n");
    expect(csv[0]).toMatch(/^bus,fed,ikss_ka,/);
    expect(csv.filter(Boolean).length).toBe(mvFeeder.buses.length + 1);

    // Another admin of the company may download it; a user of it and another company's admin not.
    expect((await download(requested.id, member.client)).status).toBe(404);
    const stranger = await signUpCompany(api.url, "whole-stranger");
    expect((await download(requested.id, stranger.client)).status).toBe(404);
    expect((await stranger.client.trpc.exports.list.query()).map((e) => e.id)).not.toContain(requested.id);
    const audit = await admin.client.trpc.audit.list.query({});
    expect(audit.items.map((r) => r.action)).toContain("export.company.download");
  });

  it("refuses a download once the link expired (410) and the cleanup drops the archive", async () => {
    const { admin } = await companyWithWork("expiry");
    const requested = await admin.client.trpc.exports.requestCompany.mutate();
    await finishedExport(admin.client, requested.id);
    await client.db
      .update(dataExports)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(dataExports.id, requested.id));
    const response = await download(requested.id, admin.client);
    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({ error: "the download link has expired: request a new export" });
    const listed = (await admin.client.trpc.exports.list.query()).find((e) => e.id === requested.id);
    expect(listed?.downloadable).toBe(false);
    // The hourly cleanup (the worker's cleanup task) drops the archive; the row stays as a record.
    expect(await expireExports(client.db)).toBeGreaterThanOrEqual(1);
    const [row] = await client.db.select().from(dataExports).where(eq(dataExports.id, requested.id));
    expect(row).toMatchObject({ status: "done", archive: null });
  });
});

describe("company deletion", () => {
  it("needs a company admin, the password and the company's name typed exactly", async () => {
    const { admin, member } = await companyWithWork("guard");
    await expectTrpcError(
      member.client.trpc.company.requestDeletion.mutate({ password: PASSWORD, confirmName: "guard company" }),
      "FORBIDDEN",
    );
    const wrongPassword = await expectTrpcError(
      admin.client.trpc.company.requestDeletion.mutate({
        password: "not the password",
        confirmName: "guard company",
      }),
      "BAD_REQUEST",
    );
    expect(wrongPassword.message).toBe("password: the password is wrong");
    const wrongName = await expectTrpcError(
      admin.client.trpc.company.requestDeletion.mutate({ password: PASSWORD, confirmName: "guard" }),
      "BAD_REQUEST",
    );
    expect(wrongName.message).toContain('confirmName: type the company\'s name exactly ("guard company")');
    const empty = await expectTrpcError(
      admin.client.trpc.company.requestDeletion.mutate({ password: PASSWORD, confirmName: " " }),
      "BAD_REQUEST",
    );
    expect(empty.message).toContain("confirmName");
    expect((await member.client.trpc.company.lifecycle.query()).deletionScheduledFor).toBeNull();
  });

  it("schedules the deletion after the grace period, tells every user, and the admin cancels it", async () => {
    const { admin, member } = await companyWithWork("grace");
    const other = await companyWithWork("grace-other");
    const before = Date.now();
    const { scheduledFor } = await admin.client.trpc.company.requestDeletion.mutate({
      password: PASSWORD,
      confirmName: "grace company",
    });
    const days = (scheduledFor.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    // Every user sees it (the banner) and keeps working: logged in, exports allowed.
    const seen = await member.client.trpc.company.lifecycle.query();
    expect(seen).toMatchObject({ name: "grace company", deletionRequestedBy: "grace user", graceDays: 30 });
    expect(seen.deletionScheduledFor?.getTime()).toBe(scheduledFor.getTime());
    const inbox = await member.client.trpc.notifications.list.query({});
    expect(inbox.items[0]).toMatchObject({
      kind: "company_deletion_scheduled",
      title: "grace company will be deleted",
    });
    // And by email, through the worker's retried send_email job: the date, and where to go.
    const notice = await smtp.waitForMail(member.email, /grace company will be deleted/);
    expect(notice.text).toContain(`on ${scheduledFor.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(notice.text).toContain("Open AmpFlux: http://app.test/");
    await member.client.trpc.exports.requestMine.mutate();
    // The purge is queued for the end of the grace period.
    const jobs = await client.db.execute<{ run_at: Date }>(
      sql`select run_at from graphile_worker.jobs where key = ${`company-purge:${admin.user.companyId}`}`,
    );
    expect(new Date(String(jobs[0]?.run_at)).getTime()).toBe(scheduledFor.getTime());
    await expectTrpcError(
      admin.client.trpc.company.requestDeletion.mutate({ password: PASSWORD, confirmName: "grace company" }),
      "CONFLICT",
    );
    // Another company's admin cannot cancel it: their procedures only ever act on their own company.
    await expectTrpcError(other.admin.client.trpc.company.cancelDeletion.mutate(), "PRECONDITION_FAILED");
    expect((await member.client.trpc.company.lifecycle.query()).deletionScheduledFor).not.toBeNull();
    await expectTrpcError(member.client.trpc.company.cancelDeletion.mutate(), "FORBIDDEN");

    await admin.client.trpc.company.cancelDeletion.mutate();
    expect((await member.client.trpc.company.lifecycle.query()).deletionScheduledFor).toBeNull();
    const after = await client.db.execute(
      sql`select 1 from graphile_worker.jobs where key = ${`company-purge:${admin.user.companyId}`}`,
    );
    expect(after.length).toBe(0);
    expect((await member.client.trpc.notifications.list.query({})).items[0]).toMatchObject({
      kind: "company_deletion_cancelled",
    });
    await smtp.waitForMail(member.email, /The deletion of grace company was cancelled/);
    const actions = (await admin.client.trpc.audit.list.query({})).items.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["company.deletion_request", "company.deletion_cancel"]));
  });

  it("purges a company once its grace period is over, keeps a tombstone with its audit log, spares others", async () => {
    const doomed = await companyWithWork("doomed");
    const spared = await companyWithWork("spared");
    const noGraceAdmin = testClient(apiNoGrace.url);
    await noGraceAdmin.trpc.auth.logIn.mutate({ email: doomed.admin.email, password: PASSWORD });
    await noGraceAdmin.trpc.company.requestDeletion.mutate({
      password: PASSWORD,
      confirmName: "doomed company",
    });
    const companyId = doomed.admin.user.companyId;
    await expect
      .poll(
        async () => (await client.db.select().from(companies).where(eq(companies.id, companyId))).length,
        WORKER,
      )
      .toBe(0);
    expect(await client.db.select().from(users).where(eq(users.companyId, companyId))).toEqual([]);
    expect(
      await client.db.select().from(notifications).where(eq(notifications.companyId, companyId)),
    ).toEqual([]);
    const [tombstone] = await client.db
      .select()
      .from(companyTombstones)
      .where(eq(companyTombstones.companyId, companyId));
    expect(tombstone).toMatchObject({
      name: "doomed company",
      deletionRequestedBy: doomed.admin.email,
      counts: { users: 2, projects: 1, circuitVersions: 2, simulations: 1, reports: 0 },
    });
    const actions = tombstone?.auditLog.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(["auth.sign_up", "circuit.save", "company.deletion_request"]),
    );
    expect(actions?.at(-1)).toBe("company.purge");
    // The purged company's sessions are gone; the other company works on.
    // (Each api process forgets cached sessions when the deletes' NOTIFY arrives, at commit.)
    const meCode = () =>
      doomed.member.client.trpc.company.lifecycle.query().then(
        () => "OK",
        (error: { data?: { code?: string } }) => error.data?.code,
      );
    await expect.poll(meCode, { timeout: 15_000 }).toBe("UNAUTHORIZED");
    expect((await spared.admin.client.trpc.projects.list.query({})).items.map((p) => p.id)).toEqual([
      spared.project.id,
    ]);
  });
});
