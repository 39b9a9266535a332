// The reports router against a real api and Postgres. No worker runs here: the test plays it
// (claim, finish) where a report must be generated; the real generate_report task is exercised in
// reports-worker.test.ts. The stored "PDF" here is a few bytes: these tests are about state.

import { arcFlashPlant, mvFeeder } from "@ampflux/contracts/testing";
import {
  auditLogs,
  circuitVersions,
  claimReport,
  finishReport,
  reportReportProgress,
  simulations,
} from "@ampflux/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { addCompanyUser, expectTrpcError, signUpCompany, startTestApi, type TestClient } from "./helpers.ts";
import { savedProject } from "./networks.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const PLAYED_PDF = new TextEncoder().encode("%PDF-1.7 played by the test");

/** A project (owner, viewer) with a finished inline study of `document` and two more editors. */
async function studied(label: string, document: unknown = mvFeeder) {
  const saved = await savedProject(api.url, label, document);
  const editors = await Promise.all(
    ["checker", "approver"].map(async (name) => {
      const member = await addCompanyUser(api.url, saved.owner.client, `${label}-${name}`);
      await saved.owner.client.trpc.projects.members.set.mutate({
        projectId: saved.projectId,
        userId: member.user.id,
        role: "editor",
      });
      return member;
    }),
  );
  const run = await saved.owner.client.trpc.simulations.run.mutate({
    projectId: saved.projectId,
    version: 1,
    study: { kind: "short_circuit", options: { fault: "3ph" } },
  });
  expect(run.status).toBe("succeeded");
  const [checker, approver] = editors;
  if (!checker || !approver) throw new Error("no editors");
  return { ...saved, checker, approver, simulationId: run.id };
}

/** The worker's part, played: claim the queued rendering and store a document. */
async function played(reportId: string, projectId: string) {
  const db = api.deps.database.db;
  expect(await claimReport(db, reportId)).toEqual({ id: reportId, projectId });
  expect(
    await finishReport(
      db,
      { id: reportId, projectId },
      { status: "done", pdf: PLAYED_PDF, html: "<p>r</p>", timings: {} },
    ),
  ).toBe(true);
}

async function generated(client: TestClient, projectId: string, simulationId: string) {
  const created = await client.trpc.reports.create.mutate({ projectId, simulationId });
  await played(created.id, projectId);
  return created.id;
}

/** graphile-worker jobs queued for a report (its key). */
async function jobsOf(reportId: string): Promise<number> {
  const rows = await api.deps.database.sql<{ jobs: number }[]>`
    select count(*)::int as jobs from graphile_worker.jobs where key = ${`report:${reportId}`}`;
  return rows[0]?.jobs ?? 0;
}

const auditActions = async (reportId: string) =>
  (
    await api.deps.database.db
      .select({ action: auditLogs.action, details: auditLogs.details })
      .from(auditLogs)
      .where(and(eq(auditLogs.targetType, "report"), eq(auditLogs.targetId, reportId)))
      .orderBy(auditLogs.id)
  ).map((r) => ({ action: r.action, role: (r.details as { role?: string }).role }));

