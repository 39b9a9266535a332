import { NETWORK_SCHEMA_ID, networkDocumentSchema } from "@ampflux/contracts";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  circuitVersions,
  claimReport,
  companies,
  createDb,
  finishReport,
  projects,
  reportApprovals,
  reportContentHash,
  reports,
  simulations,
  users,
} from "../src/index.ts";

// SQLSTATE for unique_violation (drizzle wraps the postgres error as `cause`).
const UNIQUE_VIOLATION = "23505";

const doc = networkDocumentSchema.parse({ schema: NETWORK_SCHEMA_ID, name: "empty", frequency_hz: 50 });

const client = createDb(inject("databaseUrl"));
const { db } = client;
afterAll(() => client.close());

async function seedReport(email: string) {
  const [company] = await db.insert(companies).values({ name: "Acme Power" }).returning();
  if (!company) throw new Error("no company");
  const [user] = await db
    .insert(users)
    .values({ companyId: company.id, email, name: "Ada", passwordHash: "x" })
    .returning();
  const [other] = await db
    .insert(users)
    .values({ companyId: company.id, email: `b.${email}`, name: "Bob", passwordHash: "x" })
    .returning();
  const [project] = await db.insert(projects).values({ companyId: company.id, name: "Sub A" }).returning();
  if (!user || !other || !project) throw new Error("seed failed");
  const [version] = await db
    .insert(circuitVersions)
    .values({ projectId: project.id, version: 1, document: doc })
    .returning();
  if (!version) throw new Error("no version");
  const [simulation] = await db
    .insert(simulations)
    .values({
      projectId: project.id,
      circuitVersionId: version.id,
      kind: "short_circuit",
      options: {} as never,
      optionsHash: "h",
    })
    .returning();
  if (!simulation) throw new Error("no simulation");
  const [report] = await db
    .insert(reports)
    .values({
      projectId: project.id,
      simulationId: simulation.id,
      circuitVersionId: version.id,
      options: { paper: "A4", include_branches: false, format: "pdf" },
      contentHash: reportContentHash({ document: doc, studyOptions: {}, engine: "test" }),
      createdBy: user.id,
    })
    .returning();
  if (!report) throw new Error("no report");
  return { user, other, report };
}

describe("reports and their approvals (migration 0007 on a real Postgres)", () => {
  it("hashes the inputs whatever their key order, and changes with the document, options or engine", () => {
    const base = { document: { a: 1, b: [1, { c: 2, d: 3 }] }, studyOptions: { fault: "3ph" }, engine: "e1" };
    const same = reportContentHash({
      document: { b: [1, { d: 3, c: 2 }], a: 1 },
      studyOptions: { fault: "3ph" },
      engine: "e1",
    });
    expect(same).toBe(reportContentHash(base));
    expect(reportContentHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(reportContentHash({ ...base, document: { a: 2, b: [1, { c: 2, d: 3 }] } })).not.toBe(same);
    expect(reportContentHash({ ...base, studyOptions: { fault: "1ph" } })).not.toBe(same);
    expect(reportContentHash({ ...base, engine: "e2" })).not.toBe(same);
  });

  it("stores the PDF bytes exactly and only finishes a running report once", async () => {
    const { report } = await seedReport("bytes@example.com");
    expect(await finishReport(db, report, { status: "failed", error: { message: "x" } })).toBe(false);
    expect(await claimReport(db, report.id)).toEqual({ id: report.id, projectId: report.projectId });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255, 10]);
    expect(await finishReport(db, report, { status: "done", pdf, html: "<p>r</p>", timings: {} })).toBe(true);
    expect(await finishReport(db, report, { status: "failed", error: { message: "late" } })).toBe(false);
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row?.status).toBe("done");
    expect(row?.size).toBe(7);
    expect([...(row?.pdf ?? [])]).toEqual([...pdf]);
    expect(await claimReport(db, report.id)).toBeUndefined();
  });

  it("allows one signature per role and one role per person", async () => {
    const { user, other, report } = await seedReport("sign@example.com");
    await db
      .insert(reportApprovals)
      .values({ reportId: report.id, role: "prepared", userId: user.id, userName: "Ada" });
    await expect(
      db
        .insert(reportApprovals)
        .values({ reportId: report.id, role: "prepared", userId: other.id, userName: "Bob" }),
    ).rejects.toMatchObject({ cause: { code: UNIQUE_VIOLATION } });
    await expect(
      db
        .insert(reportApprovals)
        .values({ reportId: report.id, role: "checked", userId: user.id, userName: "Ada" }),
    ).rejects.toMatchObject({ cause: { code: UNIQUE_VIOLATION } });
    await db
      .insert(reportApprovals)
      .values({ reportId: report.id, role: "checked", userId: other.id, userName: "Bob" });
  });

  it("keeps a signature, with the signer's name, when the account is deleted", async () => {
    const { user, report } = await seedReport("gone@example.com");
    await db
      .insert(reportApprovals)
      .values({ reportId: report.id, role: "prepared", userId: user.id, userName: "Ada" });
    await db.delete(users).where(eq(users.id, user.id));
    const [kept] = await db.select().from(reportApprovals).where(eq(reportApprovals.reportId, report.id));
    expect(kept).toMatchObject({ userId: null, userName: "Ada", role: "prepared" });
  });
});
