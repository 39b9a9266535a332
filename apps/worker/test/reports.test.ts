// The generate_report task with a real worker, Postgres and the real renderers: a study of the
// arc-flash plant is run by the simulate task, reported, read back with pdftotext (poppler),
// signed and re-rendered, then reported again on a changed version for the revision history.

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { networkDocumentSchema, REPORT_SECTIONS } from "@ampflux/contracts";
import type { ImportReport } from "@ampflux/contracts/importers";
import {
  arcFlashPlant,
  batchStudyResultOf,
  parallelFeeder,
  shortCircuitResultOf,
} from "@ampflux/contracts/testing";
import {
  circuitVersions,
  createDb,
  enqueueReport,
  projects,
  REPORT_PROGRESS_CHANNEL,
  type Report,
  type ReportProgressEvent,
  reportApprovals,
  reportContentHash,
  reports,
  simulations,
  users,
} from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { finished, queueStudy, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
const { db } = client;
let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorker(
    loadWorkerSettings({ DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" }),
  );
});
afterAll(async () => {
  await worker?.stop();
  await client.close();
});

const dir = mkdtempSync(path.join(tmpdir(), "ampflux-worker-reports-"));
/** The PDF's text as pdftotext -layout reads it. */
function pdfText(pdf: Uint8Array, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

async function waitForReport(id: string, timeoutMs = 60_000): Promise<Report> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.select().from(reports).where(eq(reports.id, id));
    if (!row) throw new Error(`report ${id} is gone`);
    if (row.status === "done" || row.status === "failed") return row;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${row.status} (${row.progress})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A succeeded arc-flash + duty study of `document`, run by the real simulate task, by a named engineer. */
async function studied(document: unknown) {
  const queued = await queueStudy(client, document, {
    kind: "short_circuit",
    options: { fault: "3ph", arc_flash: true, duty: true },
  });
  const study = await waitForSimulation(client, queued.id, finished);
  expect(study.status).toBe("succeeded");
  const [project] = await db.select().from(projects).where(eq(projects.id, study.projectId));
  const [ada, bob] = await db
    .insert(users)
    .values(
      ["Ada Lovelace", "Bob Checker"].map((name) => ({
        companyId: project?.companyId ?? "",
        email: `${name.split(" ")[0]?.toLowerCase()}-${study.id.slice(0, 8)}@example.com`,
        name,
        passwordHash: "x",
      })),
    )
    .returning();
  if (!ada || !bob) throw new Error("no users");
  await db.update(simulations).set({ createdBy: ada.id }).where(eq(simulations.id, study.id));
  return { study: { ...study, createdBy: ada.id }, ada, bob };
}

async function queueReport(study: {
  id: string;
  projectId: string;
  circuitVersionId: string;
  options: unknown;
}) {
  const [version] = await db
    .select()
    .from(circuitVersions)
    .where(eq(circuitVersions.id, study.circuitVersionId));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reports)
      .values({
        projectId: study.projectId,
        simulationId: study.id,
        circuitVersionId: study.circuitVersionId,
        options: { paper: "A4", include_branches: false, format: "pdf" },
        contentHash: reportContentHash({
          document: version?.document,
          studyOptions: study.options,
          engine: "test",
        }),
      })
      .returning();
    if (!row) throw new Error("no report");
    await enqueueReport(tx, row.id);
    return row;
  });
}