describe("reports.create, list, get", () => {
  it("queues a report of a finished study with its job, its content hash and an audit entry", async () => {
    const { owner, viewer, projectId, simulationId } = await studied("create");
    const created = await owner.client.trpc.reports.create.mutate({
      projectId,
      simulationId,
      options: { paper: "Letter" },
    });
    expect(created).toMatchObject({ status: "queued", contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const [job] = await api.deps.database.sql<{ task: string; key: string }[]>`
      select task_identifier as task, key from graphile_worker.jobs where key = ${`report:${created.id}`}`;
    expect(job).toEqual({ task: "generate_report", key: `report:${created.id}` });
    expect(await auditActions(created.id)).toEqual([{ action: "report.create", role: undefined }]);

    const [listed] = await viewer.client.trpc.reports.list.query({ projectId });
    expect(listed).toMatchObject({
      id: created.id,
      simulationId,
      version: 1,
      currentVersion: 1,
      status: "queued",
      progress: 0,
      outdated: false,
      immutable: false,
      approvals: [],
      // Defaults filled in by reportOptionsSchema.
      options: { paper: "Letter", include_branches: false, format: "pdf" },
    });
    expect(listed).not.toHaveProperty("pdf");
    expect(listed).not.toHaveProperty("studyOptions");
    expect(await viewer.client.trpc.reports.list.query({ projectId, simulationId })).toHaveLength(1);
    expect(
      await viewer.client.trpc.reports.list.query({ projectId, simulationId: crypto.randomUUID() }),
    ).toEqual([]);
    const got = await viewer.client.trpc.reports.get.query({ projectId, reportId: created.id });
    expect(got.contentHash).toBe(created.contentHash);
  });

  it("refuses a study that has not succeeded, and bad input naming the field", async () => {
    const { owner, projectId } = await studied("create-bad");
    // A study still queued (no worker runs here), inserted as the api's run would queue it.
    const db = api.deps.database.db;
    const [version] = await db.select().from(circuitVersions).where(eq(circuitVersions.projectId, projectId));
    const [queued] = await db
      .insert(simulations)
      .values({
        projectId,
        circuitVersionId: version?.id ?? "",
        kind: "short_circuit",
        options: { fault: "3ph" } as never,
        optionsHash: "queued-by-test",
      })
      .returning();
    const queuedStudy = { id: queued?.id ?? "" };
    const notDone = await expectTrpcError(
      owner.client.trpc.reports.create.mutate({ projectId, simulationId: queuedStudy.id }),
      "PRECONDITION_FAILED",
    );
    expect(notDone.message).toBe(
      "simulationId: the study has not finished (queued): only a succeeded study can be reported",
    );
    const paper = await expectTrpcError(
      owner.client.trpc.reports.create.mutate({
        projectId,
        simulationId: queuedStudy.id,
        // @ts-expect-error: A3 is not one of the papers
        options: { paper: "A3" },
      }),
      "BAD_REQUEST",
    );
    expect(paper.data?.zodError?.issues).toEqual([
      { path: ["options", "paper"], message: 'Invalid option: expected one of "A4"|"Letter"' },
    ]);
    const id = await expectTrpcError(
      owner.client.trpc.reports.get.query({ projectId, reportId: "nope" }),
      "BAD_REQUEST",
    );
    expect(id.data?.zodError?.issues.map((i) => i.path)).toEqual([["reportId"]]);
    const role = await expectTrpcError(
      // @ts-expect-error: not a role
      owner.client.trpc.reports.approve.mutate({ projectId, reportId: queuedStudy.id, role: "reviewed" }),
      "BAD_REQUEST",
    );
    expect(role.data?.zodError?.issues.map((i) => i.path)).toEqual([["role"]]);
    await expectTrpcError(
      owner.client.trpc.reports.get.query({ projectId, reportId: crypto.randomUUID() }),
      "NOT_FOUND",
    );
  });

  it("lets viewers read and download but not create, sign or delete", async () => {
    const { owner, viewer, projectId, simulationId } = await studied("viewer");
    const reportId = await generated(owner.client, projectId, simulationId);
    const reports = viewer.client.trpc.reports;
    await expectTrpcError(reports.create.mutate({ projectId, simulationId }), "FORBIDDEN");
    await expectTrpcError(reports.approve.mutate({ projectId, reportId, role: "prepared" }), "FORBIDDEN");
    await expectTrpcError(reports.delete.mutate({ projectId, reportId }), "FORBIDDEN");
    const file = await reports.download.query({ projectId, reportId });
    expect(file).toMatchObject({
      contentType: "application/pdf",
      size: PLAYED_PDF.byteLength,
      status: "done",
    });
    expect(file.filename).toMatch(/^report-v1-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf$/);
    expect(Buffer.from(file.base64, "base64")).toEqual(Buffer.from(PLAYED_PDF));
    const html = await reports.download.query({ projectId, reportId, format: "html" });
    expect(Buffer.from(html.base64, "base64").toString("utf8")).toBe("<p>r</p>");
  });
});

describe("reports.approve", () => {
  it("signs prepared, checked, approved by three people in order, then the report is immutable", async () => {
    const { owner, checker, approver, projectId, simulationId } = await studied("approve");
    const queued = await owner.client.trpc.reports.create.mutate({ projectId, simulationId });
    const early = await expectTrpcError(
      owner.client.trpc.reports.approve.mutate({ projectId, reportId: queued.id, role: "prepared" }),
      "PRECONDITION_FAILED",
    );
    expect(early.message).toBe(
      "the report has not been generated yet: only a generated report can be signed",
    );
    await played(queued.id, projectId);
    const reportId = queued.id;
    const approve = (client: TestClient, role: "prepared" | "checked" | "approved") =>
      client.trpc.reports.approve.mutate({ projectId, reportId, role });

    const outOfOrder = await expectTrpcError(approve(checker.client, "checked"), "PRECONDITION_FAILED");
    expect(outOfOrder.message).toBe('role: "checked" comes after "prepared", which is not signed yet');
    expect(await approve(owner.client, "prepared")).toMatchObject({ role: "prepared", immutable: false });
    // Re-rendered so the approval block shows the signature.
    expect((await owner.client.trpc.reports.get.query({ projectId, reportId })).status).toBe("queued");

    const twice = await expectTrpcError(approve(owner.client, "checked"), "CONFLICT");
    expect(twice.message).toBe(
      'role: you already signed this report as "prepared"; one person signs one role',
    );
    const taken = await expectTrpcError(approve(checker.client, "prepared"), "CONFLICT");
    expect(taken.message).toBe('role: "prepared" is already signed by approve user');

    await approve(checker.client, "checked");
    expect(await approve(approver.client, "approved")).toMatchObject({ role: "approved", immutable: true });

    const got = await owner.client.trpc.reports.get.query({ projectId, reportId });
    expect(got.immutable).toBe(true);
    expect(got.approvals.map((a) => [a.role, a.userName])).toEqual([
      ["prepared", "approve user"],
      ["checked", "approve-checker user"],
      ["approved", "approve-approver user"],
    ]);
    const again = await expectTrpcError(approve(approver.client, "approved"), "PRECONDITION_FAILED");
    expect(again.message).toBe(
      "the report is approved in every role and immutable: it cannot be signed again",
    );
    const deleted = await expectTrpcError(
      owner.client.trpc.reports.delete.mutate({ projectId, reportId }),
      "PRECONDITION_FAILED",
    );
    expect(deleted.message).toBe("the report is approved in every role and immutable: it cannot be deleted");
    expect(await auditActions(reportId)).toEqual([
      { action: "report.create", role: undefined },
      { action: "report.approve", role: "prepared" },
      { action: "report.approve", role: "checked" },
      { action: "report.approve", role: "approved" },
    ]);
    // The renderings the signatures asked for coalesce into one job (key report:<id>).
    expect(await jobsOf(reportId)).toBe(1);
  });

  it("deletes a report not fully signed, with its job, audited", async () => {
    const { owner, projectId, simulationId } = await studied("delete");
    const reportId = await generated(owner.client, projectId, simulationId);
    await owner.client.trpc.reports.approve.mutate({ projectId, reportId, role: "prepared" });
    await owner.client.trpc.reports.delete.mutate({ projectId, reportId });
    await expectTrpcError(owner.client.trpc.reports.get.query({ projectId, reportId }), "NOT_FOUND");
    expect(await jobsOf(reportId)).toBe(0);
    expect((await auditActions(reportId)).map((a) => a.action)).toEqual([
      "report.create",
      "report.approve",
      "report.delete",
    ]);
  });
});

describe("outdated", () => {
  it("stays current for a new version with the same document, and is outdated once the network changes", async () => {
    const { owner, projectId, simulationId } = await studied("outdated", arcFlashPlant);
    const reportId = await generated(owner.client, projectId, simulationId);
    const get = () => owner.client.trpc.reports.get.query({ projectId, reportId });
    // Version 2 = version 1 re-saved: the hash of its document is the same.
    await owner.client.trpc.circuits.save.mutate({ projectId, baseVersion: 1, document: arcFlashPlant });
    expect(await get()).toMatchObject({ version: 1, currentVersion: 2, outdated: false });

    const changed = structuredClone(arcFlashPlant) as { buses: Array<{ vn_kv: number }> };
    for (const bus of changed.buses.slice(-1)) bus.vn_kv *= 1.05;
    await owner.client.trpc.circuits.save.mutate({ projectId, baseVersion: 2, document: changed });
    expect(await get()).toMatchObject({ version: 1, currentVersion: 3, outdated: true });
    expect((await owner.client.trpc.reports.list.query({ projectId }))[0]?.outdated).toBe(true);
    const sign = await expectTrpcError(
      owner.client.trpc.reports.approve.mutate({ projectId, reportId, role: "prepared" }),
      "PRECONDITION_FAILED",
    );
    expect(sign.message).toBe(
      "the network or the study changed since this report (outdated): generate a new report",
    );
  });
});

describe("tenancy", () => {
  it("refuses every procedure on another company's project and reports", async () => {
    const { owner, projectId, simulationId } = await studied("tenant");
    const reportId = await generated(owner.client, projectId, simulationId);
    const spy = await signUpCompany(api.url, "report-spy");
    const own = await spy.client.trpc.projects.create.mutate({ name: "spy's own" });
    const reports = spy.client.trpc.reports;
    for (const target of [projectId, own.id]) {
      for (const call of [
        () => reports.create.mutate({ projectId: target, simulationId }),
        () => reports.get.query({ projectId: target, reportId }),
        () => reports.approve.mutate({ projectId: target, reportId, role: "prepared" }),
        () => reports.delete.mutate({ projectId: target, reportId }),
        () => reports.download.query({ projectId: target, reportId }),
      ]) {
        await expectTrpcError(call(), "NOT_FOUND");
      }
    }
    await expectTrpcError(reports.list.query({ projectId }), "NOT_FOUND");
    expect(await reports.list.query({ projectId: own.id })).toEqual([]);
    const progress = new Promise((resolve, reject) => {
      reports.progress.subscribe({ projectId, reportId }, { onData: resolve, onError: reject });
    });
    await expectTrpcError(progress, "NOT_FOUND");
    // Nothing of the owner's report changed.
    expect((await owner.client.trpc.reports.get.query({ projectId, reportId })).approvals).toEqual([]);
  });
});

describe("reports.progress", () => {
  it("streams the queued state, the worker's progress and ends when done", async () => {
    const { owner, viewer, projectId, simulationId } = await studied("progress");
    const { id: reportId } = await owner.client.trpc.reports.create.mutate({ projectId, simulationId });
    const events: Array<{ status: string; progress: number; message: string | null }> = [];
    const done = new Promise<void>((resolve, reject) => {
      viewer.client.trpc.reports.progress.subscribe(
        { projectId, reportId },
        {
          onData: ({ status, progress, message }) => events.push({ status, progress, message }),
          onError: reject,
          onComplete: resolve,
        },
      );
    });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    const db = api.deps.database.db;
    expect(await claimReport(db, reportId)).toEqual({ id: reportId, projectId });
    await reportReportProgress(db, { id: reportId, projectId }, 0.5, "rendering the PDF");
    await finishReport(
      db,
      { id: reportId, projectId },
      { status: "done", pdf: PLAYED_PDF, html: "", timings: {} },
    );
    await done;
    expect(events).toEqual([
      { status: "queued", progress: 0, message: null },
      { status: "running", progress: 0.5, message: "rendering the PDF" },
      { status: "done", progress: 1, message: null },
    ]);
    await vi.waitFor(() => expect(api.deps.reportProgress.listenerCount()).toBe(0));
  });
});
