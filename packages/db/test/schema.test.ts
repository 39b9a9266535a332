import { NETWORK_SCHEMA_ID, networkDocumentSchema } from "@ampflux/contracts";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { circuitVersions, companies, createDb, projectMembers, projects, users } from "../src/index.ts";

// SQLSTATE for unique_violation (drizzle wraps the postgres error as `cause`).
const UNIQUE_VIOLATION = "23505";

/** Versions here are about numbering and cascades, not networks: an empty one will do. */
const doc = networkDocumentSchema.parse({ schema: NETWORK_SCHEMA_ID, name: "empty", frequency_hz: 50 });

const client = createDb(inject("databaseUrl"));
const { db } = client;
afterAll(() => client.close());

async function seedCompany(email: string) {
  const [company] = await db.insert(companies).values({ name: "Acme Power" }).returning();
  if (!company) throw new Error("no company");
  const [user] = await db
    .insert(users)
    .values({ companyId: company.id, email, name: "Ada", passwordHash: "x", role: "company_admin" })
    .returning();
  if (!user) throw new Error("no user");
  const [project] = await db
    .insert(projects)
    .values({ companyId: company.id, name: "Substation A", createdBy: user.id })
    .returning();
  if (!project) throw new Error("no project");
  return { company, user, project };
}

describe("database schema (migrations applied to a real Postgres)", () => {
  it("refuses a second user with the same email", async () => {
    await seedCompany("dup@example.com");
    await expect(seedCompany("dup@example.com")).rejects.toMatchObject({
      cause: { code: UNIQUE_VIOLATION, constraint_name: "users_email_index" },
    });
  });

  it("numbers circuit versions uniquely per project", async () => {
    const { project, user } = await seedCompany("versions@example.com");
    await db
      .insert(circuitVersions)
      .values({ projectId: project.id, version: 1, authorId: user.id, document: doc });
    await expect(
      db
        .insert(circuitVersions)
        .values({ projectId: project.id, version: 1, authorId: user.id, document: doc }),
    ).rejects.toMatchObject({ cause: { code: UNIQUE_VIOLATION } });
    const other = await seedCompany("versions2@example.com");
    await db.insert(circuitVersions).values({ projectId: other.project.id, version: 1, document: doc });
  });

  it("cascades a company's deletion to its users, projects and versions", async () => {
    const { company, project, user } = await seedCompany("cascade@example.com");
    await db.insert(projectMembers).values({ projectId: project.id, userId: user.id, role: "owner" });
    await db.insert(circuitVersions).values({ projectId: project.id, version: 1, document: doc });
    await db.delete(companies).where(eq(companies.id, company.id));
    expect(await db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
    expect(await db.select().from(circuitVersions).where(eq(circuitVersions.projectId, project.id))).toEqual(
      [],
    );
  });

  it("keeps a version when its author is deleted", async () => {
    const { project, user } = await seedCompany("author@example.com");
    const [version] = await db
      .insert(circuitVersions)
      .values({ projectId: project.id, version: 1, authorId: user.id, document: doc })
      .returning();
    await db.delete(users).where(eq(users.id, user.id));
    const [kept] = await db
      .select()
      .from(circuitVersions)
      .where(eq(circuitVersions.id, version?.id ?? ""));
    expect(kept?.authorId).toBeNull();
  });

  it("has the indexes the product's queries rely on", async () => {
    const rows = await client.sql<{ indexname: string }[]>`
      select indexname from pg_indexes where schemaname = 'public'`;
    const names = rows.map((r) => r.indexname);
    for (const expected of [
      "users_email_index",
      "projects_company_id_index",
      "circuit_versions_project_id_index",
      "simulations_project_id_created_at_index",
      "audit_logs_user_id_created_at_index",
    ]) {
      expect(names).toContain(expected);
    }
  });
});