describe("generate_report task", () => {
  it("renders a stored study to PDF and HTML with every section, its numbers, progress and the approval block", async () => {
    const { study, ada, bob } = await studied(arcFlashPlant);
    const events: ReportProgressEvent[] = [];
    const listening = await client.sql.listen(REPORT_PROGRESS_CHANNEL, (payload) =>
      events.push(JSON.parse(payload)),
    );
    const queued = await queueReport(study);
    const report = await waitForReport(queued.id);
    await listening.unlisten();
    expect(report).toMatchObject({ status: "done", progress: 1, error: null });
    expect(report.timings).toHaveProperty("pdf");
    const pdf = report.pdf ?? new Uint8Array();
    expect(report.size).toBe(pdf.byteLength);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");

    // Progress as the web sees it: the worker's steps in order, then done.
    const mine = events.filter((e) => e.reportId === queued.id);
    expect(mine.map((e) => e.message)).toEqual([
      "loading the study",
      "assembling the report",
      "rendering the HTML page",
      "rendering the PDF",
      "storing the documents",
      null,
    ]);
    expect(mine.at(-1)).toMatchObject({ status: "done", progress: 1 });

    const text = pdfText(pdf, "first");
    // Every section this study has (it has arc flash and duty; branches were not asked for).
    for (const section of REPORT_SECTIONS.filter((s) => s.id !== "branch_results"))
      expect(text).toContain(section.title);
    expect(text).toContain("Arc-flash plant");
    expect(text).toContain("Ada Lovelace");
    expect(text).toContain("IEEE 1584-2018");
    // A number of the stored result: I''k at the 4.16 kV switchgear as the study computed it.
    const swgr = shortCircuitResultOf(study.result).buses.find((b) => b.bus === "swgr");
    expect(swgr?.ikss_ka).toBeGreaterThan(0);
    expect(text).toContain((swgr?.ikss_ka ?? 0).toFixed(2));
    // Approval block: all three roles pending.
    for (const role of ["prepared", "checked", "approved"])
      expect(text).toMatch(new RegExp(`${role}\\s+pending`));
    expect(report.html).toContain("<html");
    expect(report.html).toContain("Revision history");

    // Signed (as the api's approve does: a row, status back to queued, the job again): re-rendered with the names.
    await db.insert(reportApprovals).values([
      { reportId: report.id, role: "prepared", userId: ada.id, userName: ada.name },
      { reportId: report.id, role: "checked", userId: bob.id, userName: bob.name },
    ]);
    await db.transaction(async (tx) => {
      await tx.update(reports).set({ status: "queued", progress: 0 }).where(eq(reports.id, report.id));
      await enqueueReport(tx, report.id);
    });
    const signed = await waitForReport(report.id);
    expect(signed.status).toBe("done");
    const signedText = pdfText(signed.pdf ?? new Uint8Array(), "signed");
    expect(signedText).toMatch(
      /prepared\s+Ada Lovelace\s+ada-\S+@example.com\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
    );
    expect(signedText).toMatch(
      /checked\s+Bob Checker\s+bob-\S+@example.com\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
    );
    expect(signedText).toMatch(/approved\s+pending/);
  });

  it("lists what changed since the previous report of the circuit in the revision history", async () => {
    const { study } = await studied(arcFlashPlant);
    const first = await waitForReport((await queueReport(study)).id);
    expect(first.status).toBe("done");
    // Version 2 of the same project: the MCC's working distance changed.
    const [v1] = await db
      .select()
      .from(circuitVersions)
      .where(eq(circuitVersions.id, study.circuitVersionId));
    const changed = networkDocumentSchema.parse(structuredClone(v1?.document));
    const panel = changed.buses.find((b) => b.id === "panel");
    if (!panel) throw new Error("no panel bus");
    panel.name = "Panel 480 V (renamed)";
    const [v2] = await db
      .insert(circuitVersions)
      .values({ projectId: study.projectId, version: 2, document: changed })
      .returning();
    const [second] = await db
      .insert(simulations)
      .values({ ...study, id: undefined, circuitVersionId: v2?.id ?? "", createdAt: undefined })
      .returning();
    if (!second) throw new Error("no second study");
    const report = await waitForReport((await queueReport(second)).id);
    expect(report.status).toBe("done");
    const text = pdfText(report.pdf ?? new Uint8Array(), "revision");
    expect(text).toContain("buses: 1 changed (panel (name))");
    expect(text).toContain("Panel 480 V (renamed)");
  });

  it("prints the import report of a version made by an import", async () => {
    const { study } = await studied(arcFlashPlant);
    // As circuits.import stores it (apps/api circuits router): the importer's ImportReport.
    const importReport: ImportReport = {
      source: "matpower",
      mapped: [{ from: "bus", to: "buses", count: 7 }],
      defaulted: [
        { field: "lines.endtemp_degree", value: 80, count: 3, why: "MATPOWER has no conductor temperature" },
      ],
      adjusted: [],
      dropped: [{ item: "gencost", count: 2, why: "costs are not used by short-circuit studies" }],
    };
    await db
      .update(circuitVersions)
      .set({ importReport })
      .where(eq(circuitVersions.id, study.circuitVersionId));
    const report = await waitForReport((await queueReport(study)).id);
    expect(report.status).toBe("done");
    const text = pdfText(report.pdf ?? new Uint8Array(), "imported");
    expect(text).toContain("Import report (matpower)");
    expect(text).toContain("defaulted lines.endtemp_degree = 80 on 3: MATPOWER has no conductor temperature");
    expect(text).toContain("dropped 2 × gencost");
    expect(report.html).toContain("Import report (matpower)");
  });

  it("reports a batch study (N-1 sweep) with its worst cases", async () => {
    const queued = await queueStudy(client, parallelFeeder, {
      kind: "batch_study",
      options: { faults: ["3ph"], cases: ["max"], contingencies: ["L1"] },
    });
    const study = await waitForSimulation(client, queued.id, finished);
    expect(study.status).toBe("succeeded");
    const report = await waitForReport((await queueReport(study)).id);
    expect(report).toMatchObject({ status: "done", error: null });
    const text = pdfText(report.pdf ?? new Uint8Array(), "batch");
    // The cover's title says what kind of study it is, like its study row.
    expect(text).toContain("Batch short-circuit study");
    expect(text).toMatch(/Batch study \S+/);
    // The sweep's worst I''k at the far bus, as stored.
    const far = batchStudyResultOf(study.result).worst.find((w) => w.bus === "far");
    expect(far?.ikss_ka).toBeGreaterThan(0);
    expect(text).toContain((far?.ikss_ka ?? 0).toFixed(2));
  });

  it("fails a report whose study has no result at once, saying why", async () => {
    const queued = await queueStudy(client, arcFlashPlant, { kind: "short_circuit", options: {} }, false);
    const report = await waitForReport((await queueReport(queued)).id);
    expect(report).toMatchObject({
      status: "failed",
      error: { message: "the study has no result (it is queued)" },
    });
    expect(report.pdf).toBeNull();
  });
});
