// The whole report flow over tRPC with the real worker (as the web and CLI use it): run an
// arc-flash study, create a report, follow its progress to done, download the PDF and read it
// with pdftotext, sign it as a second user and download the re-rendered PDF with the name.

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { arcFlashPlant } from "@ampflux/contracts/testing";
import { createTestDatabase, type TestDatabase } from "@ampflux/db/testing";
// Test-only use of the worker (the api queues jobs, the worker runs them; no runtime dependency).
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { addCompanyUser, startTestApi, type TestClient } from "./helpers.ts";
import { savedProject } from "./networks.ts";

// A database of its own: a worker on the run's shared database would take the jobs other test
// files queue to play the worker themselves (simulations-progress, reports).
let database: TestDatabase;
let api: RunningApi;
let worker: RunningWorker;
beforeAll(async () => {
  database = await createTestDatabase("api_reports");
  api = await startTestApi({ DATABASE_URL: database.url });
  worker = await startWorker(
    loadWorkerSettings({ DATABASE_URL: database.url, WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" }),
  );
});
afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await database?.drop();
});

const dir = mkdtempSync(path.join(tmpdir(), "ampflux-api-reports-"));
async function downloadedText(
  client: TestClient,
  input: { projectId: string; reportId: string },
  name: string,
) {
  const file = await client.trpc.reports.download.query(input);
  expect(file.contentType).toBe("application/pdf");
  const bytes = Buffer.from(file.base64, "base64");
  expect(bytes.byteLength).toBe(file.size);
  const at = path.join(dir, `${name}.pdf`);
  writeFileSync(at, bytes);
  return execFileSync("pdftotext", ["-layout", at, "-"], { encoding: "utf8" });
}

/** Follows reports.progress until the stream ends; returns the statuses seen. */
function followed(client: TestClient, input: { projectId: string; reportId: string }) {
  const seen: string[] = [];
  return new Promise<string[]>((resolve, reject) => {
    client.trpc.reports.progress.subscribe(input, {
      onData: (e) => seen.push(e.status),
      onError: reject,
      onComplete: () => resolve(seen),
    });
  });
}

describe("reports with the worker", () => {
  it("creates → done → PDF with the sections; a second user signs and the PDF shows it", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "report-e2e", arcFlashPlant);
    const checker = await addCompanyUser(api.url, owner.client, "report-e2e-checker");
    await owner.client.trpc.projects.members.set.mutate({
      projectId,
      userId: checker.user.id,
      role: "editor",
    });
    const study = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: { fault: "3ph", arc_flash: true } },
    });
    expect(study.status).toBe("succeeded");

    const { id: reportId } = await owner.client.trpc.reports.create.mutate({
      projectId,
      simulationId: study.id,
      options: { paper: "Letter" },
    });
    const input = { projectId, reportId };
    const statuses = await followed(viewer.client, input);
    expect(statuses.at(-1)).toBe("done");
    const got = await viewer.client.trpc.reports.get.query(input);
    expect(got).toMatchObject({ status: "done", progress: 1, outdated: false, error: null });
    expect(got.size).toBeGreaterThan(10_000);

    const text = await downloadedText(viewer.client, input, "created");
    for (const title of [
      "Inputs",
      "One-line diagram",
      "Results per bus",
      "Arc flash",
      "Methods",
      "Revision history",
      "Approval",
    ])
      expect(text).toContain(title);
    expect(text).toContain("Arc-flash plant v1");
    // The footer prints the content hash the api took when the report was created.
    expect(text).toContain(got.contentHash);
    expect(text).toMatch(/prepared\s+pending/);

    await owner.client.trpc.reports.approve.mutate({ ...input, role: "prepared" });
    await vi.waitFor(
      async () => expect((await owner.client.trpc.reports.get.query(input)).status).toBe("done"),
      {
        timeout: 30_000,
      },
    );
    await checker.client.trpc.reports.approve.mutate({ ...input, role: "checked" });
    await vi.waitFor(
      async () => expect((await owner.client.trpc.reports.get.query(input)).status).toBe("done"),
      {
        timeout: 30_000,
      },
    );
    const signed = await downloadedText(viewer.client, input, "signed");
    expect(signed).toMatch(/prepared\s+report-e2e user/);
    expect(signed).toMatch(/checked\s+report-e2e-checker user/);
    expect(signed).toMatch(/approved\s+pending/);
  });
});
